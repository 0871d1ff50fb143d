/**
 * Locating the first bad entry from prefix evidence (protocol/audit/locate-bad-entry.ts):
 * what each kind of evidence can and cannot name, and that a proof source is used only for
 * O(log n) proofs.
 */
import { expect } from 'chai';
import { locateFirstBadEntry, prefixRoot } from '../../../protocol/audit/locate-bad-entry.js';
import { leavesOf, makeLog, proofSourceOf } from './helpers.js';

describe('locateFirstBadEntry', () => {
  const genuine = makeLog(1000).lines;
  const leaves = leavesOf(genuine);
  const checkpoint = { size: 1000, rootHash: prefixRoot(leaves, 1000) };
  const tampered = [...leaves];
  tampered[613] = leavesOf(['{"changed":true}'])[0] as Buffer;

  it('finds nothing when the leaves match the checkpoint', async () => {
    expect(await locateFirstBadEntry({ leaves, checkpoint, kept: [], badIndexes: [] })).to.deep.equal({ proofsUsed: 0 });
  });

  it('with the checkpoint alone only bounds the range', async () => {
    const r = await locateFirstBadEntry({ leaves: tampered, checkpoint, kept: [], badIndexes: [] });
    expect(r).to.deep.equal({ proofsUsed: 0, suspectRange: { from: 0, to: 1000 } });
  });

  it('bisects to the changed entry with at most ceil(log2 n) proofs', async () => {
    let calls = 0;
    const source = proofSourceOf(genuine);
    const r = await locateFirstBadEntry({ leaves: tampered, checkpoint, kept: [], badIndexes: [], proofSource: (a, b) => ((calls += 1), source(a, b)) });
    expect(r.firstBadEntry).to.equal(613);
    expect(calls).to.equal(r.proofsUsed).and.to.be.at.most(10);
  });

  it('names a line proven bad on its own even inside a proven prefix', async () => {
    const r = await locateFirstBadEntry({ leaves, checkpoint, kept: [], badIndexes: [17] });
    expect(r.firstBadEntry).to.equal(17);
  });
});
