/** The shape of one benchmark scenario module (bench/scenarios/*): it measures and returns rows. */
import type { ResultRow } from './results.js';

export interface BenchContext {
  /** `--quick`: fewer runs and smaller sizes, under 3 minutes in all on 2 cores. */
  readonly quick: boolean;
  /** Progress lines for the person watching (stderr). */
  log(line: string): void;
  /** Shared between scenarios of one run (the 1M-entry audit log is built once). */
  readonly shared: Map<string, unknown>;
}

export interface Scenario {
  /** Short id for `--only`. */
  readonly id: string;
  run(ctx: BenchContext): Promise<ResultRow[]>;
}
