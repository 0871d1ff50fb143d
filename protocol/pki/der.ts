/**
 * Splitting the two signed X.509 structures ipex checks by hand: Certificate (RFC 5280 §4.1) and
 * CertificateList (RFC 5280 §5.1). Both are SEQUENCE { tbs, signatureAlgorithm, signatureValue }.
 * Path validation needs the exact bytes that were signed, the algorithm with its parameters, and
 * the raw DER of the issuer and subject names (names are compared byte for byte: stricter than
 * RFC 5280 §7.1, and what a single-CA network produces anyway). Every input is
 * attacker-controlled: the strict reader (der-reader.ts) throws on any deviation from DER.
 */
import { readBitString, readDer, sequenceOf, TAG, type Tlv } from './der-reader.js';

/** An AlgorithmIdentifier: its OID, the DER of its parameters (if any) and of the whole. */
export interface AlgorithmIdentifier {
  readonly oid: string;
  readonly params?: Uint8Array;
  readonly der: Uint8Array;
}

/** The parts of a signed structure. */
export interface SignedParts {
  /** The to-be-signed bytes (DER of tbsCertificate / tbsCertList). */
  readonly tbs: Uint8Array;
  /** The outer signatureAlgorithm. */
  readonly algorithm: AlgorithmIdentifier;
  /** The signature inside tbs (must equal the outer one, RFC 5280 §4.1.1.2 / §5.1.1.2). */
  readonly innerAlgorithm: AlgorithmIdentifier;
  /** The signature bits (no unused bits allowed). */
  readonly signature: Uint8Array;
  /** DER of the issuer Name. */
  readonly issuer: Uint8Array;
  /** DER of the subject Name (certificates only). */
  readonly subject?: Uint8Array;
}

/** The top of a signed structure: tbs (its children too), the outer algorithm and the signature. */
export interface SignedTop {
  readonly tbs: Tlv;
  readonly tbsFields: Tlv[];
  readonly algorithm: AlgorithmIdentifier;
  readonly signature: Uint8Array;
}

/** Reads SEQUENCE { tbs SEQUENCE, AlgorithmIdentifier, BIT STRING } filling `der` exactly. */
export function readSigned(der: Uint8Array, what: string): SignedTop {
  const top = sequenceOf(readDer(der, TAG.sequence, what), what);
  if (top.length !== 3) throw new Error(`${what} does not have three parts`);
  const bits = readBitString(top[2]!, `${what} signature`);
  if (bits.unusedBits !== 0) throw new Error('bad signature BIT STRING');
  return { tbs: top[0]!, tbsFields: sequenceOf(top[0], `${what} tbs`), algorithm: parseAlgorithm(top[1]), signature: bits.bytes };
}

/** Parses an AlgorithmIdentifier TLV: SEQUENCE { OID, parameters ANY OPTIONAL }; NULL means none. */
export function parseAlgorithm(tlv: Tlv | undefined): AlgorithmIdentifier {
  const parts = sequenceOf(tlv, 'AlgorithmIdentifier');
  const oid = parts[0];
  if (oid === undefined || oid.tag !== TAG.oid || parts.length > 2) throw new Error('bad AlgorithmIdentifier');
  const params = parts[1];
  const base = { oid: decodeOid(oid.content), der: tlv!.der };
  if (params === undefined) return base;
  if (params.tag === TAG.null) {
    if (params.content.length !== 0) throw new Error('bad NULL parameters');
    return base;
  }
  return { ...base, params: params.der };
}

/** The signed parts of a certificate read with {@link readSigned}. */
export function certificateParts({ tbs, tbsFields, algorithm, signature }: SignedTop): SignedParts {
  // version [0] EXPLICIT is optional; v3 certificates carry it.
  const offset = tbsFields[0]?.tag === 0xa0 ? 1 : 0;
  const inner = tbsFields[offset + 1];
  const issuer = tbsFields[offset + 2];
  const subject = tbsFields[offset + 4];
  if (inner === undefined || issuer === undefined || subject === undefined) throw new Error('short tbsCertificate');
  if (issuer.tag !== TAG.sequence || subject.tag !== TAG.sequence) throw new Error('issuer or subject is not a Name');
  return { tbs: tbs.der, algorithm, innerAlgorithm: parseAlgorithm(inner), signature, issuer: issuer.der, subject: subject.der };
}

/** Byte-for-byte equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/** Dotted form of an OBJECT IDENTIFIER from its content bytes (X.690 §8.19), with BigInt arcs. */
export function decodeOid(content: Uint8Array): string {
  const arcs: bigint[] = [];
  let value = 0n;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i]!;
    if (value === 0n && byte === 0x80) throw new Error('non-minimal OID arc');
    value = (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0n;
    } else if (i === content.length - 1) throw new Error('truncated OID');
  }
  if (arcs.length === 0) throw new Error('empty OID');
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** The dotted OIDs of a DER SEQUENCE OF OBJECT IDENTIFIER (for example extKeyUsage). */
export function decodeOidSequence(der: Uint8Array): string[] {
  return sequenceOf(readDer(der, TAG.sequence, 'SEQUENCE OF OBJECT IDENTIFIER'), 'SEQUENCE OF OBJECT IDENTIFIER').map((item) => {
    if (item.tag !== TAG.oid) throw new Error('not an OBJECT IDENTIFIER');
    return decodeOid(item.content);
  });
}
