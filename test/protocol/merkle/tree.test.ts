// Tree heads and the compact frontier against the transparency-dev/merkle reference vectors
// (see vectors.ts for the source).
import { expect } from 'chai';
import { EMPTY_ROOT, MerkleRange, leafHash, nodeHash, rootOf, splitPoint } from '../../../protocol/merkle/index.js';
import { LEAF_HASHES, LEAF_INPUTS, ROOTS, hex } from './vectors.js';

describe('protocol/merkle hashing and tree heads', () => {
  it('hashes the reference leaves as RFC 6962 does (0x00 prefix)', () => {
    expect(LEAF_INPUTS.map((d) => leafHash(d).toString('hex'))).to.deep.equal(LEAF_HASHES);
  });

  it('has SHA-256("") as the empty root', () => {
    expect(EMPTY_ROOT.toString('hex')).to.equal(ROOTS[0]);
  });

  it('uses the 0x01 prefix for nodes (level-1 node 0 of the reference tree)', () => {
    expect(nodeHash(hex(LEAF_HASHES[0]!), hex(LEAF_HASHES[1]!)).toString('hex')).to.equal(ROOTS[2]);
  });

  it('computes every reference root for sizes 0..8 with rootOf', () => {
    const leaves = LEAF_HASHES.map(hex);
    for (let n = 0; n <= 8; n++) expect(rootOf(leaves, n).toString('hex'), `size ${n}`).to.equal(ROOTS[n]);
  });

  it('computes every reference root incrementally with MerkleRange', () => {
    const r = new MerkleRange();
    expect(r.root().toString('hex')).to.equal(ROOTS[0]);
    for (let n = 1; n <= 8; n++) {
      r.append(hex(LEAF_HASHES[n - 1]!));
      expect(r.size).to.equal(n);
      expect(r.root().toString('hex'), `size ${n}`).to.equal(ROOTS[n]);
    }
  });

  it('keeps one hash per set bit of the size and resumes from them', () => {
    const r = new MerkleRange();
    for (let i = 0; i < 7; i++) r.append(hex(LEAF_HASHES[i]!));
    expect(r.hashes()).to.have.length(3);
    const resumed = MerkleRange.from(7, r.hashes());
    resumed.append(hex(LEAF_HASHES[7]!));
    expect(resumed.root().toString('hex')).to.equal(ROOTS[8]);
    expect(r.root().toString('hex')).to.equal(ROOTS[7]); // the original is untouched
  });

  it('refuses a frontier whose hash count does not match its size', () => {
    expect(() => MerkleRange.from(7, [hex(ROOTS[4]!)])).to.throw(RangeError);
    expect(() => MerkleRange.from(1, [Buffer.alloc(31)])).to.throw(RangeError);
  });

  it('refuses a leaf hash that is not 32 bytes', () => {
    expect(() => new MerkleRange().append(Buffer.alloc(33))).to.throw(RangeError);
  });

  it('does not let a caller mutate the root it got back', () => {
    const r = new MerkleRange();
    r.append(hex(LEAF_HASHES[0]!));
    r.root().fill(0);
    r.hashes()[0]!.fill(0);
    expect(r.root().toString('hex')).to.equal(ROOTS[1]);
  });

  it('agrees with rootOf for 1000 leaves and beyond 2^32-safe arithmetic in splitPoint', () => {
    const leaves = Array.from({ length: 1000 }, (_, i) => leafHash(Buffer.from(String(i))));
    const r = new MerkleRange();
    leaves.forEach((l) => r.append(l));
    expect(r.root().equals(rootOf(leaves))).to.equal(true);
    expect(splitPoint(2 ** 40 + 1)).to.equal(2 ** 40);
    expect(splitPoint(2 ** 40)).to.equal(2 ** 39);
  });
});
