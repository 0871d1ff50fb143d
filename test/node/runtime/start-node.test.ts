import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeOf } from '../../helpers/error-code.js';
import { ensureDevNode, devNetworkOf, syncDevDirectory } from '../../../node/cli/dev-network.js';
import { createOutput } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadIdentity } from '../../../node/identity/office-identity.js';
import { StaffTokens } from '../../../node/services/staff/staff-tokens.js';
import { startNode, type RunningNode } from '../../../node/runtime/start-node.js';
import { generateNonce, IPEX_TAGS, signRequest } from '../../../protocol/http-signatures/index.js';
import { systemClock, systemRandom } from '../../../protocol/runtime/clock.js';
import { networkPaths } from '../../../certs/network/index.js';
import { freePort } from '../../../scripts/lib/free-port.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);


interface Reply { status: number; body: Record<string, unknown> }

function call(url: string, options: { cert?: string; key?: string; ca: string; headers?: Record<string, string> }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method: 'GET', ca: options.ca, cert: options.cert, key: options.key, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function getJson(url: string, token?: string): Promise<Reply> {
  const res = await fetch(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('ipex start: a development node', function () {
  this.timeout(60_000);
  let root: string;
  let epData: string;
  let jpData: string;
  let port: number;
  let node: RunningNode | undefined;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-start-'));
    epData = join(root, 'ep');
    jpData = join(root, 'jp');
    port = await freePort();
    await ensureDevNode(epData, { officeCode: 'EP', exchangePort: port, officeApiPort: 0, output: quiet });
    node = await startNode({ dataDir: epData, output: quiet, ports: { officeApi: 0 } });
  });
  after(async () => {
    await node?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sets up a network, an identity and a directory on first start', () => {
    const paths = dataPaths(epData);
    expect(node!.describe()).to.include({ office: 'EP', publicUrl: `https://127.0.0.1:${port}` });
    expect(devNetworkOf(epData)).to.equal(join(epData, 'dev-network'));
    expect(readFileSync(paths.trust.root, 'utf8')).to.equal(readFileSync(networkPaths(join(epData, 'dev-network')).rootCert, 'utf8'));
    expect(node!.summary()).to.contain(`https://127.0.0.1:${port}/exchange/v1`);
  });

  // issue 10, item 17: peers sign for the directory's URL, the node checks against its own
  it('warns at start when exchange.publicUrl is not the exchange URL the directory lists', async () => {
    const usData = join(root, 'us');
    const usPort = await freePort();
    await ensureDevNode(usData, { officeCode: 'US', exchangePort: usPort, officeApiPort: 0, output: quiet });
    const config = join(usData, 'ipex.json');
    const parsed = JSON.parse(readFileSync(config, 'utf8')) as { exchange: Record<string, unknown> };
    const start = async (publicUrl: string): Promise<string> => {
      writeFileSync(config, JSON.stringify({ ...parsed, exchange: { ...parsed.exchange, publicUrl } }));
      let stderr = '';
      const output = createOutput(false, { stdout: { write: () => true }, stderr: { write: (t: string) => { stderr += t; return true; } } }, true);
      const us = await startNode({ dataDir: usData, output, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
      await us.close();
      return stderr;
    };
    expect(await start('https://elsewhere.example:8443')).to.contain(`the directory lists https://127.0.0.1:${usPort} as this office's exchange URL but exchange.publicUrl is https://elsewhere.example:8443`);
    expect(await start(`https://127.0.0.1:${usPort}/`)).to.not.contain('exchange.publicUrl');
  });

  // issue 13: every process of an office holds the same access-code key (docs/operations.md "Several node processes")
  it('makes the access-code key at its first start, and refuses to start with another one', async () => {
    const krData = join(root, 'kr');
    await ensureDevNode(krData, { officeCode: 'KR', exchangePort: await freePort(), officeApiPort: 0, output: quiet });
    const keyFile = join(dataPaths(krData).identity.dir, 'access-code.key');
    const kr = await startNode({ dataDir: krData, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    await kr.close();
    expect(readFileSync(keyFile)).to.have.length(32);
    writeFileSync(keyFile, Buffer.alloc(32, 1));
    expect(await codeOf(startNode({ dataDir: krData, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 }))).to.equal('ACCESS_CODE_KEY_MISMATCH');
    expect(readFileSync(keyFile).equals(Buffer.alloc(32, 1))).to.equal(true);
  });

  it('logs the directory it starts to use once, as a trust change', () => {
    const rows = node!.context.db.prepare("SELECT entry FROM audit_entries WHERE type = 'trust.directory-installed'").all() as { entry: Buffer }[];
    expect(rows).to.have.length(1);
    const entry = JSON.parse(rows[0]!.entry.toString()) as { details: { network: string; serial: number; offices: { code: string }[] } };
    expect(entry.details.network).to.match(/^ipex-dev-[0-9a-f]{8}$/); // unique per development network (issue 10, item 7)
    expect(entry.details.offices.map((o) => o.code)).to.deep.equal(['EP']);
  });

  it('reuses what the first start made', async () => {
    const rootBefore = readFileSync(dataPaths(epData).trust.root, 'utf8');
    const directoryBefore = readFileSync(dataPaths(epData).trust.directory, 'utf8');
    await ensureDevNode(epData, { officeCode: 'JP', exchangePort: 1, officeApiPort: 1, output: quiet });
    expect(readFileSync(dataPaths(epData).trust.root, 'utf8')).to.equal(rootBefore);
    expect(readFileSync(dataPaths(epData).trust.directory, 'utf8')).to.equal(directoryBefore);
    expect(loadIdentity(dataPaths(epData)).code).to.equal('EP');
  });

  it('answers the office API only with a staff token whose role the operation lists', async () => {
    const url = `${node!.officeApiUrl}/api/v1/status`;
    const anonymous = await getJson(url);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.body.code).to.equal('AUTH_REQUIRED');
    expect((await getJson(url, 'ipex_not-a-real-token-at-all-0000000000000000000')).body.code).to.equal('AUTH_INVALID');
    const tokens = new StaffTokens(node!.context.db, systemClock, systemRandom);
    const { token, info } = tokens.create('auditor', 'test');
    const ok = await getJson(url, token);
    expect(ok.status).to.equal(200);
    expect(ok.body).to.include({ office: 'EP' });
    expect(ok.body.directorySerial).to.be.a('number');
    tokens.revoke(info.id);
    expect((await getJson(url, token)).status).to.equal(401);
  });

  describe('the exchange API', () => {
    let jp: ReturnType<typeof loadIdentity>;
    let ca: string;

    before(async () => {
      await ensureDevNode(jpData, { officeCode: 'JP', exchangePort: await freePort(), officeApiPort: 0, networkDir: join(epData, 'dev-network'), output: quiet });
      await syncDevDirectory(epData, join(epData, 'dev-network'), systemClock); // EP learns of JP
      jp = loadIdentity(dataPaths(jpData));
      ca = jp.rootPem;
    });

    const statusUrl = (): string => `https://127.0.0.1:${port}/exchange/v1/status`;
    const tlsOf = () => ({ cert: jp.tls.certificatePem, key: jp.tls.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, ca });
    const signed = (): Record<string, string> => {
      const headers = signRequest({ method: 'GET', url: statusUrl(), headers: {} }, {
        keyId: jp.signing.sha256, privateKey: jp.signing.privateKey, alg: 'ecdsa-p256-sha256',
        created: new Date(), nonce: generateNonce(systemRandom), tag: IPEX_TAGS.exchangeRequest,
      });
      return { 'signature-input': headers['Signature-Input'], signature: headers.Signature };
    };

    it('refuses a TLS client without an office certificate', async () => {
      let failed = false;
      try {
        await call(statusUrl(), { ca });
      } catch {
        failed = true;
      }
      expect(failed).to.equal(true);
    });

    it('answers a request signed by a peer office over mutual TLS', async () => {
      const reply = await call(statusUrl(), { ...tlsOf(), headers: signed() });
      expect(reply.status).to.equal(200);
      expect(reply.body).to.include({ office: 'EP' });
    });

    it('refuses an unsigned request and a replayed one, each with its own code', async () => {
      const unsigned = await call(statusUrl(), tlsOf());
      expect(unsigned.status).to.equal(401);
      expect(unsigned.body.code).to.equal('SIGNATURE_MISSING');
      const headers = signed();
      expect((await call(statusUrl(), { ...tlsOf(), headers })).status).to.equal(200);
      const replay = await call(statusUrl(), { ...tlsOf(), headers });
      expect(replay.status).to.equal(401);
      expect(replay.body.code).to.equal('SIGNATURE_REPLAYED');
    });
  });
});
