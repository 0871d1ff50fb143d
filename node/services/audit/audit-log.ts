/**
 * The node's audit log (docs/design.md §7, issue 4): every event lands here as an RFC 8785 entry,
 * a leaf of an RFC 9162 Merkle tree over which the node signs C2SP checkpoints.
 *
 * Two ways in (contracts.md "Audit log"):
 * - `appendInTransaction(event)` inside a service's own transaction, so that the event and the
 *   rows it describes commit together or not at all;
 * - `append(event)`, which queues the event and commits every event queued in the same turn of
 *   the event loop in one transaction (group commit): with synchronous=FULL one fsync then
 *   serves thousands of appends. The promise resolves after the commit, with the entry index.
 *
 * Entries are encoded when they are handed in (time from the injected clock), so a bad event
 * fails its caller alone and never a whole batch.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { parseVerifierKey, type NoteSigner } from '../../../protocol/note/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { OfficeIdentity } from '../../identity/office-identity.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { storageFault } from '../../storage/storage-faults.js';
import { Checkpointer, type StoredCheckpoint } from './checkpointer.js';
import { prepareEntry, type AuditEvent, type PreparedEntry } from './entry.js';
import { LogReader } from './proofs.js';
import { TreeStore } from './tree-store.js';

export interface AuditLogOptions {
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  /** This node's ST.3 office code: the `office` field of every entry. */
  readonly office: string;
  /** The Ed25519 log key; its name (`ipex/audit/<CODE>`) is the checkpoint origin. */
  readonly signer: NoteSigner;
  /** Longest wait between new entries and the checkpoint that covers them. Default 1000 ms. */
  readonly checkpointDelayMs?: number;
  /** Told about failures of the background checkpoint signer (append failures reject their callers). */
  readonly onError?: (err: unknown) => void;
}

interface Queued {
  readonly entry: PreparedEntry;
  readonly resolve: (index: number) => void;
  readonly reject: (err: unknown) => void;
}

export class AuditLog {
  /** The checkpoint origin and log key name. */
  readonly origin: string;
  readonly office: string;
  /** Proofs and entry ranges. */
  readonly reader: LogReader;
  readonly checkpoints: Checkpointer;
  readonly #db: SqliteDatabase;
  readonly #clock: Clock;
  readonly #tree: TreeStore;
  #queue: Queued[] = [];
  #flushScheduled = false;
  #flushing: Promise<void> | undefined;
  #closed = false;

