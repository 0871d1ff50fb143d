/**
 * packedRangeRoot (issue 5: tree heads over a million packed leaf hashes) against the
 * reference RFC 9162 §2.1.1 definition in tree.ts, for every size and sub-range up to 70
 * leaves (several carries of the frontier stack) and the RFC 6962 reference leaves.
 */
import { expect } from 'chai';
import { EMPTY_ROOT, leafHash } from '../../../protocol/merkle/hash.js';
import { packedRangeRoot } from '../../../protocol/merkle/packed-root.js';
import { rangeRootFromLeaves, rootOf } from '../../../protocol/merkle/tree.js';

describe('protocol/merkle packedRangeRoot', () => {
  const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
  const packed = Buffer.concat(leaves);

  it('equals rootOf for every prefix size 0..70', () => {
    for (let n = 0; n <= 70; n++) expect(packedRangeRoot(packed, 0, n).equals(rootOf(leaves, n)), `size ${n}`).to.equal(true);
  });

  it('equals the recursive MTH(D[start:end]) for every sub-range of the first 40 leaves', () => {
    for (let start = 0; start <= 40; start++) {
      for (let end = start; end <= 40; end++) {
        expect(packedRangeRoot(packed, start, end).equals(rangeRootFromLeaves(leaves, start, end)), `[${start}, ${end})`).to.equal(true);
      }
    }
  });

  it('reads leaves from a SharedArrayBuffer and returns a copy, not a view', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(packed.length));
    shared.set(packed);
    const one = packedRangeRoot(shared, 5, 6);
    expect(one.equals(leaves[5] as Buffer)).to.equal(true);
    one.fill(0);
    expect(Buffer.from(shared.subarray(160, 192)).equals(leaves[5] as Buffer)).to.equal(true);
    expect(packedRangeRoot(shared, 0, 0).equals(EMPTY_ROOT)).to.equal(true);
  });

  it('refuses a range outside the packed leaves', () => {
    expect(() => packedRangeRoot(packed, 0, 71)).to.throw(RangeError);
    expect(() => packedRangeRoot(packed, 5, 4)).to.throw(RangeError);
    expect(() => packedRangeRoot(packed, -1, 3)).to.throw(RangeError);
  });
});
