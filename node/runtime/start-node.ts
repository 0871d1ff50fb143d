/**
 * Starting a node: the one place where configuration, identity, trust, storage and the two
 * HTTP apps are put together (the composition root). Every step prints progress, and a step
 * that cannot succeed stops the start with an error that says what to do.
 */
import type { AddressInfo } from 'node:net';
import { IpexError, isIpexError } from '../../protocol/errors/index.js';
import { systemClock, systemRandom, type Clock } from '../../protocol/runtime/clock.js';
import type { Output } from '../cli/output.js';
import { loadConfig, type NodeConfig } from '../config/config.js';
import { dataPaths } from '../config/data-dir.js';
import { loadIdentity, type OfficeIdentity } from '../identity/office-identity.js';
import { openBlobStore, type OpenedBlobStore } from '../storage/open-blob-store.js';
import type { SqliteDatabase } from '../storage/database.js';
import { openNodeDatabase } from '../storage/open-node-database.js';
import { officeAccessCodeKey } from '../identity/access-code-key.js';
import { AuditLog } from '../services/audit/audit-log.js';
import { exchangeClientFor, stopRetrievalJobs } from '../services/retrieval/index.js';
import { WitnessRound } from '../services/audit/witness-round.js';
import { closeStaffAlerts, staffAlertsFor } from '../services/staff/staff-alerts.js';
import { registerNotificationChannels } from '../services/notifications/index.js';
import { outboxFor, stopOutbox } from '../services/outbox/index.js';
import { registerTrackingChannel } from '../services/tracking/index.js';
import { depositServiceFor } from '../services/deposit/deposit-service.js';
import { InboxWatcher } from '../services/inbox/inbox-watcher.js';
import { reportStorageFull } from '../services/staff/storage-full.js';
import { storageFault } from '../storage/storage-faults.js';
import { recordDirectory } from '../services/audit/trust-events.js';
import { RefusalRecorder } from '../services/audit/refusal-recorder.js';
import { handshakeRefusalLogger } from './handshake-refusals.js';
import { DirectoryStore, TrustService, type InstalledDirectory } from '../trust/index.js';
import { createExchangeApp } from '../http/exchange-app.js';
import { officeListenerApp } from './office-listener.js';
import { loadOfficeTls } from './office-tls.js';
import { close, createExchangeServer, createOfficeServer, listen } from './listeners.js';
import { startExchangeWorkers, type ExchangeWorkers } from './exchange-workers.js';
import type { NodeContext } from './node-context.js';
import type { OfficeTlsMaterial } from './office-tls.js';
import { acquireNodeLock, type NodeLock } from './node-lock.js';
import { logSettings } from '../monitoring/log-settings.js';
import { createNodeLog, loggingOutput, type LogSink, type NodeLog } from '../monitoring/node-log.js';
import { NodeMetrics } from '../monitoring/node-metrics.js';
import { nodeMonitoring, type NodeMonitoring } from '../monitoring/node-monitoring.js';
import type { ReadinessProbe } from '../monitoring/readiness.js';

export interface StartNodeOptions {
  readonly dataDir: string;
  readonly passphrase?: string;
  readonly output: Output;
  readonly clock?: Clock;
  /** Override the configured ports (tests use 0, which picks a free port). */
  readonly ports?: { readonly exchange?: number; readonly officeApi?: number; readonly metrics?: number };
  /** Time between witnessing rounds (asking peers to cosign our checkpoint); 0 turns them off. Default 60 s. */
  readonly witnessIntervalMs?: number;
  /**
   * The data folder's running-node lock, when the caller took it already (`ipex start` takes it
   * before a first start's set-up). Otherwise the node takes it. Either way the running node
   * releases it when it closes; when the start fails, it releases only a lock it took itself.
   */
  readonly lock?: NodeLock;
}

