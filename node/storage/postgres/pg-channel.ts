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
import type { ChannelAnswer, ChannelRequest, PgFault } from './pg-protocol.js';

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
    Atomics.store(this.#flag, 0, 0);
    this.#port.postMessage(request);
    const waited = Atomics.wait(this.#flag, 0, 0, this.#timeoutMs);
    const received = receiveMessageOnPort(this.#port);
    if (waited === 'timed-out' || received === undefined) {
      this.terminate();
      throw new PgRequestError({ message: `no answer from PostgreSQL within ${this.#timeoutMs / 1000} s`, code: '57014' });
    }
    const answer = received.message as ChannelAnswer;
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
