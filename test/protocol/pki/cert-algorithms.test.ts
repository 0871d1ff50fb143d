import { expect } from 'chai';
import '../../../protocol/pki/reflect-metadata.js';
import { createPublicKey, generateKeyPairSync, webcrypto, type KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { generateFixtures, type Fixtures } from '../../../certs/fixtures.js';
import { generateKeyPair, issueCertificate } from '../../../certs/issue.js';
import { checkSignature, publicKeyProblem } from '../../../protocol/pki/cert-algorithms.js';
import { parseCertificate } from '../../../protocol/pki/cert-input.js';
import { validatePath } from '../../../protocol/pki/path-validation.js';
import { codeOf } from '../../helpers/error-code.js';

const NOW = new Date('2026-06-01T12:00:00Z');

/** A self-signed CA certificate signed with an explicit WebCrypto algorithm. */
async function caWith(keys: { publicKey: KeyObject; privateKey: KeyObject }, importAlg: object, signAlg: object): Promise<x509.X509Certificate> {
  const der = keys.privateKey.export({ format: 'der', type: 'pkcs8' });
  const signingKey = await webcrypto.subtle.importKey('pkcs8', der, importAlg as webcrypto.RsaHashedImportParams, false, ['sign']);
  return x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=Algorithm test CA',
    notBefore: new Date('2026-01-01'),
    notAfter: new Date('2027-01-01'),
    keys: {
      privateKey: signingKey as unknown as x509.X509CertificateCreateSelfSignedParams['keys']['privateKey'],
      publicKey: (await webcrypto.subtle.importKey('spki', createPublicKey(keys.privateKey).export({ format: 'der', type: 'spki' }), importAlg as webcrypto.RsaHashedImportParams, true, ['verify'])) as unknown as x509.X509CertificateCreateSelfSignedParams['keys']['publicKey'],
    },
    signingAlgorithm: signAlg as x509.X509CertificateCreateSelfSignedParams['signingAlgorithm'],
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
}

describe('protocol/pki/cert-algorithms', () => {
  let f: Fixtures;
  before(async () => {
    x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
    f = await generateFixtures({ now: NOW });
  });

  it('allows P-256, P-384 and RSA >= 2048 keys, Ed25519 only when asked', () => {
    expect(publicKeyProblem(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey, false)).to.equal(undefined);
    expect(publicKeyProblem(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey, false)).to.equal(undefined);
    expect(publicKeyProblem(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey, false)).to.match(/curve/);
    expect(publicKeyProblem(generateKeyPairSync('ed25519').publicKey, false)).to.match(/Ed25519/);
    expect(publicKeyProblem(generateKeyPairSync('ed25519').publicKey, true)).to.equal(undefined);
    expect(publicKeyProblem(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey, false)).to.match(/1024/);
  });

  it('verifies RSASSA-PSS (SHA-256, MGF1-SHA-256) certificate signatures', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const alg = { name: 'RSA-PSS', hash: 'SHA-256' };
    const ca = parseCertificate(await caWith(keys, alg, { ...alg, saltLength: 32 }));
    expect(ca.parts.algorithm.oid).to.equal('1.2.840.113549.1.1.10');
    expect(checkSignature(ca.parts, ca.node.publicKey)).to.equal('valid');
    expect(checkSignature(ca.parts, parseCertificate(f.root.certificate).node.publicKey)).to.equal('invalid');
  });

  it('refuses SHA-1 signatures', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' };
    const ca = parseCertificate(await caWith(keys, alg, alg));
    expect(checkSignature(ca.parts, ca.node.publicKey)).to.equal('algorithm-not-allowed');
  });

  it('accepts an Ed25519 signing leaf but not an Ed25519 TLS leaf', async () => {
    const keys = await generateKeyPair('Ed25519');
    const root = { certificate: f.root.certificate, privateKey: f.root.privateKey };
    const common = { issuer: root, publicKey: keys.publicKey, officeCode: 'EP', notBefore: new Date('2026-01-01'), notAfter: new Date('2027-01-01') };
    const signing = await issueCertificate({ ...common, kind: 'signing', commonName: 'EP signing' });
    const tls = await issueCertificate({ ...common, kind: 'tls', commonName: 'EP tls' });
    const base = { trustAnchors: [f.root.certificate], at: NOW };
    expect(await codeOf(validatePath({ ...base, leaf: signing, purpose: 'signing' }))).to.equal('PASSED');
    expect(await codeOf(validatePath({ ...base, leaf: tls, purpose: 'tls-server' }))).to.equal('CERT_ALGORITHM_NOT_ALLOWED');
  });

  it('refuses a leaf whose signature was altered', async () => {
    const der = Buffer.from(f.good.signing.certificate.rawData);
    der[der.length - 3] ^= 0x01;
    expect(await codeOf(validatePath({ leaf: new Uint8Array(der), trustAnchors: [f.root.certificate], purpose: 'signing', at: NOW }))).to.be.oneOf(['CERT_UNTRUSTED', 'CERT_MALFORMED']);
  });
});
