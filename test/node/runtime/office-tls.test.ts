/**
 * TLS on the office listener (issue 11; docs/configuration.md `officeApi.tls`): with a
 * certificate and key configured, the portal and the office API are served over HTTPS with HSTS
 * on every answer; a wrong file stops the start with CONFIG_INVALID naming it, before anything
 * listens. The development node's own TLS certificate (issued for 127.0.0.1 under its network
 * root) stands in for an office's web certificate.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { ensureDevNode } from '../../../node/cli/dev-network.js';
import { createOutput } from '../../../node/cli/output.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadOfficeTls } from '../../../node/runtime/office-tls.js';
import { startNode } from '../../../node/runtime/start-node.js';
import { FixedClock, systemClock } from '../../../protocol/runtime/clock.js';
import { codeOf, expectCode } from '../../helpers/error-code.js';

const quiet = createOutput(false, { stdout: { write: () => true }, stderr: { write: () => true } }, true);

function get(url: string, ca: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('office listener over TLS (issue 11)', function () {
  this.timeout(60_000);
  let root: string;
  let dataDir: string;
  let files: { certificate: string; key: string };

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-office-tls-'));
    dataDir = join(root, 'data');
    await ensureDevNode(dataDir, { officeCode: 'EP', exchangePort: 0, officeApiPort: 0, output: quiet });
    const paths = dataPaths(dataDir);
    files = { certificate: paths.identity.tlsCert, key: paths.identity.tlsKey };
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  function configure(tls: unknown): void {
    const path = join(dataDir, 'ipex.json');
    const config = JSON.parse(readFileSync(path, 'utf8')) as { officeApi?: Record<string, unknown> };
    config.officeApi = { ...config.officeApi, tls };
    writeFileSync(path, JSON.stringify(config, null, 2));
  }

  it('serves the portal and the office API over HTTPS, with HSTS on every answer', async () => {
    configure({ certificate: 'identity/tls.pem', key: 'identity/tls.key' }); // relative to the data folder
    const node = await startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    try {
      expect(node.officeApiUrl).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = readFileSync(dataPaths(dataDir).trust.root, 'utf8');
      for (const path of ['/', '/sign-in/staff', '/api/v1/status', '/no-such-page']) {
        const res = await get(`${node.officeApiUrl}${path}`, ca);
        expect(res.status, path).to.be.oneOf([200, 401, 404]);
        expect(res.headers['strict-transport-security'], path).to.equal('max-age=31536000');
      }
      const language = await get(`${node.officeApiUrl}/language?to=fr`, ca);
      expect(String(language.headers['set-cookie'])).to.match(/^ipex-lang=fr;.*; Secure$/);
    } finally {
      await node.close();
      configure(undefined);
    }
  });

  it('serves plain HTTP without HSTS when no TLS is configured', async () => {
    const node = await startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    try {
      expect(node.officeApiUrl).to.match(/^http:\/\//);
      const res = await fetch(`${node.officeApiUrl}/`);
      expect(res.headers.get('strict-transport-security')).to.equal(null);
    } finally {
      await node.close();
    }
  });

  it('refuses to start with a missing file, naming it, and leaves the data folder free', async () => {
    configure({ certificate: 'identity/no-such.pem', key: 'identity/tls.key' });
    try {
      const start = startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
      const message = await start.then(() => '', (e: unknown) => String(e));
      expect(await codeOf(start)).to.equal('CONFIG_INVALID');
      expect(message).to.include('officeApi.tls.certificate').and.include('no-such.pem');
      // the failed start left the data folder free: a corrected start works
      configure(undefined);
      await (await startNode({ dataDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 })).close();
    } finally {
      configure(undefined);
    }
  });

  it('checks that the files are PEM, that the key fits the certificate, and that the certificate is valid now', () => {
    const paths = dataPaths(dataDir);
    const notPem = join(root, 'not.pem');
    writeFileSync(notPem, 'hello');
    const cases: [{ certificate: string; key: string }, RegExp, FixedClock | typeof systemClock][] = [
      [{ certificate: notPem, key: files.key }, /officeApi\.tls\.certificate: .*not\.pem is not a PEM X\.509 certificate/, systemClock],
      [{ certificate: files.certificate, key: notPem }, /officeApi\.tls\.key: .*not\.pem is not a PEM private key/, systemClock],
      [{ certificate: files.certificate, key: paths.identity.signingKey }, /signing\.key is not the key of the certificate/, systemClock],
      [files, /tls\.pem is valid from .* not now/, new FixedClock(Date.parse('2200-01-01T00:00:00Z'))],
    ];
    for (const [given, message, clock] of cases) {
      expectCode(() => loadOfficeTls(given, clock), 'CONFIG_INVALID');
      expect(() => loadOfficeTls(given, clock)).to.throw(message);
    }
    expect(loadOfficeTls(files, systemClock).certificatePem).to.include('BEGIN CERTIFICATE');
  });
});
