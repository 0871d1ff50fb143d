/**
 * CLI start-up (issue 14): a command that starts no node, timed from spawn to exit of the `ipex`
 * command (bin/ipex.js with the Node options of its first line, from the build in dist/), as a
 * person or a script runs it: `ipex documents list` on a data folder with one deposited document,
 * and `ipex verify BUNDLE --data DIR` of that document's certified copy (one 100 KB part).
 * Milliseconds, median of the runs after one warm-up. Target < 300 ms. The baseline is an empty
 * Node process with the same options (`node -e ''`): the least any command costs on the machine.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { IPEX_BIN, ipexNodeOptions } from '../lib/child-node.js';
import { track } from '../lib/children.js';
import { REPO_DIR, asPdf, depositPriority, scratch, setupNetwork, startInProcess } from '../lib/network.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, round } from '../lib/stats.js';

/** Spawns node with `args`; resolves with the milliseconds to exit, rejects on a non-zero status. */
function timed(args: readonly string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...ipexNodeOptions(), ...args], { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'pipe'] });
  track(child);
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => { err += chunk.toString('utf8'); });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited with ${code}: ${err.trim().split('\n').at(-1) ?? ''}`));
    });
  });
}

async function medianOf(ctx: BenchContext, label: string, args: readonly string[], runs: number): Promise<number[]> {
  await timed(args); // warm-up: the file cache
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await timed(args));
  ctx.log(`  ${label}: ${times.map((t) => t.toFixed(0)).join(', ')} ms`);
  return times;
}

export const cliStartup: Scenario = {
  id: 'cli-startup',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const tmp = scratch('cli-startup');
    try {
      const net = await setupNetwork(tmp.dir);
      const { node, deposits } = await startInProcess(net.epDir);
      let documentId: string;
      try {
        documentId = (await depositPriority(deposits, 1, [{ name: 'claims.pdf', bytes: asPdf(Buffer.alloc(100_000, 7)) }])).documentId;
      } finally {
        await node.close();
      }
      const bundle = join(tmp.dir, 'copy');
      await timed([IPEX_BIN, 'export', documentId, '--out', bundle, '--data', net.epDir]);
      const runs = ctx.quick ? 5 : 15;
      const baseline = await medianOf(ctx, 'node -e \'\'', ['-e', ''], runs);
      const list = await medianOf(ctx, 'ipex documents list', [IPEX_BIN, 'documents', 'list', '--data', net.epDir], runs);
      const verify = await medianOf(ctx, 'ipex verify BUNDLE', [IPEX_BIN, 'verify', bundle, '--data', net.epDir], runs);
      const base = median(baseline);
      const row = (name: string, times: number[], what: string): ResultRow => {
        const value = median(times);
        return {
          scenario: name, value: round(value), unit: 'ms', baseline: round(base), ratio: round(base / value), target: '< 300 ms', met: value < 300,
          note: `spawn to exit of bin/ipex.js (the build in dist/, its Node options): ${what}; median of ${runs} runs after one warm-up; baseline \`node -e ''\``,
          details: { runs: times.map((t) => round(t)), baselineRuns: baseline.map((t) => round(t)) },
        };
      };
      return [
        row('`ipex documents list` (starts no node)', list, 'one document in the data folder'),
        row('`ipex verify BUNDLE` (starts no node)', verify, 'a certified copy of one 100 KB part, root and CRL from --data'),
      ];
    } finally {
      tmp.dispose();
    }
  },
};
