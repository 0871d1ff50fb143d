/**
 * Retrieval grants (migration 006): what one peer office may download, and until when. A grant
 * is made by a successful or pending priority-document retrieval (idempotent per requesting
 * office and `requestId`) or by a dossier request, and every download route checks that the
 * caller is the office the grant was made for (docs/design.md §4 "bound to the retrieval that
 * authorised it and to the requesting office").
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { RandomSource } from '../../../protocol/runtime/clock.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { AuditAppender } from './audit-appender.js';
import type { NodeStatement as Statement } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';

/** How long a grant lets its office download. */
export const GRANT_TTL_MS = 7 * 86_400_000;

export interface Grant {
  readonly retrievalId: string;
  readonly office: string;
  readonly requestId: string | null;
  readonly requestHash: string | null;
  readonly kind: 'priority' | 'dossier';
  readonly state: 'pending' | 'granted';
  readonly documentId: string;
  readonly version: number;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly logIndex: number;
}

interface GrantRow {
  retrieval_id: string; office: string; request_id: string | null; request_hash: string | null;
  kind: 'priority' | 'dossier'; state: 'pending' | 'granted'; document_id: string; version: number;
  created_at: string; expires_at: string; log_index: number;
}

export class GrantStore {
  readonly #sql: (sql: string) => Statement;
  readonly #random: RandomSource;

  constructor(db: SqliteDatabase, random: RandomSource) {
    this.#sql = cachedStatements(db);
    this.#random = random;
  }

  /** A fresh retrieval id: 16 random bytes, base64url (22 characters, fits `Identifier`). */
  newId(): string {
    return this.#random.bytes(16).toString('base64url');
  }

  byRequest(office: string, requestId: string): Grant | undefined {
    const row = this.#sql('SELECT * FROM retrieval_grants WHERE office = ? AND request_id = ?').get(office, requestId) as GrantRow | undefined;
    return row === undefined ? undefined : toGrant(row);
  }

  byId(retrievalId: string): Grant | undefined {
    const row = this.#sql('SELECT * FROM retrieval_grants WHERE retrieval_id = ?').get(retrievalId) as GrantRow | undefined;
    return row === undefined ? undefined : toGrant(row);
  }

  /** An unexpired dossier grant of this office for this version, to reuse. */
  dossierGrant(office: string, documentId: string, version: number, now: Date): Grant | undefined {
    const row = this.#sql(`SELECT * FROM retrieval_grants WHERE office = ? AND kind = 'dossier' AND document_id = ?
      AND version = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 1`).get(office, documentId, version, now.toISOString()) as GrantRow | undefined;
    return row === undefined ? undefined : toGrant(row);
  }

  /**
   * The granted (not pending, not expired) retrieval `retrievalId` of `office`. Any other case —
   * unknown id, another office's grant, pending, expired — is the same RETRIEVAL_NOT_FOUND, so a
   * guessed id tells nothing.
   */
  requireGranted(retrievalId: string, office: string, now: Date): Grant {
    const grant = this.byId(retrievalId);
    if (grant === undefined || grant.office !== office || grant.state !== 'granted' || Date.parse(grant.expiresAt) <= now.getTime()) {
      throw new IpexError('RETRIEVAL_NOT_FOUND', `retrieval ${retrievalId} is not an active grant of office ${office}`);
    }
    return grant;
  }

  /** Inserts or (for a repeated requestId) replaces the decision of a grant. */
  save(grant: Grant): void {
    this.#sql(`INSERT INTO retrieval_grants (retrieval_id, office, request_id, request_hash, kind, state, document_id, version,
        created_at, expires_at, log_index)
      VALUES (@retrievalId, @office, @requestId, @requestHash, @kind, @state, @documentId, @version, @createdAt, @expiresAt, @logIndex)
      ON CONFLICT (retrieval_id) DO UPDATE SET state = excluded.state, document_id = excluded.document_id, version = excluded.version,
        expires_at = excluded.expires_at, log_index = excluded.log_index`).run(grant);
  }

  /**
   * Marks `name` as served under the grant; the first time only, appends `part.served` to the
   * audit log (in the caller's transaction). Returns the log index of that event.
   */
  markServed(grant: Grant, name: string, now: Date, audit: AuditAppender): number {
    const existing = this.#sql('SELECT log_index FROM served_parts WHERE retrieval_id = ? AND name = ?')
      .get(grant.retrievalId, name) as { log_index: number } | undefined;
    if (existing !== undefined) return existing.log_index;
    const index = audit.appendInTransaction({
      type: 'part.served',
      actor: { kind: 'peer', office: grant.office },
      subject: { documentId: grant.documentId, version: grant.version, retrievalId: grant.retrievalId, office: grant.office },
      outcome: 'ok',
      details: { part: name },
    });
    this.#sql('INSERT INTO served_parts (retrieval_id, name, served_at, log_index) VALUES (?, ?, ?, ?)')
      .run(grant.retrievalId, name, now.toISOString(), index);
    return index;
  }
}

function toGrant(row: GrantRow): Grant {
  return {
    retrievalId: row.retrieval_id,
    office: row.office,
    requestId: row.request_id,
    requestHash: row.request_hash,
    kind: row.kind,
    state: row.state,
    documentId: row.document_id,
    version: row.version,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    logIndex: row.log_index,
  };
}
