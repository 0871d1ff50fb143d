/**
 * Accepting certificates in the forms callers hold them — @peculiar/x509 objects, DER bytes or
 * PEM text — and reading the few extensions path validation decides on (RFC 5280 §4.2).
 */
import './reflect-metadata.js'; // before @peculiar/x509 (see that module)
import { X509Certificate as NodeX509 } from 'node:crypto';
import {
  BasicConstraintsExtension, ExtendedKeyUsageExtension, KeyUsageFlags, KeyUsagesExtension,
  SubjectAlternativeNameExtension, X509Certificate,
} from '@peculiar/x509';
import { IpexError } from '../errors/index.js';
import { decodeOidSequence, splitCertificate, type SignedParts } from './der.js';

/** A certificate as @peculiar/x509 object, DER bytes or PEM text. */
export type CertificateInput = X509Certificate | Uint8Array | string;

/** A certificate parsed once, in the three views validation needs. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  readonly x509: X509Certificate;
  /** Node's view: public key as KeyObject, validity dates. */
  readonly node: NodeX509;
  readonly parts: SignedParts;
}

/** DER bytes from PEM text (with the given label) or DER bytes. */
export function toDer(input: string | Uint8Array, label: string): Uint8Array {
  if (typeof input !== 'string') return new Uint8Array(input);
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(input);
  if (match === null) throw new Error(`no PEM block "${label}" found`);
  return new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
}

/**
 * Parses a certificate into its views.
 * @throws IpexError CERT_MALFORMED when it is not a well-formed X.509 certificate.
 */
export function parseCertificate(input: CertificateInput | ParsedCertificate, what = 'certificate'): ParsedCertificate {
  if (typeof input === 'object' && 'parts' in input && 'node' in input) return input;
  try {
    const der = input instanceof X509Certificate ? new Uint8Array(input.rawData) : toDer(input, 'CERTIFICATE');
    const parts = splitCertificate(der);
    return { der, x509: new X509Certificate(der), node: new NodeX509(der), parts };
  } catch (err) {
    throw new IpexError('CERT_MALFORMED', `the ${what} cannot be parsed: ${(err as Error).message}`, { cause: err });
  }
}

/** The keyUsage bits set, by name; undefined when the extension is absent. */
export function keyUsageBits(cert: ParsedCertificate): Set<string> | undefined {
  const ext = cert.x509.getExtension(KeyUsagesExtension);
  if (ext === null) return undefined;
  const names = new Set<string>();
  for (const [name, bit] of Object.entries(KeyUsageFlags)) {
    if (typeof bit === 'number' && (ext.usages & bit) !== 0) names.add(name);
  }
  return names;
}

/** basicConstraints: { ca, pathLength } ; ca false when the extension is absent. */
export function basicConstraints(cert: ParsedCertificate): { ca: boolean; pathLength?: number } {
  const ext = cert.x509.getExtension(BasicConstraintsExtension);
  if (ext === null) return { ca: false };
  return ext.pathLength === undefined ? { ca: ext.ca } : { ca: ext.ca, pathLength: ext.pathLength };
}

/** The extendedKeyUsage OIDs; undefined when the extension is absent. */
export function extendedKeyUsages(cert: ParsedCertificate): string[] | undefined {
  const ext = cert.x509.getExtension(ExtendedKeyUsageExtension);
  if (ext === null) return undefined;
  try {
    return decodeOidSequence(new Uint8Array(ext.value));
  } catch (err) {
    throw new IpexError('CERT_MALFORMED', `the extendedKeyUsage extension cannot be parsed: ${(err as Error).message}`, { cause: err });
  }
}

/** Every subjectAltName URI. */
export function sanUris(cert: ParsedCertificate): string[] {
  const ext = cert.x509.getExtension(SubjectAlternativeNameExtension);
  if (ext === null) return [];
  return ext.names.items.filter((name) => name.type === 'url').map((name) => name.value);
}

/** Extensions path validation understands; any other critical extension is refused (RFC 5280 §4.2). */
const UNDERSTOOD = new Set(['2.5.29.19', '2.5.29.15', '2.5.29.37', '2.5.29.17', '2.5.29.14', '2.5.29.35']);

/** The OIDs of critical extensions that ipex does not process. */
export function unknownCriticalExtensions(cert: ParsedCertificate): string[] {
  return cert.x509.extensions.filter((ext) => ext.critical && !UNDERSTOOD.has(ext.type)).map((ext) => ext.type);
}
