/**
 * Group commit for short write transactions on the request path. With `synchronous=FULL` every
 * COMMIT waits for the disk (fsync); one commit per request would block the event loop that
 * long each time and cap a node at a few hundred requests a second. Work queued in the same
 * turn of the event loop runs in ONE transaction, each piece in its own savepoint — so one that
 * throws rolls back alone — and every caller is answered only after that COMMIT is durable.
 *
 * The audit log's own `append` does the same for lone events; this is for work that writes its
 * rows and its audit entry together (`appendInTransaction`).
 */
import type { SqliteDatabase } from './database.js';

interface Queued {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (reason: unknown) => void;
}

export class GroupCommit {
  readonly #db: SqliteDatabase;
  #queue: Queued[] = [];
  #scheduled = false;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /** Runs `work` in the next group transaction; resolves with its result once committed. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    const batch = this.#queue;
    this.#queue = [];
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
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
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }
}
