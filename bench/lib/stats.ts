/**
 * Statistics for the benchmarks (issue 5): the median of several runs, latency percentiles
 * (nearest-rank, as wrk and nginx's tooling report them), and a bounded-concurrency driver.
 * Benchmarks print and record; they never assert.
 */

/** Median of the values (mean of the middle two for an even count). NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Nearest-rank percentile `p` (0–100) of the values. NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Runs `work` `runs` times (after `warmup` unrecorded runs) and returns each run's result. */
export async function repeat<T>(runs: number, work: (run: number) => Promise<T>, warmup = 0): Promise<T[]> {
  for (let i = 0; i < warmup; i += 1) await work(-1 - i);
  const results: T[] = [];
  for (let i = 0; i < runs; i += 1) results.push(await work(i));
  return results;
}

export interface LoadResult {
  /** Operations completed per second over the whole run. */
  readonly rate: number;
  /** Latency of each operation, ms. */
  readonly latencies: number[];
  readonly errors: number;
  readonly firstError?: unknown;
}

/**
 * Runs `total` operations with `concurrency` in flight at once, timing each one; an operation
 * that throws is counted as an error, not retried. With `maxSeconds`, no new operation starts
 * after that time (so that --quick stays short however slow the system under test is); the rate
 * is then over the operations that did complete.
 */
export async function runLoad(total: number, concurrency: number, op: (i: number) => Promise<void>, maxSeconds = Infinity): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: unknown;
  const started = performance.now();
  const deadline = started + maxSeconds * 1000;
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - t);
      } catch (err) {
        errors += 1;
        firstError ??= err;
      }
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  return { rate: latencies.length / seconds, latencies, errors, ...(firstError === undefined ? {} : { firstError }) };
}

/** Rounds to `digits` significant digits, for tables. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return Math.round(value * scale) / scale;
}
