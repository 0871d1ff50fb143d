/**
 * The few DER (ITU-T X.690 §8, §10) building blocks that the detached CMS signer needs on its
 * hot path: definite-length TLVs, OBJECT IDENTIFIER, INTEGER-free SEQUENCE/SET wrapping, UTCTime
 * and GeneralizedTime, and a reader that slices the raw TLVs of a SEQUENCE (to copy the issuer
 * and serial number of a certificate byte for byte). Building a SignedData through pkijs cost
 * more CPU than the ECDSA signature itself; these helpers only concatenate bytes.
 */
import { IpexError } from '../errors/index.js';

/** A DER TLV with the given tag byte and contents (X.690 §8.1, definite length §8.1.3). */
export function tlv(tag: number, ...contents: readonly Uint8Array[]): Buffer {
  const body = contents.length === 1 ? contents[0]! : Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), lengthOctets(body.length), body]);
}

/** SEQUENCE (tag 0x30) of already-encoded members. */
export function sequence(...members: readonly Uint8Array[]): Buffer {
  return tlv(0x30, ...members);
}

/** SET (tag 0x31) of already-encoded members, in the order given (callers sort a SET OF). */
export function set(...members: readonly Uint8Array[]): Buffer {
  return tlv(0x31, ...members);
}

/** OBJECT IDENTIFIER from dotted text (X.690 §8.19). */
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => BigInt(a));
  if (arcs.length < 2) throw new IpexError('INTERNAL', `bad OID ${dotted}`);
  const bytes: number[] = [];
  const put = (value: bigint): void => {
    const groups = [Number(value & 0x7fn)];
    for (let v = value >> 7n; v > 0n; v >>= 7n) groups.unshift(Number(v & 0x7fn) | 0x80);
    bytes.push(...groups);
  };
  put(arcs[0]! * 40n + arcs[1]!);
  for (const arc of arcs.slice(2)) put(arc);
  return tlv(0x06, Buffer.from(bytes));
}

/**
 * A time as RFC 5652 §11.3 wants it: UTCTime for 1950–2049, GeneralizedTime otherwise, whole
 * seconds, always `Z` (RFC 5280 §4.1.2.5).
 */
export function derTime(at: Date): Buffer {
  const iso = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z
  const year = at.getUTCFullYear();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  if (year >= 1950 && year < 2050) return tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'latin1'));
  if (year < 0 || year > 9999) throw new IpexError('INVALID_INPUT', 'signingTime is outside years 0000–9999');
  return tlv(0x18, Buffer.from(`${digits}Z`, 'latin1'));
}

/** The raw TLVs (tag, header and contents) inside the constructed TLV that starts at `der[0]`. */
export function children(der: Uint8Array): Buffer[] {
  const outer = readTlv(Buffer.from(der.buffer, der.byteOffset, der.byteLength), 0);
  const out: Buffer[] = [];
  for (let at = outer.contentStart; at < outer.end;) {
    const child = readTlv(outer.bytes, at);
    out.push(outer.bytes.subarray(at, child.end));
    at = child.end;
  }
  return out;
}

interface Tlv {
  readonly bytes: Buffer;
  readonly contentStart: number;
  readonly end: number;
}

function readTlv(bytes: Buffer, at: number): Tlv {
  if (at + 2 > bytes.length) throw malformed();
  let length = bytes[at + 1]!;
  let contentStart = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 4 || contentStart + n > bytes.length) throw malformed();
    length = 0;
    for (let i = 0; i < n; i += 1) length = length * 256 + bytes[contentStart + i]!;
    contentStart += n;
  }
  const end = contentStart + length;
  if (end > bytes.length) throw malformed();
  return { bytes, contentStart, end };
}

function lengthOctets(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const octets: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) octets.unshift(n & 0xff);
  return Buffer.from([0x80 | octets.length, ...octets]);
}

function malformed(): IpexError {
  return new IpexError('INVALID_INPUT', 'the signing certificate is not well-formed DER');
}
