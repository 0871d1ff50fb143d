/**
 * The replay cache's decision in the table when several processes serve exchange requests from
 * one SQLite file (the node's exchange workers, `exchange.workers` > 1; replay-nonces.ts). The
 * first process to insert a (key id, nonce) wins: an INSERT … ON CONFLICT that only takes over an
 * expired row, inside a write transaction, which takes the file's write lock, so of two
 * processes taking one nonce exactly one sees a changed row.
 *
 * The nonces asked for in one turn of the event loop are taken in ONE transaction (a statement
 * each), committed with synchronous = NORMAL, as PostgreSQL's with synchronous_commit = off: in
 * the WAL and seen by every process at once, fsynced with the next durable commit of any of them
 * (the request's own audit entry, when it writes one, is fsynced before its answer). One
 * transaction per request cost a worker a write lock per request, and with it the other
 * process's waits for that lock (profile of issue 14).
 */
import type { NodeDatabase, NodeStatement } from '../storage/database.js';

interface Asked {
  readonly keyId: string;
  readonly nonce: string;
  readonly expiresAt: number;
  readonly resolve: (taken: boolean) => void;
  readonly reject: (err: unknown) => void;
}

export class SharedFileNonces {
  readonly #db: NodeDatabase;
  readonly #insert: NodeStatement;
  readonly #prune: NodeStatement;
  readonly #level: NodeStatement;
  readonly #normal: NodeStatement;
  readonly #full: NodeStatement;
  #batch: Asked[] = [];
  #pruneAt: number | undefined;

  /** `insert` takes (key id, nonce, expires at, now); `prune` (now). */
  constructor(db: NodeDatabase, insert: NodeStatement, prune: NodeStatement) {
    this.#db = db;
    this.#insert = insert;
    this.#prune = prune;
    this.#level = db.prepare('PRAGMA synchronous').pluck();
    this.#normal = db.prepare('PRAGMA synchronous = NORMAL');
    this.#full = db.prepare('PRAGMA synchronous = FULL');
  }

  /** Resolves true when this process took the pair, false when another use of it holds it. */
  take(keyId: string, nonce: string, expiresAt: number, pruneAt: number | undefined): Promise<boolean> {
    if (pruneAt !== undefined) this.#pruneAt = pruneAt;
    return new Promise<boolean>((resolve, reject) => {
      if (this.#batch.push({ keyId, nonce, expiresAt, resolve, reject }) === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const batch = this.#batch;
    const pruneAt = this.#pruneAt;
    this.#batch = [];
    this.#pruneAt = undefined;
    const now = Date.now();
    let taken: boolean[];
    const relax = Number(this.#level.get()) === 2;
    try {
      if (relax) this.#normal.run();
      taken = this.#db.transaction(() => {
        if (pruneAt !== undefined) this.#prune.run(pruneAt);
        return batch.map((a) => this.#insert.run(a.keyId, a.nonce, a.expiresAt, now).changes === 1);
      }).immediate();
    } catch (err) {
      for (const a of batch) a.reject(err); // not known to be new: the request is not served
      return;
    } finally {
      if (relax) this.#full.run();
    }
    batch.forEach((a, i) => a.resolve(taken[i]!));
  }
}
