/**
 * Issuing the certificates of an ipex network (docs/design.md §3): the network root CA, office TLS,
 * signing and directory certificates (profiles in protocol/pki/profile.ts, RFC 5280 §4.2), and
 * v2 CRLs with a CRL number and authority key identifier (RFC 5280 §5).
 *
 * Keys are Node `KeyObject`s; @peculiar/x509 does the ASN.1 work over Node's WebCrypto. The
 * override options (`omitKeyUsage`, `extendedKeyUsage`, `ca`, `selfSign`, `uris`) exist only to build
 * the test certificates that are meant to fail path validation (certs/fixtures.ts).
 */
import '../protocol/pki/reflect-metadata.js';
import { createPublicKey, generateKeyPair as generateKeyPairCb, webcrypto, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';
import { CERT_PROFILES, DIRECTORY_URI, officeUri, type CertKind } from '../protocol/pki/profile.js';
import { randomSerialNumber, signingParams, toCryptoKey } from './keys.js';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export { privateKeyPem, publicKeyPem } from './keys.js';

/** A certificate together with the private key that signs with it. */
export interface Issuer {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: KeyObject;
}

export type KeyAlgorithm = 'P-256' | 'RSA-2048' | 'RSA-1024' | 'Ed25519';

export interface KeyPair {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
}

const generate = promisify(generateKeyPairCb);

/** Generates a key pair: ECDSA P-256 by default; RSA-1024 exists only for a failing fixture. */
export async function generateKeyPair(alg: KeyAlgorithm = 'P-256'): Promise<KeyPair> {
  switch (alg) {
    case 'P-256':
      return generate('ec', { namedCurve: 'prime256v1' });
    case 'RSA-2048':
      return generate('rsa', { modulusLength: 2048 });
    case 'RSA-1024':
      return generate('rsa', { modulusLength: 1024 });
    case 'Ed25519':
      return generate('ed25519');
  }
}

export interface RootCaOptions {
  /** The root's common name, for example "ipex Example Network Root CA". */
  readonly name: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keys?: KeyPair;
  readonly serialNumber?: string;
}

/** Creates a self-signed root CA: basicConstraints CA:true and keyCertSign+cRLSign, both critical. */
export async function createRootCa(options: RootCaOptions): Promise<Issuer> {
  const keys = options.keys ?? (await generateKeyPair('P-256'));
  const spki = spkiDer(keys.publicKey);
  const name: x509.JsonName = [{ CN: [options.name] }];
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: options.serialNumber ?? randomSerialNumber(),
    subject: name,
    issuer: name,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: spki,
    signingKey: await toCryptoKey(keys.privateKey),
    signingAlgorithm: signingParams(keys.privateKey),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(usageFlags(CERT_PROFILES.root.keyUsage), true),
      await x509.SubjectKeyIdentifierExtension.create(spki),
    ],
  });
  return { certificate, privateKey: keys.privateKey };
}

export interface IssueOptions {
  readonly kind: Exclude<CertKind, 'root'>;
  readonly issuer: Issuer;
  readonly publicKey: KeyObject;
  readonly commonName: string;
  readonly organization?: string;
  /** ST.3 code bound as the subjectAltName URI `urn:ipex:office:<CODE>`. */
  readonly officeCode?: string;
  /** For TLS certificates: DNS names and IP addresses of the exchange endpoint. */
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** Hexadecimal serial; a random positive 16-byte serial when absent. */
  readonly serialNumber?: string;
  /** Fixture override: leave out the keyUsage extension. */
  readonly omitKeyUsage?: boolean;
  /** Fixture override: EKU OIDs to use instead of the profile's. */
  readonly extendedKeyUsage?: readonly string[];
  /** Fixture override: basicConstraints CA:true on a leaf. */
  readonly ca?: boolean;
  /** Fixture override: sign with the subject's own key; `privateKey` is then required. */
  readonly selfSign?: { readonly privateKey: KeyObject };
  /** Fixture override: subjectAltName URIs to use instead of the profile's role URI. */
  readonly uris?: readonly string[];
}

/** The subjectAltName URIs that say a certificate's role: its office, or the directory. */
function roleUris(options: IssueOptions): string[] {
  if (options.uris !== undefined) return [...options.uris];
  if (options.kind === 'directory') return [DIRECTORY_URI];
  return options.officeCode === undefined ? [] : [officeUri(options.officeCode)];
}

/**
 * Issues an office (tls, signing) or directory certificate following CERT_PROFILES; a
 * directory certificate is bound by the subjectAltName URI `urn:ipex:directory`.
 */
