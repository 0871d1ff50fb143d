/**
 * Notifications that reach people (issue 12; docs/notifications.md): the events of the node as
 * e-mails to applicants and staff and as signed webhooks to the office's own systems, all sent
 * through the outbox (node/services/outbox). One set per node context.
 */
import type { NodeContext } from '../../runtime/node-context.js';
import { outboxFor } from '../outbox/index.js';
import { ApplicantContacts } from './applicant-contacts.js';
import { Notifier } from './notifier.js';
import { webhookChannel } from './webhook-channel.js';
import { WebhookEndpoints } from './webhook-endpoints.js';

export { EVENT_TYPES, isEventType, type EventType, type NotificationEvent, type EventBody } from './events.js';
export { Notifier } from './notifier.js';
export { ApplicantContacts, checkContact, checkEmail, checkLanguage, type ApplicantContact } from './applicant-contacts.js';
export { WebhookEndpoints, type WebhookEndpoint } from './webhook-endpoints.js';

export interface Notifications {
  readonly notifier: Notifier;
  readonly endpoints: WebhookEndpoints;
  readonly contacts: ApplicantContacts;
}

const byContext = new WeakMap<NodeContext, Notifications>();

export function notificationsFor(context: NodeContext): Notifications {
  let known = byContext.get(context);
  if (known === undefined) {
    const endpoints = new WebhookEndpoints(context.db, context.clock, context.audit);
    const contacts = new ApplicantContacts(context.db);
    const notifier = new Notifier({ outbox: outboxFor(context), endpoints, contacts, staffEmails: context.config.notifications.email?.staff });
    known = { notifier, endpoints, contacts };
    byContext.set(context, known);
  }
  return known;
}

/** Plugs the notification channels into the node's outbox (before its worker starts). */
export function registerNotificationChannels(context: NodeContext): void {
  const { endpoints } = notificationsFor(context);
  const outbox = outboxFor(context);
  outbox.registerChannel(webhookChannel({ db: context.db, clock: context.clock, endpoints }));
}
