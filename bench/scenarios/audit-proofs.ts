/**
 * Inclusion and consistency proofs at 1 M entries (issue 5, RFC 9162 §2.1.3–2.1.4): the log is
 * filled to 1,000,000 realistic entries through the audit service, then many proofs for random
 * leaves (inclusion in the full tree) and random earlier sizes (consistency to the full tree)
 * are assembled from the stored subtree hashes, as the exchange API's /log routes do.
 * Figure: µs per proof, median of the runs. Target < 1 ms. The filled log is shared with the
 * `audit verify` scenario.
 */
import { openAuditFixture, fillLog, type AuditFixture } from '../lib/audit-fixture.js';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMigrations } from '../../node/storage/migrations.js';
import { TMP_DIR } from '../lib/network.js';
import type { ResultRow } from '../lib/results.js';
import type { BenchContext, Scenario } from '../lib/scenario.js';
import { median, round } from '../lib/stats.js';

export const MILLION = 1_000_000;

/**
 * The 1M-entry log, kept in `ctx.shared` for the run. Filling it takes a minute or more, and
 * only the proofs and the verification are measured, so the filled data folder is cached in
 * bench/tmp/cache/audit-1m between runs (delete bench/tmp to rebuild it). Its
 * `done` marker is written only once it is full, so a cut-short fill is rebuilt, never reused.
 */
export async function millionEntryLog(ctx: BenchContext): Promise<AuditFixture & { fillSeconds: number | null }> {
  const existing = ctx.shared.get('million') as (AuditFixture & { fillSeconds: number | null }) | undefined;
  if (existing !== undefined) return existing;
  const cached = join(TMP_DIR, 'cache', 'audit-1m');
  // A log written by an older schema or entry format is rebuilt, never measured.
  const marker = `${MILLION} entries, schema ${loadMigrations().length}, entry format v1 with index and prev\n`;
  let fillSeconds: number | null = null;
  if (!existsSync(join(cached, 'done')) || readFileSync(join(cached, 'done'), 'utf8') !== marker) {
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    const building = await openAuditFixture(cached);
    ctx.log(`  filling an audit log with ${MILLION.toLocaleString('en')} entries (cached in ${cached} for later runs)`);
    fillSeconds = fillLog(building, MILLION, ctx.log);
    await building.close();
    writeFileSync(join(cached, 'done'), marker);
  } else {
    ctx.log(`  reusing the ${MILLION.toLocaleString('en')}-entry audit log cached in ${cached}`);
  }
  const fixture = await openAuditFixture(cached);
  if (fixture.audit.size() < MILLION) fillLog(fixture, MILLION, ctx.log);
  const shared = {
    ...fixture,
    fillSeconds,
    close: async () => {
      await fixture.close();
      ctx.shared.delete('million');
    },
  };
  ctx.shared.set('million', shared);
  return shared;
}

/** A deterministic pseudo-random sequence (xorshift32), so every run asks the same proofs. */
function randomInts(seed: number): (below: number) => number {
  let x = seed >>> 0 || 1;
  return (below) => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x % below;
  };
}

export const auditProofs: Scenario = {
  id: 'audit-proofs',
  async run(ctx: BenchContext): Promise<ResultRow[]> {
    const log = await millionEntryLog(ctx);
    const size = log.audit.size();
    const count = ctx.quick ? 5_000 : 20_000;
    const runs = ctx.quick ? 3 : 5;
    const inclusion: number[] = [];
    const consistency: number[] = [];
    let pathLength = 0;
    for (let run = -1; run < runs; run += 1) {
      const next = randomInts(run + 2);
      let t = performance.now();
      for (let i = 0; i < count; i += 1) pathLength += log.audit.inclusionProof(next(size), size).length;
      const inc = ((performance.now() - t) * 1000) / count;
      t = performance.now();
      for (let i = 0; i < count; i += 1) log.audit.consistencyProof(1 + next(size - 1), size);
      const con = ((performance.now() - t) * 1000) / count;
      if (run < 0) continue;
      inclusion.push(inc);
      consistency.push(con);
      ctx.log(`  run ${run + 1}: inclusion ${inc.toFixed(1)} µs, consistency ${con.toFixed(1)} µs`);
    }
    const note = `tree of ${size.toLocaleString('en')} entries (${log.fillSeconds === null ? 'cached from an earlier run' : `filled in ${log.fillSeconds.toFixed(0)} s`}); ${count.toLocaleString('en')} random proofs a run, ${runs} runs; from SQLite subtree hashes`;
    const inc = median(inclusion);
    const con = median(consistency);
    return [
      { scenario: 'inclusion proof at 1 M entries', value: round(inc), unit: 'µs/proof', baseline: null, ratio: null, target: '< 1 ms', met: inc < 1000, note, details: { runs: inclusion.map((v) => round(v)), meanPathLength: round(pathLength / (count * (runs + 1))) } },
      { scenario: 'consistency proof at 1 M entries', value: round(con), unit: 'µs/proof', baseline: null, ratio: null, target: '< 1 ms', met: con < 1000, note, details: { runs: consistency.map((v) => round(v)) } },
    ];
  },
};
