/**
 * What the deposit services need, named once: storage, time, randomness, this office's signing
 * identity, the access-code settings and the audit log. Built from a running node's context by
 * `depositServicesFor` (deposit-service.ts) or, for the CLI, from a data folder.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import type { Clock, RandomSource } from '../../../protocol/runtime/clock.js';
import type { AuditEvent, AuditLog } from '../audit/index.js';
import type { BlobStore } from '../../storage/blob-store.js';
import type { NodeStatement as Statement } from '../../storage/database.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';
import type { Notifier } from '../notifications/notifier.js';
import type { DepositTracking } from '../tracking/publisher.js';

/** The part of the audit log the deposit services use (contracts.md "Audit log"). */
export type AuditSink = Pick<AuditLog, 'appendInTransaction'>;

/** Who acts: a staff token, the applicant of a document, or the CLI on the data folder. */
export type Actor =
  | { readonly kind: 'staff'; readonly tokenId: number }
  | { readonly kind: 'applicant'; readonly documentId: string }
  | { readonly kind: 'cli' };

export type CodeFormatSetting = 'crockford' | 'das-hex';

export interface DepositDeps {
  readonly db: SqliteDatabase;
  readonly blobs: BlobStore;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** ST.3 code of this office. */
  readonly office: string;
  /** The office signing certificate and key (node/identity). */
  readonly signing: { readonly certificate: X509Certificate; readonly privateKey: KeyObject };
  /** Access-code format for new codes (config `access.codeFormat`). */
  readonly codeFormat: CodeFormatSetting;
  /** The HMAC key of access codes at rest (identity/access-code.key), loaded on first use. */
  readonly accessCodeKey: () => Buffer;
  /** The ST.3 codes listed in the installed signed directory (node/trust), read when a policy is set. */
  readonly listedOffices: () => Promise<ReadonlySet<string>>;
  readonly audit: AuditSink;
  /** Tells the applicant and the office's systems of deposits and new codes (issue 12; absent in some tests). */
  readonly notify?: Notifier;
  /** Tells the peers that track the application of each new dossier document or version (issue 12; absent in some tests). */
  readonly tracking?: DepositTracking;
}

/** The audit actor of an Actor. */
export function auditActor(actor: Actor, office: string): AuditEvent['actor'] {
  switch (actor.kind) {
    case 'staff':
      return { kind: 'staff', office, tokenId: actor.tokenId };
    case 'applicant':
      return { kind: 'applicant', office };
    case 'cli':
      return { kind: 'node', office };
  }
}

/** The `created_by` text of a deposit draft. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'staff' ? `staff:${actor.tokenId}` : actor.kind === 'applicant' ? 'applicant' : 'cli';
}

/** `db.prepare(sql)`, prepared once per connection and SQL text (node/storage/statement-cache.ts). */
export function prepared(db: SqliteDatabase, sql: string): Statement {
  let prepare = preparers.get(db);
  if (prepare === undefined) {
    prepare = cachedStatements(db);
    preparers.set(db, prepare);
  }
  return prepare(sql);
}

const preparers = new WeakMap<SqliteDatabase, (sql: string) => Statement>();

/**
 * Runs `work` (one short write) with synchronous = NORMAL: in WAL mode the transaction is
 * written to the WAL but not fsynced, so it becomes durable with the next WAL fsync of this
 * database (an fsync of the WAL covers every frame before it, and SQLite never keeps a later
 * transaction while losing an earlier one). Only for a new draft row, and an import's journal
 * start written with it: no upload or commit is answered before such an fsync (part rows and
 * commits are group-committed and answered after the WAL fsync), so nothing acknowledged beyond
 * "draft opened" can be lost; a power cut right after opening loses the empty draft
 * (DEPOSIT_NOT_FOUND: open it again). Issue 5: this was one more fsync on the event loop for
 * every deposit.
 */
export function withoutFsync<T>(db: SqliteDatabase, work: () => T): T {
  if (db.inTransaction) return work();
  const previous = Number((prepared(db, 'PRAGMA synchronous').get() as { synchronous: number }).synchronous);
  if (previous < 2) return work(); // the connection does not fsync commits anyway
  prepared(db, 'PRAGMA synchronous = NORMAL').run();
  try {
    return work();
  } finally {
    prepared(db, `PRAGMA synchronous = ${previous}`).run();
  }
}
