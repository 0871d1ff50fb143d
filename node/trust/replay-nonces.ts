/**
 * The replay cache of the exchange listener, shared by every node process of the office through
 * the database (`replay_nonces`, migration 020; docs/operations.md "Several node processes").
 * Behind a load balancer a captured request can be sent to any process; an in-memory cache per
 * process would let each of them accept it once. Here the first use of a (key id, nonce) pair
 * wins atomically in the database: one INSERT … ON CONFLICT that adds the row only when there is
 * none or the one there has expired, so of two processes taking the same pair at once exactly
 * one sees a changed row. The process's own MemoryReplayCache stays in front as a first filter:
 * a replay to the same process is refused without a round trip.
 *
 * Cost on the request path: one INSERT of a short row. It commits without waiting for the disk
 * (SQLite: synchronous = NORMAL in WAL mode, so it survives a crash of the process at once, and
 * a power cut with the next fsync of the WAL — the request's own audit entry, group-committed
 * right after, when it writes one; PostgreSQL: the same with `synchronous_commit = off` for
 * this one transaction, which also takes none of the write lock that serialises the node's
 * transactions, since the key alone decides). A nonce lost in a power cut only lets that one
 * request be replayed. Expired rows are deleted at most once a `pruneEveryMs` (a minute) by
 * whichever process checks a nonce then, through the index on `expires_at`.
 */
import { MemoryReplayCache, type ReplayCache } from '../../protocol/http-signatures/index.js';
import type { Clock } from '../../protocol/runtime/clock.js';
import type { NodeDatabase, NodeStatement } from '../storage/database.js';
import { PgDatabase } from '../storage/postgres/pg-database.js';

/** First use wins: a row is added, or an expired one taken over; a live one is left alone (0 rows changed). */
const INSERT = `INSERT INTO replay_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE replay_nonces.expires_at <= ?`;
const PRUNE = 'DELETE FROM replay_nonces WHERE expires_at <= ?';

export interface SharedReplayCacheOptions {
  readonly clock: Clock;
  /** Least time between two deletions of expired rows. Default one minute. */
  readonly pruneEveryMs?: number;
}

export class SharedReplayCache implements ReplayCache {
  readonly #db: NodeDatabase;
  readonly #clock: Clock;
  readonly #memory: MemoryReplayCache;
  readonly #pruneEveryMs: number;
  readonly #insert: NodeStatement;
  readonly #prune: NodeStatement;
  readonly #readSync: NodeStatement;
  /** `PRAGMA synchronous = N` by N, prepared on first use: SQLite applies the setting already when preparing it. */
  readonly #setSync = new Map<number, NodeStatement>();
  #prunedAt = -Infinity;

  constructor(db: NodeDatabase, options: SharedReplayCacheOptions) {
    this.#db = db;
    this.#clock = options.clock;
    this.#pruneEveryMs = options.pruneEveryMs ?? 60_000;
    this.#memory = new MemoryReplayCache({ clock: options.clock });
    this.#insert = db.prepare(INSERT);
    this.#prune = db.prepare(PRUNE);
    // On PostgreSQL this reads as FULL, and setting it does nothing (postgres/pg-dialect.ts).
    this.#readSync = db.prepare('PRAGMA synchronous');
  }

  checkAndRemember(keyId: string, nonce: string, expiresAt: Date): boolean {
    if (!this.#memory.checkAndRemember(keyId, nonce, expiresAt)) return false;
    const now = this.#clock.now().getTime();
    const prune = now - this.#prunedAt >= this.#pruneEveryMs;
    if (prune) this.#prunedAt = now;
    if (this.#db instanceof PgDatabase && !this.#db.inTransaction) {
      // Decided by the key alone: no need for the write lock every process's transactions take.
      if (prune) this.#db.runUnlockedAsyncCommit(PRUNE, [now]);
      return this.#db.runUnlockedAsyncCommit(INSERT, [keyId, nonce, expiresAt.getTime(), now]) === 1;
    }
    return this.#relaxed(() => {
      if (prune) this.#prune.run(now);
      return this.#insert.run(keyId, nonce, expiresAt.getTime(), now).changes === 1;
    });
  }

  /** Runs `work` with commits that do not wait for the disk (outside a transaction only). */
  #relaxed<T>(work: () => T): T {
    if (this.#db.inTransaction) return work();
    const previous = Number((this.#readSync.get() as { synchronous: number }).synchronous);
    this.#synchronous(1); // NORMAL
    try {
      return work();
    } finally {
      this.#synchronous(previous);
    }
  }

  #synchronous(level: number): void {
    let statement = this.#setSync.get(level);
    if (statement === undefined) {
      statement = this.#db.prepare(`PRAGMA synchronous = ${level}`);
      this.#setSync.set(level, statement);
    }
    statement.run();
  }
}
