/**
 * Turns an event into outbox rows (docs/notifications.md): one per webhook endpoint that wants its
 * type, one for the applicant of its document when they gave an address, one per staff address
 * for staff events — in the caller's transaction, so that the event and its messages commit
 * together. E-mail rows are queued only when e-mail is configured (else nothing would send them).
 * The rows hold no address: the channels read it when they send.
 */
import type { Outbox } from '../outbox/index.js';
import { ApplicantContacts } from './applicant-contacts.js';
import type { EventBody, NotificationEvent } from './events.js';
import type { WebhookEndpoints } from './webhook-endpoints.js';

export interface NotifierOptions {
  readonly outbox: Outbox;
  readonly endpoints: WebhookEndpoints;
  readonly contacts: ApplicantContacts;
  /** The staff addresses of `notifications.email.staff`, or undefined when e-mail is off. */
  readonly staffEmails: readonly string[] | undefined;
}

export class Notifier {
  constructor(private readonly o: NotifierOptions) {}

  /** True when e-mails are sent at all (`notifications.email` is configured). */
  get email(): boolean {
    return this.o.staffEmails !== undefined;
  }

  /** Queues the messages of `event`, inside the caller's open transaction. */
  emitInTransaction(event: NotificationEvent): void {
    const { outbox, endpoints, contacts, staffEmails } = this.o;
    const payload: EventBody = { type: event.type, timestamp: event.time, data: event.data };
    const message = (channel: string, recipient: string): void => {
      outbox.enqueueInTransaction({ channel, recipient, eventId: event.id, eventType: event.type, payload, ...(event.notBefore === undefined ? {} : { notBefore: event.notBefore }) });
    };
    for (const id of endpoints.subscribed(event.type)) message('webhook', `webhook:${id}`);
    if (staffEmails === undefined) return;
    if (event.applicant !== undefined && contacts.has(event.applicant)) message('email', `applicant:${event.applicant}`);
    if (event.staff === true) for (const address of staffEmails) message('email', `staff:${address}`);
  }
}
