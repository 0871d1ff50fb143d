/**
 * Sessions of the office API (docs/portal.md "Sessions"): a person signs in once — staff with
 * their staff token, an applicant with the applicant key of a document — and the browser then
 * holds only a random session id in an HttpOnly cookie, so that neither the token nor the key
 * sits in a page, a URL or the browser's storage. The same session serves the portal's page
 * handlers and its browser scripts, both of which go through the office API.
 *
 * Only the SHA-256 of a session id is stored (a copy of the database signs nobody in). Each use
 * re-checks what the session stands on: the staff token must not be revoked, each applicant
 * key must still be live, and the idle and absolute limits (config `sessions.*`) must not have
 * passed by the injected clock. The CSRF token is derived from the session id, so it is bound to
 * the session and needs no storage; only a holder of the cookie's value can compute it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { IpexError } from '../../../protocol/errors/index.js';
import type { Clock, RandomSource } from '../../../protocol/runtime/clock.js';
import type { SessionSettings } from '../../config/config.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { StaffTokenInfo, StaffTokens } from '../staff/staff-tokens.js';

/** What a session stands for, once resolved. */
export type ResolvedSession =
  | { readonly kind: 'staff'; readonly token: StaffTokenInfo; readonly expiresAt: string }
  | { readonly kind: 'applicant'; readonly documents: readonly string[]; readonly expiresAt: string };

/** What a sign-in presents. */
export type Credentials = { readonly staffToken: string } | { readonly applicantKey: string };

/** Where a request came from, for the audit entry of a sign-in. */
export interface SignInOrigin {
  readonly remoteAddress: string;
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const APPLICANT_KEY = /^ipexak_[A-Za-z0-9_-]{43}$/;
/** `last_seen_at` is written at most this often: a session used every second is not a write every second. */
const TOUCH_EVERY_MS = 60_000;

interface SessionRow {
  kind: 'staff' | 'applicant';
  staff_token_id: number | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}

export class Sessions {
  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
    private readonly random: RandomSource,
    private readonly settings: SessionSettings,
    private readonly tokens: StaffTokens,
    private readonly audit: Pick<AuditLog, 'appendInTransaction' | 'append'>,
    private readonly office: string,
  ) {}