export interface RunningNode {
  readonly context: NodeContext;
  /** Where the listeners are bound (the exchange URL peers use is `config.exchange.publicUrl`). */
  readonly exchangeUrl: string;
  readonly officeApiUrl: string;
  /** Where `/metrics` is served without a token, when `metrics.port` is set. */
  readonly metricsUrl?: string | undefined;
  /** The exchange workers, when `exchange.workers` > 1 (exchange-workers.ts). */
  readonly exchangeWorkers?: ExchangeWorkers | undefined;
  /** Lines for a person: where the node listens and what to do next. */
  summary(): string;
  describe(): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startNode(options: StartNodeOptions): Promise<RunningNode> {
  const out = options.output;
  const clock = options.clock ?? systemClock;
  const paths = dataPaths(options.dataDir);

  out.progress(`reading the configuration in ${paths.config}`);
  const config = loadConfig(options.dataDir);
  const identity = loadIdentity(paths, options.passphrase);
  if (identity.code !== config.office.code) {
    throw new IpexError('CONFIG_INVALID', `${paths.config} names office ${config.office.code} but the identity in ${paths.identity.dir} is ${identity.code}`);
  }
  out.progress(`office ${identity.code} (${identity.name}), signing certificate ${identity.signing.sha256.slice(0, 16)}…`);
  // From here on the node's warnings are records of its log; progress for the person stays on `out`.
  const log = createNodeLog(out.logSink, logSettings(config.log), { node: identity.code });

  const store = new DirectoryStore({ dataDir: options.dataDir, clock });
  let onDirectory: ((installed: InstalledDirectory) => void) | undefined;
  const trust = new TrustService({ store, clock, onDirectory: (installed) => onDirectory?.(installed) });
  const directorySerial = await checkDirectory(trust, identity, config, out, log);

  const officeTls = config.officeApi.tls === undefined ? undefined : loadOfficeTls(config.officeApi.tls, clock, options.passphrase);

  // One node per data folder: a second start is told that a node runs, not that a port is in use.
  const lock = options.lock ?? acquireNodeLock(options.dataDir);
  let db: SqliteDatabase | undefined;
  let blobStore: OpenedBlobStore | undefined;
  let started: Started | undefined;
  let refusals: RefusalRecorder | undefined;
  let monitoring: NodeMonitoring | undefined;
  let closeChannels: (() => void) | undefined;
  let closeTracking: (() => void) | undefined;
  try {
    out.progress(`opening the database ${config.storage.database.engine === 'postgres' ? config.storage.database.url : paths.database}`);
    const opened = openNodeDatabase(options.dataDir, clock);
    const database = opened.db;
    db = database;
    const { migrated } = opened;
    if (migrated.applied.length > 0) out.progress(`applied migrations ${migrated.applied.join(', ')} (schema ${migrated.version})`);
    // Every process of the office holds the same access-code key (docs/operations.md "Several node processes"): checked here, made by the first start.
    officeAccessCodeKey(database, paths.identity.dir, systemRandom, true);
    if (config.storage.blobs.kind === 's3') out.progress(`checking the object store: bucket ${config.storage.blobs.bucket} at ${config.storage.blobs.endpoint}`);
    blobStore = await openBlobStore(config);
    const { blobs } = blobStore;
    await blobStore.cleanTemp(clock.now());

    // The checkpoint signer runs in the background: its failures go to the log (a full disk as an alert, once the context exists).
    let onAuditError = (err: unknown): void => log.warn(`audit log: ${(err as Error).message}`);
    const audit = AuditLog.forIdentity(database, clock, identity, { onError: (err) => onAuditError(err) });
    // Each directory the node starts to use is logged once (trust changes, docs/design.md §7).
    onDirectory = (installed) => recordDirectory(database, audit, installed);
    if (directorySerial !== undefined) recordDirectory(database, audit, await store.current());
    const context: NodeContext = {
      config, identity, clock, db: database, blobs, trust, store, audit, log, metrics: new NodeMetrics(),
      output: loggingOutput(out, log),
    };
    onAuditError = auditErrorReporter(context);
    // Reads the SMTP password and CA: a missing one stops the start here, before anything listens.
    closeChannels = registerNotificationChannels(context);
    // Refused handshakes and requests of the exchange listener, rate-limited into the audit log.
    refusals = new RefusalRecorder({ audit, clock, warn: (m) => log.warn(m) });
    refusals.start();
    monitoring = nodeMonitoring(context, officeTls?.certificatePem);
    started = await listenBoth(context, refusals, options.ports ?? {}, officeTls, monitoring.readiness, { passphrase: options.passphrase, sink: out.logSink });
    const workers = started.exchange.workers;
    if (workers !== undefined) monitoring.readiness.watchExchangeWorkers(() => ({ running: workers.pids().size, wanted: config.exchange.workers }));
    await monitoring.start(options.ports?.metrics);
    const metricsAddress = monitoring.metricsAddress();
    const metricsUrl = metricsAddress === undefined ? undefined : `http://${hostForUrl(metricsAddress)}:${metricsAddress.port}/metrics`;
    const witnessing = new WitnessRound(context, { client: () => exchangeClientFor(context, systemRandom), intervalMs: options.witnessIntervalMs ?? 60_000 });
    if (options.witnessIntervalMs !== 0) witnessing.start();
    closeTracking = registerTrackingChannel(context);
    outboxFor(context).start((row, error) => staffAlertsFor(context).raise({
      kind: 'outbox.dead-letter',
      subject: row.channel,
      detail: `a ${row.channel} message (${row.eventType} to ${row.recipient}, outbox id ${row.id}) could not be delivered: ${error}. ` +
        'See `ipex outbox list --dead`; retry with `ipex outbox retry ID` once the cause is fixed (docs/operations.md "Dead letters")',
    }));
    // Issue 15: the e-filing hook's watched inbox (docs/e-filing.md), when configured.
    const inboxSettings = config.inbox;
    const inbox = inboxSettings === undefined ? undefined : new InboxWatcher(depositServiceFor(context), inboxSettings, (line) => log.warn(line));
    if (inbox !== undefined) {
      out.progress(`watching the inbox ${inboxSettings?.folder}/inbox every ${inboxSettings?.pollSeconds} s`);
      inbox.start();
    }
    const { exchange, officeApi } = started;
    const exchangeUrl = `https://${hostForUrl(exchange.address)}:${exchange.address.port}`;
    const officeApiUrl = `${officeTls === undefined ? 'http' : 'https'}://${hostForUrl(officeApi.address)}:${officeApi.address.port}`;
    const stop = started;
    const recorder = refusals;
    const monitor = monitoring;
    const openedBlobs = blobStore;
    log.info({ exchangeUrl, officeApiUrl, metricsUrl }, `ipex node of office ${identity.code} is running`);
    return {
      context,
      exchangeUrl,
      officeApiUrl,
      metricsUrl,
      exchangeWorkers: stop.exchange.workers,
      summary: () => summaryLines(config, identity, exchangeUrl, officeApiUrl, directorySerial, metricsUrl),
      describe: () => ({ office: identity.code, name: identity.name, exchangeUrl, officeApiUrl, publicUrl: config.exchange.publicUrl, directorySerial, dataDir: options.dataDir }),
      close: async () => {
        await monitor.close();
        await Promise.all([stop.exchange.close(), close(stop.officeApi.server)]);
        await stop.officeApi.closeApp();
        await inbox?.stop();
        await recorder.stop();
        await witnessing.stop();
        await stopRetrievalJobs(context);
        await stopOutbox(context);
        closeChannels?.();
        closeTracking?.();
        closeStaffAlerts(context);
        await context.audit.close();
        context.db.close();
        openedBlobs.close();
        lock.release();
      },
    };
  } catch (err) {
    closeChannels?.();
    closeTracking?.();
    await monitoring?.close();
    if (started !== undefined) {
      await Promise.all([started.exchange.close(), close(started.officeApi.server)]);
      await started.officeApi.closeApp();
    }
    await refusals?.stop();
    db?.close();
    blobStore?.close();
    if (options.lock === undefined) lock.release();
    throw err;
  }
}

interface Started {
  /** The node's own exchange server, or its workers' (`exchange.workers` > 1). */
  readonly exchange: { address: AddressInfo; close: () => Promise<void>; workers?: ExchangeWorkers };
  readonly officeApi: { server: ReturnType<typeof createOfficeServer>; address: AddressInfo; closeApp: () => Promise<void> };
}

async function listenBoth(context: NodeContext, refusals: RefusalRecorder, ports: { exchange?: number; officeApi?: number }, officeTls: OfficeTlsMaterial | undefined, readiness: ReadinessProbe, workerStart: { passphrase?: string | undefined; sink: LogSink }): Promise<Started> {
  const { config } = context;
  const exchange = await listenExchange(context, refusals, ports.exchange ?? config.exchange.port, workerStart);
  let officeApp: Awaited<ReturnType<typeof officeListenerApp>> | undefined;
  try {
    officeApp = await officeListenerApp(context, officeTls !== undefined, readiness);
    const officeServer = createOfficeServer(officeApp.app, officeTls);
    const officeAddress = await listen(officeServer, config.officeApi.host, ports.officeApi ?? config.officeApi.port, 'the office API');
    return { exchange, officeApi: { server: officeServer, address: officeAddress, closeApp: officeApp.close } };
  } catch (err) {
    await exchange.close();
    await officeApp?.close();
    throw err;
  }
}

/** The exchange listener in this process, or served by `exchange.workers` worker processes (exchange-workers.ts). */
async function listenExchange(context: NodeContext, refusals: RefusalRecorder, port: number, workerStart: { passphrase?: string | undefined; sink: LogSink }): Promise<Started['exchange']> {
  const { config, identity } = context;
  if (config.exchange.workers > 1) {
    context.output.progress(`starting ${config.exchange.workers} exchange workers`);
    const workers = await startExchangeWorkers({
      count: config.exchange.workers, dataDir: config.dataDir, port, passphrase: workerStart.passphrase, sink: workerStart.sink, log: context.log!,
    });
    context.metrics?.includeWorkers(() => workers.metrics());
    return { address: workers.address, close: () => workers.close(), workers };
  }
  const server = createExchangeServer(createExchangeApp(context, refusals), {
    identity, mutualTls: config.exchange.mutualTls, onHandshakeRefused: handshakeRefusalLogger(refusals),
  });
  const address = await listen(server, config.exchange.host, port, 'the exchange listener');
  return { address, close: () => close(server) };
}

/** The directory must be installed; an expired one, or one that does not list us, is a warning. */
async function checkDirectory(trust: TrustService, identity: OfficeIdentity, config: NodeConfig, out: Output, log: NodeLog): Promise<number | undefined> {
  try {
    const { directory } = await trust.refresh();
    out.progress(`directory serial ${directory.serial} of network ${directory.network}, valid until ${directory.expiresAt}`);
    const self = directory.offices.find((o) => o.code === identity.code);
    if (self === undefined) log.warn(`the directory does not list office ${identity.code}: peers will refuse this node`);
    else if (!self.certificates.some((c) => c.use === 'signing' && c.sha256 === identity.signing.sha256)) {
      log.warn('the directory does not list this node\'s signing certificate: peers will refuse its requests');
    }
    // Peers sign for the directory's URL and this node checks against its own (docs/message-signatures.md).
    if (self !== undefined && new URL(self.exchangeUrl).origin !== new URL(config.exchange.publicUrl).origin) {
      log.warn(`the directory lists ${self.exchangeUrl} as this office's exchange URL but exchange.publicUrl is ${config.exchange.publicUrl}: peers sign for the directory's URL, so their requests would fail SIGNATURE_INVALID (set exchange.publicUrl)`);
    }
    return directory.serial;
  } catch (err) {
    if ((err as IpexError).code === 'NOT_FOUND') {
      throw new IpexError('NODE_NOT_INITIALISED', 'no network directory is installed: run `ipex directory install --directory FILE --crl FILE`', { cause: err });
    }
    log.warn(`the installed directory cannot be used (${(err as Error).message}); exchanges are refused until a good one is installed`);
    return undefined;
  }
}

/** What the node says about a failure of the background checkpoint signer. */
function auditErrorReporter(context: NodeContext): (err: unknown) => void {
  return (err) => {
    const named = storageFault(err) ?? err;
    if (isIpexError(named, 'STORAGE_FULL')) reportStorageFull(context, named, 'signing an audit-log checkpoint');
    else context.log?.warn(`audit log: ${(err as Error).message}`);
  };
}

function summaryLines(config: NodeConfig, identity: OfficeIdentity, exchangeUrl: string, officeApiUrl: string, serial: number | undefined, metricsUrl: string | undefined): string {
  const metrics = !config.metrics.enabled ? 'off' : metricsUrl ?? `${officeApiUrl}/metrics (with an auditor or admin token)`;
  return [
    `ipex node of office ${identity.code} (${identity.name}) is running`,
    `  exchange API (peers, mutual TLS): ${exchangeUrl}/exchange/v1   public URL ${config.exchange.publicUrl}${config.exchange.workers > 1 ? `   (${config.exchange.workers} exchange workers)` : ''}`,
    `  portal (staff, applicants):       ${officeApiUrl}/`,
    `  office API (staff, applicants):   ${officeApiUrl}/api/v1`,
    `  API reference:                    ${officeApiUrl}/docs`,
    `  health, readiness (no token):     ${officeApiUrl}/healthz   ${officeApiUrl}/readyz`,
    `  metrics (Prometheus):             ${metrics}`,
    `  data folder:                      ${config.dataDir}${serial === undefined ? '' : `   directory serial ${serial}`}`,
    'next: create a staff token with `ipex token create --role clerk`, open the portal and sign in',
    '      with it to deposit a document (or `ipex deposit --help`); stop with Ctrl-C',
  ].join('\n');
}

function hostForUrl(address: AddressInfo): string {
  if (address.address === '0.0.0.0' || address.address === '::') return 'localhost';
  return address.family === 'IPv6' ? `[${address.address}]` : address.address;
}
