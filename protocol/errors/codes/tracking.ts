/** Codes of tracked files: subscriptions to a peer's application and their signed notifications (docs/tracked-files.md). */
import { defineCodes } from '../spec.js';

export const trackingCodes = defineCodes({
  SUBSCRIPTION_NOT_FOUND: { status: 404, title: 'There is no subscription with this id for this office' },
  SUBSCRIPTION_CANCELLED: { status: 410, title: 'The subscription was cancelled; nothing more is sent or taken for it' },
  NOTIFICATION_INVALID: { status: 400, title: 'The notification does not match its subscription: another office or application' },
});
