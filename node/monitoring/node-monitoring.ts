/**
 * What a running node does for its operators, put together once by start-node.ts (issue 13):
 * the readiness probe behind `/readyz`, the metrics read from its state at scrape time, the
 * expiry and free-space alerts checked at start and then periodically, and `/metrics` on a loopback port of its
 * own when `metrics.port` says so. The routes on the office listener are ops-routes.ts.
 */
import type { AddressInfo } from 'node:net';
import type { NodeContext } from '../runtime/node-context.js';
import { close } from '../runtime/listeners.js';
import { ExpiryWatch } from './expiry-watch.js';
import { StorageWatch } from './storage-watch.js';
import { startMetricsListener } from './metrics-listener.js';
import { ReadinessProbe } from './readiness.js';
import { registerStateCollectors } from './state-collectors.js';
import { watchedCertificates } from './watched-certificates.js';

export interface NodeMonitoring {
  readonly readiness: ReadinessProbe;
  readonly expiry: ExpiryWatch;
  readonly storage: StorageWatch;
  /** Starts what runs beside the listeners: the expiry checks, the metrics listener. */
  start(portOverride?: number): Promise<void>;
  /** Where the metrics listener is bound, when there is one. */
  metricsAddress(): AddressInfo | undefined;
  close(): Promise<void>;
}

export function nodeMonitoring(context: NodeContext, officeApiTlsPem?: string): NodeMonitoring {
  const certificates = watchedCertificates(context.identity, officeApiTlsPem);
  const readiness = new ReadinessProbe(context, certificates);
  const expiry = new ExpiryWatch(context, certificates);
  const storage = new StorageWatch(context);
  if (context.metrics !== undefined) registerStateCollectors(context.metrics.registry, context, certificates);
  let listener: Awaited<ReturnType<typeof startMetricsListener>> | undefined;
  return {
    readiness,
    expiry,
    storage,
    async start(portOverride) {
      expiry.start();
      storage.start();
      const { enabled, listener: where } = context.config.metrics;
      if (enabled && where !== undefined && context.metrics !== undefined) {
        listener = await startMetricsListener(context.metrics, where.host, portOverride ?? where.port, context.log);
      }
    },
    metricsAddress: () => listener?.address,
    async close() {
      expiry.stop();
      storage.stop();
      if (listener !== undefined) await close(listener.server);
    },
  };
}
