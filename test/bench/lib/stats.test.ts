// The statistics the benchmark tables are made of (issue 5): median of runs, nearest-rank
// percentiles, and the load driver's bounds. No test here measures or asserts a time.
import { expect } from 'chai';
import { median, percentile, round, runLoad } from '../../../bench/lib/stats.js';

describe('bench statistics', () => {
  it('takes the median of odd and even counts without reordering the input', () => {
    const runs = [5, 1, 3];
    expect(median(runs)).to.equal(3);
    expect(runs).to.deep.equal([5, 1, 3]);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(median([])).to.be.NaN;
  });

  it('gives nearest-rank percentiles (p50, p99) and the extremes', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(values, 50)).to.equal(50);
    expect(percentile(values, 99)).to.equal(99);
    expect(percentile(values, 100)).to.equal(100);
    expect(percentile(values, 0)).to.equal(1);
    expect(percentile([7], 99)).to.equal(7);
  });

  it('rounds to significant digits for tables', () => {
    expect(round(1234.567, 3)).to.equal(1230);
    expect(round(0.0123456, 3)).to.equal(0.0123);
    expect(round(0)).to.equal(0);
  });

  it('runs every operation once with bounded concurrency and counts failures apart', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const result = await runLoad(50, 4, async (i) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      seen.push(i);
      if (i % 10 === 0) throw new Error(`op ${i}`);
    });
    expect(seen.sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 50 }, (_, i) => i));
    expect(most).to.equal(4);
    expect(result.errors).to.equal(5);
    expect(result.latencies).to.have.length(45);
    expect((result.firstError as Error).message).to.equal('op 0');
  });

  it('starts no operation after maxSeconds (a --quick run stays short)', async () => {
    const result = await runLoad(1_000_000, 2, async () => { await new Promise((r) => setTimeout(r, 5)); }, 0.05);
    expect(result.latencies.length).to.be.greaterThan(0);
    expect(result.latencies.length).to.be.lessThan(1_000);
  });
});
