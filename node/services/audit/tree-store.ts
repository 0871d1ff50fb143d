/**
 * The audit log's RFC 9162 Merkle tree, kept in SQLite (migration 003): leaves in
 * `audit_entries`, roots of complete subtrees in `audit_subtrees`. Appending a leaf stores the
 * subtrees it completes (on average one row), so any tree head or proof is assembled from
 * O(log n) stored hashes and no history is ever rehashed (protocol/merkle
 * subtreeHasherFromPerfect).
 *
 * The in-memory frontier (the perfect subtrees of the tip, as in MerkleRange) only saves reads:
 * before every append it is checked against the last stored leaf, inside the writing
 * transaction, and rebuilt from the database when they differ — after a rollback, or when
 * another process (an `ipex` command on the same data folder) appended meanwhile. So it can
 * never drift from what is committed.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { EMPTY_ROOT, hashEquals, nodeHash, subtreeHasherFromPerfect, type SubtreeHashFn } from '../../../protocol/merkle/index.js';
import type { NodeStatement as Statement } from '../../storage/database.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { sealEntry, type PreparedEntry } from './entry.js';

interface FrontierNode {
  readonly level: number;
  readonly hash: Buffer;
}

interface Tip {
  readonly size: number;
  readonly lastLeaf: Buffer | null;
  readonly stack: FrontierNode[];
}


export class TreeStore {
  readonly #db: SqliteDatabase;
  readonly #last: Statement;
  readonly #leaf: Statement;
  readonly #subtree: Statement;
  readonly #insertEntry: Statement;
  readonly #insertSubtree: Statement;
  #tip: Tip | undefined;

  constructor(db: SqliteDatabase) {
    this.#db = db;
    this.#last = db.prepare('SELECT idx, leaf_hash FROM audit_entries ORDER BY idx DESC LIMIT 1');
    this.#leaf = db.prepare('SELECT leaf_hash FROM audit_entries WHERE idx = ?').pluck();
    this.#subtree = db.prepare('SELECT hash FROM audit_subtrees WHERE level = ? AND idx = ?').pluck();
    this.#insertEntry = db.prepare(
      'INSERT INTO audit_entries (idx, entry, leaf_hash, time, type, outcome, office, document_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.#insertSubtree = db.prepare('INSERT INTO audit_subtrees (level, idx, hash) VALUES (?, ?, ?)');
  }

  /** Number of entries visible to this connection (committed, or written by its open transaction). */
  size(): number {
    const row = this.#last.get() as { idx: number } | undefined;
    return row === undefined ? 0 : row.idx + 1;
  }

  /** Root of the perfect subtree of 2^level leaves at position `index` (level 0: a leaf hash). */
  perfect(level: number, index: number): Buffer {
    const hash = (level === 0 ? this.#leaf.get(index) : this.#subtree.get(level, index)) as Buffer | undefined;
    if (hash === undefined) {
      throw new IpexError('AUDIT_LOG_CORRUPT', `the audit log has no stored hash for subtree level ${level} index ${index}`);
    }
    return hash;
  }

  /** MTH(D[start:end]) from stored hashes. */
  readonly hashRange: SubtreeHashFn = subtreeHasherFromPerfect((level, index) => this.perfect(level, index));

  /** The root of the tree of the first `size` entries (EMPTY_ROOT for 0). */
  rootAt(size: number): Buffer {
    return size === 0 ? Buffer.from(EMPTY_ROOT) : Buffer.from(this.hashRange(0, size));
  }

  /**
   * Appends entries as the next leaves. Must run inside a write transaction of this
   * connection; returns the index of each entry.
   */
  appendRows(entries: readonly PreparedEntry[]): number[] {
    if (!this.#db.inTransaction) throw new IpexError('INTERNAL', 'audit entries must be appended inside a database transaction');
    let tip = this.#currentTip();
    const indexes: number[] = [];
    for (const prepared of entries) {
      const idx = tip.size;
      const e = sealEntry(prepared, idx, tip.lastLeaf);
      this.#insertEntry.run(idx, e.bytes, e.leafHash, e.time, e.type, e.outcome, e.office, e.documentId);
      const stack = tip.stack;
      let level = 0;
      let position = idx;
      let hash = e.leafHash;
      while (stack.length > 0 && (stack[stack.length - 1] as FrontierNode).level === level) {
        hash = nodeHash((stack.pop() as FrontierNode).hash, hash);
        level += 1;
        position = Math.floor(position / 2);
        this.#insertSubtree.run(level, position, hash);
      }
      stack.push({ level, hash });
      tip = { size: idx + 1, lastLeaf: e.leafHash, stack };
      this.#tip = tip;
      indexes.push(idx);
    }
    return indexes;
  }

  /** Forgets the in-memory frontier (after a failed transaction); the next append reloads it. */
  invalidate(): void {
    this.#tip = undefined;
  }

  /** The frontier of the stored tree, reusing the in-memory one when it still matches. */
  #currentTip(): Tip {
    const row = this.#last.get() as { idx: number; leaf_hash: Buffer } | undefined;
    const size = row === undefined ? 0 : row.idx + 1;
    const lastLeaf = row === undefined ? null : row.leaf_hash;
    const tip = this.#tip;
    if (tip !== undefined && tip.size === size && (lastLeaf === null ? tip.lastLeaf === null : tip.lastLeaf !== null && hashEquals(tip.lastLeaf, lastLeaf))) {
      return tip;
    }
    this.#tip = { size, lastLeaf, stack: this.#loadFrontier(size) };
    return this.#tip;
  }

  /** The perfect subtrees that make up a tree of `size` leaves, largest (leftmost) first. */
  #loadFrontier(size: number): FrontierNode[] {
    const stack: FrontierNode[] = [];
    let start = 0;
    for (let level = 52; level >= 0; level--) {
      const width = 2 ** level;
      if (size - start >= width) {
        stack.push({ level, hash: this.perfect(level, start / width) });
        start += width;
      }
    }
    return stack;
  }
}
