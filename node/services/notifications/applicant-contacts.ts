/**
 * The applicant's e-mail address and language for one priority document (migration 012): set at
 * deposit by the clerk or later by the applicant, replaced or removed at will. Not part of the
 * certified manifest (privacy: a certified copy travels to other offices and courts), never in
 * an audit entry, an outbox row or a log line — the outbox names the applicant
 * `applicant:<documentId>` and the e-mail channel reads the address when it sends.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';
import { isLanguage, type LanguageCode } from '../../portal/i18n/languages.js';

export interface ApplicantContact {
  readonly email: string;
  readonly language: LanguageCode;
}

// An address an SMTP server takes (RFC 5321 limits); no display name, no comment, no IP literal.
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Checks an address. @throws IpexError APPLICANT_EMAIL_INVALID */
export function checkEmail(input: unknown, what = 'the applicant\'s e-mail address'): string {
  if (typeof input !== 'string' || input.length > 254 || !ADDRESS.test(input) || input.includes('..') || input.startsWith('.') || input.includes('.@')) {
    throw new IpexError('APPLICANT_EMAIL_INVALID', `${what} must be a plain address such as name@example.org`);
  }
  return input;
}

/** Checks a language. @throws IpexError APPLICANT_LANGUAGE_INVALID */
export function checkLanguage(input: unknown): LanguageCode {
  if (!isLanguage(input)) throw new IpexError('APPLICANT_LANGUAGE_INVALID', 'the applicant\'s language must be one of en, fr, es, ar, zh, ru');
  return input;
}

/** Checks a contact from the wire or the command line (language defaults to English). */
export function checkContact(input: { email?: unknown; language?: unknown }): ApplicantContact {
  return { email: checkEmail(input.email), language: input.language === undefined ? 'en' : checkLanguage(input.language) };
}

export class ApplicantContacts {
  readonly #sql: ReturnType<typeof cachedStatements>;

  constructor(db: SqliteDatabase) {
    this.#sql = cachedStatements(db);
  }

  get(documentId: string): ApplicantContact | undefined {
    const row = this.#sql('SELECT email, language FROM applicant_contacts WHERE document_id = ?').get(documentId) as { email: string; language: LanguageCode } | undefined;
    return row === undefined ? undefined : { email: row.email, language: row.language };
  }

  /** True when the applicant gave an address (cheap: on the retrieval path). */
  has(documentId: string): boolean {
    return this.#sql('SELECT 1 FROM applicant_contacts WHERE document_id = ?').get(documentId) !== undefined;
  }

  /** Sets or replaces the contact, inside the caller's transaction. */
  set(documentId: string, contact: ApplicantContact, now: string): void {
    this.#sql(`INSERT INTO applicant_contacts (document_id, email, language, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (document_id) DO UPDATE SET email = excluded.email, language = excluded.language, updated_at = excluded.updated_at`)
      .run(documentId, contact.email, contact.language, now);
  }

  remove(documentId: string): boolean {
    return this.#sql('DELETE FROM applicant_contacts WHERE document_id = ?').run(documentId).changes === 1;
  }
}
