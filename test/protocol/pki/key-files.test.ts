import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isIpexError } from '../../../protocol/errors/index.js';
import { parseCertificatesPem, readCertificatePem } from '../../../protocol/pki/certificate-pem.js';
import { readPrivateKey, resolvePassphrase, writePrivateKey } from '../../../protocol/pki/key-files.js';
import { createRootCa, toPem } from '../../../certs/issue.js';

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isIpexError(err) ? err.code : `not IpexError: ${String(err)}`;
  }
  return undefined;
}

describe('protocol/pki/key-files', () => {
  let dir: string;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-keys-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes an unencrypted PKCS#8 key with mode 0600 and reads it back', () => {
    const path = join(dir, 'k.key');
    writePrivateKey(path, privateKey);
    expect(statSync(path).mode & 0o777).to.equal(0o600);
    expect(readFileSync(path, 'utf8')).to.contain('-----BEGIN PRIVATE KEY-----');
    expect(readPrivateKey(path).equals(privateKey)).to.equal(true);
    expect(readdirSync(dir)).to.deep.equal(['k.key']);
  });

  it('encrypts with a passphrase and tells required / wrong apart, without leaking it', () => {
    const path = join(dir, 'k.key');
    writePrivateKey(path, privateKey, { passphrase: 's3cret-pass' });
    expect(readFileSync(path, 'utf8')).to.contain('ENCRYPTED PRIVATE KEY');
    expect(readPrivateKey(path, { passphrase: 's3cret-pass' }).equals(privateKey)).to.equal(true);
    expect(code(() => readPrivateKey(path))).to.equal('KEY_PASSPHRASE_REQUIRED');
    expect(code(() => readPrivateKey(path, { passphrase: 'wrong' }))).to.equal('KEY_PASSPHRASE_WRONG');
    try { readPrivateKey(path, { passphrase: 'wrong' }); } catch (err) { expect((err as Error).message).to.not.contain('wrong'); }
  });

  it('refuses malformed key files and missing files with codes', () => {
    const path = join(dir, 'bad.key');
    writeFileSync(path, 'hello');
    expect(code(() => readPrivateKey(path))).to.equal('KEY_MALFORMED');
    writeFileSync(path, '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n');
    expect(code(() => readPrivateKey(path))).to.equal('KEY_MALFORMED');
    expect(code(() => readPrivateKey(join(dir, 'none.key')))).to.equal('FILE_NOT_FOUND');
  });

  it('parses certificate PEM and refuses malformed PEM', async () => {
    const now = Date.now();
    const a = await createRootCa({ name: 'A', notBefore: new Date(now - 1e6), notAfter: new Date(now + 1e9) });
    const b = await createRootCa({ name: 'B', notBefore: new Date(now - 1e6), notAfter: new Date(now + 1e9) });
    const chain = parseCertificatesPem(`comment\n${toPem(a.certificate)}${toPem(b.certificate)}`);
    expect(chain.map((c) => c.subject)).to.deep.equal(['CN=A', 'CN=B']);
    const path = join(dir, 'c.pem');
    writeFileSync(path, toPem(a.certificate));
    expect(readCertificatePem(path).subject).to.equal('CN=A');
    expect(code(() => parseCertificatesPem(''))).to.equal('CERT_PEM_MALFORMED');
    expect(code(() => parseCertificatesPem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'))).to.equal('CERT_PEM_MALFORMED');
    expect(code(() => parseCertificatesPem(toPem(a.certificate).slice(0, 200)))).to.equal('CERT_PEM_MALFORMED');
    expect(code(() => parseCertificatesPem('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'))).to.equal('CERT_PEM_MALFORMED');
    writeFileSync(path, `${toPem(a.certificate)}${toPem(b.certificate)}`);
    expect(code(() => readCertificatePem(path))).to.equal('CERT_PEM_MALFORMED');
  });

  it('resolves the passphrase from a file (trailing newline removed) or IPEX_PASSPHRASE', () => {
    const file = join(dir, 'pass');
    writeFileSync(file, 'pass word\r\n');
    expect(resolvePassphrase({ passphraseFile: file, env: { IPEX_PASSPHRASE: 'env' } })).to.equal('pass word');
    expect(resolvePassphrase({ env: { IPEX_PASSPHRASE: 'env\n' } })).to.equal('env');
    expect(resolvePassphrase({ env: {} })).to.equal(undefined);
    expect(code(() => resolvePassphrase({ passphraseFile: join(dir, 'missing') }))).to.equal('FILE_NOT_FOUND');
    writeFileSync(file, '\n');
    expect(code(() => resolvePassphrase({ passphraseFile: file }))).to.equal('INVALID_INPUT');
  });
});
