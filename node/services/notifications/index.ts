/**
 * Notifications that reach people (issue 12; docs/notifications.md): the events of the node as
 * e-mails to applicants and staff and as signed webhooks to the office's own systems, all sent
 * through the outbox (node/services/outbox). One set per node context.
 */
import { readFileSync } from 'node:fs';
import { IpexError } from '../../../protocol/errors/index.js';
import type { EmailSettings } from '../../config/config.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { emailChannel } from './email/email-channel.js';
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

/**
 * Plugs the notification channels into the node's outbox (before its worker starts). Reads the
 * SMTP password and CA now, so that a missing one stops the start with CONFIG_INVALID.
 * Returns what to close when the node stops.
 */
export function registerNotificationChannels(context: NodeContext): () => void {
  const { endpoints, contacts } = notificationsFor(context);
  const outbox = outboxFor(context);
  outbox.registerChannel(webhookChannel({ db: context.db, clock: context.clock, endpoints }));
  const settings = context.config.notifications.email;
  if (settings === undefined) return () => undefined;
  const { password, ca } = emailSecrets(settings);
  const channel = emailChannel({ db: context.db, settings, password, ca, contacts, office: { code: context.identity.code, name: context.config.office.name } });
  outbox.registerChannel(channel);
  return () => channel.close();
}

/** The SMTP password and CA that `notifications.email` names (auth.passwordFile or .passwordEnv, caFile), read now. @throws IpexError CONFIG_INVALID when one cannot be read */
export function emailSecrets(settings: EmailSettings): { password: string | undefined; ca: string | undefined } {
  const read = (file: string, what: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new IpexError('CONFIG_INVALID', `notifications.email.${what} names ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
    }
  };
  let password: string | undefined;
  if (settings.auth?.passwordFile !== undefined) password = read(settings.auth.passwordFile, 'auth.passwordFile').replace(/\r?\n$/, '');
  if (settings.auth?.passwordEnv !== undefined) {
    password = process.env[settings.auth.passwordEnv];
    if (password === undefined || password === '') throw new IpexError('CONFIG_INVALID', `notifications.email.auth.passwordEnv names ${settings.auth.passwordEnv}, which is not set`);
  }
  return { password, ca: settings.caFile === undefined ? undefined : read(settings.caFile, 'caFile') };
}
