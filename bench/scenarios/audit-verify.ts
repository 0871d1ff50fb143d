/**
 * `ipex audit verify` of 1 M entries (issue 5, docs/design.md §7): the 1M-entry log is exported as
 * an audit bundle (node/services/audit exportAuditBundle), then the CLI verifies it in a child
 * process, as an auditor runs it (`ipex audit verify BUNDLE --data DIR`: signature against the
 * directory's log key, every entry hashed, the Merkle root rebuilt). Start-up of the CLI is
 * included. Baseline in the same run: `openssl dgst -sha256` over the same entries.jsonl, the
 * least any verifier must do. Figure: seconds, median of the runs. Target ≤ 5 s.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { exportAuditBundle } from '../../node/services/audit/export-bundle.js';
import { verifyAuditBundle } from '../../protocol/audit/index.js';
import { systemClock } from '../../protocol/runtime/clock.js';
import { IPEX_BIN, ipexNodeOptions } from '../lib/child-node.js';
import { REPO_DIR, scratch } from '../lib/network.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, round } from '../lib/stats.js';
import { millionEntryLog } from './audit-proofs.js';

function seconds(work: () => void): number {
  const t = performance.now();
  work();
  return (performance.now() - t) / 1000;
}

/**
 * IPEX_BENCH_PROFILE=1: V8 CPU profiles of the CLI, one per thread (the main thread and the
 * entry workers), in bench/tmp/profiles, as the node child processes write theirs.
 */
function profileOptions(): string[] {
  return process.env.IPEX_BENCH_PROFILE === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', join(REPO_DIR, 'bench/tmp/profiles')];
}

export const auditVerify: Scenario = {
  id: 'audit-verify',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const log = await millionEntryLog(ctx);
    const tmp = scratch('audit-bundle');
    try {
      const bundle = join(tmp.dir, 'bundle');
      const exportStart = performance.now();
      const info = await exportAuditBundle({ audit: log.audit, identity: log.identity, clock: systemClock, out: bundle });
      const exportSeconds = (performance.now() - exportStart) / 1000;
      const entries = join(bundle, 'entries.jsonl');
      const bytes = statSync(entries).size;
      ctx.log(`  exported ${info.size.toLocaleString('en')} entries (${(bytes / 2 ** 20).toFixed(0)} MiB) in ${exportSeconds.toFixed(1)} s`);
      const runs = ctx.quick ? 1 : 3;
      const cli: number[] = [];
      const openssl: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        openssl.push(seconds(() => execFileSync('openssl', ['dgst', '-sha256', entries], { stdio: 'ignore' })));
        cli.push(seconds(() => {
          const r = spawnSync(process.execPath, [...ipexNodeOptions(), ...profileOptions(), IPEX_BIN, 'audit', 'verify', bundle, '--data', log.dataDir], { cwd: REPO_DIR, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
          if (r.status !== 0) throw new Error(`ipex audit verify failed (${r.status}): ${(r.stderr || r.stdout).slice(0, 400)}`);
        }));
        ctx.log(`  run ${run + 1}: ipex audit verify ${cli.at(-1)!.toFixed(2)} s, openssl dgst ${openssl.at(-1)!.toFixed(2)} s`);
      }
      // The library call alone, without the CLI's start-up (what another tool importing protocol/
      // pays); skipped in --quick, where it would double the scenario's time.
      let librarySeconds: number | null = null;
      if (!ctx.quick) {
        const libStart = performance.now();
        const report = await verifyAuditBundle(bundle, { trustedVkey: log.identity.log.verifierKey });
        librarySeconds = (performance.now() - libStart) / 1000;
        if (!report.ok) throw new Error(`the exported bundle did not verify: ${report.problems[0]?.message ?? 'no reason given'}`);
      }
      const value = median(cli);
      const baseline = median(openssl);
      return [{
        scenario: '`ipex audit verify` of 1 M entries',
        value: round(value),
        unit: 's',
        baseline: round(baseline),
        ratio: round(baseline / value),
        target: '≤ 5 s',
        met: value <= 5,
        note: `CLI in a child process (start-up included) on a ${(bytes / 2 ** 20).toFixed(0)} MiB bundle; baseline openssl dgst -sha256 of entries.jsonl; ratio = baseline/value`,
        details: { runs: cli.map((v) => round(v)), opensslRuns: openssl.map((v) => round(v)), librarySeconds: librarySeconds === null ? null : round(librarySeconds), exportSeconds: round(exportSeconds), entries: info.size, bytes },
      }];
    } finally {
      tmp.dispose();
      await log.close();
    }
  },
};
