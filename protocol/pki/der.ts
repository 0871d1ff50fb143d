/**
 * Minimal DER splitting of the two signed X.509 structures ipex checks by hand: Certificate
 * (RFC 5280 §4.1) and CertificateList (RFC 5280 §5.1). Both are SEQUENCE { tbs, signatureAlgorithm,
 * signatureValue }. Path validation needs the exact bytes that were signed, the algorithm with
 * its parameters, and the raw DER of the issuer and subject names (names are compared byte for
 * byte: stricter than RFC 5280 §7.1, and what a single-CA network produces anyway).
 * Every input is attacker-controlled, so any deviation from the expected shape throws.
 */
import * as asn1js from 'asn1js';

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

type Block = asn1js.AsnType;

function children(block: Block | undefined, what: string): Block[] {
  if (!(block instanceof asn1js.Sequence)) throw new Error(`${what} is not a SEQUENCE`);
  return block.valueBlock.value as Block[];
}

function bytes(block: Block): Uint8Array {
  return new Uint8Array((block as asn1js.BaseBlock).valueBeforeDecodeView);
}

function parseTop(der: Uint8Array, what: string): Block[] {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.offset !== der.byteLength) throw new Error(`${what} is not a single DER value`);
  const top = children(parsed.result, what);
  if (top.length !== 3) throw new Error(`${what} does not have three parts`);
  return top;
}

/** Parses an AlgorithmIdentifier block. */
export function parseAlgorithm(block: Block | undefined): AlgorithmIdentifier {
  const parts = children(block, 'AlgorithmIdentifier');
  const oid = parts[0];
  if (!(oid instanceof asn1js.ObjectIdentifier) || parts.length > 2) throw new Error('bad AlgorithmIdentifier');
  const params = parts[1];
  const base = { oid: oid.valueBlock.toString(), der: bytes(block as Block) };
  return params === undefined || params instanceof asn1js.Null ? base : { ...base, params: bytes(params) };
}

function signatureBits(block: Block | undefined): Uint8Array {
  if (!(block instanceof asn1js.BitString) || block.valueBlock.unusedBits !== 0) throw new Error('bad signature BIT STRING');
  return new Uint8Array(block.valueBlock.valueHexView);
}

/** Splits a DER Certificate. Throws on any shape error. */
export function splitCertificate(der: Uint8Array): SignedParts {
  const [tbsBlock, alg, sig] = parseTop(der, 'Certificate');
  const tbs = children(tbsBlock, 'tbsCertificate');
  // version [0] EXPLICIT is optional; v3 certificates carry it.
  const offset = tbs[0] instanceof asn1js.Constructed && tbs[0].idBlock.tagClass === 3 ? 1 : 0;
  const inner = tbs[offset + 1];
  const issuer = tbs[offset + 2];
  const subject = tbs[offset + 4];
  if (inner === undefined || issuer === undefined || subject === undefined) throw new Error('short tbsCertificate');
  return {
    tbs: bytes(tbsBlock as Block),
    algorithm: parseAlgorithm(alg),
    innerAlgorithm: parseAlgorithm(inner),
    signature: signatureBits(sig),
    issuer: bytes(issuer),
    subject: bytes(subject),
  };
}

/** Splits a DER CertificateList (CRL). Throws on any shape error. */
export function splitCrl(der: Uint8Array): SignedParts {
  const [tbsBlock, alg, sig] = parseTop(der, 'CertificateList');
  const tbs = children(tbsBlock, 'tbsCertList');
  const offset = tbs[0] instanceof asn1js.Integer ? 1 : 0;
  const inner = tbs[offset];
  const issuer = tbs[offset + 1];
  if (inner === undefined || issuer === undefined) throw new Error('short tbsCertList');
  return {
    tbs: bytes(tbsBlock as Block),
    algorithm: parseAlgorithm(alg),
    innerAlgorithm: parseAlgorithm(inner),
    signature: signatureBits(sig),
    issuer: bytes(issuer),
  };
}

/** Byte-for-byte equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/**
 * Dotted form of an OBJECT IDENTIFIER from its content bytes (X.690 §8.19), with BigInt arcs:
 * asn1js does not print arcs above 2^53, such as the UUID-based ipex directory EKU.
 */
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
  const parsed = asn1js.fromBER(der);
  if (parsed.offset !== der.byteLength || !(parsed.result instanceof asn1js.Sequence)) throw new Error('not a SEQUENCE');
  return (parsed.result.valueBlock.value as Block[]).map((item) => {
    if (!(item instanceof asn1js.ObjectIdentifier)) throw new Error('not an OBJECT IDENTIFIER');
    const tlv = bytes(item);
    const lengthOctets = tlv[1]! & 0x80 ? 1 + (tlv[1]! & 0x7f) : 1;
    return decodeOid(tlv.subarray(1 + lengthOctets));
  });
}
