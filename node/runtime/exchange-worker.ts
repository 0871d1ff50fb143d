/**
 * One worker process of the exchange listener (`exchange.workers` > 1, issue 14; docs/operations.md
 * "Several exchange workers"): a `node:cluster` worker that serves the exchange API on the port
 * the node's primary process shares with its other workers, with a node context of its own over
 * the SAME data folder: the database file (or PostgreSQL), the blobs, the installed directory.
 * Whatever must be one for the node is kept in the database, exactly as for several node
 * processes on PostgreSQL (issue 13): the replay cache, the audit log's order, the lock-out and
 * access-code counts; the directory and CRL are read from the data folder on every request.
 *
 * The worker runs no background work (retrieval jobs, outbox, witnessing, alerts): the primary
 * does. It does sign checkpoints of what it appends (INSERT OR IGNORE of a deterministic note,
 * checkpointer.ts), so that a new entry is covered within a second whichever process wrote it.
 *
 * Signals: Ctrl-C in a terminal reaches every process of the group, but a worker stops only when
 * its primary tells it to (after the primary stopped taking connections) or when the primary is
 * gone (its IPC channel closes: node:cluster then ends the worker).
 */
import type { AddressInfo } from 'node:net';
import { isIpexError } from '../../protocol/errors/index.js';
import { systemClock } from '../../protocol/runtime/clock.js';
import { createOutput } from '../cli/output.js';
import { loadConfig } from '../config/config.js';
import { dataPaths } from '../config/data-dir.js';
import { loadIdentity } from '../identity/office-identity.js';
import { createExchangeApp } from '../http/exchange-app.js';
import { logSettings } from '../monitoring/log-settings.js';
import { createNodeLog, loggingOutput } from '../monitoring/node-log.js';
import { NodeMetrics } from '../monitoring/node-metrics.js';
import { AuditLog } from '../services/audit/audit-log.js';
import { RefusalRecorder } from '../services/audit/refusal-recorder.js';
import { recordDirectory } from '../services/audit/trust-events.js';
import { openBlobStore } from '../storage/open-blob-store.js';
import { openNodeDatabase } from '../storage/open-node-database.js';
import { DirectoryStore, TrustService, type InstalledDirectory } from '../trust/index.js';
import { handshakeRefusalLogger } from './handshake-refusals.js';
import { close, createExchangeServer, listen } from './listeners.js';
import type { NodeContext } from './node-context.js';
import type { FromWorker, ToWorker, WorkerStart } from './exchange-worker-messages.js';

function send(message: FromWorker): void {
  process.send?.(message);
}

/** Builds the worker's node context and listens; resolves with what stops it again. */
async function serve(start: WorkerStart): Promise<{ address: AddressInfo; stop: () => Promise<void>; context: NodeContext }> {
  const clock = systemClock;
  const config = loadConfig(start.dataDir);
  const identity = loadIdentity(dataPaths(start.dataDir), start.passphrase);
  // Every line goes to the primary through this process's stdout, tagged with the worker's id.
  const sink = { write: (line: string) => process.stdout.write(line), isTTY: start.isTTY };
  const log = createNodeLog(sink, logSettings(config.log), { node: identity.code }).child({ worker: start.worker });
  const out = loggingOutput(createOutput(false, { stdout: process.stdout, stderr: process.stdout }, true), log);
  const store = new DirectoryStore({ dataDir: start.dataDir, clock });
  let onDirectory: ((installed: InstalledDirectory) => void) | undefined;
  const trust = new TrustService({ store, clock, onDirectory: (installed) => onDirectory?.(installed) });
  const { db } = openNodeDatabase(start.dataDir, clock);
  const opened = await openBlobStore(config).catch((err: unknown) => {
    db.close();
    throw err;
  });
  const audit = AuditLog.forIdentity(db, clock, identity, { onError: (err) => log.warn(`audit log: ${(err as Error).message}`) });
  // Logged once per directory for the node (node_meta), whichever process sees it first.
  onDirectory = (installed) => recordDirectory(db, audit, installed);
  const context: NodeContext = { config, identity, clock, db, blobs: opened.blobs, trust, store, audit, log, metrics: new NodeMetrics(), output: out };
  const refusals = new RefusalRecorder({ audit, clock, warn: (m) => log.warn(m) });
  refusals.start();
  const server = createExchangeServer(createExchangeApp(context, refusals), {
    identity, mutualTls: config.exchange.mutualTls, onHandshakeRefused: handshakeRefusalLogger(refusals),
  });
  let address: AddressInfo;
  try {
    address = await listen(server, config.exchange.host, start.port, 'the exchange listener');
  } catch (err) {
    await refusals.stop();
    await audit.close();
    db.close();
    opened.close();
    throw err;
  }
  return {
    address,
    context,
    stop: async () => {
      await close(server);
      await refusals.stop();
      await audit.close();
      db.close();
      opened.close();
    },
  };
}

/** The worker's main: waits for its start message, serves, answers metrics requests, stops when told. */
export function runExchangeWorker(): void {
  // The primary decides when its workers stop (see the header).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);
  let running: Awaited<ReturnType<typeof serve>> | undefined;
  let stopping = false;
  process.on('message', (message: ToWorker) => {
    if (message.type === 'start') {
      serve(message.start).then((served) => {
        running = served;
        send({ type: 'ready', address: served.address });
      }, (err: unknown) => {
        send({ type: 'failed', code: isIpexError(err) ? err.code : 'INTERNAL', message: (err as Error).message });
        process.exit(1);
      });
    } else if (message.type === 'metrics') {
      const metrics = running?.context.metrics;
      (metrics === undefined ? Promise.resolve([]) : metrics.registry.getMetricsAsJSON()).then(
        (json) => send({ type: 'metrics', id: message.id, metrics: json }),
        () => send({ type: 'metrics', id: message.id, metrics: [] }),
      );
    } else if (message.type === 'stop' && !stopping) {
      stopping = true;
      (running?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
    }
  });
  send({ type: 'waiting' });
}
