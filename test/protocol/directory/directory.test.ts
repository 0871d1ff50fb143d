import { expect } from 'chai';
import { hasJwcrypto, jwcryptoVerify } from '../../helpers/jwcrypto.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, decodeProtectedHeader } from 'jose';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { canonicalJsonBytes } from '../../../protocol/encoding/canonical-json.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import { parseDirectoryPayload, signDirectory, verifyDirectory, type Directory } from '../../../protocol/directory/index.js';
import { sampleDirectory } from './sample.js';
import { codeOf } from '../../helpers/error-code.js';
import { derEcdsaSignature } from '../../helpers/ecdsa-der.js';

const NOW = new Date('2026-06-01T12:00:00Z');

describe('protocol/directory', () => {
  let f: Fixtures;
  let directory: Directory;
  let jws: string;
  const anchors = (): string[] => [f.root.pem];
  const signer = () => ({ certificate: f.good.directory.certificate, privateKey: f.good.directory.privateKey });

  before(async () => {
    f = await generateFixtures({ now: NOW });
    directory = await sampleDirectory(f, NOW);
    jws = await signDirectory(directory, signer());
  });

  it('signs with ES256, the ipex typ and the certificate in x5c', () => {
    const header = decodeProtectedHeader(jws);
    expect(header).to.deep.equal({
      alg: 'ES256', typ: 'ipex-directory+json', x5c: [Buffer.from(f.good.directory.certificate.rawData).toString('base64')],
    });
    expect(Buffer.from(jws.split('.')[1]!, 'base64url').toString()).to.equal(canonicalJsonBytes(directory).toString());
  });

  it('verifies and returns the directory, with and without the CRL', async () => {
    expect(await verifyDirectory(jws, { trustAnchors: anchors(), at: NOW })).to.deep.equal(directory);
    expect(await verifyDirectory(jws, { trustAnchors: anchors(), at: NOW, crl: f.crlPem })).to.deep.equal(directory);
  });

  it('refuses an expired directory and a CRL it does not name', async () => {
    const late = new Date(NOW.getTime() + 7 * 86_400_000);
    expect(await codeOf(verifyDirectory(jws, { trustAnchors: anchors(), at: late }))).to.equal('DIRECTORY_EXPIRED');
    const other = await signDirectory({ ...directory, crl: { ...directory.crl, sha256: 'a'.repeat(64) } }, signer());
    expect(await codeOf(verifyDirectory(other, { trustAnchors: anchors(), at: NOW, crl: f.crlPem }))).to.equal('DIRECTORY_CRL_MISMATCH');
  });

  // issue 10, item 18: the office signing certificate carries the same EKU (documentSigning) as the
  // directory certificate; only the urn:ipex:directory binding lets a certificate sign a directory.
  it('refuses a directory signed by an office signing certificate (no urn:ipex:directory) or a TLS certificate', async () => {
    const byOffice = await signDirectory(directory, { certificate: f.good.signing.certificate, privateKey: f.good.signing.privateKey });
    expect(await codeOf(verifyDirectory(byOffice, { trustAnchors: anchors(), at: NOW }))).to.equal('CERT_ROLE_MISMATCH');
    const byTls = await signDirectory(directory, { certificate: f.good.tls.certificate, privateKey: f.good.tls.privateKey });
    expect(await codeOf(verifyDirectory(byTls, { trustAnchors: anchors(), at: NOW }))).to.equal('CERT_EKU');
    expect(await codeOf(verifyDirectory(jws, { trustAnchors: [f.otherRoot.pem], at: NOW }))).to.equal('CERT_UNTRUSTED');
  });

  it('refuses a tampered payload, a wrong typ, alg none/HS256 and a mismatched alg', async () => {
    const [h, , s] = jws.split('.');
    const forged = Buffer.from(canonicalJsonBytes({ ...directory, serial: 99 })).toString('base64url');
    expect(await codeOf(verifyDirectory(`${h}.${forged}.${s}`, { trustAnchors: anchors(), at: NOW }))).to.equal('DIRECTORY_SIGNATURE_INVALID');
    const x5c = [Buffer.from(f.good.directory.certificate.rawData).toString('base64')];
    const payload = canonicalJsonBytes(directory);
    const withHeader = (header: Record<string, unknown>) =>
      new CompactSign(payload).setProtectedHeader({ alg: 'ES256', ...header }).sign(f.good.directory.privateKey);
    expect(await codeOf(verifyDirectory(await withHeader({ typ: 'JWT', x5c }), { trustAnchors: anchors(), at: NOW }))).to.equal('DIRECTORY_SIGNATURE_INVALID');
    expect(await codeOf(verifyDirectory(await withHeader({ typ: 'ipex-directory+json', x5c, jku: 'https://evil' }), { trustAnchors: anchors(), at: NOW }))).to.equal('DIRECTORY_MALFORMED');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'ipex-directory+json', x5c })).toString('base64url')}.${payload.toString('base64url')}.AA`;
    expect(await codeOf(verifyDirectory(none, { trustAnchors: anchors(), at: NOW }))).to.equal('DIRECTORY_SIGNATURE_INVALID');
    const rsaHeader = Buffer.from(JSON.stringify({ alg: 'PS256', typ: 'ipex-directory+json', x5c })).toString('base64url');
    expect(await codeOf(verifyDirectory(`${rsaHeader}.${payload.toString('base64url')}.${s}`, { trustAnchors: anchors(), at: NOW }))).to.equal('DIRECTORY_SIGNATURE_INVALID');
    expect(await codeOf(verifyDirectory('a.b', { trustAnchors: anchors(), at: NOW }))).to.equal('DIRECTORY_MALFORMED');
  });

  it('refuses a payload that is not canonical JSON even when signed', async () => {
    const x5c = [Buffer.from(f.good.directory.certificate.rawData).toString('base64')];
    const loose = await new CompactSign(Buffer.from(JSON.stringify(directory, null, 1)))
      .setProtectedHeader({ alg: 'ES256', typ: 'ipex-directory+json', x5c }).sign(f.good.directory.privateKey);
    expect(await codeOf(verifyDirectory(loose, { trustAnchors: anchors(), at: NOW }))).to.equal('DIRECTORY_MALFORMED');
  });

  it('checks the payload shape field by field and refuses unknown fields', () => {
    const bad = (mutate: (d: Record<string, any>) => void): string => {
      // any: the test deliberately builds shapes the type forbids.
      const copy = JSON.parse(JSON.stringify(directory)) as Record<string, any>;
      mutate(copy);
      try {
        parseDirectoryPayload(copy);
        return 'PASSED';
      } catch (err) {
        return isIpexError(err) ? err.code : 'THREW';
      }
    };
    expect(bad(() => undefined)).to.equal('PASSED');
    expect(bad((d) => { d.extra = 1; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[0].extra = 1; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.format = 'ipex-directory/2'; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.serial = 1.5; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[0].code = 'ZZ'; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[0].exchangeUrl = 'http://ep.example/'; })).to.equal('DIRECTORY_MALFORMED');
    // issue 10, item 17: the exchange URL is an origin; the API path is added to it, never listed in it
    expect(bad((d) => { d.offices[0].exchangeUrl = 'https://ep.example:8443/exchange/v1'; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[0].exchangeUrl = 'https://ep.example:8443?x=1'; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[0].roles = ['admin']; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[0].status = 'gone'; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[0].certificates[0].sha256 = 'ABC'; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[0].logKey = 'not a key'; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.offices[1].code = 'EP'; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { d.expiresAt = d.issuedAt; })).to.equal('DIRECTORY_MALFORMED');
    expect(bad((d) => { delete d.crl; })).to.equal('DIRECTORY_MALFORMED');
  });

  it('signs with PS256 or RS256 for an RSA key', async () => {
    // rsa2048 is an office signing certificate, so path validation refuses it (CERT_ROLE_MISMATCH); the header is what is checked here.
    const ps = await signDirectory(directory, { certificate: f.rsa2048.certificate, privateKey: f.rsa2048.privateKey });
    expect(decodeProtectedHeader(ps).alg).to.equal('PS256');
    const rs = await signDirectory(directory, { certificate: f.rsa2048.certificate, privateKey: f.rsa2048.privateKey, rsaAlgorithm: 'RS256' });
    expect(decodeProtectedHeader(rs).alg).to.equal('RS256');
    expect(await codeOf(verifyDirectory(ps, { trustAnchors: anchors(), at: NOW }))).to.equal('CERT_ROLE_MISMATCH');
  });

  it('interoperates: python jwcrypto verifies the directory JWS', function () {
    if (!hasJwcrypto()) {
      console.log('      (skipped: python3 jwcrypto is not installed)');
      this.skip();
    }
    expect(jwcryptoVerify(jws, f.good.directory.pem).payload.serial).to.equal(directory.serial);
  });

  it('interoperates: openssl verifies the ES256 signature with the directory certificate key', function () {
    if (spawnSync('openssl', ['version']).status !== 0) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'ipex-dir-'));
    const [h, p, s] = jws.split('.') as [string, string, string];
    // JWS ES256 signatures are r||s (RFC 7518 §3.4); openssl wants a DER ECDSA-Sig-Value.
    writeFileSync(join(dir, 'sig.der'), derEcdsaSignature(Buffer.from(s, 'base64url')));
    writeFileSync(join(dir, 'signed'), `${h}.${p}`);
    writeFileSync(join(dir, 'cert.pem'), f.good.directory.pem);
    const pub = execFileSync('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-pubkey', '-noout'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'pub.pem'), pub);
    const out = execFileSync('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig.der'), join(dir, 'signed')], { encoding: 'utf8' });
    expect(out.trim()).to.equal('Verified OK');
  });
});
