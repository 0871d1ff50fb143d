/**
 * Test-fixture certificates (docs/design.md §3 "path validation is explicit"): a network root, the
 * good office certificates, and one certificate built to fail each check of path validation
 * (RFC 5280 §6: chain, validity, basicConstraints, keyUsage/EKU, office binding, revocation).
 * Everything is generated fresh from `now`, so tests never depend on the wall clock.
 */
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { X509Certificate } from '@peculiar/x509';
import { EKU } from '../protocol/pki/profile.js';
import { writeFileAtomic } from '../protocol/files/atomic-write.js';
import { writePrivateKey } from '../protocol/pki/key-files.js';
import {
  createCrl, createRootCa, generateKeyPair, issueCertificate, toPem, type IssueOptions, type Issuer, type KeyAlgorithm,
} from './issue.js';

/** A certificate, its private key and its PEM text. */
export interface FixtureCert {
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
  readonly pem: string;
}

export interface Fixtures {
  readonly root: FixtureCert;
  readonly otherRoot: FixtureCert;
  /** CRL of `root` that revokes `revoked`. */
  readonly crlPem: string;
  readonly good: { readonly tls: FixtureCert; readonly signing: FixtureCert; readonly directory: FixtureCert };
  readonly goodJp: { readonly tls: FixtureCert; readonly signing: FixtureCert };
  readonly rsa2048: FixtureCert;
  readonly rsa1024: FixtureCert;
  readonly expired: FixtureCert;
  readonly notYetValid: FixtureCert;
  readonly wrongCa: FixtureCert;
  readonly revoked: FixtureCert;
  readonly noKeyUsage: FixtureCert;
  readonly wrongEku: FixtureCert;
  readonly wrongOffice: FixtureCert;
  readonly selfSigned: FixtureCert;
  readonly caAsLeaf: FixtureCert;
}

const DAY = 86_400_000;