export async function issueCertificate(options: IssueOptions): Promise<x509.X509Certificate> {
  const profile = CERT_PROFILES[options.kind];
  const spki = spkiDer(options.publicKey);
  const subject = subjectName(options.commonName, options.organization);
  const signer = options.selfSign?.privateKey ?? options.issuer.privateKey;
  const signerSpki = options.selfSign ? spki : spkiDer(options.issuer.privateKey);
  const ca = options.ca === true;

  const extensions: x509.Extension[] = [new x509.BasicConstraintsExtension(ca, undefined, true)];
  if (!options.omitKeyUsage) {
    const usages: string[] = [...profile.keyUsage];
    if (ca) usages.push('keyCertSign', 'cRLSign');
    extensions.push(new x509.KeyUsagesExtension(usageFlags(usages), true));
  }
  const eku = options.extendedKeyUsage ?? profile.eku;
  if (eku.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension([...eku], false));
  const names: x509.JsonGeneralNames = [];
  for (const uri of roleUris(options)) names.push({ type: 'url', value: uri });
  for (const dns of options.dnsNames ?? []) names.push({ type: 'dns', value: dns });
  for (const ip of options.ipAddresses ?? []) names.push({ type: 'ip', value: ip });
  if (names.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(names, false));
  extensions.push(await x509.SubjectKeyIdentifierExtension.create(spki));
  extensions.push(await x509.AuthorityKeyIdentifierExtension.create(signerSpki));

  return x509.X509CertificateGenerator.create({
    serialNumber: options.serialNumber ?? randomSerialNumber(),
    subject,
    issuer: options.selfSign ? subject : options.issuer.certificate.subjectName,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: spki,
    signingKey: await toCryptoKey(signer),
    signingAlgorithm: signingParams(signer),
    extensions,
  });
}

export interface RevokedEntry {
  /** Hexadecimal serial number of the revoked certificate. */
  readonly serialNumber: string;
  readonly revokedAt: Date;
  /**
   * Reason code; defaults to cessationOfOperation. ipex always writes one: without any entry
   * extension @peculiar/x509 emits an empty crlEntryExtensions SEQUENCE, which RFC 5280 forbids
   * (SIZE 1..MAX). `unspecified` (0) is therefore not accepted either.
   */
  readonly reason?: x509.X509CrlReason;
}

export interface CrlOptions {
  readonly issuer: Issuer;
  readonly revoked: readonly RevokedEntry[];
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
  /** The monotonically increasing CRL number (RFC 5280 §5.2.3). */
  readonly crlNumber: number;
}

/** Creates a v2 CRL signed by the issuer, with CRL number and AKI; returns it as PEM (`X509 CRL`). */
export async function createCrl(options: CrlOptions): Promise<string> {
  const issuerSpki = spkiDer(options.issuer.privateKey);
  const crl = await x509.X509CrlGenerator.create({
    issuer: options.issuer.certificate.subjectName,
    thisUpdate: options.thisUpdate,
    nextUpdate: options.nextUpdate,
    signingKey: await toCryptoKey(options.issuer.privateKey),
    signingAlgorithm: signingParams(options.issuer.privateKey),
    entries: options.revoked.map((entry) => ({
      serialNumber: entry.serialNumber,
      revocationDate: entry.revokedAt,
      reason: entry.reason || x509.X509CrlReason.cessationOfOperation,
    })),
    extensions: [
      await x509.AuthorityKeyIdentifierExtension.create(issuerSpki),
      crlNumberExtension(options.crlNumber),
    ],
  });
  // RFC 7468 §5 label "X509 CRL" (what OpenSSL reads), not the library's "CRL".
  return x509.PemConverter.encode(crl.rawData, 'X509 CRL').replace(/\r\n/g, '\n').trim() + '\n';
}

/** PEM text of a certificate (with a trailing newline). */
export function toPem(cert: x509.X509Certificate): string {
  return `${cert.toString('pem').trim()}\n`;
}

/** The hex SHA-256 of the certificate's DER: the fingerprint the directory lists. */
export async function certificateSha256(cert: x509.X509Certificate): Promise<string> {
  return Buffer.from(await cert.getThumbprint('SHA-256')).toString('hex');
}

function spkiDer(key: KeyObject): Buffer {
  return (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'der', type: 'spki' });
}

function subjectName(commonName: string, organization?: string): x509.JsonName {
  const name: x509.JsonName = [];
  if (organization !== undefined) name.push({ O: [organization] });
  name.push({ CN: [commonName] });
  return name;
}

function usageFlags(usages: readonly string[]): x509.KeyUsageFlags {
  let flags = 0;
  for (const usage of usages) flags |= x509.KeyUsageFlags[usage as keyof typeof x509.KeyUsageFlags];
  return flags;
}

/** cRLNumber (2.5.29.20): a non-critical extension holding an INTEGER. */
function crlNumberExtension(value: number): x509.Extension {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError('CRL number must be a non-negative integer');
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0]! & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  const der = Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
  return new x509.Extension('2.5.29.20', false, der);
}
