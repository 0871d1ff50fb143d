// Proof generation and verification: the transparency-dev/merkle reference proofs (vectors.ts),
// then exhaustive cross-checks for every tree size 1..64 including tampered proofs.
import { expect } from 'chai';
import {
  assertConsistency,
  assertInclusion,
  consistencyProof,
  inclusionProof,
  leafHash,
  rootOf,
  subtreeHasherFromLeaves,
  subtreeHasherFromPerfect,
  verifyConsistency,
  verifyInclusion,
  type SubtreeHashFn,
} from '../../../protocol/merkle/index.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { CONSISTENCY, INCLUSION, LEAF_HASHES, NODE_HASHES, ROOTS, hex } from './vectors.js';

const refLeaves = LEAF_HASHES.map(hex);
const toHex = (p: Buffer[]): string[] => p.map((h) => h.toString('hex'));

function flipped(proof: Buffer[], i: number, byte: number): Buffer[] {
  return proof.map((h, j) => {
    const c = Buffer.from(h);
    if (j === i) c[byte] = (c[byte] as number) ^ 0x01;
    return c;
  });
}

describe('protocol/merkle proofs: reference vectors', () => {
  const fromLeaves = subtreeHasherFromLeaves(refLeaves);
  // The same tree, answered only from stored perfect-subtree hashes (NodeHashes).
  const fromNodes = subtreeHasherFromPerfect((level, index) => hex(NODE_HASHES[level]![index]!));

  for (const [label, hashAt] of [['leaves', fromLeaves], ['stored nodes', fromNodes]] as [string, SubtreeHashFn][]) {
    for (const v of INCLUSION) {
      it(`generates the inclusion proof ${v.index}:${v.size} from ${label}`, () => {
        expect(toHex(inclusionProof(v.index, v.size, hashAt))).to.deep.equal(v.proof);
      });
    }
    for (const v of CONSISTENCY) {
      it(`generates the consistency proof ${v.oldSize}:${v.newSize} from ${label}`, () => {
        expect(toHex(consistencyProof(v.oldSize, v.newSize, hashAt))).to.deep.equal(v.proof);
      });
    }
  }

  for (const v of INCLUSION) {
    it(`verifies the reference inclusion proof ${v.index}:${v.size}`, () => {
      expect(verifyInclusion(v.index, v.size, refLeaves[v.index]!, v.proof.map(hex), hex(ROOTS[v.size]!))).to.equal(true);
    });
  }
  for (const v of CONSISTENCY) {
    it(`verifies the reference consistency proof ${v.oldSize}:${v.newSize}`, () => {
      const ok = verifyConsistency(v.oldSize, v.newSize, v.proof.map(hex), hex(ROOTS[v.oldSize]!), hex(ROOTS[v.newSize]!));
      expect(ok).to.equal(true);
    });
  }

  it('throws PROOF_REQUEST_INVALID for an index outside the tree or a shrinking tree', () => {
    for (const f of [() => inclusionProof(8, 8, fromLeaves), () => inclusionProof(-1, 8, fromLeaves), () => consistencyProof(5, 4, fromLeaves)]) {
      try {
        f();
        expect.fail('should throw');
      } catch (err) {
        expect(isIpexError(err, 'PROOF_REQUEST_INVALID')).to.equal(true);
      }
    }
  });

  it('assert* throw PROOF_INVALID on a bad proof and pass on a good one', () => {
    const v = INCLUSION[6]!;
    expect(() => assertInclusion(v.index, v.size, refLeaves[v.index]!, v.proof.map(hex), hex(ROOTS[8]!))).not.to.throw();
    try {
      assertInclusion(v.index, v.size, refLeaves[v.index]!, v.proof.map(hex), hex(ROOTS[7]!));
      expect.fail('should throw');
    } catch (err) {
      expect(isIpexError(err, 'PROOF_INVALID')).to.equal(true);
    }
    try {
      assertConsistency(6, 8, [], hex(ROOTS[6]!), hex(ROOTS[8]!));
      expect.fail('should throw');
    } catch (err) {
      expect(isIpexError(err, 'PROOF_INVALID')).to.equal(true);
    }
  });

  it('handles the edge cases outside 0 < m < n', () => {
    const r5 = hex(ROOTS[5]!);
    expect(verifyConsistency(0, 5, [], hex(ROOTS[0]!), r5)).to.equal(true);
    expect(verifyConsistency(0, 5, [r5], hex(ROOTS[0]!), r5)).to.equal(false);
    expect(verifyConsistency(5, 5, [], r5, r5)).to.equal(true);
    expect(verifyConsistency(5, 5, [], r5, hex(ROOTS[4]!))).to.equal(false);
    expect(verifyConsistency(6, 5, [], r5, r5)).to.equal(false);
    expect(consistencyProof(0, 5, fromLeaves)).to.deep.equal([]);
  });

  it('returns false (no exception) for malformed wire input', () => {
    const root = hex(ROOTS[8]!);
    const leaf = refLeaves[0]!;
    expect(verifyInclusion(0, 8, leaf, [Buffer.alloc(31)], root)).to.equal(false);
    expect(verifyInclusion(0.5, 8, leaf, [], root)).to.equal(false);
    expect(verifyInclusion(0, 8, leaf, Array.from({ length: 65 }, () => leaf), root)).to.equal(false);
    expect(verifyInclusion(0, 1, leaf, [], Buffer.alloc(0))).to.equal(false);
    expect(verifyConsistency(1, 8, 'x' as unknown as Buffer[], leaf, root)).to.equal(false);
  });
});

