/**
 * The node's Prometheus metrics (issue 13, docs/operations.md "Metrics"), in a registry of its
 * own per node (tests run several nodes in one process). Requests are counted as they finish
 * (request-telemetry.ts); everything else is read from the node's state when it is scraped
 * (state-collectors.ts): SQL counts, file sizes, certificate dates. A collector that reads state
 * stays right after a restart and needs no change in the services it describes.
 *
 * With exchange workers (`exchange.workers` > 1, issue 14) the exchange listener's requests are
 * counted in the workers' processes: a scrape of the node asks each of them for its registry and
 * sums it with the primary's (prom-client's AggregatorRegistry), so `/metrics` still describes
 * the node as one: request counts and latency of every process, process metrics summed (resident
 * memory, CPU) or as prom-client aggregates them (event-loop lag: the mean); the state read from
 * the database only once, by the primary.
 */
import { AggregatorRegistry, collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Listener } from './request-telemetry.js';

/** Seconds; from a cached 100 KB part to a long download. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 120];

export class NodeMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'listener' | 'operation' | 'status'>;
  readonly #latency: Histogram<'listener' | 'operation'>;
  #workers: (() => Promise<unknown[][]>) | undefined;

  constructor() {
    this.#requests = new Counter({
      name: 'ipex_http_requests_total',
      help: 'Requests answered, by listener (exchange, office), OpenAPI operation (none: refused before one was matched) and HTTP status (0: the connection closed first).',
      labelNames: ['listener', 'operation', 'status'],
      registers: [this.registry],
    });
    this.#latency = new Histogram({
      name: 'ipex_http_request_duration_seconds',
      help: 'Time from a request\'s arrival to the end of its response, by listener and operation.',
      labelNames: ['listener', 'operation'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    // The process itself: resident memory, CPU, event-loop delay, heap, open files.
    collectDefaultMetrics({ register: this.registry });
  }

  observeRequest(listener: Listener, operation: string, status: number, seconds: number): void {
    this.#requests.inc({ listener, operation, status: String(status) });
    this.#latency.observe({ listener, operation }, seconds);
  }

  /** Adds the registries of the exchange workers (their `getMetricsAsJSON()`) to every scrape. */
  includeWorkers(source: () => Promise<unknown[][]>): void {
    this.#workers = source;
  }

  /** The exposition text (`text/plain; version=0.0.4`). */
  async exposition(): Promise<{ contentType: string; body: string }> {
    if (this.#workers === undefined) return { contentType: this.registry.contentType, body: await this.registry.metrics() };
    const [own, workers] = await Promise.all([this.registry.getMetricsAsJSON(), this.#workers()]);
    const sum = AggregatorRegistry.aggregate([own, ...workers] as Parameters<typeof AggregatorRegistry.aggregate>[0]);
    return { contentType: this.registry.contentType, body: await sum.metrics() };
  }
}
