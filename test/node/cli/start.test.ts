// `ipex start` (issue 10, item 9): a first start that fails leaves nothing (no data folder, no
// office in the development network), so a retry with another port sets up afresh; a second start
// on a folder whose node runs says "already running (pid N)"; a killed node's lock does not block.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { networkPaths, readRegister } from '../../../certs/network/network-folder.js';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { startNode } from '../../../node/runtime/start-node.js';
import { freePort } from '../../../scripts/lib/free-port.js';
import { runCli } from './run-cli.js';
import { quiet } from '../http/exchange-peer-fixture.js';
import { published } from './dev-network-fixture.js';
import { startedNode } from './started-node.js';

describe('ipex start (issue 10, item 9)', function () {
  this.timeout(120_000);
  let root: string;
  let networkDir: string;
  let busy: Server;
  let child: ChildProcess | undefined;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-cli-start-'));
    networkDir = join(root, 'network');
    await ensureDevNode(join(root, 'ep'), { officeCode: 'EP', exchangePort: await freePort(), officeApiPort: 0, networkDir, output: quiet });
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  });
  after(async () => {
    child?.kill('SIGKILL');
    await new Promise((resolve) => busy.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('leaves nothing when a first start fails, and a retry with another port sets up afresh; a second start is told the node runs', async () => {
    const kr = join(root, 'kr');
    const busyPort = (busy.address() as { port: number }).port;
    const failed = await runCli(['start', '--data', kr, '--office', 'KR', '--network', networkDir, '--exchange-port', String(busyPort), '--office-api-port', '0']);
    expect(failed.code).to.equal(1);
    expect(failed.err).to.match(/cannot listen on 127\.0\.0\.1:\d+: the port is in use .*\[PORT_IN_USE\]\n$/);
    expect(failed.err).to.contain('the first start failed: taking back the set-up');
    expect(existsSync(kr), 'no data folder is left').to.equal(false);
    expect(readRegister(networkDir).offices).to.not.have.property('KR');
    expect(published(networkDir)).to.deep.equal(['EP']);
    expect(existsSync(networkPaths(networkDir).office('KR'))).to.equal(false);

    const port = await freePort();
    child = (await startedNode(['--data', kr, '--office', 'KR', '--network', networkDir, '--exchange-port', String(port), '--office-api-port', '0'])).child;
    expect(readRegister(networkDir).offices.KR!.exchangeUrl).to.equal(`https://127.0.0.1:${port}`);
    expect(published(networkDir)).to.deep.equal(['EP', 'KR']);

    const second = await runCli(['start', '--data', kr]);
    expect(second.code).to.equal(6);
    expect(second.err).to.match(new RegExp(`^ipex: a node is already running on ${kr} \\(pid ${child.pid}, since \\S+\\): stop it first .*\\[NODE_ALREADY_RUNNING\\]\\n$`));
    expect(second.err).to.not.contain('PORT_IN_USE');

    // killed, it leaves its lock behind, which does not keep the next start from running
    child.kill('SIGKILL');
    await once(child, 'exit');
    child = undefined;
    expect(existsSync(join(kr, 'node.lock'))).to.equal(true);
    const again = await startNode({ dataDir: kr, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    await again.close();
    expect(existsSync(join(kr, 'node.lock'))).to.equal(false);
  });
});
