/**
 * The wait of the synchronous PostgreSQL channel (pg-channel.ts receiveAnswer), with a real
 * second thread playing the worker: an answer is taken only once the flag holds its request's
 * number, whatever wakes the main thread before that.
 */
import { expect } from 'chai';
import { MessageChannel, Worker, type MessagePort as WorkerPort } from 'node:worker_threads';
import { PgRequestError, receiveAnswer } from '../../../../node/storage/postgres/pg-channel.js';

/**
 * Starts a thread that, on its own clock, does each of `steps`: a late notify of request 1
 * (the flag left as it is), then the answer to `seq` (posted, then numbered, then notified).
 */
function fakeWorker(flag: Int32Array, port: WorkerPort, steps: readonly { afterMs: number; action: 'stale-notify' | 'answer'; seq?: number }[]): Worker {
  const code = `
    const { workerData } = require('node:worker_threads');
    const flag = new Int32Array(workerData.flag);
    const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    for (const step of workerData.steps) {
      sleep(step.afterMs);
      if (step.action === 'stale-notify') { Atomics.notify(flag, 0); continue; }
      workerData.port.postMessage({ ok: true, rows: [{ n: step.seq }], rowCount: 1, seq: step.seq });
      Atomics.store(flag, 0, step.seq);
      Atomics.notify(flag, 0);
    }`;
  return new Worker(code, { eval: true, workerData: { flag: flag.buffer, port, steps }, transferList: [port] });
}

describe('receiveAnswer (the PostgreSQL channel\'s wait)', () => {
  it('sleeps through a late notify of an earlier request and takes the answer to its own', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, 1); // request 1 was answered
    const { port1, port2 } = new MessageChannel();
    const worker = fakeWorker(flag, port2, [{ afterMs: 100, action: 'stale-notify' }, { afterMs: 200, action: 'answer', seq: 2 }]);
    try {
      const answer = receiveAnswer(flag, 2, port1, 10_000);
      expect(answer).to.deep.equal({ ok: true, rows: [{ n: 2 }], rowCount: 1, seq: 2 });
    } finally {
      port1.close();
      await worker.terminate();
    }
  });

  it('gives up with undefined when no answer comes within the time', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    const worker = fakeWorker(flag, port2, [{ afterMs: 20, action: 'stale-notify' }]);
    try {
      expect(receiveAnswer(flag, 1, port1, 300)).to.equal(undefined);
    } finally {
      port1.close();
      await worker.terminate();
    }
  });

  it('refuses an answer numbered for another request', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    // The port holds an answer to request 4 while the flag says 5: the worker lost count.
    port2.postMessage({ ok: true, rows: [], rowCount: 0, seq: 4 });
    Atomics.store(flag, 0, 5);
    await new Promise((resolve) => setImmediate(resolve));
    try {
      expect(() => receiveAnswer(flag, 5, port1, 1_000)).to.throw(PgRequestError, /answered request 4 in place of 5/);
    } finally {
      port1.close();
      port2.close();
    }
  });
});
