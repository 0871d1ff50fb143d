import { expect } from 'chai';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addOffice, initNetwork, networkPaths } from '../../../certs/network/index.js';
import { installOfficeBundle } from '../../../node/identity/install-bundle.js';
import { loadIdentity } from '../../../node/identity/office-identity.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { loadConfig } from '../../../node/config/config.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { formatVerifierKey } from '../../../protocol/note/verifier-key.js';
import { logKeyName } from '../../../protocol/pki/enrolment-request.js';
import { generateKeyPairSync } from 'node:crypto';

async function codeOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (isIpexError(err)) return err.code;
    return `system:${(err as NodeJS.ErrnoException).code ?? String(err)}`;
  }
  return 'no error';
}

describe('ipex node init (installOfficeBundle)', () => {
  let root: string;
  let bundle: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-bundle-'));
    const ctx = { dir: join(root, 'network'), now: new Date() };
    await initNetwork(ctx, 'test-net', { development: true });
    await addOffice(ctx, { code: 'JP', name: 'Japan Patent Office', exchangeUrl: 'https://jp.example:9443' });
    bundle = networkPaths(ctx.dir).office('JP');
    const other = { dir: join(root, 'other-network'), now: new Date() };
    await initNetwork(other, 'other-net');
    copyFileSync(networkPaths(other.dir).rootCert, join(root, 'other-root.pem'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('installs identity, root and configuration, and the node can load them', async () => {
    const dataDir = join(root, 'data-ok');
    const office = await installOfficeBundle(bundle, dataDir, { exchangePort: 9443 });
    expect(office.code).to.equal('JP');
    const paths = dataPaths(dataDir);
    const config = loadConfig(dataDir);
    expect(config.office).to.deep.equal({ code: 'JP', name: 'Japan Patent Office' });
    expect(config.exchange.publicUrl).to.equal('https://jp.example:9443');
    expect(config.exchange.port).to.equal(9443);
    const identity = loadIdentity(paths);
    expect(identity.code).to.equal('JP');
    expect(identity.signing.certificate.subjectAltName).to.contain('urn:ipex:office:JP');
    expect(statSync(paths.identity.signingKey).mode & 0o777).to.equal(0o600);
    expect(statSync(paths.identity.logKey).mode & 0o777).to.equal(0o600);
    expect(readFileSync(paths.trust.root, 'utf8')).to.equal(readFileSync(join(bundle, 'root.pem'), 'utf8'));
  });

  it('refuses a data folder that already holds a node, and changes nothing', async () => {
    const dataDir = join(root, 'data-twice');
    await installOfficeBundle(bundle, dataDir);
    const before = readFileSync(dataPaths(dataDir).config, 'utf8');
    expect(await codeOf(() => installOfficeBundle(bundle, dataDir))).to.equal('ALREADY_EXISTS');
    expect(readFileSync(dataPaths(dataDir).config, 'utf8')).to.equal(before);
  });

  function brokenBundle(name: string, breakIt: (dir: string) => void): string {
    const dir = join(root, `bundle-${name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const file of readdirSync(bundle)) copyFileSync(join(bundle, file), join(dir, file));
    breakIt(dir);
    return dir;
  }

  const cases: [string, (dir: string) => void, string][] = [
    ['a missing key', (d) => rmSync(join(d, 'signing.key')), 'FILE_NOT_FOUND'],
    ['keys swapped between certificates', (d) => {
      copyFileSync(join(bundle, 'tls.key'), join(d, 'signing.key'));
    }, 'KEY_MALFORMED'],
    ['a malformed certificate', (d) => writeFileSync(join(d, 'tls.pem'), '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n'), 'CERT_PEM_MALFORMED'],
    ['a malformed key', (d) => writeFileSync(join(d, 'log.key'), 'garbage'), 'KEY_MALFORMED'],
    ['an office code outside ST.3', (d) => {
      const office = JSON.parse(readFileSync(join(d, 'office.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(d, 'office.json'), JSON.stringify({ ...office, code: 'ZZ' }));
    }, 'INVALID_INPUT'],
    ['office.json naming another office than the certificates', (d) => {
      const office = JSON.parse(readFileSync(join(d, 'office.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(d, 'office.json'), JSON.stringify({ ...office, code: 'EP' }));
    }, 'CERT_OFFICE_MISMATCH'],
    ['the root of another network', (d) => {
      copyFileSync(join(root, 'other-root.pem'), join(d, 'root.pem'));
    }, 'CERT_UNTRUSTED'],
    // issue 10, item 14: the log key must be the one the operator registered (and the directory lists).
    ['a log key other than the registered log.vkey', (d) => {
      writeFileSync(join(d, 'log.vkey'), `${formatVerifierKey(logKeyName('JP'), generateKeyPairSync('ed25519').publicKey)}\n`);
    }, 'KEY_MALFORMED'],
    ['an unknown field in office.json', (d) => {
      const office = JSON.parse(readFileSync(join(d, 'office.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(d, 'office.json'), JSON.stringify({ ...office, extra: 1 }));
    }, 'INVALID_INPUT'],
  ];
  for (const [what, breakIt, code] of cases) {
    it(`refuses a bundle with ${what} (${code}) and writes nothing`, async () => {
      const dir = brokenBundle(what.replace(/\W+/g, '-'), breakIt);
      const dataDir = join(root, `data-${what.replace(/\W+/g, '-')}`);
      expect(await codeOf(() => installOfficeBundle(dir, dataDir))).to.equal(code);
      expect(existsSync(dataDir) ? readdirSync(dataDir) : []).to.deep.equal([]);
    });
  }

  it('refuses an unreadable bundle file without writing anything', async function () {
    if (process.getuid?.() === 0) this.skip(); // root reads any file
    const dir = brokenBundle('unreadable', (d) => chmodSync(join(d, 'tls.key'), 0o000));
    const dataDir = join(root, 'data-unreadable');
    expect(await codeOf(() => installOfficeBundle(dir, dataDir))).to.match(/FILE_UNREADABLE|system:EACCES/);
    expect(existsSync(join(dataDir, 'ipex.json'))).to.equal(false);
  });
});
