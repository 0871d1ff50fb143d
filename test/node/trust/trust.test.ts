import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { createCrl } from '../../../certs/issue.js';
import { dataPaths } from '../../../node/config/data-dir.js';
import { DirectoryStore, TrustService } from '../../../node/trust/index.js';
import { crlSummary, signDirectory, type Directory } from '../../../protocol/directory/index.js';
import { FixedClock } from '../../../protocol/runtime/clock.js';
import { sampleDirectory } from '../../protocol/directory/sample.js';
import { codeOf } from '../../helpers/error-code.js';

const NOW = new Date('2026-06-01T12:00:00Z');

describe('node/trust', () => {
  let f: Fixtures;
  let base: Directory;
  const sign = (d: Directory): Promise<string> => signDirectory(d, { certificate: f.good.directory.certificate, privateKey: f.good.directory.privateKey });

  function setup(): { dir: string; clock: FixedClock; store: DirectoryStore; trust: TrustService } {
    const dir = mkdtempSync(join(tmpdir(), 'ipex-trust-'));
    const paths = dataPaths(dir);
    const clock = new FixedClock(NOW);
    const store = new DirectoryStore({ dataDir: dir, clock });
    // The root is installed the way a node keeps it: trust/root.pem.
    mkdirSync(paths.trust.dir, { recursive: true });
    writeFileSync(paths.trust.root, f.root.pem);
    return { dir, clock, store, trust: new TrustService({ store, clock }) };
  }

  before(async () => {
    f = await generateFixtures({ now: NOW });
    base = await sampleDirectory(f, NOW, 5);
  });

  it('installs a verified directory and reads it back', async () => {
    const { dir, store } = setup();
    const jws = await sign(base);
    expect((await store.install(jws, f.crlPem)).directory.serial).to.equal(5);
    expect(readFileSync(dataPaths(dir).trust.directory, 'utf8').trim()).to.equal(jws);
    expect((await store.current()).directory).to.deep.equal(base);
  });

  it('looks at the installed files once per turn of the event loop, and sees a change from the next turn', async () => {
    const { dir, store } = setup();
    await store.install(await sign(base), f.crlPem);
    const next = await sign({ ...base, serial: 6 });
    const turn = (): Promise<void> => new Promise((done) => setImmediate(done));
    await turn();
    expect((await store.current()).directory.serial).to.equal(5);
    writeFileSync(dataPaths(dir).trust.directory, `${next}\n`); // another process installs serial 6
    expect((await store.current()).directory.serial).to.equal(5); // the same turn: the same look
    await turn();
    expect((await store.current()).directory.serial).to.equal(6);
  });

  it('refuses a rollback and keeps the last good directory when a new one is bad', async () => {
    const { dir, store } = setup();
    const good = await sign(base);
    await store.install(good, f.crlPem);
    expect(await codeOf(store.install(await sign({ ...base, serial: 4 }), f.crlPem))).to.equal('DIRECTORY_ROLLBACK');
    expect(await codeOf(store.install(await sign({ ...base, serial: 5, network: 'other' }), f.crlPem))).to.equal('DIRECTORY_ROLLBACK');
    const [h, p] = good.split('.');
    expect(await codeOf(store.install(`${h}.${p}.AAAA`, f.crlPem))).to.equal('DIRECTORY_SIGNATURE_INVALID');
    const otherCrl = await createCrl({ issuer: f.root, revoked: [], thisUpdate: new Date(NOW.getTime() - 3600_000), nextUpdate: new Date(NOW.getTime() + 86_400_000), crlNumber: 2 });
    expect(await codeOf(store.install(await sign({ ...base, serial: 6 }), otherCrl))).to.equal('DIRECTORY_CRL_MISMATCH');
    expect(readFileSync(dataPaths(dir).trust.directory, 'utf8').trim()).to.equal(good);
    expect(readFileSync(dataPaths(dir).trust.crl, 'utf8')).to.equal(f.crlPem);
    // Installing the same one again is harmless; a newer one with its CRL replaces it.
    await store.install(good, f.crlPem);
    const next = await sign({ ...base, serial: 6, crl: crlSummary(otherCrl) });
    expect((await store.install(next, otherCrl)).directory.serial).to.equal(6);
    expect((await store.current()).directory.serial).to.equal(6);
  });

  it('refuses an expired installed directory', async () => {
    const { clock, store } = setup();
    await store.install(await sign(base), f.crlPem);
    clock.advance(8 * 86_400_000);
    expect(await codeOf(store.current())).to.be.oneOf(['DIRECTORY_EXPIRED', 'CRL_EXPIRED']);
  });

  it('completes an install interrupted between the CRL and directory renames', async () => {
    const { dir, store } = setup();
    await store.install(await sign(base), f.crlPem);
    const otherCrl = await createCrl({ issuer: f.root, revoked: [], thisUpdate: new Date(NOW.getTime() - 3600_000), nextUpdate: new Date(NOW.getTime() + 86_400_000), crlNumber: 2 });
    const next = await sign({ ...base, serial: 7, crl: crlSummary(otherCrl) });
    const paths = dataPaths(dir).trust;
    writeFileSync(join(paths.dir, 'directory.jws.staged'), next);
    writeFileSync(paths.crl, otherCrl); // the crash happened after the CRL rename
    expect((await store.current()).directory.serial).to.equal(7);
    expect(existsSync(join(paths.dir, 'directory.jws.staged'))).to.equal(false);
  });

  it('answers office status and roles', async () => {
    const { store, trust } = setup();
    const offices = base.offices.map((o) => (o.code === 'JP' ? { ...o, status: 'suspended' as const } : o));
    await store.install(await sign({ ...base, offices }), f.crlPem);
    expect((await trust.requireActive('EP', 'depositing')).name).to.equal('European Patent Office');
    expect(await codeOf(trust.requireActive('JP'))).to.equal('OFFICE_SUSPENDED');
    expect(await codeOf(trust.requireActive('US'))).to.equal('OFFICE_UNKNOWN');
    const revoked = base.offices.map((o) => (o.code === 'JP' ? { ...o, status: 'revoked' as const } : { ...o, roles: ['accessing' as const] }));
    await store.install(await sign({ ...base, serial: 6, offices: revoked }), f.crlPem);
    expect(await codeOf(trust.requireActive('JP'))).to.equal('OFFICE_REVOKED');
    expect(await codeOf(trust.requireActive('EP', 'depositing'))).to.equal('OFFICE_ROLE_NOT_ALLOWED');
    expect(await trust.office('US')).to.equal(undefined);
  });

  it('accepts listed peer certificates (both during rotation) and refuses unlisted or revoked ones', async () => {
    const { store, trust } = setup();
    await store.install(await sign(base), f.crlPem);
    const peer = await trust.verifyPeerCertificate(f.good.tls.pem, { use: 'tls', purpose: 'tls-client', officeCode: 'EP' });
    expect(peer.office.code).to.equal('EP');
    await trust.verifyPeerCertificate(f.good.signing.pem, { use: 'signing', purpose: 'signing' });
    await trust.verifyPeerCertificate(f.rsa2048.pem, { use: 'signing', purpose: 'signing' });
    expect(await codeOf(trust.verifyPeerCertificate(f.good.tls.pem, { use: 'tls', purpose: 'signing' }))).to.equal('INVALID_INPUT');
    expect(await codeOf(trust.verifyPeerCertificate(f.good.tls.pem, { use: 'signing', purpose: 'signing' }))).to.equal('CERT_KEY_USAGE');
    expect(await codeOf(trust.verifyPeerCertificate(f.revoked.pem, { use: 'signing', purpose: 'signing' }))).to.equal('CERT_REVOKED');
    expect(await codeOf(trust.verifyPeerCertificate(f.wrongCa.pem, { use: 'signing', purpose: 'signing' }))).to.equal('CERT_UNTRUSTED');
    expect(await codeOf(trust.verifyPeerCertificate(f.goodJp.signing.pem, { use: 'signing', purpose: 'signing', officeCode: 'EP' }))).to.equal('CERT_OFFICE_MISMATCH');
    // Valid, EP-bound, but not in the directory.
    const unlisted = { ...base, serial: 6, offices: base.offices.map((o) => ({ ...o, certificates: o.certificates.filter((c) => c.use === 'tls') })) };
    await store.install(await sign(unlisted), f.crlPem);
    expect(await codeOf(trust.verifyPeerCertificate(f.good.signing.pem, { use: 'signing', purpose: 'signing' }))).to.equal('CERT_NOT_IN_DIRECTORY');
  });

  it('resolves signing keys by certificate SHA-256 until the directory drops them', async () => {
    const { store, trust } = setup();
    await store.install(await sign(base), f.crlPem);
    const resolve = trust.signingKeyResolver();
    const peer = await trust.verifyPeerCertificate(f.good.signing.pem, { use: 'signing', purpose: 'signing' });
    expect(resolve(peer.sha256)?.alg).to.equal('ecdsa-p256-sha256');
    expect(trust.officeForKeyId(peer.sha256)).to.equal('EP');
    const rsa = await trust.verifyPeerCertificate(f.rsa2048.pem, { use: 'signing', purpose: 'signing' });
    expect(resolve(rsa.sha256)?.alg).to.equal('rsa-pss-sha512');
    expect(resolve('0'.repeat(64))).to.equal(undefined);
    const suspended = base.offices.map((o) => (o.code === 'EP' ? { ...o, status: 'suspended' as const } : o));
    await store.install(await sign({ ...base, serial: 6, offices: suspended }), f.crlPem);
    await trust.refresh();
    expect(resolve(peer.sha256)).to.equal(undefined);
  });

  it('ensureSigningKey validates and caches a signing certificate from the directory', async () => {
    const { clock, store } = setup();
    await store.install(await sign(base), f.crlPem);
    const trust = new TrustService({ store, clock });
    const sha = async (c: { certificate: { getThumbprint(alg: string): Promise<ArrayBuffer> } }): Promise<string> =>
      Buffer.from(await c.certificate.getThumbprint('SHA-256')).toString('hex');
    const epKey = await sha(f.good.signing);
    expect(trust.signingKeyResolver()(epKey)).to.equal(undefined);
    expect(await trust.ensureSigningKey(epKey)).to.equal('EP');
    expect(await trust.ensureSigningKey(epKey)).to.equal('EP');
    expect(trust.signingKeyResolver()(epKey)?.alg).to.equal('ecdsa-p256-sha256');
    expect(await trust.ensureSigningKey(await sha(f.goodJp.signing))).to.equal('JP');
    // The revoked certificate is not listed; a TLS certificate is not a signing key.
    expect(await codeOf(trust.ensureSigningKey(await sha(f.revoked)))).to.equal('CERT_NOT_IN_DIRECTORY');
    const tlsSha = base.offices[0]!.certificates.find((c) => c.use === 'tls')!.sha256;
    expect(await codeOf(trust.ensureSigningKey(tlsSha))).to.equal('CERT_NOT_IN_DIRECTORY');
  });
});
