import { expect } from 'chai';
import { systemRandom } from '../../../protocol/runtime/clock.js';

describe('systemRandom (pooled CSPRNG bytes, issue 14)', () => {
  it('gives the length asked for, small and large, and never the same bytes twice across pool refills', () => {
    const seen = new Set<string>();
    // 16 bytes × 2,000 draws: about eight refills of the 4 KiB pool.
    for (let i = 0; i < 2000; i += 1) {
      const b = systemRandom.bytes(16);
      expect(b.length).to.equal(16);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).to.equal(2000);
    for (const length of [0, 1, 255, 256, 257, 4096, 10_000]) expect(systemRandom.bytes(length).length).to.equal(length);
  });

  it('hands out copies: changing one result changes no other, and a draw that crosses the pool end is whole', () => {
    const a = systemRandom.bytes(32);
    const kept = Buffer.from(a);
    const b = systemRandom.bytes(32);
    a.fill(0);
    expect(b.equals(Buffer.alloc(32))).to.equal(false);
    expect(kept.equals(Buffer.alloc(32))).to.equal(false);
    // Draws of an odd size walk across the pool's end at different offsets; none comes back short or all zero.
    for (let i = 0; i < 300; i += 1) {
      const c = systemRandom.bytes(37);
      expect(c.length).to.equal(37);
      expect(c.equals(Buffer.alloc(37))).to.equal(false);
    }
  });
});
