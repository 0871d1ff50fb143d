/**
 * Certificate revocation lists (RFC 5280 §5): parsing, verification against the issuing CA
 * (signature with Node crypto, issuer name, cRLSign, thisUpdate/nextUpdate) and serial lookup.
 * A CRL is published with the directory (docs/design.md §3); the directory names its SHA-256.
 */
import { createHash } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { checkSignature } from './cert-algorithms.js';
import { keyUsageBits, parseCertificate, toDer, type CertificateInput, type ParsedCertificate } from './cert-input.js';
import { childrenOf, integerBytes, readDer, readSmallInteger, readTime, sequenceOf, TAG, type Tlv } from './der-reader.js';
import { parseAlgorithm, readSigned, sameBytes, type SignedParts } from './der.js';
import { readExtensions, serialHex } from './x509-fields.js';

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
    return { der, sha256: createHash('sha256').update(der).digest('hex'), ...readCrlFields(der) };
  } catch (err) {
    if (err instanceof IpexError) throw err;
    throw new IpexError('CRL_SIGNATURE_INVALID', `the CRL cannot be parsed: ${(err as Error).message}`, { cause: err });
  }
}

/** CRL extensions ipex understands: authorityKeyIdentifier and cRLNumber (RFC 5280 §5.2). */
const UNDERSTOOD_CRL_EXTENSIONS = new Set(['2.5.29.35', '2.5.29.20']);
/** Entry extensions: reasonCode and invalidityDate (RFC 5280 §5.3). */
const UNDERSTOOD_ENTRY_EXTENSIONS = new Set(['2.5.29.21', '2.5.29.24']);

/**
 * TBSCertList (RFC 5280 §5.1.2): version v2, signature, issuer, thisUpdate, nextUpdate,
 * revokedCertificates, [0] crlExtensions. A critical extension ipex does not process makes the
 * CRL unusable (RFC 5280 §5.2): it is refused rather than guessed at.
 */
function readCrlFields(der: Uint8Array): Omit<ParsedCrl, 'der' | 'sha256'> {
  const top = readSigned(der, 'CertificateList');
  const fields = top.tbsFields;
  const hasVersion = fields[0]?.tag === TAG.integer;
  if (hasVersion && readSmallInteger(fields[0]!, 'CRL version') !== 1) throw new Error('CRL version is not v2');
  let i = hasVersion ? 1 : 0;
  const inner = fields[i++];
  const issuer = fields[i++];
  const thisUpdate = fields[i++];
  if (inner === undefined || issuer?.tag !== TAG.sequence || thisUpdate === undefined) throw new Error('short tbsCertList');
  let nextUpdate: Date | undefined;
  if (fields[i]?.tag === TAG.utcTime || fields[i]?.tag === TAG.generalizedTime) nextUpdate = readTime(fields[i++]!, 'nextUpdate');
  const revoked = new Set<string>();
  if (fields[i]?.tag === TAG.sequence) {
    for (const entry of sequenceOf(fields[i++], 'revokedCertificates')) revoked.add(readEntry(entry, hasVersion));
  }
  let extensions: Tlv | undefined;
  if (fields[i]?.tag === 0xa0) {
    if (!hasVersion) throw new Error('crlExtensions in a v1 CRL');
    const wrapped = childrenOf(fields[i++]!, 'crlExtensions');
    if (wrapped.length !== 1) throw new Error('bad [0] crlExtensions');
    extensions = wrapped[0];
  }
  if (i !== fields.length) throw new Error('unexpected field in tbsCertList');
  const exts = readExtensions(extensions, 'CRL');
  for (const [oid, ext] of exts) if (ext.critical && !UNDERSTOOD_CRL_EXTENSIONS.has(oid)) throw new Error(`unrecognised critical CRL extension ${oid}`);
  const numberExt = exts.get('2.5.29.20');
  const base = {
    parts: { tbs: top.tbs.der, algorithm: top.algorithm, innerAlgorithm: parseAlgorithm(inner), signature: top.signature, issuer: issuer.der },
    thisUpdate: readTime(thisUpdate, 'thisUpdate'),
    revoked,
    ...(nextUpdate === undefined ? {} : { nextUpdate }),
  };
  return numberExt === undefined ? base : { ...base, number: readSmallInteger(readDer(numberExt.value, TAG.integer, 'cRLNumber'), 'cRLNumber') };
}

/** One revokedCertificates entry { userCertificate, revocationDate, crlEntryExtensions }: its serial. */
function readEntry(entry: Tlv, v2: boolean): string {
  const [serial, date, extensions, ...extra] = sequenceOf(entry, 'revoked certificate');
  if (serial === undefined || date === undefined || extra.length > 0) throw new Error('bad revoked certificate entry');
  readTime(date, 'revocationDate');
  if (extensions !== undefined && !v2) throw new Error('entry extensions in a v1 CRL');
  for (const [oid, ext] of readExtensions(extensions, 'CRL entry')) {
    if (ext.critical && !UNDERSTOOD_ENTRY_EXTENSIONS.has(oid)) throw new Error(`unrecognised critical CRL entry extension ${oid}`);
  }
  return serialHex(integerBytes(serial, 'revoked serial'));
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
