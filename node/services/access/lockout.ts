/**
 * Lock-out after repeated failed retrievals (docs/design.md §4, §6): failures are counted per
 * (document or application, requesting office) in `access_failures`; at `maxFailures` the pair
 * is locked in `access_locks` for `lockMinutes`, the counter starts again, and — when the key
 * is a real document — the applicant is alerted (`applicant_alerts` + audit `access.locked`).
 *
 * Unknown applications are counted too (under an application key), so that a prober sees the
 * same behaviour whether or not the document exists. Every function runs inside the caller's
 * transaction.
 */
import type { SqliteDatabase } from '../../storage/database.js';
import type { AuditAppender } from './audit-appender.js';
import type { NodeStatement as Statement } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMinutes: number;
}

export interface FailureResult {
  readonly failures: number;
  /** Set when this failure locked the pair. */
  readonly lockedUntil?: string;
  /** Audit index of the `access.locked` event, when one was written. */
  readonly alertLogIndex?: number;
}

/** The key of an application whose document is unknown (or hidden): `application:<right>:<number>`. */
export function applicationLockKey(ipRightType: string, applicationNumber: string): string {
  return `application:${ipRightType}:${applicationNumber}`;
}

export class Lockout {
  readonly #sql: (sql: string) => Statement;
  readonly #policy: LockoutPolicy;
  readonly #audit: AuditAppender;

  constructor(db: SqliteDatabase, policy: LockoutPolicy, audit: AuditAppender) {
    this.#sql = cachedStatements(db);
    this.#policy = policy;
    this.#audit = audit;
  }

  /** True while `key` is locked for `office`. */
  isLocked(key: string, office: string, now: Date): boolean {
    const row = this.#sql('SELECT locked_until FROM access_locks WHERE document_id = ? AND office = ?')
      .get(key, office) as { locked_until: string } | undefined;
    return row !== undefined && Date.parse(row.locked_until) > now.getTime();
  }

  /** The end of the lock of `key` for `office`, if there is one. */
  lockedUntil(key: string, office: string): string | undefined {
    const row = this.#sql('SELECT locked_until FROM access_locks WHERE document_id = ? AND office = ?').get(key, office) as { locked_until: string } | undefined;
    return row?.locked_until;
  }

  /** Counts one failure; locks (and alerts when `documentId` is known) at the limit. */
  recordFailure(key: string, office: string, now: Date, documentId: string | undefined): FailureResult {
    const at = now.toISOString();
    this.#sql(`INSERT INTO access_failures (document_id, office, failures, last_failure_at) VALUES (?, ?, 1, ?)
      ON CONFLICT (document_id, office) DO UPDATE SET failures = failures + 1, last_failure_at = excluded.last_failure_at`)
      .run(key, office, at);
    const { failures } = this.#sql('SELECT failures FROM access_failures WHERE document_id = ? AND office = ?')
      .get(key, office) as { failures: number };
    if (failures < this.#policy.maxFailures) return { failures };

    const lockedUntil = new Date(now.getTime() + this.#policy.lockMinutes * 60_000).toISOString();
    this.#sql(`INSERT INTO access_locks (document_id, office, failures, locked_at, locked_until) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (document_id, office) DO UPDATE SET failures = excluded.failures, locked_at = excluded.locked_at,
        locked_until = excluded.locked_until`).run(key, office, failures, at, lockedUntil);
    this.#sql('UPDATE access_failures SET failures = 0 WHERE document_id = ? AND office = ?').run(key, office);
    if (documentId === undefined) return { failures, lockedUntil };

    const alertLogIndex = this.#audit.appendInTransaction({
      type: 'access.locked',
      actor: { kind: 'node' },
      subject: { documentId, office },
      outcome: 'ok',
      details: { failures, lockedUntil, lockMinutes: this.#policy.lockMinutes },
    });
    this.#sql(`INSERT INTO applicant_alerts (document_id, office, kind, created_at, locked_until, log_index)
      VALUES (?, ?, 'access-locked', ?, ?, ?)`).run(documentId, office, at, lockedUntil, alertLogIndex);
    return { failures, lockedUntil, alertLogIndex };
  }

  /** A successful retrieval starts the count again. */
  reset(key: string, office: string): void {
    this.#sql('UPDATE access_failures SET failures = 0 WHERE document_id = ? AND office = ?').run(key, office);
  }
}

/** An alert for the applicant of a document (office API history, applicant view). */
export interface ApplicantAlert {
  readonly office: string;
  readonly kind: 'access-locked';
  readonly createdAt: string;
  readonly lockedUntil: string;
  readonly logIndex: number;
}

/** The alerts of one document, newest first (for the deposit side's history and access views). */
export function applicantAlerts(db: SqliteDatabase, documentId: string): ApplicantAlert[] {
  const rows = db.prepare(`SELECT office, kind, created_at, locked_until, log_index FROM applicant_alerts
    WHERE document_id = ? ORDER BY id DESC LIMIT 500`).all(documentId) as
    { office: string; kind: 'access-locked'; created_at: string; locked_until: string; log_index: number }[];
  return rows.map((r) => ({ office: r.office, kind: r.kind, createdAt: r.created_at, lockedUntil: r.locked_until, logIndex: r.log_index }));
}
