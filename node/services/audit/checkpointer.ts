/**
 * Signed checkpoints of the audit log: C2SP tlog-checkpoint bodies (origin, size, root) signed
 * as C2SP signed notes with the node's Ed25519 log key (docs/audit-formats.md §3–4). A new
 * checkpoint is signed at most `delayMs` (1 s) after new entries are committed, by an unref'd
 * timer, so an idle node signs nothing and a busy one signs about once a second. Checkpoints
 * are only ever computed from committed rows. Ed25519 signatures are deterministic, so two
 * processes signing the same tree produce the same note and `INSERT OR IGNORE` is safe.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import { appendSignatureLines, signCheckpoint } from '../../../protocol/note/index.js';
import type { NoteSigner } from '../../../protocol/note/index.js';
import type { NodeStatement as Statement } from '../../storage/database.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { TreeStore } from './tree-store.js';

/** A checkpoint as stored: its size, root hash and signed note (possibly with cosignatures). */
export interface StoredCheckpoint {
  readonly size: number;
  readonly root: Buffer;
  readonly note: string;
  readonly createdAt: string;
}

export interface CheckpointerOptions {
  readonly db: SqliteDatabase;
  readonly tree: TreeStore;
  readonly clock: Clock;
  /** The log key; its name is the checkpoint origin. */
  readonly signer: NoteSigner;
  /** Longest wait between a commit and the checkpoint that covers it. Default 1000 ms. */
  readonly delayMs?: number;
  /** Told about a failure of the background signer (it retries on the next commit). */
  readonly onError?: (err: unknown) => void;
}

export class Checkpointer {
  readonly #o: CheckpointerOptions;
  readonly #latest: Statement;
  readonly #atSize: Statement;
  readonly #insert: Statement;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: CheckpointerOptions) {
    this.#o = options;
    const { db } = options;
    this.#latest = db.prepare('SELECT size, root, note, created_at AS createdAt FROM audit_checkpoints ORDER BY size DESC LIMIT 1');
    this.#atSize = db.prepare('SELECT size, root, note, created_at AS createdAt FROM audit_checkpoints WHERE size = ?');
    this.#insert = db.prepare('INSERT OR IGNORE INTO audit_checkpoints (size, root, note, created_at) VALUES (?, ?, ?, ?)');
  }

  /** Called after entries were committed: makes sure a checkpoint follows within the delay. */
  notify(): void {
    if (this.#closed || this.#timer !== undefined) return;
    this.#timer = setTimeout(() => this.#fire(), this.#o.delayMs ?? 1000);
    this.#timer.unref();
  }

  /** The newest stored checkpoint, or undefined before the first one. */
  latest(): StoredCheckpoint | undefined {
    return this.#latest.get() as StoredCheckpoint | undefined;
  }

  /** The stored checkpoint of exactly `size` entries, if one was signed. */
  atSize(size: number): StoredCheckpoint | undefined {
    return this.#atSize.get(size) as StoredCheckpoint | undefined;
  }

  /**
   * Signs a checkpoint of every committed entry unless the newest stored one already covers
   * them, and returns the newest. Must not run inside an open transaction (it would sign rows
   * that may still roll back).
   */
  checkpointNow(): StoredCheckpoint {
    const { db, tree, clock, signer } = this.#o;
    if (db.inTransaction) throw new IpexError('INTERNAL', 'a checkpoint cannot be signed inside an open transaction: its entries may still roll back');
    const size = tree.size();
    const latest = this.latest();
    if (latest !== undefined && latest.size >= size) return latest;
    const root = tree.rootAt(size);
    const note = signCheckpoint({ origin: signer.name, size, rootHash: root }, [signer]);
    this.#insert.run(size, root, note, clock.now().toISOString());
    return this.atSize(size) as StoredCheckpoint;
  }

  /** Sizes of stored checkpoints whose note contains `text` (a signature line prefix), newest first. */
  sizesWithLine(text: string): number[] {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.#o.db.prepare("SELECT size FROM audit_checkpoints WHERE note LIKE ? ESCAPE '\\' ORDER BY size DESC").pluck().all(pattern) as number[];
  }

  /**
   * Adds signature lines (witnesses' cosignatures, already verified) to the stored note of the
   * checkpoint of `size`, leaving out lines it has; returns the note. The note is read and
   * written in one write transaction, so that lines another process of the office added
   * meanwhile are kept (docs/operations.md "Several node processes").
   */
  addSignatureLines(size: number, lines: readonly string[]): string {
    const { db } = this.#o;
    return db.transaction(() => {
      const stored = this.atSize(size);
      if (stored === undefined) throw new IpexError('NOT_FOUND', `no checkpoint of size ${size} was signed`);
      let note = stored.note;
      for (const line of lines) if (!note.split('\n').includes(line)) note = appendSignatureLines(note, `${line}\n`);
      if (note !== stored.note) db.prepare('UPDATE audit_checkpoints SET note = ? WHERE size = ?').run(note, size);
      return note;
    }).immediate();
  }

  /** Stops the timer; the caller signs a final checkpoint if it wants one. */
  close(): void {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #fire(): void {
    this.#timer = undefined;
    if (this.#closed) return;
    if (this.#o.db.inTransaction) {
      // A caller holds a transaction across an await: try again shortly.
      this.#timer = setTimeout(() => this.#fire(), 10);
      this.#timer.unref();
      return;
    }
    try {
      this.checkpointNow();
    } catch (err) {
      this.#o.onError?.(err);
    }
  }
}
