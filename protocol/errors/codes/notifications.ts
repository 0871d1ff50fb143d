/** Codes of the outbox and the notifications sent through it: e-mail, webhooks (docs/notifications.md). */
import { defineCodes } from '../spec.js';

export const notificationCodes = defineCodes({
  OUTBOX_MESSAGE_NOT_FOUND: { status: 404, title: 'There is no outbox message with this id' },
  OUTBOX_NOT_DEAD: { status: 409, title: 'Only a dead letter can be retried; this message is queued, sent or cancelled' },
});
