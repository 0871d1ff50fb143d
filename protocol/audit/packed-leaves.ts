/**
 * The leaf hashes of an audit log's entries as the verifier holds them (issue 5): packed 32
 * bytes each in one array (32 MiB for a million entries, no object per leaf), with the RFC 9162
 * §2.1.1 root of each prefix computed once (a tree head is asked for by the checkpoint check,
 * the kept-checkpoint checks and the search for the first bad entry).
 */
import { HASH_SIZE } from '../merkle/hash.js';
import { packedRangeRoot } from '../merkle/packed-root.js';

/** Read access to a list of leaf hashes: a plain array, or {@link PackedLeaves}. */
export interface LeafHashList {
  readonly length: number;
  at(index: number): Uint8Array | undefined;
}

/** Leaf hashes packed back to back; see the module comment. */
export class PackedLeaves implements LeafHashList {
  readonly #bytes: Uint8Array;
  readonly #roots = new Map<number, Buffer>();

  /** `bytes` holds n × 32 bytes; `roots` are prefix roots already computed (size → root). */
  constructor(bytes: Uint8Array, roots: ReadonlyMap<number, Uint8Array> = new Map()) {
    if (bytes.length % HASH_SIZE !== 0) throw new RangeError(`PackedLeaves: ${bytes.length} bytes is not a whole number of hashes`);
    this.#bytes = bytes;
    for (const [size, root] of roots) this.#roots.set(size, Buffer.from(root));
  }

  /** Number of leaves. */
  get length(): number {
    return this.#bytes.length / HASH_SIZE;
  }

  /** Leaf `index` (a view), or undefined outside the list. */
  at(index: number): Uint8Array | undefined {
    if (!Number.isSafeInteger(index) || index < 0 || index >= this.length) return undefined;
    return this.#bytes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
  }

  /** Root of the first `k` leaves (memoised). */
  prefixRoot(k: number): Buffer {
    let root = this.#roots.get(k);
    if (root === undefined) {
      root = packedRangeRoot(this.#bytes, 0, k);
      this.#roots.set(k, root);
    }
    return Buffer.from(root);
  }
}
