/** RFC 6962 / RFC 9162 Merkle tree: hashing, tree heads, proof generation and verification. */
export { EMPTY_ROOT, HASH_SIZE, hashEquals, isHash, isPowerOfTwo, leafHash, nodeHash, splitPoint } from './hash.js';
export { MerkleRange, rangeRootFromLeaves, rootOf } from './tree.js';
export { packedRangeRoot } from './packed-root.js';
export {
  consistencyProof,
  inclusionProof,
  subtreeHasherFromLeaves,
  subtreeHasherFromPerfect,
  type PerfectSubtreeHashFn,
  type SubtreeHashFn,
} from './proofs.js';
export { MAX_PROOF_LENGTH, assertConsistency, assertInclusion, verifyConsistency, verifyInclusion } from './verify.js';
