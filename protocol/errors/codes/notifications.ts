/** Codes of the outbox and the notifications sent through it: e-mail, webhooks (docs/notifications.md). */
import { defineCodes } from '../spec.js';

export const notificationCodes = defineCodes({
  OUTBOX_MESSAGE_NOT_FOUND: { status: 404, title: 'There is no outbox message with this id' },
  OUTBOX_NOT_DEAD: { status: 409, title: 'Only a dead letter can be retried; this message is queued, sent or cancelled' },
  WEBHOOK_URL_INVALID: { status: 400, title: 'A webhook URL must be https (http only on loopback), without credentials or fragment' },
  WEBHOOK_EVENT_UNKNOWN: { status: 400, title: 'A webhook names an event type that the node does not send' },
  WEBHOOK_NOT_FOUND: { status: 404, title: 'There is no webhook endpoint with this id' },
  APPLICANT_EMAIL_INVALID: { status: 400, title: 'The applicant\'s e-mail address is not an address the node can send to' },
  APPLICANT_LANGUAGE_INVALID: { status: 400, title: 'The applicant\'s language must be one of en, fr, es, ar, zh, ru' },
});