/** Generates every fixture, valid relative to `now`. */
export async function generateFixtures({ now }: { now: Date }): Promise<Fixtures> {
  const at = (days: number): Date => new Date(now.getTime() + days * DAY);
  const rootKeys = await generateKeyPair('P-256');
  const root = await createRootCa({ name: 'ipex Test Network Root CA', notBefore: at(-365), notAfter: at(3650), keys: rootKeys });
  const other = await createRootCa({ name: 'ipex Other Network Root CA', notBefore: at(-365), notAfter: at(3650) });

  const leaf = async (
    o: Partial<IssueOptions> & Pick<IssueOptions, 'kind'>, alg: KeyAlgorithm = 'P-256', issuer: Issuer = root,
  ): Promise<FixtureCert> => {
    const keys = await generateKeyPair(alg);
    const code = o.officeCode ?? 'EP';
    const certificate = await issueCertificate({
      issuer, publicKey: keys.publicKey, notBefore: at(-1), notAfter: at(365),
      commonName: `${code} ${o.kind}`, organization: code === 'JP' ? 'Japan Patent Office' : 'European Patent Office',
      officeCode: code, ...(o.kind === 'tls' ? { dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'] } : {}),
      ...o,
      ...(o.selfSign ? { selfSign: { privateKey: keys.privateKey } } : {}),
    });
    return { certificate, privateKey: keys.privateKey, pem: toPem(certificate) };
  };

  const revoked = await leaf({ kind: 'signing' });
  const crlPem = await createCrl({
    issuer: root,
    revoked: [{ serialNumber: revoked.certificate.serialNumber, revokedAt: at(-0.5) }],
    thisUpdate: at(-1 / 24), nextUpdate: at(7), crlNumber: 1,
  });
  const directoryKeys = await generateKeyPair('P-256');
  const directoryCert = await issueCertificate({
    kind: 'directory', issuer: root, publicKey: directoryKeys.publicKey, commonName: 'ipex Test Network Directory',
    organization: 'ipex Test Network', notBefore: at(-1), notAfter: at(365),
  });

  return {
    root: { ...root, pem: toPem(root.certificate) },
    otherRoot: { ...other, pem: toPem(other.certificate) },
    crlPem,
    good: {
      tls: await leaf({ kind: 'tls' }),
      signing: await leaf({ kind: 'signing' }),
      directory: { certificate: directoryCert, privateKey: directoryKeys.privateKey, pem: toPem(directoryCert) },
    },
    goodJp: { tls: await leaf({ kind: 'tls', officeCode: 'JP' }), signing: await leaf({ kind: 'signing', officeCode: 'JP' }) },
    rsa2048: await leaf({ kind: 'signing' }, 'RSA-2048'),
    rsa1024: await leaf({ kind: 'signing' }, 'RSA-1024'),
    expired: await leaf({ kind: 'signing', notBefore: at(-400), notAfter: at(-1) }),
    notYetValid: await leaf({ kind: 'signing', notBefore: at(1), notAfter: at(365) }),
    wrongCa: await leaf({ kind: 'signing' }, 'P-256', other),
    revoked,
    noKeyUsage: await leaf({ kind: 'signing', omitKeyUsage: true }),
    wrongEku: await leaf({ kind: 'signing', extendedKeyUsage: [EKU.serverAuth] }),
    wrongOffice: await leaf({ kind: 'signing', officeCode: 'JP', commonName: 'EP signing', organization: 'European Patent Office' }),
    selfSigned: await leaf({ kind: 'signing', selfSign: { privateKey: rootKeys.privateKey } }),
    caAsLeaf: await leaf({ kind: 'signing', ca: true }),
  };
}

/** Every fixture certificate with its file stem and why it must pass or fail. */
export function fixtureList(f: Fixtures): { name: string; cert: FixtureCert; expect: 'pass' | 'fail'; why: string }[] {
  return [
    { name: 'good-tls', cert: f.good.tls, expect: 'pass', why: 'EP TLS certificate (serverAuth+clientAuth, SAN urn:ipex:office:EP, localhost, 127.0.0.1)' },
    { name: 'good-signing', cert: f.good.signing, expect: 'pass', why: 'EP signing certificate (digitalSignature+nonRepudiation, documentSigning)' },
    { name: 'good-directory', cert: f.good.directory, expect: 'pass', why: 'network directory-signing certificate' },
    { name: 'good-jp-tls', cert: f.goodJp.tls, expect: 'pass', why: 'JP TLS certificate' },
    { name: 'good-jp-signing', cert: f.goodJp.signing, expect: 'pass', why: 'JP signing certificate' },
    { name: 'rsa2048', cert: f.rsa2048, expect: 'pass', why: 'EP signing certificate with an RSA-2048 key (accepted)' },
    { name: 'rsa1024', cert: f.rsa1024, expect: 'fail', why: 'RSA-1024 key: below the ipex minimum of 2048 bits (CERT_ALGORITHM_NOT_ALLOWED)' },
    { name: 'expired', cert: f.expired, expect: 'fail', why: 'notAfter is in the past (CERT_EXPIRED)' },
    { name: 'not-yet-valid', cert: f.notYetValid, expect: 'fail', why: 'notBefore is in the future (CERT_NOT_YET_VALID)' },
    { name: 'wrong-ca', cert: f.wrongCa, expect: 'fail', why: 'issued by other-root, not the network root (CERT_UNTRUSTED)' },
    { name: 'revoked', cert: f.revoked, expect: 'fail', why: 'listed in crl.pem (CERT_REVOKED)' },
    { name: 'no-key-usage', cert: f.noKeyUsage, expect: 'fail', why: 'keyUsage extension missing (CERT_KEY_USAGE)' },
    { name: 'wrong-eku', cert: f.wrongEku, expect: 'fail', why: 'signing certificate with serverAuth only (CERT_EKU)' },
    { name: 'wrong-office', cert: f.wrongOffice, expect: 'fail', why: 'presented as EP but its SAN says urn:ipex:office:JP (CERT_OFFICE_MISMATCH)' },
    { name: 'self-signed', cert: f.selfSigned, expect: 'fail', why: 'signed by its own key, issuer = subject (CERT_SELF_SIGNED)' },
    { name: 'ca-as-leaf', cert: f.caAsLeaf, expect: 'fail', why: 'basicConstraints CA:true on a leaf (CERT_BASIC_CONSTRAINTS)' },
  ];
}

/**
 * Writes the fixtures into `dir`: root.pem, other-root.pem, crl.pem, and `<name>.pem` +
 * `<name>.key` (unencrypted PKCS#8, mode 0600: test material only) for each certificate, plus
 * README.md saying what each one is for.
 */
export function writeFixtures(dir: string, fixtures: Fixtures): void {
  writeFileAtomic(join(dir, 'root.pem'), fixtures.root.pem);
  writePrivateKey(join(dir, 'root.key'), fixtures.root.privateKey);
  writeFileAtomic(join(dir, 'other-root.pem'), fixtures.otherRoot.pem);
  writeFileAtomic(join(dir, 'crl.pem'), fixtures.crlPem);
  const lines = [
    '# ipex test certificates',
    '',
    'TEST MATERIAL ONLY: the private keys here are unencrypted and public. Generated by',
    '`tsx certs/generate-fixtures.ts OUTDIR`. Trust anchor: `root.pem`; CRL: `crl.pem`.',
    'Check one with `openssl verify -CAfile root.pem -crl_check -CRLfile crl.pem NAME.pem`',
    '(OpenSSL checks chain, validity and revocation; the ipex path validation checks the rest).',
    '',
    '| file | expected | why |',
    '| --- | --- | --- |',
  ];
  for (const item of fixtureList(fixtures)) {
    writeFileAtomic(join(dir, `${item.name}.pem`), item.cert.pem);
    writePrivateKey(join(dir, `${item.name}.key`), item.cert.privateKey);
    lines.push(`| ${item.name}.pem | ${item.expect} | ${item.why} |`);
  }
  writeFileAtomic(join(dir, 'README.md'), `${lines.join('\n')}\n`);
}
