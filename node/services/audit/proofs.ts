/**
 * Inclusion proofs (RFC 9162 §2.1.3.1) and consistency proofs (§2.1.4.1) of the audit log, and
 * reading ranges of entries, for the exchange API (`/log/…`), the auditors' API and the audit
 * bundle. Proofs are assembled from stored subtree hashes (tree-store.ts). Every size asked for
 * comes from the wire: it must be an integer no larger than the committed log.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import { consistencyProof, inclusionProof } from '../../../protocol/merkle/index.js';
import type { NodeStatement as Statement } from '../../storage/database.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { TreeStore } from './tree-store.js';

/** Most entries returned by one `entries()` call (openapi/exchange.yaml `/log/entries`). */
export const MAX_ENTRIES_PER_CALL = 1000;

export class LogReader {
  readonly #tree: TreeStore;
  readonly #range: Statement;
  readonly #others: Statement;

  constructor(db: SqliteDatabase, tree: TreeStore) {
    this.#tree = tree;
    this.#range = db.prepare('SELECT entry FROM audit_entries WHERE idx >= ? AND idx < ? ORDER BY idx').pluck();
    this.#others = db.prepare('SELECT idx FROM audit_entries WHERE idx >= ? AND idx < ? AND office IS NOT ? ORDER BY idx LIMIT 1').pluck();
  }

  /**
   * The audit path of leaf `index` in the tree of `size` leaves, leaf side first.
   *
   * @throws IpexError PROOF_REQUEST_INVALID when index ≥ size or size exceeds the log.
   */
  inclusionProof(index: number, size: number): Buffer[] {
    this.#checkSize(size);
    return inclusionProof(index, size, this.#tree.hashRange);
  }

  /**
   * The consistency proof from the tree of `from` leaves to the tree of `to` leaves.
   *
   * @throws IpexError PROOF_REQUEST_INVALID when from > to or `to` exceeds the log.
   */
  consistencyProof(from: number, to: number): Buffer[] {
    this.#checkSize(to);
    return consistencyProof(from, to, this.#tree.hashRange);
  }

  /** The root of the tree of `size` leaves. */
  rootAt(size: number): Buffer {
    this.#checkSize(size);
    return this.#tree.rootAt(size);
  }

  /**
   * The entry bytes (leaf data) of indexes [start, end).
   *
   * @throws IpexError AUDIT_RANGE_INVALID when the range is reversed, beyond the log or longer
   * than `max`.
   */
  entries(start: number, end: number, max: number = MAX_ENTRIES_PER_CALL): Buffer[] {
    const size = this.#tree.size();
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new IpexError('AUDIT_RANGE_INVALID', `entries [${start}, ${end}) is not a range of indexes`);
    }
    if (end > size) throw new IpexError('AUDIT_RANGE_INVALID', `entries [${start}, ${end}) go beyond the log of ${size} entries`);
    if (end - start > max) throw new IpexError('AUDIT_RANGE_INVALID', `at most ${max} entries per call; asked for ${end - start}`);
    return this.#range.all(start, end) as Buffer[];
  }

  /** The first index in [start, end) whose entry is not about `office` (its `office` column), if any. */
  firstNotAbout(office: string, start: number, end: number): number | undefined {
    return this.#others.get(start, end, office) as number | undefined;
  }

  /** Every entry in order, a page at a time (for the audit bundle; never all in memory). */
  *iterate(size: number, pageSize = MAX_ENTRIES_PER_CALL): Generator<Buffer> {
    this.#checkSize(size);
    for (let start = 0; start < size; start += pageSize) {
      yield* this.#range.all(start, Math.min(size, start + pageSize)) as Buffer[];
    }
  }

  #checkSize(size: number): void {
    const current = this.#tree.size();
    if (!Number.isSafeInteger(size) || size < 0 || size > current) {
      throw new IpexError('PROOF_REQUEST_INVALID', `tree size ${size} is not between 0 and the log's ${current} entries`);
    }
  }
}
