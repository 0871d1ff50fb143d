/**
 * `npm run bench` (issue 5): starts real nodes on loopback, measures each scenario (median of
 * several runs) beside a baseline measured in the same run, and writes bench/results.json and
 * bench/RESULTS.md. Benchmarks are scripts, never tests: nothing here asserts a time.
 *
 *   npm run bench                        full run (the published numbers; take them on an idle machine)
 *   npm run bench -- --quick             fewer runs, smaller sizes, under 3 minutes on 2 cores
 *   npm run bench -- --only retrieval    one scenario (ids below; comma-separated for several)
 *
 * A scenario that fails still gets its row (value null, met false, the reason in `note`), so a
 * reviewer sees what did not run instead of a shorter table. See docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildRuntime } from '../scripts/build.js';
import { ipexEnvironment } from './lib/child-node.js';
import { machineInfo } from './lib/machine.js';
import { BENCH_DIR, REPO_DIR, TMP_DIR } from './lib/network.js';
import { notRun, writeResults, type ResultRow } from './lib/results.js';
import type { BenchContext, Scenario } from './lib/scenario.js';
import { auditAppend } from './scenarios/audit-append.js';
import { auditProofs } from './scenarios/audit-proofs.js';
import { auditVerify } from './scenarios/audit-verify.js';
import { bulkDeposit } from './scenarios/bulk-deposit.js';
import { idleNode } from './scenarios/idle-node.js';
import { largePart } from './scenarios/large-part.js';
import { retrieval } from './scenarios/retrieval.js';
import { familySearch } from './scenarios/family-search.js';
import { slowLink } from './scenarios/slow-link.js';
import { archiveImport } from './scenarios/archive-import.js';
import { cliStartup } from './scenarios/cli-startup.js';
import { scaleRetrieval, scaleRetrievalNotRun } from './scenarios/scale-retrieval.js';

/** In the issue's order; each scenario's rows if it fails before measuring. */
const SCENARIOS: { scenario: Scenario; onFailure: [string, string, string][] }[] = [
  { scenario: retrieval, onFailure: [['retrieval of a 100 KB priority document by a peer (64 concurrent)', 'retrievals/s', '≥ 1,000/s and ≥ 30% of nginx']] },
  { scenario: largePart, onFailure: [
    ['deposit of a 1 GiB part', 'MB/s', '≥ 60% of the slower of sha256sum and cp'],
    ['retrieval of a 1 GiB part by a peer', 'MB/s', '≥ 60% of the slower of sha256sum and cp'],
    ['peak RSS of the node during the 1 GiB deposit and retrieval', 'MB', '< 150 MB'],
  ] },
  { scenario: bulkDeposit, onFailure: [['bulk deposit of 10,000 documents of 100 KB', 'documents/s', '≥ 500/s']] },
  { scenario: auditAppend, onFailure: [['durable audit-log appends', 'entries/s', '≥ 10,000/s']] },
  { scenario: auditProofs, onFailure: [
    ['inclusion proof at 1 M entries', 'µs/proof', '< 1 ms'],
    ['consistency proof at 1 M entries', 'µs/proof', '< 1 ms'],
  ] },
  { scenario: auditVerify, onFailure: [['`ipex audit verify` of 1 M entries', 's', '≤ 5 s']] },
  { scenario: idleNode, onFailure: [
    ['idle node: RSS after start', 'MB', '< 80 MB'],
    ['idle node: start-up time', 's', '< 1 s'],
  ] },
  { scenario: archiveImport, onFailure: [['import of an archive of 10,000 documents of 100 KB', 'documents/s', '≥ 500/s']] },
  { scenario: cliStartup, onFailure: [
    ['`ipex documents list` (starts no node)', 'ms', '< 300 ms'],
    ['`ipex verify BUNDLE` (starts no node)', 'ms', '< 300 ms'],
  ] },
  { scenario: familySearch, onFailure: [['family search over three peers, one down (4 rounds)', 'ms', 'none set; issue 12 asks for the figure']] },
  { scenario: scaleRetrieval, onFailure: scaleRetrievalNotRun('failed').map((r) => [r.scenario, r.unit, r.target]) },
  { scenario: slowLink, onFailure: ['clerk', 'examiner', 'applicant', 'auditor', 'administrator'].map((role) => [`${role}'s first page on a 1 Mbit/s, 300 ms link`, 's', '< 2 s and < 150 KB']) },
];

function parseArgs(argv: string[]): { quick: boolean; only: Set<string> | undefined } {
  const quick = argv.includes('--quick');
  const i = argv.indexOf('--only');
  const only = i >= 0 && argv[i + 1] !== undefined ? new Set((argv[i + 1] as string).split(',')) : undefined;
  return { quick, only };
}

async function main(): Promise<void> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const machine = machineInfo();
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const ctx: BenchContext = { quick, log, shared: new Map() };
  log(`ipex benchmarks (${quick ? 'quick' : 'full'}) on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; load average ${machine.loadAverageAtStart.join(' ')}`);
  // The nodes run as installed: from the JavaScript build that `npm install` makes, rebuilt here
  // so that it matches the sources being measured (bin/ipex.js would otherwise fall back to tsx).
  log(`building dist/ from the sources: ${await buildRuntime(REPO_DIR)} modules`);
  const rows: ResultRow[] = [];
  // A partial run (--only) never overwrites the published results.
  const outDir = only === undefined ? BENCH_DIR : TMP_DIR;
  const started = performance.now();
  for (const { scenario, onFailure } of SCENARIOS) {
    if (only !== undefined && !only.has(scenario.id)) continue;
    log(`\n== ${scenario.id}`);
    const t = performance.now();
    try {
      const got = await scenario.run(ctx);
      rows.push(...got);
      for (const r of got) log(`   ${r.scenario}: ${r.value ?? '—'} ${r.unit}${r.baseline === null ? '' : ` (baseline ${r.baseline}, ratio ${r.ratio})`}  target ${r.target}: ${r.met ? 'met' : 'NOT met'}`);
    } catch (err) {
      const why = `did not run: ${(err as Error).message.split('\n')[0]}`;
      log(`   ${scenario.id} ${why}`);
      if (process.env.IPEX_BENCH_DEBUG !== undefined) log((err as Error).stack ?? '');
      rows.push(...onFailure.map(([name, unit, target]) => notRun(name, unit, target, why)));
    }
    log(`   (${((performance.now() - t) / 1000).toFixed(1)} s)`);
    // Write after every scenario: a long run that is interrupted keeps what it measured.
    writeResults(join(outDir, 'results.json'), join(outDir, 'RESULTS.md'), { machine, mode: quick ? 'quick' : 'full', scenarios: rows });
  }
  // Whatever scenarios left open for each other (the 1M-entry log when audit-verify did not run).
  for (const value of ctx.shared.values()) await (value as { close?: () => Promise<void> }).close?.();
  log(`\nwrote ${outDir}/results.json and RESULTS.md in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

// libuv sizes its thread pool from UV_THREADPOOL_SIZE once, before any code here runs: the
// scenarios run in this process (bulk deposit, import) get the pool an `ipex` process has
// (bin/ipex.js's first line) only when this process starts with it, so start again with it.
const environment = ipexEnvironment();
if (Object.entries(environment).some(([name, value]) => process.env[name] !== value)) {
  const again = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, ...environment } });
  process.exit(again.status ?? 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
