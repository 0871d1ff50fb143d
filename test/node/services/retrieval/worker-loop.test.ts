/**
 * The timer loop under the retrieval and outbox workers (node/services/retrieval/worker-loop.ts):
 * a tick or a delay that throws — the database gone for a while, as a PostgreSQL server that
 * stopped answering — is reported and tried again; it never becomes an unhandled rejection that
 * would end the node, and nothing runs after stop().
 */
import { expect } from 'chai';
import { WorkerLoop } from '../../../../node/services/retrieval/worker-loop.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('node/services/retrieval WorkerLoop', () => {
  it('reports a tick or a delay that throws, keeps going, and runs nothing after stop()', async () => {
    const errors: string[] = [];
    let ticks = 0;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
    process.on('unhandledRejection', onUnhandled);
    const loop = new WorkerLoop(
      async () => { ticks++; if (ticks % 2 === 1) throw new Error(`tick ${ticks} failed`); },
      () => { if (ticks === 2) throw new Error('no delay today'); return 5; },
      (err) => errors.push((err as Error).message),
      5,
    );
    try {
      loop.start();
      for (let waited = 0; ticks < 5 && waited < 5_000; waited += 10) await sleep(10);
      await loop.stop();
      const atStop = ticks;
      await sleep(50);
      expect(ticks).to.equal(atStop);
      expect(errors.slice(0, 3)).to.deep.equal(['tick 1 failed', 'no delay today', 'tick 3 failed']);
      expect(unhandled).to.deep.equal([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
