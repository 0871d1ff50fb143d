/**
 * RFC 6962 §2.1 / RFC 9162 §2.1.1 Merkle tree hashing with SHA-256, the hash of the ipex audit
 * log (docs/design.md §7). Leaves and interior nodes are domain-separated by a one-byte prefix
 * (0x00 for leaves, 0x01 for nodes), so a leaf can never be passed off as a node (second-preimage
 * resistance of the tree).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Size in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/**
 * The root hash of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1).
 * Shared instance: callers must copy it before mutating it.
 */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/**
 * Hash of one leaf: SHA-256(0x00 ‖ data). For the audit log `data` is the entry bytes
 * (one line of `entries.jsonl` without its newline).
 *
 * @example leafHash(Buffer.alloc(0)).toString('hex') // '6e340b9c…a01d'
 */
export function leafHash(data: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** Hash of an interior node: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Constant-time comparison of two hashes; false (not an exception) when lengths differ. */
export function hashEquals(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when `h` is a byte array of exactly {@link HASH_SIZE} bytes. */
export function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

/**
 * The largest power of two strictly smaller than `n` (the split point `k` of RFC 9162 §2.1.1).
 * Requires n ≥ 2. Works on integers up to 2^53 (no 32-bit bitwise operators).
 */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`splitPoint needs an integer ≥ 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** True when `n` is a positive power of two. */
export function isPowerOfTwo(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}
