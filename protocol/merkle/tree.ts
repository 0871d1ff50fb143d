/**
 * Merkle tree heads per RFC 9162 §2.1.1 (MTH): the root of a list of leaf hashes, and a compact
 * append-only frontier (`MerkleRange`) that holds only the roots of the perfect subtrees that
 * make up a tree of size n — one per set bit of n, so at most 53 hashes. Appending a leaf is
 * amortised O(1) hashes, the root is O(log n): what the audit log needs to append thousands of
 * entries per second and sign a checkpoint at any moment (docs/design.md §7).
 */
import { EMPTY_ROOT, HASH_SIZE, isHash, nodeHash, splitPoint } from './hash.js';

/**
 * The root hash of the tree over the first `n` leaf hashes (default: all of them).
 * The leaves are already leaf-hashed (see `leafHash`).
 *
 * @example rootOf([leafHash(a), leafHash(b)]) // nodeHash(leafHash(a), leafHash(b))
 */
export function rootOf(leafHashes: readonly Uint8Array[], n: number = leafHashes.length): Buffer {
  if (!Number.isSafeInteger(n) || n < 0 || n > leafHashes.length) {
    throw new RangeError(`rootOf: size ${n} is outside 0..${leafHashes.length}`);
  }
  const range = new MerkleRange();
  for (let i = 0; i < n; i++) range.append(leafHashes[i] as Uint8Array);
  return range.root();
}

/**
 * MTH(D[start:end]) computed recursively from leaf hashes (RFC 9162 §2.1.1 definition).
 * Reference implementation for small ranges and tests; storage layers should prefer
 * stored subtree hashes.
 */
export function rangeRootFromLeaves(leafHashes: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return Buffer.from(EMPTY_ROOT);
  if (n === 1) return Buffer.from(leafHashes[start] as Uint8Array);
  const k = splitPoint(n);
  return nodeHash(rangeRootFromLeaves(leafHashes, start, start + k), rangeRootFromLeaves(leafHashes, start + k, end));
}

/**
 * The compact frontier of a Merkle tree growing from leaf 0 (the "compact range" [0, size) of
 * transparency-dev/merkle). `hashes` are the roots of its perfect subtrees from left (largest)
 * to right (smallest); together with `size` they are all a log needs to persist to resume.
 */
export class MerkleRange {
  #size = 0;
  readonly #hashes: Buffer[] = [];

  /**
   * Resumes a frontier from its persisted form. Throws RangeError when the number of hashes
   * does not match the number of set bits of `size` or a hash is not 32 bytes.
   */
  static from(size: number, hashes: readonly Uint8Array[]): MerkleRange {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`MerkleRange.from: bad size ${size}`);
    if (hashes.length !== popCount(size)) {
      throw new RangeError(`MerkleRange.from: size ${size} needs ${popCount(size)} hashes, got ${hashes.length}`);
    }
    for (const h of hashes) if (!isHash(h)) throw new RangeError(`MerkleRange.from: every hash must be ${HASH_SIZE} bytes`);
    const r = new MerkleRange();
    r.#size = size;
    for (const h of hashes) r.#hashes.push(Buffer.from(h));
    return r;
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /** Copies of the perfect-subtree roots, largest (leftmost) first. */
  hashes(): Buffer[] {
    return this.#hashes.map((h) => Buffer.from(h));
  }

  /**
   * Appends one leaf hash (already `leafHash`ed). Merges equal-sized subtrees as a binary
   * counter does carries: the number of merges equals the trailing one bits of the old size.
   */
  append(leafHash: Uint8Array): void {
    if (!isHash(leafHash)) throw new RangeError(`MerkleRange.append: leaf hash must be ${HASH_SIZE} bytes`);
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('MerkleRange.append: tree is full');
    let h: Buffer = Buffer.from(leafHash);
    let s = this.#size;
    while (s % 2 === 1) {
      h = nodeHash(this.#hashes.pop() as Buffer, h);
      s = (s - 1) / 2;
    }
    this.#hashes.push(h);
    this.#size += 1;
  }

  /** MTH of the current tree: the subtree roots folded from the right; EMPTY_ROOT when empty. */
  root(): Buffer {
    const hs = this.#hashes;
    if (hs.length === 0) return Buffer.from(EMPTY_ROOT);
    let r = hs[hs.length - 1] as Buffer;
    for (let i = hs.length - 2; i >= 0; i--) r = nodeHash(hs[i] as Buffer, r);
    return Buffer.from(r);
  }

  /** An independent copy (for example to compute a root while appends continue). */
  clone(): MerkleRange {
    return MerkleRange.from(this.#size, this.#hashes);
  }
}

function popCount(n: number): number {
  let c = 0;
  while (n > 0) {
    c += n % 2;
    n = Math.floor(n / 2);
  }
  return c;
}