  /**
   * Signs in: checks the credential and opens a session. A wrong credential is logged as a
   * refused sign-in (never the credential itself) and answered AUTH_INVALID.
   */
  signIn(credentials: Credentials, origin: SignInOrigin): { sessionId: string; session: ResolvedSession } {
    const now = this.clock.now();
    const sessionId = this.random.bytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.settings.absoluteHours * 3_600_000).toISOString();
    if ('staffToken' in credentials) {
      const token = this.tokens.authenticate(credentials.staffToken);
      if (token === undefined) throw this.#refused('staff-token', origin, 'the staff token is unknown or revoked');
      this.db.transaction(() => {
        this.#insert(sessionId, 'staff', token.id, now, expiresAt);
        this.audit.appendInTransaction({
          type: 'session.signed-in', actor: { kind: 'staff', office: this.office, tokenId: token.id }, outcome: 'ok',
          details: { credential: 'staff-token', role: token.role, remoteAddress: origin.remoteAddress },
        });
      }).immediate();
      return { sessionId, session: { kind: 'staff', token, expiresAt } };
    }
    const key = this.liveApplicantKey(credentials.applicantKey);
    if (key === undefined) throw this.#refused('applicant-key', origin, 'the applicant key is unknown or no longer valid');
    this.db.transaction(() => {
      this.#insert(sessionId, 'applicant', null, now, expiresAt);
      this.#addKey(sessionId, key, now);
      this.#auditApplicant('session.signed-in', key.documentId, origin);
    }).immediate();
    return { sessionId, session: { kind: 'applicant', documents: [key.documentId], expiresAt } };
  }

  /** Adds a document to an applicant session by its applicant key (one session, several documents). */
  addDocument(sessionId: string, applicantKey: string, origin: SignInOrigin): ResolvedSession {
    const session = this.resolve(sessionId);
    if (session?.kind !== 'applicant') throw new IpexError('SESSION_EXPIRED', 'documents are added to a live applicant session only');
    const key = this.liveApplicantKey(applicantKey);
    if (key === undefined) throw this.#refused('applicant-key', origin, 'the applicant key is unknown or no longer valid');
    this.db.transaction(() => {
      this.#addKey(sessionId, key, this.clock.now());
      this.#auditApplicant('session.document-added', key.documentId, origin);
    }).immediate();
    return this.resolve(sessionId)!;
  }

  /**
   * The live session of a cookie value, or undefined when it is unknown, ended, idle too long,
   * past its absolute limit, or what it stands on was revoked.
   */
  resolve(sessionId: string): ResolvedSession | undefined {
    if (!SESSION_ID.test(sessionId)) return undefined;
    const hash = sha256Hex(sessionId);
    const row = this.db.prepare('SELECT kind, staff_token_id, created_at, last_seen_at, expires_at, ended_at FROM portal_sessions WHERE id_sha256 = ?')
      .get(hash) as SessionRow | undefined;
    if (row === undefined || row.ended_at !== null) return undefined;
    const now = this.clock.now().getTime();
    const lastSeen = Date.parse(row.last_seen_at);
    if (now >= Date.parse(row.expires_at) || now >= lastSeen + this.settings.idleMinutes * 60_000) return undefined;
    let session: ResolvedSession | undefined;
    if (row.kind === 'staff') {
      const token = this.tokens.list().find((t) => t.id === row.staff_token_id);
      if (token === undefined || token.revokedAt !== null) return undefined;
      session = { kind: 'staff', token, expiresAt: row.expires_at };
    } else {
      const documents = (this.db.prepare(`SELECT s.document_id FROM portal_session_documents s JOIN applicant_keys k ON k.id = s.applicant_key_id
        WHERE s.session_sha256 = ? AND k.revoked_at IS NULL ORDER BY s.added_at, s.document_id`).all(hash) as { document_id: string }[]).map((r) => r.document_id);
      if (documents.length === 0) return undefined;
      session = { kind: 'applicant', documents, expiresAt: row.expires_at };
    }
    if (now - lastSeen >= TOUCH_EVERY_MS) {
      this.db.prepare('UPDATE portal_sessions SET last_seen_at = ? WHERE id_sha256 = ?').run(new Date(now).toISOString(), hash);
    }
    return session;
  }

  /** Ends a session at once (sign-out); ending an ended or unknown session is refused. */
  end(sessionId: string): void {
    const session = this.resolve(sessionId);
    if (session === undefined) throw new IpexError('SESSION_EXPIRED', 'the session has already ended');
    this.db.transaction(() => {
      this.db.prepare('UPDATE portal_sessions SET ended_at = ? WHERE id_sha256 = ? AND ended_at IS NULL').run(this.clock.now().toISOString(), sha256Hex(sessionId));
      this.audit.appendInTransaction({
        type: 'session.ended',
        actor: session.kind === 'staff' ? { kind: 'staff', office: this.office, tokenId: session.token.id } : { kind: 'applicant', office: this.office },
        outcome: 'ok',
      });
    }).immediate();
  }

  /** Logs a sign-in refused before any credential was looked at (rate limit). */
  recordRateLimited(credential: 'staff-token' | 'applicant-key', origin: SignInOrigin): void {
    this.#logRefusal(credential, origin, 'SIGN_IN_RATE_LIMITED');
  }

  #refused(credential: 'staff-token' | 'applicant-key', origin: SignInOrigin, message: string): IpexError {
    this.#logRefusal(credential, origin, 'AUTH_INVALID');
    return new IpexError('AUTH_INVALID', message);
  }

  #logRefusal(credential: 'staff-token' | 'applicant-key', origin: SignInOrigin, code: string): void {
    // Group-committed: a refusal is answered at once, and the entry follows within milliseconds.
    this.audit.append({
      type: 'session.signed-in', actor: { kind: credential === 'staff-token' ? 'staff' : 'applicant' }, outcome: 'refused', code,
      details: { credential, remoteAddress: origin.remoteAddress },
    }).catch(() => undefined);
  }

  #auditApplicant(type: string, documentId: string, origin: SignInOrigin): void {
    this.audit.appendInTransaction({
      type, actor: { kind: 'applicant', office: this.office }, outcome: 'ok', subject: { documentId, office: this.office },
      details: { credential: 'applicant-key', remoteAddress: origin.remoteAddress },
    });
  }

  #insert(sessionId: string, kind: 'staff' | 'applicant', tokenId: number | null, now: Date, expiresAt: string): void {
    const at = now.toISOString();
    this.db.prepare('INSERT INTO portal_sessions (id_sha256, kind, staff_token_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha256Hex(sessionId), kind, tokenId, at, at, expiresAt);
  }

  #addKey(sessionId: string, key: { id: number; documentId: string }, now: Date): void {
    this.db.prepare(`INSERT INTO portal_session_documents (session_sha256, applicant_key_id, document_id, added_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (session_sha256, document_id) DO UPDATE SET applicant_key_id = excluded.applicant_key_id`)
      .run(sha256Hex(sessionId), key.id, key.documentId, now.toISOString());
  }

  /** A live applicant key, found by its hash (as staff tokens are: a 256-bit key cannot be found from hash prefixes). */
  liveApplicantKey(key: string): { id: number; documentId: string } | undefined {
    if (!APPLICANT_KEY.test(key)) return undefined;
    const row = this.db.prepare('SELECT id, document_id FROM applicant_keys WHERE key_sha256 = ? AND revoked_at IS NULL').get(sha256Hex(key)) as
      { id: number; document_id: string } | undefined;
    return row === undefined ? undefined : { id: row.id, documentId: row.document_id };
  }
}

/** The CSRF token of a session: derived from its id, so bound to it and never stored. */
export function csrfTokenOf(sessionId: string): string {
  return createHash('sha256').update('ipex-csrf-v1\0').update(sessionId).digest('base64url');
}

/** Constant-time check of a presented CSRF token against the session's. */
export function csrfTokenMatches(sessionId: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const expected = Buffer.from(csrfTokenOf(sessionId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
