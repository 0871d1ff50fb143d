import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsyncCoalescer, fsyncPath } from '../../../node/storage/coalesced-fsync.js';

describe('node/storage FsyncCoalescer (issue 5)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-fsync-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fsyncs a folder and a file, and rejects for a path that does not exist', async () => {
    writeFileSync(join(dir, 'f'), 'x');
    await fsyncPath(dir);
    await fsyncPath(join(dir, 'f'));
    let code: string | undefined;
    await fsyncPath(join(dir, 'missing')).catch((err: NodeJS.ErrnoException) => { code = err.code; });
    expect(code).to.equal('ENOENT');
  });

  it('serves a burst of callers with at most two fsyncs, each answered by one that started after it asked', async () => {
    const order: string[] = [];
    let started = 0;
    const coalescer = new FsyncCoalescer(async (path) => {
      started += 1;
      const n = started;
      order.push(`fsync ${n} start`);
      await fsyncPath(path);
      order.push(`fsync ${n} end`);
    });
    const first = coalescer.sync(dir).then(() => order.push('first answered'));
    const burst = Promise.all(Array.from({ length: 20 }, () => coalescer.sync(dir))).then(() => order.push('burst answered'));
    await Promise.all([first, burst]);
    expect(started).to.equal(2);
    expect(order).to.deep.equal(['fsync 1 start', 'fsync 1 end', 'first answered', 'fsync 2 start', 'fsync 2 end', 'burst answered']);
  });

  it('answers every waiter of a failed fsync with its error, and fsyncs other paths independently', async () => {
    const coalescer = new FsyncCoalescer();
    const results = await Promise.allSettled([coalescer.sync(join(dir, 'missing')), coalescer.sync(join(dir, 'missing')), coalescer.sync(dir)]);
    expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected', 'fulfilled']);
  });
});
