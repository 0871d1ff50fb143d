/**
 * Group commit for short write transactions on the request path. With `synchronous=FULL` every
 * COMMIT waits for the disk (fsync); one commit per request would block the event loop that
 * long each time and cap a node at a few hundred requests a second. Work queued in the same
 * turn of the event loop runs in ONE transaction, each piece in its own savepoint — so one that
 * throws rolls back alone — and every caller is answered only after that COMMIT is durable.
 *
 * The audit log's own `append` does the same for lone events; this is for work that writes its
 * rows and its audit entry together (`appendInTransaction`).
 *
 * With `durability: 'wal-fsync'` (the deposit service, issue 5) the COMMIT itself does not wait
 * for the disk either: in WAL mode the group transaction commits with synchronous = NORMAL (its
 * frames are written to the WAL, not fsynced) and the WAL file is then fsynced on libuv's thread
 * pool (coalesced-fsync.ts) before any caller is answered. An fsync of the WAL covers every frame
 * written before it, so what is acknowledged is exactly as durable as with synchronous = FULL,
 * and the event loop keeps working while the disk does. While that fsync runs, new work queues
 * up for the next transaction (one fsync in flight at a time), so batches grow with the disk's
 * latency. Rows are visible to this connection between COMMIT and the fsync; anything that
 * commits with FULL in that window (the audit log, the checkpointer) fsyncs the same WAL and so
 * makes them durable first.
 */
import type { NodeStatement as Statement } from './database.js';
import { resolve } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { FsyncCoalescer } from './coalesced-fsync.js';
import type { SqliteDatabase } from './database.js';
import { PgDatabase } from './postgres/pg-database.js';

interface Queued {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /**
   * `commit` (default): COMMIT with the connection's synchronous setting (FULL: it fsyncs on the
   * event loop). `wal-fsync`: COMMIT with synchronous = NORMAL, then fsync the WAL on the thread
   * pool before answering; falls back to `commit` unless the database is a file in WAL mode with
   * synchronous FULL or EXTRA.
   */
  readonly durability?: 'commit' | 'wal-fsync';
}

const shared = new WeakMap<SqliteDatabase, GroupCommit>();

/**
 * The `wal-fsync` GroupCommit shared by every caller of this connection that asks for it (the
 * deposit service's part rows and commits, issue 5), so that their work lands in one COMMIT.
 */
export function groupCommitFor(db: SqliteDatabase): GroupCommit {
  let group = shared.get(db);
  if (group === undefined) {
    group = new GroupCommit(db, { durability: 'wal-fsync' });
    shared.set(db, group);
  }
  return group;
}

export class GroupCommit {
  readonly #db: SqliteDatabase;
  #queue: Queued[] = [];
  #scheduled = false;
  readonly #walFsync: boolean;
  /** Set at the first flush: how commits are made durable on this connection. */
  #wal: WalSync | null | undefined;
  /** True while the WAL fsync of the previous batch runs (wal-fsync mode). */
  #syncing = false;

  constructor(db: SqliteDatabase, options: GroupCommitOptions = {}) {
    this.#db = db;
    this.#walFsync = options.durability === 'wal-fsync';
  }

  /** Runs `work` in the next group transaction; resolves with its result once committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#syncing || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    if (!this.#db.open) {
      // The node closed between the queueing and this turn: nothing was written, every caller hears so.
      const closed = new IpexError('DATABASE_UNAVAILABLE', `the database ${this.#db.name} was closed before this work was committed`);
      for (const item of batch) item.reject(closed);
      return;
    }
    const wal = this.#walSync();
    const outcomes: Outcome[] = [];
    try {
      wal?.relax();
      this.#db.transaction(() => {
        for (const item of batch) {
          try {
            // A nested better-sqlite3 transaction is a savepoint: a throw undoes this piece only.
            outcomes.push({ ok: true, value: this.#db.transaction(item.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      }).immediate();
    } catch (error) {
      for (const item of batch) item.reject(error); // the commit itself failed: nothing is durable
      return;
    } finally {
      wal?.restore();
    }
    if (wal === null || outcomes.every((o) => !o.ok)) {
      answer(batch, outcomes);
      return;
    }
    // Committed but not yet durable: nobody hears "ok" before the WAL is fsynced.
    this.#syncing = true;
    wal.fsync().then(() => answer(batch, outcomes), (error: unknown) => {
      for (const item of batch) item.reject(error);
    }).finally(() => {
      this.#syncing = false;
      this.#schedule();
    });
  }

  #walSync(): WalSync | null {
    if (this.#wal === undefined) this.#wal = this.#walFsync ? WalSync.forDatabase(this.#db) : null;
    return this.#wal;
  }
}

function answer(batch: readonly Queued[], outcomes: readonly Outcome[]): void {
  batch.forEach((item, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) item.resolve(outcome.value);
    else item.reject(outcome.error);
  });
}

/** Commits with synchronous = NORMAL, then an fsync of the WAL file off the event loop. */
class WalSync {
  static readonly #fsyncs = new FsyncCoalescer();
  readonly #path: string;
  readonly #read: Statement;
  readonly #normal: Statement;
  readonly #set: Map<number, Statement> = new Map();
  readonly #db: SqliteDatabase;
  #previous = 2;

  /** null unless `db` is a file database in WAL mode with synchronous FULL (2) or EXTRA (3). */
  static forDatabase(db: SqliteDatabase): WalSync | null {
    // PostgreSQL: COMMIT returns once the server has made it durable; there is no WAL file here.
    if (db.memory || db.readonly || db instanceof PgDatabase) return null;
    const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
    const level = Number(db.pragma('synchronous', { simple: true }));
    return mode === 'wal' && level >= 2 ? new WalSync(db) : null;
  }

  private constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#path = resolve(`${db.name}-wal`); // SQLite resolved db.name against the cwd at open
    this.#read = db.prepare('PRAGMA synchronous');
    this.#normal = db.prepare('PRAGMA synchronous = NORMAL');
  }

  relax(): void {
    this.#previous = Number((this.#read.get() as { synchronous: number }).synchronous);
    this.#normal.run();
  }

  restore(): void {
    let statement = this.#set.get(this.#previous);
    if (statement === undefined) {
      statement = this.#db.prepare(`PRAGMA synchronous = ${this.#previous}`);
      this.#set.set(this.#previous, statement);
    }
    statement.run();
  }

  fsync(): Promise<void> {
    return WalSync.#fsyncs.sync(this.#path).catch((err: NodeJS.ErrnoException) => {
      // Closing the last connection checkpoints the WAL into the database (fsynced) and deletes it.
      if (err.code === 'ENOENT' && !this.#db.open) return;
      throw err;
    });
  }
}
