/**
 * issue 10, item 18: a network set up before the directory certificate carried only standard
 * OIDs (its EKU was a UUID-arc OID, no urn:ipex:directory URI) keeps working, and its next
 * `publish` reissues the certificate for the same key with the current profile.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueCertificate, toPem } from '../../../certs/issue.js';
import { hasDirectoryBinding } from '../../../certs/network/directory-cert.js';
import { addOffice, initNetwork, networkPaths, publish } from '../../../certs/network/index.js';
import { loadDirectorySigner, loadRoot } from '../../../certs/network/network-issuers.js';
import { verifyDirectory } from '../../../protocol/directory/index.js';
import { readCertificatePem } from '../../../protocol/pki/certificate-pem.js';
import { LEGACY_DIRECTORY_EKU } from '../../../protocol/pki/profile.js';

describe('certs/network/directory-cert (issue 10, item 18)', function () {
  this.timeout(30_000);
  let tmp: string;
  before(() => { tmp = mkdtempSync(join(tmpdir(), 'ipex-dircert-')); });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('init issues a directory certificate bound by urn:ipex:directory', async () => {
    const dir = join(tmp, 'fresh');
    await initNetwork({ dir, now: new Date() }, 'fresh-net');
    expect(hasDirectoryBinding(readCertificatePem(networkPaths(dir).directoryCert))).to.equal(true);
  });

  it('publish replaces a legacy directory certificate, same key, and the directory verifies', async () => {
    const dir = join(tmp, 'legacy');
    const ctx = { dir, now: new Date() };
    await initNetwork(ctx, 'legacy-net', { development: true });
    await addOffice(ctx, { code: 'EP', name: 'EPO', exchangeUrl: 'https://ep.example' });
    const root = loadRoot(ctx);
    const signer = loadDirectorySigner(ctx);
    const legacy = await issueCertificate({
      kind: 'directory', issuer: root, publicKey: signer.privateKey, commonName: 'ipex legacy-net directory',
      extendedKeyUsage: [LEGACY_DIRECTORY_EKU], uris: [], notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000),
    });
    writeFileSync(networkPaths(dir).directoryCert, toPem(legacy));

    await publish(ctx, 30);
    const after = readCertificatePem(networkPaths(dir).directoryCert);
    expect(hasDirectoryBinding(after)).to.equal(true);
    expect(after.serialNumber).to.not.equal(legacy.serialNumber);
    expect(Buffer.from(after.publicKey.rawData).equals(Buffer.from(legacy.publicKey.rawData))).to.equal(true);
    const jws = readFileSync(networkPaths(dir).directoryJws, 'utf8');
    const rootPem = readFileSync(networkPaths(dir).rootCert, 'utf8');
    const directory = await verifyDirectory(jws, { trustAnchors: [rootPem], at: new Date(), crl: readFileSync(networkPaths(dir).crl, 'utf8') });
    expect(directory.offices.map((o) => o.code)).to.deep.equal(['EP']);
  });
});
