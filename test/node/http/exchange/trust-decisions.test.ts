/**
 * Trust decisions kept for the installed directory's lifetime (issue 14, node/trust/trust-service.ts):
 * the exchange listener validates a peer's TLS certificate once per directory and CRL, and a new
 * directory or CRL applies with the very next request, also on a connection kept alive.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { expect } from 'chai';
import { publish } from '../../../../certs/network/index.js';
import { networkPaths } from '../../../../certs/network/network-folder.js';
import { revoke } from '../../../../certs/network/status.js';
import { DirectoryStore } from '../../../../node/trust/index.js';
import { startExchangeNetwork, type ExchangeNetwork } from '../exchange-peer-fixture.js';

describe('exchange API: trust decisions per installed directory', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;
  let agent: Agent;

  before(async () => { net = await startExchangeNetwork(); });
  after(async () => {
    agent?.destroy();
    await net?.close();
  });

  /** What `ipex directory install` does in another process: the files change under the node. */
  async function installLatest(): Promise<void> {
    const paths = networkPaths(join(net.root, 'network'));
    const store = new DirectoryStore({ dataDir: join(net.root, 'ep'), clock: net.clock });
    await store.install(readFileSync(paths.directoryJws, 'utf8'), readFileSync(paths.crl, 'utf8'));
  }

  it('refuses a revoked TLS certificate with the first request after the new CRL is installed, on the same connection', async () => {
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let connections = 0;
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = ((...args: Parameters<Agent['createConnection']>) => {
      connections += 1;
      return connect(...args);
    }) as Agent['createConnection'];
    const ok = await net.send('GET', '/exchange/v1/status', { agent });
    expect(ok.status).to.equal(200);
    const again = await net.send('GET', '/exchange/v1/status', { agent });
    expect(again.status).to.equal(200);

    const ctx = { dir: join(net.root, 'network'), now: net.clock.now(), progress: () => undefined };
    const serial = net.jp.tls.certificate.serialNumber.toLowerCase();
    await revoke(ctx, { code: 'JP', serialNumber: serial });
    await publish(ctx, 30);
    // Until EP installs them, the new CRL and directory change nothing.
    expect((await net.send('GET', '/exchange/v1/status', { agent })).status).to.equal(200);
    await installLatest();

    const refused = await net.send('GET', '/exchange/v1/status', { agent });
    expect([refused.status, refused.json().code]).to.deep.equal([401, 'CERT_REVOKED']);
    expect(connections).to.equal(1); // every request on the one kept-alive connection

  });
});
