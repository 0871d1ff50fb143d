/**
 * Durable audit-log appends (issue 5, docs/design.md §7–8): AuditLog.append from many concurrent
 * callers, each waiting for its own durable acknowledgement (WAL, synchronous=FULL, group
 * commit: every event queued in one turn of the event loop shares one fsynced transaction).
 * Figure: entries/s with 1,000 callers in flight, median of the runs. Target ≥ 10,000/s.
 */
import { openAuditFixture, retrievalEvent } from '../lib/audit-fixture.js';
import { scratch } from '../lib/network.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, round, runLoad } from '../lib/stats.js';

const TARGET = 10_000;

export const auditAppend: Scenario = {
  id: 'audit-append',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const perRun = ctx.quick ? 20_000 : 50_000;
    const runs = ctx.quick ? 3 : 5;
    const callers = 1000;
    const tmp = scratch('audit-append');
    const fixture = await openAuditFixture(tmp.dir);
    try {
      let seq = 0;
      const rates: number[] = [];
      const p99s: number[] = [];
      for (let run = -1; run < runs; run += 1) {
        const result = await runLoad(perRun, callers, async () => { await fixture.audit.append(retrievalEvent(seq++)); });
        if (result.errors > 0) throw result.firstError;
        if (run < 0) continue; // warm-up
        rates.push(result.rate);
        p99s.push(result.latencies.sort((a, b) => a - b)[Math.floor(result.latencies.length * 0.99)] ?? 0);
        ctx.log(`  run ${run + 1}: ${Math.round(result.rate)} entries/s`);
      }
      // The burst shape too: every append handed in at once.
      const burstStart = performance.now();
      await Promise.all(Array.from({ length: perRun }, () => fixture.audit.append(retrievalEvent(seq++))));
      const burst = perRun / ((performance.now() - burstStart) / 1000);
      const value = median(rates);
      return [{
        scenario: 'durable audit-log appends',
        value: round(value),
        unit: 'entries/s',
        baseline: null,
        ratio: null,
        target: `≥ ${TARGET.toLocaleString('en')}/s`,
        met: value >= TARGET,
        note: `${callers} concurrent callers each awaiting a durable ack (synchronous=FULL, group commit); ${runs} runs of ${perRun.toLocaleString('en')}`,
        details: { runs: rates.map((r) => round(r)), p99AckMs: round(median(p99s)), burstAllAtOnce: round(burst), logSize: fixture.audit.size() },
      }];
    } finally {
      await fixture.close();
      tmp.dispose();
    }
  },
};
