/**
 * A small, strict DER reader (X.690 §8, §10) for the X.509 structures path validation decides
 * on: certificates and CRLs arrive from peers, bundles and files, so every input is
 * attacker-controlled and anything that is not DER is refused — high-tag-number form, indefinite
 * and non-minimal lengths, a length beyond the input, trailing bytes, non-DER BOOLEAN and
 * INTEGER encodings. It replaces asn1js and @peculiar/x509 on the start path of a node (issue 14:
 * their ASN.1 schemas were the largest resident cost of an idle node); node:crypto's
 * X509Certificate parses the certificate too, and this reader gives what that class does not
 * expose (the signed bytes, the raw names, the extensions, the CRL).
 */

/** Universal tags used by ipex (class and constructed bits included). */
export const TAG = {
  boolean: 0x01, integer: 0x02, bitString: 0x03, octetString: 0x04, null: 0x05, oid: 0x06,
  utcTime: 0x17, generalizedTime: 0x18, sequence: 0x30, set: 0x31,
} as const;

/** One decoded TLV: its tag byte, its content and its whole encoding. */
export interface Tlv {
  readonly tag: number;
  readonly content: Uint8Array;
  /** The whole TLV (tag, length and content). */
  readonly der: Uint8Array;
}

/** Thrown for any input that is not the DER expected; callers map it to their own code. */
export class DerError extends Error {}

function fail(why: string): never {
  throw new DerError(why);
}

/** Reads the TLV that starts at `offset` of `bytes`; it must end within `bytes`. */
export function readTlvAt(bytes: Uint8Array, offset: number): Tlv {
  if (offset + 2 > bytes.length) fail('truncated DER: no room for a tag and a length');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) fail('DER high-tag-number form is not used by X.509');
  let length = bytes[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0) fail('indefinite length is not DER');
    if (octets > 4) fail('DER length of more than four octets');
    if (start + octets > bytes.length) fail('truncated DER length');
    if (bytes[start] === 0) fail('non-minimal DER length (leading zero octet)');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + bytes[start + i]!;
    if (length < 0x80) fail('non-minimal DER length (long form for a short length)');
    start += octets;
  }
  const end = start + length;
  if (end > bytes.length) fail('truncated DER: the content is shorter than its length');
  return { tag, content: bytes.subarray(start, end), der: bytes.subarray(offset, end) };
}

/** Decodes `bytes` as exactly one TLV with tag `tag` (when given): no trailing bytes. */
export function readDer(bytes: Uint8Array, tag?: number, what = 'value'): Tlv {
  const tlv = readTlvAt(bytes, 0);
  if (tlv.der.length !== bytes.length) fail(`trailing bytes after the DER ${what}`);
  return expectTag(tlv, tag, what);
}

/** Checks the tag of a TLV; `tag` undefined accepts any. */
export function expectTag(tlv: Tlv, tag: number | undefined, what: string): Tlv {
  if (tag !== undefined && tlv.tag !== tag) fail(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

/** The TLVs inside a constructed TLV (a SEQUENCE, SET or explicit tag), which they must fill exactly. */
export function childrenOf(tlv: Tlv, what = 'value'): Tlv[] {
  if ((tlv.tag & 0x20) === 0) fail(`${what} is not a constructed DER value`);
  const out: Tlv[] = [];
  let offset = 0;
  while (offset < tlv.content.length) {
    const child = readTlvAt(tlv.content, offset);
    out.push(child);
    offset += child.der.length;
  }
  return out;
}

/** The children of a SEQUENCE (tag checked). */
export function sequenceOf(tlv: Tlv | undefined, what: string): Tlv[] {
  if (tlv === undefined) fail(`${what} is missing`);
  return childrenOf(expectTag(tlv, TAG.sequence, what), what);
}

/** A DER BOOLEAN: one octet, 0x00 or 0xFF (X.690 §11.1). */
export function readBoolean(tlv: Tlv, what: string): boolean {
  expectTag(tlv, TAG.boolean, what);
  if (tlv.content.length !== 1 || (tlv.content[0] !== 0x00 && tlv.content[0] !== 0xff)) fail(`${what} is not a DER BOOLEAN`);
  return tlv.content[0] === 0xff;
}

/** A DER INTEGER's content octets, checked to be minimal (X.690 §8.3.2). */
export function integerBytes(tlv: Tlv, what: string): Uint8Array {
  expectTag(tlv, TAG.integer, what);
  const c = tlv.content;
  if (c.length === 0) fail(`${what} is an empty INTEGER`);
  if (c.length > 1 && ((c[0] === 0x00 && (c[1]! & 0x80) === 0) || (c[0] === 0xff && (c[1]! & 0x80) !== 0))) {
    fail(`${what} is a non-minimal INTEGER`);
  }
  return c;
}

/** A non-negative DER INTEGER as a number (refused above 2^53 − 1). */
export function readSmallInteger(tlv: Tlv, what: string): number {
  const c = integerBytes(tlv, what);
  if ((c[0]! & 0x80) !== 0) fail(`${what} is negative`);
  let value = 0n;
  for (const byte of c) value = (value << 8n) | BigInt(byte);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) fail(`${what} is too large`);
  return Number(value);
}

/** A BIT STRING: its unused-bit count (0–7, and 0 when empty) and its octets. */
export function readBitString(tlv: Tlv, what: string): { unusedBits: number; bytes: Uint8Array } {
  expectTag(tlv, TAG.bitString, what);
  const c = tlv.content;
  if (c.length === 0 || c[0]! > 7 || (c.length === 1 && c[0] !== 0)) fail(`${what} is not a valid BIT STRING`);
  const unusedBits = c[0]!;
  // DER: the unused bits are zero (X.690 §11.2.1).
  if (unusedBits > 0 && (c[c.length - 1]! & ((1 << unusedBits) - 1)) !== 0) fail(`${what} has non-zero unused bits`);
  return { unusedBits, bytes: c.subarray(1) };
}

const UTC = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/**
 * A Time (RFC 5280 §4.1.2.5): UTCTime YYMMDDHHMMSSZ (years 1950–2049) or GeneralizedTime
 * YYYYMMDDHHMMSSZ; no fractions, no offsets, and the date must exist.
 */
export function readTime(tlv: Tlv, what: string): Date {
  const text = String.fromCharCode(...tlv.content);
  const match = tlv.tag === TAG.utcTime ? UTC.exec(text) : tlv.tag === TAG.generalizedTime ? GENERALIZED.exec(text) : null;
  if (match === null) fail(`${what} is not an RFC 5280 UTCTime or GeneralizedTime`);
  const [y, mo, d, h, mi, s] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const year = tlv.tag === TAG.utcTime ? (y >= 50 ? 1900 + y : 2000 + y) : y;
  const date = new Date(Date.UTC(year, mo - 1, d, h, mi, s));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d ||
      date.getUTCHours() !== h || date.getUTCMinutes() !== mi || date.getUTCSeconds() !== s) {
    fail(`${what} is not a valid date`);
  }
  return date;
}
