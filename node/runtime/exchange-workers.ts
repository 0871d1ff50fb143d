/**
 * The exchange listener served by N `node:cluster` workers (`exchange.workers` > 1, issue 14;
 * docs/operations.md "Several exchange workers"). The primary process — the node itself, with the
 * office listener and every background job — forks the workers (exchange-worker.ts), each of
 * which listens on the exchange port; node:cluster's primary accepts the connections and hands
 * them to the workers in turn. Processes rather than worker threads: a worker is then exactly
 * one more node process on the same database, the case issue 13 made exact (one audit order,
 * one replay cache, one lock-out count through the database), a crash or a blocked event loop
 * stays in its process, and nothing of a worker's memory needs to be shared.
 *
 * A worker that exits while the node runs is logged and replaced: at once, or — when it ended
 * before it listened or within 5 s after — after 1, 2, 4 … 30 s, so that a worker that cannot start does not
 * spin; stopping the node stops its workers and
 * waits for them; when the primary is killed, its workers end with their IPC channel.
 */
import cluster, { type Worker } from 'node:cluster';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { IpexError, type ErrorCode } from '../../protocol/errors/index.js';
import type { NodeLog } from '../monitoring/node-log.js';
import type { LogSink } from '../monitoring/node-log.js';
import type { FromWorker, ToWorker, WorkerMetrics, WorkerStart } from './exchange-worker-messages.js';

export interface ExchangeWorkersOptions {
  readonly count: number;
  readonly dataDir: string;
  readonly passphrase?: string | undefined;
  readonly port: number;
  /** Where the workers' log lines go (the node's own log sink). */
  readonly sink: LogSink;
  readonly log: NodeLog;
}

export interface ExchangeWorkers {
  /** Where the workers listen (one shared port). */
  readonly address: AddressInfo;
  /** Process ids of the running workers, by worker number (1…N). */
  pids(): Map<number, number>;
  /** Each running worker's metrics, as prom-client JSON; a worker that does not answer within 2 s is left out. */
  metrics(): Promise<WorkerMetrics[]>;
  /** Resolves when worker `n` has been replaced by a new one that is ready (tests, operations). */
  replaced(n: number): Promise<number>;
  close(): Promise<void>;
}

/** A worker that dies before it listens, or within this long after, is replaced only after a pause. */
const YOUNG_MS = 5000;
const RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 30_000;
const METRICS_TIMEOUT_MS = 2000;
const STOP_TIMEOUT_MS = 10_000;
/** A worker not listening this long after its fork is killed (and, once the node runs, replaced). */
const START_TIMEOUT_MS = 120_000;

/**
 * The worker's entry next to this module, and the Node options to run it with: this process's,
 * plus tsx's loader when the node runs from the TypeScript sources (bin/ipex.js registers it
 * in-process then, which a forked worker would not inherit).
 */
