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
 * Cost on the request path. PostgreSQL: one INSERT, committed with `synchronous_commit = off`
 * and without the write lock that serialises the node's transactions, since the key alone
 * decides; the request's own synchronous COMMIT (its audit entry), when it writes one, makes the
 * row durable before the answer. SQLite served by several processes (the node's exchange
 * workers, `exchange.workers` > 1): the table decides, for the nonces of a turn in one
 * transaction (shared-file-nonces.ts), and peer-auth.ts awaits the answer (`taken`). SQLite
 * served by one process (the node lock of its data folder, one exchange listener): the in-memory
 * filter decides while the process runs, and the table
 * carries the nonces across a restart: one primary-key read, and the row written with the next
 * group commit of the connection (groupCommitFor: its WAL fsynced off the event loop), a few
 * milliseconds later. A nonce lost in a crash only lets that one request be replayed. Expired
 * rows are deleted at most once a `pruneEveryMs` (a minute), through the index on `expires_at`.
 */
import { MemoryReplayCache, type ReplayCache } from '../../protocol/http-signatures/index.js';
import type { Clock } from '../../protocol/runtime/clock.js';
import type { NodeDatabase, NodeStatement } from '../storage/database.js';
import { groupCommitFor } from '../storage/group-commit.js';
import { PgDatabase } from '../storage/postgres/pg-database.js';
import { IpexError } from '../../protocol/errors/index.js';
import { SharedFileNonces } from './shared-file-nonces.js';

/** First use wins: a row is added, or an expired one taken over; a live one is left alone (0 rows changed). */
const INSERT = `INSERT INTO replay_nonces (key_id, nonce, expires_at) VALUES (?, ?, ?)
  ON CONFLICT (key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE replay_nonces.expires_at <= ?`;
const PRUNE = 'DELETE FROM replay_nonces WHERE expires_at <= ?';

export interface SharedReplayCacheOptions {
  readonly clock: Clock;
  /** Least time between two deletions of expired rows. Default one minute. */
  readonly pruneEveryMs?: number;
  /**
   * SQLite: other processes serve exchange requests from the same database file (the node's
   * exchange workers, `exchange.workers` > 1), so the table, not this process's memory, decides.
   */
  readonly sharedFile?: boolean;
}

export class SharedReplayCache implements ReplayCache {
  readonly #db: NodeDatabase;
  readonly #clock: Clock;
  readonly #memory: MemoryReplayCache;
  readonly #pruneEveryMs: number;
  readonly #insert: NodeStatement;
  readonly #prune: NodeStatement;
  readonly #seen: NodeStatement;
  /** SQLite shared by several serving processes: the table decides (shared-file-nonces.ts). */
  readonly #file: SharedFileNonces | undefined;
  /** Decisions of the table not yet read by `taken`, by key id and nonce. */
  readonly #deciding = new Map<string, Promise<boolean>>();
  /** SQLite: nonces taken but not yet written, and the group commit that will write them. */
  #pending: [string, string, number][] = [];
  #writing: Promise<void> | undefined;
  #prunedAt = -Infinity;

  constructor(db: NodeDatabase, options: SharedReplayCacheOptions) {
    this.#db = db;
    this.#clock = options.clock;
    this.#pruneEveryMs = options.pruneEveryMs ?? 60_000;
    this.#memory = new MemoryReplayCache({ clock: options.clock });
    this.#insert = db.prepare(INSERT);
    this.#prune = db.prepare(PRUNE);
    this.#seen = db.prepare('SELECT 1 FROM replay_nonces WHERE key_id = ? AND nonce = ? AND expires_at > ?').pluck();
    this.#file = options.sharedFile === true && !(db instanceof PgDatabase) ? new SharedFileNonces(db, this.#insert, this.#prune) : undefined;
  }

  checkAndRemember(keyId: string, nonce: string, expiresAt: Date): boolean {
    if (!this.#memory.checkAndRemember(keyId, nonce, expiresAt)) return false;
    const now = this.#clock.now().getTime();
    const prune = now - this.#prunedAt >= this.#pruneEveryMs;
    if (prune) this.#prunedAt = now;
    if (this.#db instanceof PgDatabase) {
      if (this.#db.inTransaction) return this.#insert.run(keyId, nonce, expiresAt.getTime(), now).changes === 1;
      // Decided by the key alone: no need for the write lock every process's transactions take.
      if (prune) this.#db.runUnlockedAsyncCommit(PRUNE, [now]);
      return this.#db.runUnlockedAsyncCommit(INSERT, [keyId, nonce, expiresAt.getTime(), now]) === 1;
    }
    if (this.#file !== undefined) {
      // Passed the in-memory filter; the table's answer comes with the turn's batch (`taken`).
      const key = `${keyId}\n${nonce}`;
      const deciding = this.#file.take(keyId, nonce, expiresAt.getTime(), prune ? now : undefined);
      this.#deciding.set(key, deciding);
      deciding.finally(() => this.#deciding.delete(key)).catch(() => undefined);
      return true;
    }
    // SQLite served by this process alone (the node lock of its data folder), so the in-memory
    // filter is exact while it runs; the table carries the nonces across a restart.
    if (this.#seen.get(keyId, nonce, now) !== undefined) return false;
    this.#pending.push([keyId, nonce, expiresAt.getTime()]);
    this.#write(prune ? now : undefined);
    return true;
  }

  /**
   * Whether the pair that `checkAndRemember` just let through is this process's: always, except
   * on a SQLite file shared by several serving processes, where the table decides within the
   * turn (false: another process took it first, a replay). Ask in the same turn as `checkAndRemember`.
   */
  taken(keyId: string, nonce: string): Promise<boolean> {
    if (this.#file === undefined) return Promise.resolve(true);
    const deciding = this.#deciding.get(`${keyId}\n${nonce}`);
    if (deciding === undefined) return Promise.reject(new IpexError('INTERNAL', `no replay decision pending for a nonce of key ${keyId}`));
    return deciding;
  }

  /** Resolves once every nonce taken so far is written (SQLite; at once on PostgreSQL). */
  async flush(): Promise<void> {
    while (this.#writing !== undefined) await this.#writing;
  }

  /** Writes the pending nonces with the next group commit of the connection (its WAL fsync off the event loop). */
  #write(pruneAt: number | undefined): void {
    if (this.#writing !== undefined && pruneAt === undefined) return;
    const writing = groupCommitFor(this.#db).run(() => {
      if (pruneAt !== undefined) this.#prune.run(pruneAt);
      const rows = this.#pending;
      this.#pending = [];
      const now = this.#clock.now().getTime();
      for (const [keyId, nonce, expiresAt] of rows) this.#insert.run(keyId, nonce, expiresAt, now);
    }).catch(() => {
      // Not written (the disk is full, which other writes report): only the protection across a restart is lost.
    }).finally(() => {
      if (this.#writing === writing) this.#writing = undefined;
      if (this.#pending.length > 0) this.#write(undefined);
    });
    this.#writing = writing;
  }
}
