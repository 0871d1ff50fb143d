/**
 * Accepting certificates in the forms callers hold them — certificate objects (node:crypto's,
 * or @peculiar/x509's from the issuing code), DER bytes or PEM text — and reading the few
 * extensions path validation decides on (RFC 5280 §4.2). Parsing is node:crypto's
 * X509Certificate plus the strict DER reader (x509-fields.ts): no ASN.1 library is loaded by a
 * node that only validates certificates (issue 14).
 */
import { X509Certificate as NodeX509 } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import {
  decodeBasicConstraints, decodeExtendedKeyUsage, decodeKeyUsage, decodeSanUris, readCertificateFields,
  type CertExtension,
} from './x509-fields.js';
import type { SignedParts } from './der.js';

/**
 * A certificate object: node:crypto's X509Certificate (`raw`) or an object that holds its DER
 * as `rawData` (@peculiar/x509's, which the issuing code and the tests use; recognised by shape
 * so that this module never loads that library).
 */
export type CertificateObject = NodeX509 | { readonly rawData: ArrayBuffer };

/** A certificate as object, DER bytes or PEM text. */
export type CertificateInput = CertificateObject | Uint8Array | string;

/** A certificate parsed once, in the views validation needs. */
export interface ParsedCertificate {
  readonly der: Uint8Array;
  /** Node's view: public key as KeyObject. */
  readonly node: NodeX509;
  readonly parts: SignedParts;
  /** The subject for messages, attributes in their encoded order ("CN=…, O=…"). */
  readonly subject: string;
  readonly issuer: string;
  /** Lowercase hex, no leading zero digits. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: ReadonlyMap<string, CertExtension>;
}

/** DER bytes from PEM text (with the given label) or DER bytes. */
export function toDer(input: string | Uint8Array, label: string): Uint8Array {
  if (typeof input !== 'string') return new Uint8Array(input);
  const match = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`).exec(input);
  if (match === null) throw new Error(`no PEM block "${label}" found`);
  return new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
}

/** The DER of a certificate input. */
export function certificateDer(input: CertificateInput): Uint8Array {
  if (input instanceof NodeX509) return new Uint8Array(input.raw);
  if (typeof input === 'object' && 'rawData' in input) return new Uint8Array(input.rawData);
  return toDer(input, 'CERTIFICATE');
}

/** Node prints a name one attribute per line; messages show it on one. */
function oneLine(name: string): string {
  return name.split('\n').join(', ');
}

/**
 * Parses a certificate into its views.
 * @throws IpexError CERT_MALFORMED when it is not a well-formed X.509 certificate.
 */
export function parseCertificate(input: CertificateInput | ParsedCertificate, what = 'certificate'): ParsedCertificate {
  if (typeof input === 'object' && 'parts' in input && 'node' in input) return input;
  try {
    const der = certificateDer(input);
    const fields = readCertificateFields(der);
    const node = new NodeX509(der);
    return { der, node, subject: oneLine(node.subject), issuer: oneLine(node.issuer), ...fields };
  } catch (err) {
    throw new IpexError('CERT_MALFORMED', `the ${what} cannot be parsed: ${(err as Error).message}`, { cause: err });
  }
}

/** Decodes one extension's value, mapping a malformed one to CERT_MALFORMED. */
function decodeExtension<T>(cert: ParsedCertificate, oid: string, name: string, decode: (value: Uint8Array) => T): T | undefined {
  const ext = cert.extensions.get(oid);
  if (ext === undefined) return undefined;
  try {
    return decode(ext.value);
  } catch (err) {
    throw new IpexError('CERT_MALFORMED', `the ${name} extension of "${cert.subject}" cannot be parsed: ${(err as Error).message}`, { cause: err });
  }
}

/** The keyUsage bits set, by name; undefined when the extension is absent. */
export function keyUsageBits(cert: ParsedCertificate): Set<string> | undefined {
  return decodeExtension(cert, '2.5.29.15', 'keyUsage', decodeKeyUsage);
}

/** basicConstraints: { ca, pathLength } ; ca false when the extension is absent. */
export function basicConstraints(cert: ParsedCertificate): { ca: boolean; pathLength?: number } {
  return decodeExtension(cert, '2.5.29.19', 'basicConstraints', decodeBasicConstraints) ?? { ca: false };
}

/** The extendedKeyUsage OIDs; undefined when the extension is absent. */
export function extendedKeyUsages(cert: ParsedCertificate): string[] | undefined {
  return decodeExtension(cert, '2.5.29.37', 'extendedKeyUsage', decodeExtendedKeyUsage);
}

/** Every subjectAltName URI. */
export function sanUris(cert: ParsedCertificate): string[] {
  return decodeExtension(cert, '2.5.29.17', 'subjectAltName', decodeSanUris) ?? [];
}

/** Extensions path validation understands; any other critical extension is refused (RFC 5280 §4.2). */
const UNDERSTOOD = new Set(['2.5.29.19', '2.5.29.15', '2.5.29.37', '2.5.29.17', '2.5.29.14', '2.5.29.35']);

/** The OIDs of critical extensions that ipex does not process. */
export function unknownCriticalExtensions(cert: ParsedCertificate): string[] {
  return [...cert.extensions].filter(([oid, ext]) => ext.critical && !UNDERSTOOD.has(oid)).map(([oid]) => oid);
}
