/**
 * RFC 9162 §2.1.1 tree heads over leaf hashes packed back to back (32 bytes each) in one byte
 * array, for verifiers that hash a million leaves (issue 5): no Buffer per leaf or node,
 * interior nodes hashed with the one-shot `crypto.hash` from a reused 65-byte buffer, and the frontier
 * kept on a stack of at most log2(n) + 1 hashes (the same carries as `MerkleRange.append`).
 * Leaves are taken in pairs (a parent hashed straight from 64 packed bytes), and their parents
 * carried as in `MerkleRange.append`, one level up. The packed array may live in a
 * SharedArrayBuffer, so that threads can each hash a part.
 */
import { hash } from 'node:crypto';
import { EMPTY_ROOT, HASH_SIZE } from './hash.js';

/**
 * MTH(D[start:end]) where leaf i is `packed[32·i, 32·i + 32)` (already leaf-hashed).
 * Throws RangeError when the range is outside the packed leaves.
 *
 * @example packedRangeRoot(Buffer.concat([leafHash(a), leafHash(b)]), 0, 2) // nodeHash(leafHash(a), leafHash(b))
 */
export function packedRangeRoot(packed: Uint8Array, start: number, end: number): Buffer {
  const count = Math.floor(packed.length / HASH_SIZE);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start || end > count) {
    throw new RangeError(`packedRangeRoot: range [${start}, ${end}) is outside 0..${count}`);
  }
  if (end === start) return Buffer.from(EMPTY_ROOT);
  // Hashes travel as 32-character 'binary' (latin1) strings: a digest string is far cheaper to
  // make than a Buffer (a million per tree), and latin1 maps each byte to one character exactly.
  const leaves = Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength);
  const scratch = Buffer.alloc(1 + 2 * HASH_SIZE);
  scratch[0] = 0x01;
  const node = (left: string, right: string): string => {
    scratch.write(left, 1, HASH_SIZE, 'latin1');
    scratch.write(right, 1 + HASH_SIZE, HASH_SIZE, 'latin1');
    return hash('sha256', scratch, 'binary');
  };
  const stack: string[] = [];
  const push = (parent: string, position: number): void => {
    // `position` counts the subtrees of this size before it: one merge per trailing one bit.
    let h = parent;
    let p = position;
    while (p % 2 === 1) {
      h = node(stack.pop() as string, h);
      p = (p - 1) / 2;
    }
    stack.push(h);
  };
  let i = start;
  // Two neighbouring leaves are one 64-byte run of `packed`: hash their parent straight from it.
  for (; i + 2 <= end; i += 2) {
    scratch.set(packed.subarray(i * HASH_SIZE, (i + 2) * HASH_SIZE), 1);
    push(hash('sha256', scratch, 'binary'), (i - start) / 2);
  }
  if (i < end) stack.push(leaves.toString('latin1', i * HASH_SIZE, (i + 1) * HASH_SIZE)); // a last odd leaf never merges
  let r = stack[stack.length - 1] as string;
  for (let i = stack.length - 2; i >= 0; i--) r = node(stack[i] as string, r);
  return Buffer.from(r, 'latin1');
}
