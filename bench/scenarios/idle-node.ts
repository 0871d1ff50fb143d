/**
 * An idle node (issue 5, docs/design.md §9 "run well on a small machine"): `ipex start` (bin/ipex.js)
 * in a child process on a data folder that is already set up (a development node of a two-office
 * network), timed from spawn to its "is running" line; then its resident memory (VmRSS of
 * /proc/<pid>/status) once it has been idle for a second. Figures: MB and seconds, median of
 * the runs. Targets < 80 MB and < 1 s.
 */
import { startChildNode } from '../lib/child-node.js';
import { scratch, setupNetwork } from '../lib/network.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, round } from '../lib/stats.js';

const MB = 1e6;

export const idleNode: Scenario = {
  id: 'idle-node',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const tmp = scratch('idle-node');
    try {
      const net = await setupNetwork(tmp.dir);
      const runs = ctx.quick ? 3 : 5;
      const startup: number[] = [];
      const rssAtStart: number[] = [];
      const rssIdle: number[] = [];
      for (let run = -1; run < runs; run += 1) {
        const node = await startChildNode(net.epDir);
        try {
          const atStart = node.rss();
          await new Promise((r) => setTimeout(r, 1000));
          if (run < 0) continue; // the first start warms the file cache
          startup.push(node.startupMs / 1000);
          rssAtStart.push(atStart / MB);
          rssIdle.push(node.rss() / MB);
          ctx.log(`  run ${run + 1}: started in ${node.startupMs.toFixed(0)} ms, RSS ${(atStart / MB).toFixed(1)} MB, after 1 s idle ${(node.rss() / MB).toFixed(1)} MB`);
        } finally {
          await node.stop();
        }
      }
      const rss = median(rssIdle);
      const up = median(startup);
      return [
        {
          scenario: 'idle node: RSS after start', value: round(rss), unit: 'MB', baseline: null, ratio: null, target: '< 80 MB', met: rss < 80,
          note: `VmRSS of \`ipex start\` (bin/ipex.js as installed: the build in dist/, its Node options) after 1 s idle; ${runs} runs`,
          details: { runs: rssIdle.map((v) => round(v)), atRunningLine: rssAtStart.map((v) => round(v)) },
        },
        {
          scenario: 'idle node: start-up time', value: round(up), unit: 's', baseline: null, ratio: null, target: '< 1 s', met: up < 1,
          note: `spawn to the "is running" line, data folder already set up; ${runs} runs after one warm-up`,
          details: { runs: startup.map((v) => round(v)) },
        },
      ];
    } finally {
      tmp.dispose();
    }
  },
};
