/**
 * Verification of Merkle inclusion proofs (RFC 9162 §2.1.3.2) and consistency proofs
 * (RFC 9162 §2.1.4.2), step for step as the RFC writes them. Every argument may come from the
 * wire and is treated as attacker-controlled: sizes and indexes are range-checked, hashes are
 * length-checked and compared in constant time, and proof lengths are bounded (a tree of at
 * most 2^64 leaves has paths of at most 64 hashes). `verify*` return a boolean; `assert*`
 * throw `PROOF_INVALID` so callers on the request path get a registry code.
 */
import { IpexError } from '../errors/index.js';
import { hashEquals, isHash, isPowerOfTwo, nodeHash } from './hash.js';

/** No valid proof is longer than this (log2 of the largest tree size plus one). */
export const MAX_PROOF_LENGTH = 64;

const isSize = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const allHashes = (proof: readonly unknown[]): proof is readonly Uint8Array[] =>
  Array.isArray(proof) && proof.length <= MAX_PROOF_LENGTH && proof.every(isHash);
const lsb = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * True when `proof` shows that `leafHash` is leaf `index` of the tree of `size` leaves whose
 * root is `root` (RFC 9162 §2.1.3.2). Malformed input yields false, never an exception.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isSize(index) || !isSize(size) || !isHash(leafHash) || !isHash(root) || !allHashes(proof)) return false;
  // 1. leaf_index must be < tree_size.
  if (index >= size) return false;
  // 2.–3.
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  // 4.
  for (const p of proof) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  return sn === 0 && hashEquals(r, root);
}

/**
 * True when `proof` shows that the tree of `oldSize` leaves with root `oldRoot` is a prefix of
 * the tree of `newSize` leaves with root `newRoot` (RFC 9162 §2.1.4.2). Edge cases outside the
 * RFC's 0 < first < second: oldSize 0 is consistent with anything given an empty proof;
 * oldSize = newSize needs an empty proof and equal roots; oldSize > newSize is never consistent.
 */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || !isHash(oldRoot) || !isHash(newRoot) || !allHashes(proof)) return false;
  if (oldSize > newSize) return false;
  if (oldSize === 0) return proof.length === 0;
  if (oldSize === newSize) return proof.length === 0 && hashEquals(oldRoot, newRoot);
  // 1. An empty path cannot prove anything between different sizes.
  if (proof.length === 0) return false;
  // 2. If first is an exact power of 2, prepend first_hash.
  const path: readonly Uint8Array[] = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  // 3.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // 4.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Uint8Array = path[0] as Uint8Array;
  let sr: Uint8Array = fr;
  // 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return hashEquals(fr, oldRoot) && hashEquals(sr, newRoot) && sn === 0;
}

/** Like {@link verifyInclusion} but throws `PROOF_INVALID` instead of returning false. */
export function assertInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  if (!verifyInclusion(index, size, leafHash, proof, root)) {
    throw new IpexError('PROOF_INVALID', `inclusion proof for leaf ${index} in tree of size ${size} does not verify`);
  }
}

/** Like {@link verifyConsistency} but throws `PROOF_INVALID` instead of returning false. */
export function assertConsistency(
  oldSize: number,
  newSize: number,
  proof: readonly Uint8Array[],
  oldRoot: Uint8Array,
  newRoot: Uint8Array,
): void {
  if (!verifyConsistency(oldSize, newSize, proof, oldRoot, newRoot)) {
    throw new IpexError('PROOF_INVALID', `consistency proof from size ${oldSize} to size ${newSize} does not verify`);
  }
}