describe('protocol/merkle proofs: cross-checks for every size 1..64', () => {
  const N = 64;
  const leaves = Array.from({ length: N }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
  const hashAt = subtreeHasherFromLeaves(leaves);
  const roots = Array.from({ length: N + 1 }, (_, n) => rootOf(leaves, n));

  it('every inclusion proof verifies; a flipped byte, wrong index, wrong size or wrong leaf fails', () => {
    for (let size = 1; size <= N; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, hashAt);
        const leaf = leaves[index]!;
        const root = roots[size]!;
        expect(verifyInclusion(index, size, leaf, proof, root), `${index}/${size}`).to.equal(true);
        for (let i = 0; i < proof.length; i++) {
          expect(verifyInclusion(index, size, leaf, flipped(proof, i, i % 32), root)).to.equal(false);
        }
        if (size > 1) {
          expect(verifyInclusion((index + 1) % size, size, leaf, proof, root)).to.equal(false);
          expect(verifyInclusion(index, size, leaves[(index + 1) % size]!, proof, root)).to.equal(false);
        }
        // A proof for one size must not verify against the (signed) root of another size. Against
        // the same root a different size can verify when the path shape is identical (e.g. 3 and
        // 4): the root, not the size field, is what the checkpoint signature binds.
        if (index < size - 1) expect(verifyInclusion(index, size - 1, leaf, proof, roots[size - 1]!)).to.equal(false);
        if (size < N) expect(verifyInclusion(index, size + 1, leaf, proof, roots[size + 1]!)).to.equal(false);
        expect(verifyInclusion(index, size, leaf, proof.slice(0, -1), root)).to.equal(size === 1);
        expect(verifyInclusion(index, size, leaf, [...proof, root], root)).to.equal(false);
      }
    }
  });

  it('every consistency proof verifies; a flipped byte, wrong sizes or wrong roots fail', () => {
    for (let n = 1; n <= N; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(m, n, hashAt);
        expect(verifyConsistency(m, n, proof, roots[m]!, roots[n]!), `${m}->${n}`).to.equal(true);
        if (m === n) continue;
        for (let i = 0; i < proof.length; i++) {
          expect(verifyConsistency(m, n, flipped(proof, i, 31 - (i % 32)), roots[m]!, roots[n]!)).to.equal(false);
        }
        expect(verifyConsistency(m, n, proof, roots[m - 1]!, roots[n]!)).to.equal(false);
        expect(verifyConsistency(m, n, proof, roots[m]!, roots[n - 1]!)).to.equal(false);
        if (m + 1 < n) expect(verifyConsistency(m + 1, n, proof, roots[m + 1]!, roots[n]!)).to.equal(false);
        if (m > 1) expect(verifyConsistency(m - 1, n, proof, roots[m - 1]!, roots[n]!)).to.equal(false);
        if (n < N) expect(verifyConsistency(m, n + 1, proof, roots[m]!, roots[n + 1]!)).to.equal(false);
        expect(verifyConsistency(m, n, proof.slice(1), roots[m]!, roots[n]!)).to.equal(false);
      }
    }
  });

  it('proofs from stored perfect subtrees equal proofs from leaves', () => {
    const perfect = subtreeHasherFromPerfect((level, index) => rootOf(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level)));
    for (const [a, b] of [[13, 64], [1, 37], [32, 33], [21, 50]] as const) {
      expect(consistencyProof(a, b, perfect)).to.deep.equal(consistencyProof(a, b, hashAt));
      expect(inclusionProof(a, b, perfect)).to.deep.equal(inclusionProof(a, b, hashAt));
    }
  });
});
