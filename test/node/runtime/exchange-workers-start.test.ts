/**
 * A node whose exchange workers cannot start does not start (issue 14, exchange-workers.ts): the
 * worker's error, with its code, is the start's, and no worker process is left behind.
 */
import cluster from 'node:cluster';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { createOutput } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { startNode } from '../../../node/runtime/start-node.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { codeOf } from '../../helpers/error-code.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

describe('node/runtime exchange workers: a start that fails', function () {
  this.timeout(60_000);
  let root: string;
  let busy: Server;

  before(() => { root = mkdtempSync(join(tmpdir(), 'ipex-workers-')); });
  after(() => {
    busy?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('stops the start with PORT_IN_USE when the exchange port is taken, and leaves no worker running', async () => {
    const port = await freePort();
    const dataDir = join(root, 'ep');
    await ensureDevNode(dataDir, { officeCode: 'EP', exchangePort: port, officeApiPort: 0, output: quiet });
    const file = dataPaths(dataDir).config;
    const config = JSON.parse(readFileSync(file, 'utf8')) as { exchange: Record<string, unknown> };
    writeFileSync(file, JSON.stringify({ ...config, exchange: { ...config.exchange, workers: 2 } }));
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(port, '127.0.0.1', resolve));

    const start = startNode({ dataDir, output: quiet, ports: { officeApi: 0 } });
    const failed = await start.then(() => undefined, (err: unknown) => err);
    expect(await codeOf(start)).to.equal('PORT_IN_USE');
    expect((failed as Error).message).to.match(/exchange worker 1: the exchange listener cannot listen on 127\.0\.0\.1:\d+: the port is in use/);
    expect(Object.keys(cluster.workers ?? {})).to.deep.equal([]);

    // With the port free again, the same folder starts (the failed start released its lock).
    busy.close();
    const node = await startNode({ dataDir, output: quiet, ports: { officeApi: 0 } });
    try {
      expect(node.exchangeWorkers?.pids().size).to.equal(2);
    } finally {
      await node.close();
    }
  });
});
