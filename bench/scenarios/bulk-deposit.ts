/**
 * Bulk deposit (issue 5, docs/design.md §5 and §8): 10,000 priority documents of one 100 KB part each
 * through the deposit service of a started node, in process, 16 deposits in flight. Each deposit
 * is the whole office flow: draft, streamed part (blob written, fsynced, renamed), commit
 * (manifest JWS signed, detached CMS signature of the part, access code issued, rows and
 * `deposit.committed` audit entry in one durable SQLite transaction). Figure: documents/s,
 * median of the runs. Target ≥ 500/s. In --quick, 2,000 documents a run (said in the row).
 */
import { randomBytes } from 'node:crypto';
import { asPdf, depositPriority, scratch, setupNetwork, startInProcess } from '../lib/network.js';
import { mainThreadCpuSeconds } from '../lib/child-node.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, percentile, round, runLoad } from '../lib/stats.js';

const CONCURRENCY = 16;

export const bulkDeposit: Scenario = {
  id: 'bulk-deposit',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const tmp = scratch('bulk-deposit');
    try {
      const net = await setupNetwork(tmp.dir);
      const { node, deposits } = await startInProcess(net.epDir);
      const perRun = ctx.quick ? 2_000 : 10_000;
      const runs = ctx.quick ? 1 : 3;
      // A run also stops starting deposits after `cap` seconds, so that a slow node cannot make
      // the benchmark run for an hour; the row then says how many documents a run deposited.
      const cap = ctx.quick ? 15 : 120;
      const rates: number[] = [];
      const p99s: number[] = [];
      const done: number[] = [];
      const cpuMs: number[] = [];
      const mainMs: number[] = [];
      let next = 0;
      try {
        // Each document gets its own bytes: the blob store is content-addressed, and identical
        // parts would be stored once. A 100 KB random block with the index written into it.
        const block = randomBytes(100 * 1024);
        const deposit = async (): Promise<void> => {
          const i = next++;
          const bytes = asPdf(Buffer.from(block));
          bytes.writeUInt32BE(i, 16);
          await depositPriority(deposits, i, [{ name: 'application.pdf', bytes }]);
        };
        await runLoad(200, CONCURRENCY, deposit, ctx.quick ? 3 : 30); // warm-up
        for (let run = 0; run < runs; run += 1) {
          const cpu = process.cpuUsage();
          const main = mainThreadCpuSeconds();
          const result = await runLoad(perRun, CONCURRENCY, deposit, cap);
          const used = process.cpuUsage(cpu);
          if (result.errors > 0) throw new Error(`${result.errors} deposits failed; first: ${(result.firstError as Error).message}`);
          rates.push(result.rate);
          done.push(result.latencies.length);
          p99s.push(percentile(result.latencies, 99));
          // The process's CPU (every thread: the thread pool's file work too) per document: steadier
          // than the rate when other work shares the machine.
          cpuMs.push((used.user + used.system) / 1000 / Math.max(1, result.latencies.length));
          mainMs.push((mainThreadCpuSeconds() - main) * 1000 / Math.max(1, result.latencies.length));
          ctx.log(`  run ${run + 1}: ${result.rate.toFixed(0)} documents/s (p99 ${percentile(result.latencies, 99).toFixed(0)} ms a deposit; CPU a document ${cpuMs.at(-1)!.toFixed(2)} ms, ${mainMs.at(-1)!.toFixed(2)} ms of it on the main thread)`);
        }
      } finally {
        await node.close();
      }
      const value = median(rates);
      return [{
        scenario: 'bulk deposit of 10,000 documents of 100 KB',
        value: round(value),
        unit: 'documents/s',
        baseline: null,
        ratio: null,
        target: '≥ 500/s',
        met: value >= 500,
        note: `${ctx.quick ? 'QUICK: ' : ''}${done.join(', ')} documents a run (at most ${perRun.toLocaleString('en')} or ${cap} s)${done.every((d) => d === 10_000) ? '' : ', not 10,000'}; deposit service in process, ${CONCURRENCY} in flight; draft + streamed part + certified commit each; ${runs} run(s)`,
        details: { runs: rates.map((r) => round(r)), cpuMsPerDocument: cpuMs.map((c) => round(c)), mainThreadCpuMsPerDocument: mainMs.map((c) => round(c)), p99DepositMs: round(median(p99s)), documentsPerRun: done, timeCapSeconds: cap, concurrency: CONCURRENCY },
      }];
    } finally {
      tmp.dispose();
    }
  },
};
