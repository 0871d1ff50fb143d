/**
 * Certificate revocation lists (RFC 5280 §5): parsing, verification against the issuing CA
 * (signature with Node crypto, issuer name, cRLSign, thisUpdate/nextUpdate) and serial lookup.
 * A CRL is published with the directory (docs/design.md §3); the directory names its SHA-256.
 */
import './reflect-metadata.js'; // before @peculiar/x509 (see that module)
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { X509Crl } from '@peculiar/x509';
import { IpexError } from '../errors/index.js';
import { checkSignature } from './cert-algorithms.js';
import { sameBytes, splitCrl, type SignedParts } from './der.js';
import { keyUsageBits, parseCertificate, toDer, type CertificateInput, type ParsedCertificate } from './cert-input.js';

/** A parsed CRL: its DER, the signed parts and the fields ipex uses. */
export interface ParsedCrl {
  readonly der: Uint8Array;
  /** Lowercase hex SHA-256 of the DER; what the directory names. */
  readonly sha256: string;
  readonly parts: SignedParts;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  /** The cRLNumber extension (RFC 5280 §5.2.3), when present. */
  readonly number?: number;
  /** Normalised (lowercase, no leading zeros) hex serials of the revoked certificates. */
  readonly revoked: ReadonlySet<string>;
}

/** Normalises a hex serial number: lowercase, no leading zero digits. */
export function normaliseSerial(hex: string): string {
  const trimmed = hex.toLowerCase().replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/**
 * Parses a CRL from PEM text or DER bytes.
 * @throws IpexError CRL_SIGNATURE_INVALID when the bytes are not a well-formed CRL.
 */
export function parseCrl(input: string | Uint8Array | ParsedCrl): ParsedCrl {
  if (typeof input === 'object' && 'parts' in input) return input;
  try {
    const der = toDer(input, 'X509 CRL');
    const parts = splitCrl(der);
    const crl = new X509Crl(der);
    const revoked = new Set(crl.entries.map((entry) => normaliseSerial(entry.serialNumber)));
    const numberExt = crl.getExtension('2.5.29.20');
    const base = {
      der,
      sha256: createHash('sha256').update(der).digest('hex'),
      parts,
      thisUpdate: crl.thisUpdate,
      revoked,
      ...(crl.nextUpdate === undefined ? {} : { nextUpdate: crl.nextUpdate }),
    };
    return numberExt === null ? base : { ...base, number: crlNumber(new Uint8Array(numberExt.value)) };
  } catch (err) {
    if (err instanceof IpexError) throw err;
    throw new IpexError('CRL_SIGNATURE_INVALID', `the CRL cannot be parsed: ${(err as Error).message}`, { cause: err });
  }
}

function crlNumber(der: Uint8Array): number {
  const parsed = asn1js.fromBER(der);
  if (!(parsed.result instanceof asn1js.Integer) || parsed.offset !== der.byteLength) throw new Error('bad cRLNumber');
  const value = parsed.result.toBigInt();
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('cRLNumber out of range');
  return Number(value);
}

/**
 * Verifies that `crl` was issued by `issuer` and is current at `at`: issuer name equals the CA
 * subject, the CA may sign CRLs (cRLSign), the signature verifies under the allowlist, and
 * thisUpdate <= at < nextUpdate. A CRL without nextUpdate is refused (freshness unknown).
 * @throws IpexError CRL_SIGNATURE_INVALID or CRL_EXPIRED.
 */
export function verifyCrl(crl: ParsedCrl | string | Uint8Array, issuer: CertificateInput | ParsedCertificate, at: Date): ParsedCrl {
  const parsed = parseCrl(crl);
  const ca = parseCertificate(issuer, 'CRL issuer certificate');
  if (!sameBytes(parsed.parts.issuer, ca.parts.subject ?? new Uint8Array())) {
    throw new IpexError('CRL_SIGNATURE_INVALID', 'the CRL was not issued by this CA (issuer name differs)');
  }
  if (!(keyUsageBits(ca)?.has('cRLSign') ?? false)) {
    throw new IpexError('CRL_SIGNATURE_INVALID', 'the CRL issuer certificate does not allow cRLSign');
  }
  const outcome = checkSignature(parsed.parts, ca.node.publicKey);
  if (outcome !== 'valid') {
    throw new IpexError('CRL_SIGNATURE_INVALID', `the CRL signature is ${outcome === 'invalid' ? 'invalid' : 'made with an algorithm that is not allowed'}`);
  }
  if (parsed.thisUpdate.getTime() > at.getTime()) {
    throw new IpexError('CRL_EXPIRED', `the CRL is not valid before ${parsed.thisUpdate.toISOString()}; check the clock`);
  }
  if (parsed.nextUpdate === undefined) throw new IpexError('CRL_EXPIRED', 'the CRL has no nextUpdate; its freshness cannot be judged');
  if (parsed.nextUpdate.getTime() <= at.getTime()) {
    throw new IpexError('CRL_EXPIRED', `the CRL expired at ${parsed.nextUpdate.toISOString()}; install the current one`);
  }
  return parsed;
}

/** True when the certificate with serial `serialHex` is listed in the CRL. */
export function isRevoked(crl: ParsedCrl, serialHex: string): boolean {
  return crl.revoked.has(normaliseSerial(serialHex));
}

/** The DER subject Name a CRL claims as issuer (to pick the CRL for a CA). */
export function crlIssuerName(crl: ParsedCrl): Uint8Array {
  return crl.parts.issuer;
}
