/**
 * What the node's primary process and its exchange workers say to each other over the
 * `node:cluster` IPC channel (exchange-workers.ts, exchange-worker.ts). The passphrase of the
 * node's keys travels here, never in the environment or the command line of a worker, where
 * other users of the machine could read it.
 */
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface WorkerStart {
  readonly dataDir: string;
  readonly passphrase?: string | undefined;
  /** The exchange port to share (the configured one, or a test's override; 0 picks one for all). */
  readonly port: number;
  /** The worker's number (1…N; a restarted worker takes the number of the one it replaces). */
  readonly worker: number;
  /** Whether the primary's log goes to a terminal (the `auto` log format). */
  readonly isTTY: boolean;
}

/** A worker registry's `getMetricsAsJSON()`, which prom-client's AggregatorRegistry sums. */
export type WorkerMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

export type ToWorker =
  | { readonly type: 'start'; readonly start: WorkerStart }
  | { readonly type: 'metrics'; readonly id: number }
  | { readonly type: 'stop' };

export type FromWorker =
  | { readonly type: 'waiting' }
  | { readonly type: 'ready'; readonly address: AddressInfo }
  | { readonly type: 'failed'; readonly code: string; readonly message: string }
  | { readonly type: 'metrics'; readonly id: number; readonly metrics: WorkerMetrics };