function workerEntry(): { exec: string; execArgv: string[] } {
  // In the build this module is a chunk with a name of the bundler's; the entry is built beside it (scripts/build.ts WORKER_ENTRIES).
  const fromSource = import.meta.url.endsWith('.ts');
  const exec = fileURLToPath(new URL(`./exchange-worker-main.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  const sources = exec.endsWith('.ts') && !process.execArgv.some((arg) => /tsx/.test(arg));
  return { exec, execArgv: sources ? [...process.execArgv, `--import=${import.meta.resolve('tsx')}`] : process.execArgv };
}

interface Slot {
  worker: Worker;
  /** When it said it was listening (undefined before). */
  readyAt: number | undefined;
  ready: boolean;
  readonly waiters: ((pid: number) => void)[];
}

export async function startExchangeWorkers(options: ExchangeWorkersOptions): Promise<ExchangeWorkers> {
  cluster.setupPrimary({ ...workerEntry(), silent: true });
  const slots = new Map<number, Slot>();
  /** Set once every worker listens: from then on a worker that ends is replaced. */
  let started = false;
  let stopping = false;
  let nextRequest = 0;
  const pending = new Map<number, (metrics: WorkerMetrics) => void>();

  const fork = (n: number): Promise<AddressInfo> => new Promise<AddressInfo>((resolve, reject) => {
    const worker = cluster.fork({ IPEX_EXCHANGE_WORKER: String(n) });
    const slot: Slot = { worker, readyAt: undefined, ready: false, waiters: slots.get(n)?.waiters ?? [] };
    slots.set(n, slot);
    forwardLines(worker, options.sink);
    const start: WorkerStart = { dataDir: options.dataDir, passphrase: options.passphrase, port: options.port, worker: n, isTTY: options.sink.isTTY === true };
    let failure: IpexError | undefined;
    const starting = setTimeout(() => {
      failure = new IpexError('INTERNAL', `exchange worker ${n} was not listening ${START_TIMEOUT_MS / 1000} s after its start`);
      worker.process.kill('SIGKILL');
    }, START_TIMEOUT_MS);
    starting.unref();
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'waiting') worker.send({ type: 'start', start } satisfies ToWorker);
      else if (message.type === 'ready') {
        clearTimeout(starting);
        slot.ready = true;
        slot.readyAt = Date.now();
        for (const waiter of slot.waiters.splice(0)) waiter(worker.process.pid ?? 0);
        resolve(message.address);
      } else if (message.type === 'failed') failure = new IpexError(message.code as ErrorCode, `exchange worker ${n}: ${message.message}`);
      else if (message.type === 'metrics') pending.get(message.id)?.(message.metrics);
    });
    worker.on('exit', (code, signal) => {
      clearTimeout(starting);
      const how = signal === null ? `exit status ${code}` : `signal ${signal}`;
      if (!slot.ready) reject(failure ?? new IpexError('INTERNAL', `exchange worker ${n} ended (${how}) before it was listening`));
      if (started && !stopping && slots.get(n) === slot) restart(n, how);
    });
  });

  /** Failed starts in a row, by worker number: the delay before the next try doubles with each. */
  const failures = new Map<number, number>();
  const restart = (n: number, how: string): void => {
    const slot = slots.get(n)!;
    const young = slot.readyAt === undefined || Date.now() - slot.readyAt < YOUNG_MS;
    const failed = young ? (failures.get(n) ?? 0) + 1 : 0;
    failures.set(n, failed);
    const delay = failed === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, RESTART_DELAY_MS * 2 ** (failed - 1));
    options.log.warn({ worker: n, pid: slot.worker.process.pid }, `exchange worker ${n} (pid ${slot.worker.process.pid}) ended (${how}); starting another${delay === 0 ? '' : ` in ${delay / 1000} s`}`);
    const again = (): void => {
      if (stopping) return;
      fork(n).then((address) => {
        options.log.info({ worker: n, pid: slots.get(n)?.worker.process.pid }, `exchange worker ${n} is listening again on port ${address.port}`);
      }, (err: unknown) => options.log.error(`exchange worker ${n} could not start again: ${(err as Error).message}`));
    };
    if (delay === 0) again();
    else setTimeout(again, delay).unref();
  };

  const stopAll = async (): Promise<void> => {
    stopping = true;
    await Promise.all([...slots.values()].map((slot) => stopWorker(slot.worker)));
  };

  let address: AddressInfo | undefined;
  try {
    // One at a time: the first fixes the port (0 in tests) that the others then share.
    for (let n = 1; n <= options.count; n += 1) {
      const bound = await fork(n);
      address ??= bound;
    }
    started = true;
  } catch (err) {
    await stopAll();
    throw err;
  }

  return {
    address: address!,
    pids: () => new Map([...slots].filter(([, s]) => s.ready && s.worker.isConnected()).map(([n, s]) => [n, s.worker.process.pid ?? 0])),
    metrics: async () => {
      const running = [...slots.values()].filter((s) => s.ready && s.worker.isConnected());
      const answers = await Promise.all(running.map((slot) => new Promise<WorkerMetrics | undefined>((resolve) => {
        const id = (nextRequest += 1);
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(undefined);
        }, METRICS_TIMEOUT_MS);
        pending.set(id, (metrics) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(metrics);
        });
        slot.worker.send({ type: 'metrics', id } satisfies ToWorker);
      })));
      return answers.filter((a): a is WorkerMetrics => a !== undefined);
    },
    replaced: (n) => new Promise<number>((resolve) => slots.get(n)?.waiters.push(resolve)),
    close: stopAll,
  };
}

/** Asks a worker to stop; kills it when it has not ended within STOP_TIMEOUT_MS. */
function stopWorker(worker: Worker): Promise<void> {
  if (worker.process.exitCode !== null || worker.process.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const killer = setTimeout(() => worker.process.kill('SIGKILL'), STOP_TIMEOUT_MS);
    worker.process.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    if (worker.isConnected()) worker.send({ type: 'stop' } satisfies ToWorker);
    else worker.process.kill('SIGKILL');
  });
}

/** Copies a worker's stdout and stderr into the node's log sink, whole lines at a time. */
function forwardLines(worker: Worker, sink: LogSink): void {
  for (const stream of [worker.process.stdout, worker.process.stderr]) {
    if (stream === null || stream === undefined) continue;
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const text = partial + chunk;
      const end = text.lastIndexOf('\n');
      if (end < 0) {
        partial = text;
        return;
      }
      partial = text.slice(end + 1);
      sink.write(text.slice(0, end + 1));
    });
    stream.on('end', () => {
      if (partial !== '') sink.write(`${partial}\n`);
    });
  }
}
