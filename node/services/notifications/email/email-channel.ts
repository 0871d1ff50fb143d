/**
 * The `email` channel of the outbox (docs/notifications.md "E-mail"): sends one message over SMTP
 * with nodemailer, to `applicant:<documentId>` (the address and language read now, from
 * applicant_contacts: never stored in the outbox) or `staff:<address>` (in
 * `notifications.email.staffLanguage`).
 *
 * The Message-ID is deterministic — `<eventId.hash-of-recipient@office.ipex>` — so that a message
 * sent again after a crash between the server's 250 and the commit (which no SMTP client can
 * exclude) carries the same id, and a server or client that deduplicates by it drops the repeat.
 * A 5xx answer (RFC 5321: permanent) is a dead letter at once; anything else is tried again.
 */
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import type { EmailSettings } from '../../../config/config.js';
import type { LanguageCode } from '../../../portal/i18n/languages.js';
import { DeliveryFailure, type OutboxChannel, type OutboxRow } from '../../outbox/index.js';
import type { ApplicantContacts } from '../applicant-contacts.js';
import type { EventBody } from '../events.js';
import type { SqliteDatabase } from '../../../storage/database.js';
import { checkStillDue } from '../still-due.js';

export interface EmailChannelOptions {
  readonly db: SqliteDatabase;
  readonly settings: EmailSettings;
  /** The SMTP password, read at start from the file or variable the settings name. */
  readonly password: string | undefined;
  /** PEM of the extra CA, read at start. */
  readonly ca: string | undefined;
  readonly contacts: ApplicantContacts;
  /** This office's ST.3 code and name, for the texts and the Message-ID. */
  readonly office: { readonly code: string; readonly name: string };
}

/** The Message-ID of one event's e-mail to one recipient: the same on every attempt. */
export function messageId(eventId: string, recipient: string, officeCode: string): string {
  return `<${eventId}.${createHash('sha256').update(recipient).digest('hex').slice(0, 16)}@${officeCode.toLowerCase()}.ipex>`;
}

export function emailChannel(o: EmailChannelOptions): OutboxChannel & { close(): void } {
  const { settings } = o;
  // nodemailer is loaded on the first message, not at start: a node that sends no mail, and every
  // CLI command that opens the node's context, is spared its ~10 MB (issue 14, idle memory).
  let transport: Promise<Transporter> | undefined;
  const transporter = (): Promise<Transporter> => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.security === 'tls',
    requireTLS: settings.security === 'starttls',
    ignoreTLS: settings.security === 'none',
    ...(settings.auth === undefined ? {} : { auth: { user: settings.auth.user, pass: o.password ?? '' } }),
    ...(o.ca === undefined ? {} : { tls: { ca: o.ca } }),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  })));
  // The renderer (the portal's translator, its six message catalogues and intl-messageformat)
  // is loaded with the first message too: `ipex documents list` and the like open the deposit
  // service, and with it this channel, but send nothing (issue 14, CLI start-up).
  let render: Promise<typeof import('./render.js')> | undefined;
  return {
    name: 'email',
    close: () => void transport?.then((t) => t.close()),
    async send(row: OutboxRow): Promise<void> {
      checkStillDue(o.db, row);
      let to: string;
      let language: LanguageCode;
      let audience: 'applicant' | 'staff';
      if (row.recipient.startsWith('applicant:')) {
        const contact = o.contacts.get(row.recipient.slice('applicant:'.length));
        if (contact === undefined) throw new DeliveryFailure('the applicant removed their e-mail address', 'obsolete');
        ({ email: to, language } = contact);
        audience = 'applicant';
      } else if (row.recipient.startsWith('staff:')) {
        to = row.recipient.slice('staff:'.length);
        language = settings.staffLanguage;
        audience = 'staff';
      } else {
        throw new DeliveryFailure(`no e-mail recipient ${row.recipient.slice(0, 40)}`, 'permanent');
      }
      const { renderEmail } = await (render ??= import('./render.js'));
      const mail = renderEmail(row.payload as EventBody, language, o.office.name, audience);
      try {
        await (await transporter()).sendMail({
          from: settings.from, to, subject: mail.subject, text: mail.text, html: mail.html,
          messageId: messageId(row.eventId, row.recipient, o.office.code),
          headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': language },
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        // Never the address in the error: it is shown to staff and kept in the outbox.
        // nodemailer says ESOCKET for every network failure; the system's reason is in its message.
        const system = /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)\b/.exec((err as Error).message)?.[1];
        const what = `${(err as { code?: string }).code ?? (err as Error).name}${system === undefined ? '' : ` (${system})`}`;
        const tls = (err as { code?: string }).code === 'ETLS' && (err as { command?: string }).command === 'STARTTLS';
        const why = tls ? `SMTP ${settings.host}:${settings.port} did not take STARTTLS${code === undefined ? '' : ` (it answered ${code})`}, which security "starttls" requires: nothing was sent in clear`
          : code === undefined ? `SMTP ${settings.host}:${settings.port}: ${what}` : `the SMTP server answered ${code}`;
        throw new DeliveryFailure(why, code !== undefined && code >= 500 ? 'permanent' : 'transient');
      }
    },
  };
}
