/**
 * Generation of Merkle audit paths (inclusion proofs, RFC 9162 §2.1.3.1) and consistency
 * proofs (RFC 9162 §2.1.4.1). Both are written against a `SubtreeHashFn` returning
 * MTH(D[start:end]), so that a storage layer can answer from stored node hashes instead of
 * re-hashing leaves; `subtreeHasherFromPerfect` builds such a function from the hashes of
 * perfect (power-of-two, aligned) subtrees only, which is what a log typically stores.
 */
import { IpexError } from '../errors/index.js';
import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint } from './hash.js';
import { rangeRootFromLeaves } from './tree.js';

/**
 * Returns MTH(D[start:end]) for 0 ≤ start < end ≤ tree size. The proof generators only ask for
 * ranges whose left part is a perfect subtree, i.e. start is a multiple of the largest power
 * of two below end − start.
 */
export type SubtreeHashFn = (start: number, end: number) => Uint8Array;

/**
 * Returns the root of the perfect subtree of height `level` at horizontal position `index`,
 * i.e. MTH(D[index·2^level : (index+1)·2^level]); level 0 is the leaf hashes.
 */
export type PerfectSubtreeHashFn = (level: number, index: number) => Uint8Array;

/** A SubtreeHashFn over an in-memory list of leaf hashes (tests, small trees). */
export function subtreeHasherFromLeaves(leafHashes: readonly Uint8Array[]): SubtreeHashFn {
  return (start, end) => rangeRootFromLeaves(leafHashes, start, end);
}

/**
 * A SubtreeHashFn that decomposes any requested range into perfect subtrees (O(log n) lookups
 * per range), so storage only needs to keep the node hashes of complete subtrees.
 */
export function subtreeHasherFromPerfect(perfect: PerfectSubtreeHashFn): SubtreeHashFn {
  const hashRange = (start: number, end: number): Uint8Array => {
    const n = end - start;
    if (isPowerOfTwo(n) && start % n === 0) return perfect(Math.log2(n), start / n);
    const k = splitPoint(n);
    return nodeHash(hashRange(start, start + k), hashRange(start + k, end));
  };
  return (start, end) => {
    if (end <= start) return Buffer.from(EMPTY_ROOT);
    return hashRange(start, end);
  };
}

/**
 * The inclusion proof (audit path) of leaf `index` in the tree of `size` leaves, ordered from
 * the leaf upwards as RFC 9162 §2.1.3.1 PATH(m, D[n]) produces it.
 *
 * @throws IpexError PROOF_REQUEST_INVALID when index ≥ size or the numbers are not integers.
 */
export function inclusionProof(index: number, size: number, hashAt: SubtreeHashFn): Buffer[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new IpexError('PROOF_REQUEST_INVALID', `leaf index ${index} is not inside a tree of size ${size}`);
  }
  const path: Buffer[] = [];
  // PATH(m, D[start:end]); iterative from the root down, then reversed so the leaf's sibling is first.
  let m = index;
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      path.push(Buffer.from(hashAt(start + k, end)));
      end = start + k;
    } else {
      path.push(Buffer.from(hashAt(start, start + k)));
      start += k;
      m -= k;
    }
  }
  return path.reverse();
}

/**
 * The consistency proof between the tree of `oldSize` leaves and the tree of `newSize` leaves,
 * per RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true). Empty when oldSize is 0 or
 * equals newSize (the cases tlog-witness and RFC 9162 treat as trivially consistent).
 *
 * @throws IpexError PROOF_REQUEST_INVALID when oldSize > newSize or a size is not an integer.
 */
export function consistencyProof(oldSize: number, newSize: number, hashAt: SubtreeHashFn): Buffer[] {
  if (!Number.isSafeInteger(oldSize) || !Number.isSafeInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    throw new IpexError('PROOF_REQUEST_INVALID', `cannot prove consistency from size ${oldSize} to size ${newSize}`);
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  const proof: Buffer[] = [];
  let m = oldSize;
  let start = 0;
  let end = newSize;
  let haveRoot = true; // the "b" flag of SUBPROOF: the old root is a known input to the verifier
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push(Buffer.from(hashAt(start + k, end)));
      end = start + k;
    } else {
      proof.push(Buffer.from(hashAt(start, start + k)));
      start += k;
      m -= k;
      haveRoot = false;
    }
  }
  if (!haveRoot) proof.push(Buffer.from(hashAt(start, end)));
  return proof.reverse();
}
