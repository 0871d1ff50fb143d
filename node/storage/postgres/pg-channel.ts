/**
 * A synchronous channel to PostgreSQL: the `pg` driver runs in a worker thread (pg-worker.ts)
 * and the main thread sleeps in Atomics.wait until the answer is there, then takes it with
 * receiveMessageOnPort. This is what lets the node's services keep their synchronous database
 * API on PostgreSQL (docs/architecture.md "PostgreSQL": it costs one thread hop, about 0.1 ms
 * on loopback, per request, during which the event loop waits).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ChannelAnswer, ChannelRequest, Numbered, PgFault } from './pg-protocol.js';

/** A failed request: the server's SQLSTATE (or the socket's error code) and its message. */
export class PgRequestError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;
  constructor(fault: PgFault) {
    super(fault.message);
    this.name = 'PgRequestError';
    this.code = fault.code;
    this.detail = fault.detail;
  }
}

export class PgChannel {
  readonly #flag = new Int32Array(new SharedArrayBuffer(4));
  readonly #port: MessagePort;
  readonly #worker: Worker;
  readonly #timeoutMs: number;
  /** The number of the request in flight; the worker writes it into #flag once the answer is posted. */
  #seq = 0;
  #closed = false;

  /** @param timeoutMs how long one request may take before the channel gives up on the worker */
  constructor(timeoutMs = 120_000) {
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#timeoutMs = timeoutMs;
    this.#worker = startWorker({ flag: this.#flag.buffer as SharedArrayBuffer, port: port2 }, [port2]);
    this.#worker.unref();
    this.#port.unref();
  }

  /** Sends `request` and blocks until its answer; throws PgRequestError for a failed one. */
  call(request: ChannelRequest): { rows: unknown[]; rowCount: number } {
    if (this.#closed) throw new PgRequestError({ message: 'the PostgreSQL connection is closed', code: '08003' });
    this.#seq = nextSeq(this.#seq);
    this.#port.postMessage({ ...request, seq: this.#seq } satisfies Numbered<ChannelRequest>);
    const answer = receiveAnswer(this.#flag, this.#seq, this.#port, this.#timeoutMs);
    if (answer === undefined) {
      this.terminate();
      throw new PgRequestError({ message: `no answer from PostgreSQL within ${this.#timeoutMs / 1000} s`, code: '57014' });
    }
    if (!answer.ok) throw new PgRequestError(answer.fault);
    return { rows: answer.rows.map(restoreBuffers), rowCount: answer.rowCount };
  }

  /** Ends the connection and the worker. */
  close(): void {
    if (this.#closed) return;
    try {
      this.call({ op: 'close', steps: [] });
    } finally {
      this.terminate();
    }
  }

  terminate(): void {
    this.#closed = true;
    void this.#worker.terminate();
    this.#port.close();
  }
}

/**
 * Blocks until the worker has posted the answer to request `seq`, and takes it; undefined when
 * none came within `timeoutMs`. The worker posts the answer, then writes `seq` into `flag` and
 * notifies. Waking up is not proof of an answer: a notify of an earlier request can arrive late,
 * after this request was sent (the worker was descheduled between its store and its notify), so
 * the loop sleeps again until the flag holds this request's number.
 */
export function receiveAnswer(flag: Int32Array, seq: number, port: MessagePort, timeoutMs: number): ChannelAnswer | undefined {
  const deadline = performance.now() + timeoutMs;
  for (let seen = Atomics.load(flag, 0); seen !== seq; seen = Atomics.load(flag, 0)) {
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    Atomics.wait(flag, 0, seen, left);
  }
  const received = receiveMessageOnPort(port);
  if (received === undefined) return undefined;
  const answer = received.message as Numbered<ChannelAnswer>;
  if (answer.seq !== seq) throw new PgRequestError({ message: `the PostgreSQL worker answered request ${String(answer.seq)} in place of ${seq}`, code: '08P01' });
  return answer;
}

/** 1, 2, … up to 2^31 − 1, then 1 again: never 0, the flag's value before the first answer. */
function nextSeq(seq: number): number {
  return seq >= 0x7fffffff ? 1 : seq + 1;
}

/** Structured cloning turns a Buffer into a plain Uint8Array; the services expect Buffers (as from SQLite). */
function restoreBuffers(row: unknown): unknown {
  if (row instanceof Uint8Array) return Buffer.from(row.buffer, row.byteOffset, row.byteLength);
  if (Array.isArray(row)) return row.map(restoreBuffers);
  if (row !== null && typeof row === 'object') {
    const record = row as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (value instanceof Uint8Array) record[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return row;
}

function startWorker(workerData: unknown, transferList: MessagePort[]): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const target = new URL(`./pg-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  if (!fromSource) return new Worker(target, { workerData, transferList });
  const boot = `import(${JSON.stringify(tsxApi())}).then((m) => { m.register(); return import(${JSON.stringify(target.href)}); });`;
  return new Worker(boot, { eval: true, workerData, transferList });
}

/** The URL of tsx's loader API, resolved from this module (as protocol/audit/entry-worker-pool.ts does). */
function tsxApi(): string {
  const meta = import.meta as { resolve?: (specifier: string) => string };
  if (typeof meta.resolve === 'function') return meta.resolve('tsx/esm/api');
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
}