  constructor(options: AuditLogOptions) {
    this.#db = options.db;
    this.#clock = options.clock;
    this.office = options.office;
    this.origin = options.signer.name;
    this.#tree = new TreeStore(options.db);
    this.reader = new LogReader(options.db, this.#tree);
    this.checkpoints = new Checkpointer({
      db: options.db,
      tree: this.#tree,
      clock: options.clock,
      signer: options.signer,
      ...(options.checkpointDelayMs === undefined ? {} : { delayMs: options.checkpointDelayMs }),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    });
  }

  /** The audit log of a node, signing with the log key of its identity. */
  static forIdentity(db: SqliteDatabase, clock: Clock, identity: OfficeIdentity, options: Partial<Pick<AuditLogOptions, 'checkpointDelayMs' | 'onError'>> = {}): AuditLog {
    const name = parseVerifierKey(identity.log.verifierKey).name;
    const log = new AuditLog({ db, clock, office: identity.code, signer: { name, privateKey: identity.log.privateKey }, ...options });
    log.checkIntegrity();
    return log;
  }

  /**
   * Cheap start-up check (O(log n) reads): the stored tree still gives the root of the newest
   * signed checkpoint, and the log has not shrunk below it. A full check of every entry is
   * `ipex audit verify`.
   *
   * @throws IpexError AUDIT_LOG_CORRUPT when the stored log no longer matches what was signed.
   */
  checkIntegrity(): void {
    const latest = this.checkpoints.latest();
    if (latest === undefined) return;
    const size = this.#tree.size();
    if (size < latest.size) {
      throw new IpexError('AUDIT_LOG_CORRUPT', `the audit log has ${size} entries but checkpoint ${latest.size} was signed: entries were removed; restore from backup`);
    }
    if (!this.#tree.rootAt(latest.size).equals(latest.root)) {
      throw new IpexError('AUDIT_LOG_CORRUPT', `the stored audit log no longer gives the root of signed checkpoint ${latest.size}; run \`ipex audit verify\` and restore from backup`);
    }
  }

  /**
   * Appends inside the caller's open transaction (so the event and the rows it describes commit
   * together); returns the entry index. If the transaction rolls back, so does the entry.
   *
   * @throws IpexError AUDIT_EVENT_INVALID for a malformed event; INTERNAL outside a transaction.
   */
  appendInTransaction(event: AuditEvent): number {
    const entry = prepareEntry(event, this.office, this.#clock.now());
    if (!this.#db.inTransaction) throw new IpexError('INTERNAL', 'appendInTransaction() needs an open transaction; use append()');
    let index: number;
    try {
      index = this.#tree.appendRows([entry])[0] as number;
    } catch (err) {
      this.#tree.invalidate();
      throw err;
    }
    this.checkpoints.notify();
    return index;
  }

  /**
   * Appends in its own group-committed transaction; resolves after the commit with the entry
   * index.
   *
   * @throws IpexError AUDIT_EVENT_INVALID (synchronously rejected) for a malformed event.
   */
  append(event: AuditEvent): Promise<number> {
    if (this.#closed) return Promise.reject(new IpexError('INTERNAL', 'the audit log is closed'));
    let entry: PreparedEntry;
    try {
      entry = prepareEntry(event, this.office, this.#clock.now());
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<number>((resolve, reject) => {
      this.#queue.push({ entry, resolve, reject });
      this.#scheduleFlush();
    });
  }

  /** Number of committed entries. */
  size(): number {
    return this.#tree.size();
  }

  /** Inclusion proof of entry `index` in the tree of `size` entries (RFC 9162 §2.1.3.1). */
  inclusionProof(index: number, size: number): Buffer[] {
    return this.reader.inclusionProof(index, size);
  }

  /** Consistency proof from the tree of `from` entries to the tree of `to` (RFC 9162 §2.1.4.1). */
  consistencyProof(from: number, to: number): Buffer[] {
    return this.reader.consistencyProof(from, to);
  }

  /** The entry bytes (leaf data) of indexes [start, end), at most 1000. */
  entries(start: number, end: number): Buffer[] {
    return this.reader.entries(start, end);
  }

  /** The newest signed checkpoint; signs the first one when there is none yet. */
  latestCheckpoint(): StoredCheckpoint {
    return this.checkpoints.latest() ?? this.checkpoints.checkpointNow();
  }

  /** Signs a checkpoint over every committed entry now (if the newest does not cover them). */
  checkpointNow(): StoredCheckpoint {
    return this.checkpoints.checkpointNow();
  }

  /** Commits what is queued now instead of on the next turn; resolves when it is durable. */
  async flush(): Promise<void> {
    while (this.#flushing !== undefined || this.#queue.length > 0) {
      if (this.#flushing !== undefined) await this.#flushing;
      else this.#runFlush();
    }
  }

  /** Commits queued events, stops the checkpoint timer and signs a final checkpoint. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.flush();
    this.checkpoints.close();
    if (!this.#db.inTransaction && this.#db.open) this.checkpoints.checkpointNow();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      if (this.#flushing === undefined) this.#runFlush();
    });
  }

  #runFlush(): void {
    const batch = this.#queue;
    if (batch.length === 0) return;
    if (this.#db.inTransaction) {
      // Somebody holds a transaction across an await; committing inside it would be a savepoint
      // that their rollback undoes. Wait for it to end.
      this.#flushing = new Promise<void>((resolve) => setTimeout(resolve, 1)).then(() => {
        this.#flushing = undefined;
        this.#runFlush();
      });
      return;
    }
    this.#queue = [];
    let indexes: number[];
    try {
      indexes = this.#db.transaction(() => this.#tree.appendRows(batch.map((q) => q.entry))).immediate();
    } catch (err) {
      this.#tree.invalidate();
      const failure = err instanceof IpexError ? err : storageFault(err) ??
        new IpexError('DATABASE_UNAVAILABLE', `the audit log could not commit: ${(err as Error).message}`, { cause: err });
      for (const q of batch) q.reject(failure);
      return;
    }
    batch.forEach((q, i) => q.resolve(indexes[i] as number));
    this.checkpoints.notify();
  }
}
