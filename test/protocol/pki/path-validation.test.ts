import { expect } from 'chai';
import { generateFixtures, type Fixtures, type FixtureCert } from '../../../certs/fixtures.js';
import { createRootCa, generateKeyPair, issueCertificate } from '../../../certs/issue.js';
import { validatePath, type ValidatePathOptions } from '../../../protocol/pki/path-validation.js';
import { DIRECTORY_URI, EKU, LEGACY_DIRECTORY_EKU } from '../../../protocol/pki/profile.js';
import * as x509 from '@peculiar/x509';
import { codeOf } from '../../helpers/error-code.js';

const NOW = new Date('2026-06-01T12:00:00Z');

describe('protocol/pki/path-validation', () => {
  let f: Fixtures;
  const opts = (leaf: FixtureCert, extra: Partial<ValidatePathOptions> = {}): ValidatePathOptions => ({
    leaf: leaf.certificate,
    trustAnchors: [f.root.certificate],
    purpose: 'signing',
    at: NOW,
    ...extra,
  });

  before(async () => {
    f = await generateFixtures({ now: NOW });
  });

  it('accepts the good certificates for their purposes and returns office and fingerprint', async () => {
    const tls = await validatePath(opts(f.good.tls, { purpose: 'tls-server', officeCode: 'EP' }));
    expect(tls.officeCode).to.equal('EP');
    expect(tls.chain).to.have.length(2);
    expect(tls.leafSha256).to.equal(Buffer.from(await f.good.tls.certificate.getThumbprint('SHA-256')).toString('hex'));
    expect((await validatePath(opts(f.good.tls, { purpose: 'tls-client' }))).officeCode).to.equal('EP');
    expect((await validatePath(opts(f.good.signing, { officeCode: 'EP' }))).officeCode).to.equal('EP');
    expect((await validatePath(opts(f.goodJp.signing, { officeCode: 'JP' }))).officeCode).to.equal('JP');
    expect((await validatePath(opts(f.rsa2048))).officeCode).to.equal('EP');
    const dir = await validatePath(opts(f.good.directory, { purpose: 'directory' }));
    expect(dir.officeCode).to.equal(undefined);
  });

  it('accepts PEM and DER input as well as certificate objects', async () => {
    await validatePath({ ...opts(f.good.signing), leaf: f.good.signing.pem, trustAnchors: [f.root.pem] });
    await validatePath({ ...opts(f.good.signing), leaf: new Uint8Array(f.good.signing.certificate.rawData) });
  });

  const cases: [keyof Fixtures, string, Partial<ValidatePathOptions>][] = [
    ['rsa1024', 'CERT_ALGORITHM_NOT_ALLOWED', {}],
    ['expired', 'CERT_EXPIRED', {}],
    ['notYetValid', 'CERT_NOT_YET_VALID', {}],
    ['wrongCa', 'CERT_UNTRUSTED', {}],
    ['noKeyUsage', 'CERT_KEY_USAGE', {}],
    ['wrongEku', 'CERT_EKU', {}],
    ['wrongOffice', 'CERT_OFFICE_MISMATCH', { officeCode: 'EP' }],
    ['selfSigned', 'CERT_SELF_SIGNED', {}],
    ['caAsLeaf', 'CERT_BASIC_CONSTRAINTS', {}],
  ];
  for (const [name, code, extra] of cases) {
    it(`refuses ${name} with ${code}`, async () => {
      expect(await codeOf(validatePath(opts(f[name] as FixtureCert, extra)))).to.equal(code);
    });
  }

  it('refuses a certificate used for another purpose (EKU) and the wrong office', async () => {
    expect(await codeOf(validatePath(opts(f.good.tls, { purpose: 'signing' })))).to.equal('CERT_KEY_USAGE');
    expect(await codeOf(validatePath(opts(f.good.signing, { purpose: 'tls-server' })))).to.equal('CERT_EKU');
    expect(await codeOf(validatePath(opts(f.good.directory, { purpose: 'signing' })))).to.equal('CERT_KEY_USAGE');
    expect(await codeOf(validatePath(opts(f.goodJp.tls, { purpose: 'tls-client', officeCode: 'EP' })))).to.equal('CERT_OFFICE_MISMATCH');
    expect(await codeOf(validatePath(opts(f.good.signing, { purpose: 'directory' })))).to.equal('CERT_ROLE_MISMATCH');
  });

  describe('directory and office roles (issue 10, item 18)', () => {
    const issue = async (extra: Partial<Parameters<typeof issueCertificate>[0]>) => {
      const keys = await generateKeyPair('P-256');
      return issueCertificate({
        kind: 'signing', issuer: f.root, publicKey: keys.publicKey, commonName: 'role test', officeCode: 'EP',
        notBefore: new Date(NOW.getTime() - 86_400_000), notAfter: new Date(NOW.getTime() + 86_400_000), ...extra,
      });
    };

    it('the directory certificate carries only standard OIDs: documentSigning and the urn:ipex:directory URI', async () => {
      const dir = f.good.directory.certificate;
      expect(dir.getExtension(x509.ExtendedKeyUsageExtension)!.usages).to.deep.equal([EKU.documentSigning]);
      const uris = dir.getExtension(x509.SubjectAlternativeNameExtension)!.names.items.map((n) => `${n.type}:${n.value}`);
      expect(uris).to.deep.equal([`url:${DIRECTORY_URI}`]);
    });

    it('an office signing certificate cannot sign a directory, nor one that also binds the directory', async () => {
      expect(await codeOf(validatePath(opts(f.good.signing, { purpose: 'directory' })))).to.equal('CERT_ROLE_MISMATCH');
      const both = await issue({ kind: 'directory', uris: [DIRECTORY_URI, 'urn:ipex:office:EP'] });
      expect(await codeOf(validatePath(opts({ certificate: both } as FixtureCert, { purpose: 'directory' })))).to.equal('CERT_ROLE_MISMATCH');
      const twice = await issue({ kind: 'directory', uris: [DIRECTORY_URI, DIRECTORY_URI] });
      expect(await codeOf(validatePath(opts({ certificate: twice } as FixtureCert, { purpose: 'directory' })))).to.equal('CERT_ROLE_MISMATCH');
      const none = await issue({ kind: 'directory', uris: [] });
      expect(await codeOf(validatePath(opts({ certificate: none } as FixtureCert, { purpose: 'directory' })))).to.equal('CERT_ROLE_MISMATCH');
    });

    it('the directory certificate cannot serve as an office certificate, even with the office profile', async () => {
      expect(await codeOf(validatePath(opts(f.good.directory, { purpose: 'signing' })))).to.not.equal('PASSED');
      const signingProfile = await issue({ uris: [DIRECTORY_URI, 'urn:ipex:office:EP'] });
      expect(await codeOf(validatePath(opts({ certificate: signingProfile } as FixtureCert, { officeCode: 'EP' })))).to.equal('CERT_ROLE_MISMATCH');
      const tlsProfile = await issue({ kind: 'tls', uris: [DIRECTORY_URI] });
      expect(await codeOf(validatePath(opts({ certificate: tlsProfile } as FixtureCert, { purpose: 'tls-server' })))).to.equal('CERT_ROLE_MISMATCH');
    });

    it('still accepts a directory certificate of the legacy profile (UUID-arc EKU, no URI), for the directory only', async () => {
      const legacy = await issue({ kind: 'directory', extendedKeyUsage: [LEGACY_DIRECTORY_EKU], uris: [] });
      expect(await codeOf(validatePath(opts({ certificate: legacy } as FixtureCert, { purpose: 'directory' })))).to.equal('PASSED');
      const legacyOffice = await issue({ kind: 'directory', extendedKeyUsage: [LEGACY_DIRECTORY_EKU], uris: ['urn:ipex:office:EP'] });
      expect(await codeOf(validatePath(opts({ certificate: legacyOffice } as FixtureCert, { purpose: 'directory' })))).to.equal('CERT_ROLE_MISMATCH');
      const legacySigning = await issue({ extendedKeyUsage: [LEGACY_DIRECTORY_EKU] });
      expect(await codeOf(validatePath(opts({ certificate: legacySigning } as FixtureCert)))).to.equal('CERT_EKU');
    });
  });

  it('passes a revoked certificate without a CRL and refuses it with one', async () => {
    expect(await codeOf(validatePath(opts(f.revoked)))).to.equal('PASSED');
    expect(await codeOf(validatePath(opts(f.revoked, { crls: [f.crlPem] })))).to.equal('CERT_REVOKED');
    expect(await codeOf(validatePath(opts(f.good.signing, { crls: [f.crlPem], requireCrl: true })))).to.equal('PASSED');
  });

  it('requires a CRL when asked and checks its freshness', async () => {
    expect(await codeOf(validatePath(opts(f.good.signing, { requireCrl: true })))).to.equal('CRL_MISSING');
    const late = new Date(NOW.getTime() + 8 * 86_400_000);
    expect(await codeOf(validatePath(opts(f.good.signing, { at: late, crls: [f.crlPem] })))).to.equal('CRL_EXPIRED');
  });

  it('does not trust an anchor that merely has the same name as the root', async () => {
    const impostor = await createRootCa({ name: 'ipex Test Network Root CA', notBefore: new Date('2025-01-01'), notAfter: new Date('2030-01-01') });
    // Same subject name, different key: the signature of a real leaf does not verify.
    // issue 10, item 7: that is "not issued under this root", not a broken signature.
    expect(await codeOf(validatePath({ ...opts(f.good.signing), trustAnchors: [impostor.certificate] }))).to.equal('CERT_UNTRUSTED');
    // The genuine root passed as an intermediate is not an anchor.
    expect(await codeOf(validatePath({ ...opts(f.good.signing), intermediates: [f.root.certificate], trustAnchors: [f.otherRoot.certificate] }))).to.equal('CERT_UNTRUSTED');
  });

  it('follows an intermediate CA and refuses one without CA:true', async () => {
    const root = { certificate: f.root.certificate, privateKey: f.root.privateKey };
    const notBefore = new Date('2026-01-01');
    const notAfter = new Date('2027-01-01');
    const caKeys = await generateKeyPair();
    // A leaf (CA:false) used as an issuer.
    const fakeCa = await issueCertificate({ kind: 'signing', issuer: root, publicKey: caKeys.publicKey, commonName: 'Fake CA', officeCode: 'EP', notBefore, notAfter });
    const keys = await generateKeyPair();
    const leaf = await issueCertificate({ kind: 'signing', issuer: { certificate: fakeCa, privateKey: caKeys.privateKey }, publicKey: keys.publicKey, commonName: 'EP signing', officeCode: 'EP', notBefore, notAfter });
    const options = { ...opts(f.good.signing), leaf, intermediates: [fakeCa] };
    expect(await codeOf(validatePath(options))).to.equal('CERT_BASIC_CONSTRAINTS');
    expect(await codeOf(validatePath({ ...options, intermediates: [] }))).to.equal('CERT_UNTRUSTED');
  });

  it('refuses garbage with CERT_MALFORMED', async () => {
    expect(await codeOf(validatePath({ ...opts(f.good.signing), leaf: new Uint8Array([0x30, 0x03, 1, 2, 3]) }))).to.equal('CERT_MALFORMED');
    expect(await codeOf(validatePath({ ...opts(f.good.signing), leaf: 'not a pem' }))).to.equal('CERT_MALFORMED');
  });
});
