import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import '../../protocol/pki/reflect-metadata.js'; // before @peculiar/x509 (see that module)
import * as x509 from '@peculiar/x509';
import { EKU, officeUri } from '../../protocol/pki/profile.js';
import { createCrl, createRootCa, generateKeyPair, issueCertificate, toPem } from '../../certs/issue.js';

const now = new Date();
const day = 86_400_000;
const nb = new Date(now.getTime() - day);
const na = new Date(now.getTime() + 30 * day);

describe('certs/issue', () => {
  it('creates a root CA with critical CA:true, keyCertSign+cRLSign and a SKI', async () => {
    const root = await createRootCa({ name: 'Root', notBefore: nb, notAfter: na });
    const bc = root.certificate.getExtension(x509.BasicConstraintsExtension)!;
    expect(bc.ca).to.equal(true);
    expect(bc.critical).to.equal(true);
    const ku = root.certificate.getExtension(x509.KeyUsagesExtension)!;
    expect(ku.critical).to.equal(true);
    expect(ku.usages).to.equal(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect(root.certificate.getExtension(x509.SubjectKeyIdentifierExtension)).to.not.equal(null);
    expect(await root.certificate.isSelfSigned()).to.equal(true);
  });

  it('issues a signing certificate per profile with the office URI and a positive 16-byte serial', async () => {
    const root = await createRootCa({ name: 'Root', notBefore: nb, notAfter: na });
    const keys = await generateKeyPair();
    const cert = await issueCertificate({
      kind: 'signing', issuer: root, publicKey: keys.publicKey, commonName: 'EP signing', officeCode: 'EP', notBefore: nb, notAfter: na,
    });
    expect(cert.serialNumber).to.match(/^[0-7][0-9a-f]{31}$/);
    expect(cert.getExtension(x509.BasicConstraintsExtension)!.ca).to.equal(false);
    expect(cert.getExtension(x509.KeyUsagesExtension)!.usages)
      .to.equal(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation);
    expect(cert.getExtension(x509.ExtendedKeyUsageExtension)!.usages).to.deep.equal([EKU.documentSigning]);
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension)!;
    expect(san.names.items.map((n) => n.value)).to.deep.equal([officeUri('EP')]);
    const aki = cert.getExtension(x509.AuthorityKeyIdentifierExtension)!;
    expect(aki.keyId).to.equal(root.certificate.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId);
    expect(await cert.verify({ publicKey: root.certificate.publicKey, signatureOnly: true })).to.equal(true);
  });

  it('signs with an RSA issuer and certifies Ed25519 and RSA subject keys', async () => {
    const root = await createRootCa({ name: 'RSA Root', notBefore: nb, notAfter: na, keys: await generateKeyPair('RSA-2048') });
    for (const alg of ['Ed25519', 'RSA-2048', 'P-256'] as const) {
      const keys = await generateKeyPair(alg);
      const cert = await issueCertificate({
        kind: 'tls', issuer: root, publicKey: keys.publicKey, commonName: 'x', officeCode: 'JP',
        dnsNames: ['node.example'], ipAddresses: ['127.0.0.1'], notBefore: nb, notAfter: na,
      });
      expect((cert.signatureAlgorithm as unknown as { name: string }).name).to.equal('RSASSA-PKCS1-v1_5');
      expect(await cert.verify({ publicKey: root.certificate.publicKey, signatureOnly: true })).to.equal(true);
    }
  });

  it('creates a v2 CRL with CRL number and AKI that OpenSSL parses', async () => {
    const root = await createRootCa({ name: 'Root', notBefore: nb, notAfter: na });
    const pem = await createCrl({ issuer: root, revoked: [{ serialNumber: '0a1b', revokedAt: nb }], thisUpdate: nb, nextUpdate: na, crlNumber: 300 });
    expect(pem.startsWith('-----BEGIN X509 CRL-----\n')).to.equal(true);
    const out = spawnSync('openssl', ['crl', '-noout', '-text'], { input: pem, encoding: 'utf8' });
    expect(out.status).to.equal(0);
    expect(out.stdout).to.match(/CRL Number: \s*300/);
    expect(out.stdout).to.contain('Authority Key Identifier');
    expect(out.stdout).to.contain('0A1B');
    expect(toPem(root.certificate).endsWith('-----END CERTIFICATE-----\n')).to.equal(true);
  });
});
