/**
 * issue 13, "Health and readiness": `/healthz` and `/readyz` on the office listener answer
 * without a token, with the shapes of openapi/office.yaml; `/readyz` answers 503 naming each
 * check that fails — the blob store, the directory (missing, expired), the keys (certificates
 * not valid now), the database — and no answer carries a secret or a path.
 */
import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dataPaths } from '../../../node/config/data-dir.js';
import { openapiPath } from '../../../node/http/openapi-path.js';
import { loadDocument } from '../../../node/http/openapi/load-document.js';
import { ReadinessProbe, type Readiness } from '../../../node/monitoring/readiness.js';
import { watchedCertificates } from '../../../node/monitoring/watched-certificates.js';
import type { NodeContext } from '../../../node/runtime/node-context.js';
import { startExchangeNetwork, type ExchangeNetwork } from '../http/exchange-peer-fixture.js';

const DAY = 86_400_000;

describe('health and readiness (issue 13)', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;
  const doc = loadDocument(openapiPath('office'));
  const schema = (name: string) => doc.validatorAt(`/components/schemas/${name}`);

  before(async () => { net = await startExchangeNetwork(); });
  after(async () => { await net?.close(); });

  const get = async (path: string): Promise<{ status: number; body: Readiness; text: string; cache: string | null }> => {
    net.clock.advance(2000); // past the one second a readiness result is reused
    const res = await fetch(`${net.ep.officeApiUrl}${path}`);
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as Readiness, text, cache: res.headers.get('cache-control') };
  };
  const failing = (r: Readiness): Record<string, string | undefined> => Object.fromEntries(r.checks.filter((c) => !c.ok).map((c) => [c.name, c.detail]));
  /** Nothing of the data folder's layout or its keys in an answer anyone may read. */
  const expectNoPathsOrSecrets = (text: string): void => {
    expect(text).to.not.contain(net.root).and.not.contain('identity').and.not.contain('PRIVATE KEY').and.not.contain('.pem');
  };

  it('answers /healthz without a token, as office.yaml says', async () => {
    const res = await get('/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ status: 'ok' });
    expect(res.body.version).to.match(/^\d+\.\d+\.\d+/);
    expect(schema('Health')(res.body), JSON.stringify(schema('Health').errors)).to.equal(true);
    expect(res.cache).to.equal('no-store');
  });

  it('answers /readyz 200 with every check passed and the version', async () => {
    const res = await get('/readyz');
    expect(res.status, res.text).to.equal(200);
    expect(res.body.status).to.equal('ready');
    expect(res.body.checks.map((c) => [c.name, c.ok])).to.deep.equal([['database', true], ['blobs', true], ['directory', true], ['keys', true]]);
    expect(schema('Readiness')(res.body)).to.equal(true);
  });

  it('answers 503 naming the blob store when parts cannot be written', async () => {
    const tmp = join(dataPaths(net.ep.context.config.dataDir).blobs, 'tmp');
    rmSync(tmp, { recursive: true, force: true });
    writeFileSync(tmp, 'not a folder'); // where parts are received is no longer a folder
    try {
      const res = await get('/readyz');
      expect(res.status).to.equal(503);
      expect(res.body.status).to.equal('not-ready');
      expect(Object.keys(failing(res.body))).to.deep.equal(['blobs']);
      expect(failing(res.body).blobs).to.match(/^the blob store cannot take or give parts \(E[A-Z]+\)$/);
      expect(schema('Readiness')(res.body)).to.equal(true);
      expectNoPathsOrSecrets(res.text);
    } finally {
      rmSync(tmp, { force: true });
      mkdirSync(tmp);
    }
    expect((await get('/readyz')).status).to.equal(200);
  });

  it('answers 503 naming the directory when none is installed, or it has expired', async () => {
    const paths = dataPaths(net.ep.context.config.dataDir);
    renameSync(paths.trust.directory, `${paths.trust.directory}.aside`);
    try {
      const res = await get('/readyz');
      expect(res.status).to.equal(503);
      expect(failing(res.body)).to.deep.equal({ directory: 'no directory is installed' });
      expectNoPathsOrSecrets(res.text);
    } finally {
      renameSync(`${paths.trust.directory}.aside`, paths.trust.directory);
    }
    const expiresAt = net.ep.context.store.installedSummary()!.expiresAt;
    const now = net.clock.now();
    net.clock.set(Date.parse(expiresAt) + 1000);
    try {
      const res = await get('/readyz');
      expect(res.status).to.equal(503);
      expect(failing(res.body).directory).to.match(/^directory serial \d+ expired at /);
      expect(Object.keys(failing(res.body))).to.deep.equal(['directory']);
    } finally {
      net.clock.set(now);
    }
  });

  it('answers 503 naming the keys when a certificate is not valid now', async () => {
    const now = net.clock.now();
    net.clock.set(Date.parse(net.ep.context.identity.tls.certificate.validTo) + DAY);
    try {
      const res = await get('/readyz');
      expect(res.status).to.equal(503);
      expect(failing(res.body).keys).to.match(/^the (tls|signing) certificate expired at /);
      expectNoPathsOrSecrets(res.text);
    } finally {
      net.clock.set(now);
    }
  });

  it('names the keys when a private key does not sign for its certificate', async () => {
    const { identity } = net.ep.context;
    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const context: NodeContext = { ...net.ep.context, identity: { ...identity, signing: { ...identity.signing, privateKey: stranger } } };
    net.clock.advance(2000);
    const result = await new ReadinessProbe(context, watchedCertificates(identity)).check();
    expect(failing(result)).to.deep.equal({ keys: 'the signing key does not sign for its certificate' });
  });

  it('names the database when it does not answer', async () => {
    const closed = new Database(':memory:');
    closed.close();
    const context: NodeContext = { ...net.ep.context, db: closed };
    const result = await new ReadinessProbe(context, watchedCertificates(context.identity)).check();
    expect(result.status).to.equal('not-ready');
    expect(failing(result)).to.deep.equal({ database: 'the database does not answer' });
  });
});
