/**
 * The fields of an X.509 certificate that path validation decides on and that node:crypto's
 * X509Certificate does not expose as values (RFC 5280 §4.1, §4.2): serial number, validity,
 * and the extensions basicConstraints, keyUsage, extKeyUsage and the subjectAltName URIs,
 * read with the strict DER reader (der-reader.ts). Extensions are also listed for the
 * critical-extension check. Every decoder throws on anything but the DER RFC 5280 describes.
 */
import {
  childrenOf, integerBytes, readBitString, readBoolean, readDer, readTime, sequenceOf, TAG, type Tlv,
} from './der-reader.js';
import { certificateParts, decodeOid, decodeOidSequence, readSigned, type SignedParts } from './der.js';

/** One extension: whether it is critical and the DER inside its extnValue OCTET STRING. */
export interface CertExtension {
  readonly critical: boolean;
  readonly value: Uint8Array;
}

/** What a certificate's tbsCertificate says, besides names and key. */
export interface CertificateFields {
  readonly parts: SignedParts;
  /** Lowercase hex of the serial number's content octets, without leading zero digits. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** By OID, in order; a certificate with an extension twice is refused (RFC 5280 §4.2). */
  readonly extensions: ReadonlyMap<string, CertExtension>;
}

/** Lowercase hex of integer content octets, without leading zero digits ("0" for zero). */
export function serialHex(content: Uint8Array): string {
  const hex = Buffer.from(content).toString('hex').replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}

/** Reads the `Extensions` SEQUENCE (certificate or CRL): OID → { critical, value }. */
export function readExtensions(tlv: Tlv | undefined, what: string): Map<string, CertExtension> {
  const out = new Map<string, CertExtension>();
  if (tlv === undefined) return out;
  const list = sequenceOf(tlv, `${what} extensions`);
  if (list.length === 0) throw new Error(`${what} has an empty extensions SEQUENCE`);
  for (const ext of list) {
    const fields = sequenceOf(ext, 'Extension');
    const [id, second, third] = fields;
    if (id?.tag !== TAG.oid || fields.length > 3) throw new Error('bad Extension');
    const critical = fields.length === 3 ? readBoolean(second!, 'Extension critical') : false;
    // DER omits a DEFAULT value: an explicit critical FALSE is not DER (X.690 §11.5).
    if (fields.length === 3 && !critical) throw new Error('Extension with an explicit critical FALSE');
    const value = fields.length === 3 ? third : second;
    if (value?.tag !== TAG.octetString) throw new Error('Extension without an extnValue OCTET STRING');
    const oid = decodeOid(id.content);
    if (out.has(oid)) throw new Error(`extension ${oid} appears twice`);
    out.set(oid, { critical, value: value.content });
  }
  return out;
}

/** Reads a DER certificate's fields. Throws on any shape error. */
export function readCertificateFields(der: Uint8Array): CertificateFields {
  const top = readSigned(der, 'Certificate');
  const parts = certificateParts(top);
  const { tbsFields } = top;
  const v3 = tbsFields[0]?.tag === 0xa0;
  const at = v3 ? 1 : 0;
  const [serial, , , validity] = tbsFields.slice(at);
  const [notBefore, notAfter, ...extraTimes] = sequenceOf(validity, 'Validity');
  if (serial === undefined || notBefore === undefined || notAfter === undefined || extraTimes.length > 0) throw new Error('bad tbsCertificate');
  // After subjectPublicKeyInfo: issuerUniqueID [1], subjectUniqueID [2], extensions [3], in order.
  const rest = tbsFields.slice(at + 6);
  let extensionsTlv: Tlv | undefined;
  let lastTag = 0;
  for (const field of rest) {
    const tag = field.tag & 0x1f;
    if ((field.tag & 0xc0) !== 0x80 || tag < 1 || tag > 3 || tag <= lastTag) throw new Error('unexpected field after the public key');
    lastTag = tag;
    if (tag === 3) {
      if (!v3) throw new Error('extensions in a certificate that is not v3');
      const inner = childrenOf(field, 'extensions');
      if (inner.length !== 1) throw new Error('bad [3] extensions');
      extensionsTlv = inner[0];
    }
  }
  return {
    parts,
    serialNumber: serialHex(integerBytes(serial, 'serialNumber')),
    notBefore: readTime(notBefore, 'notBefore'),
    notAfter: readTime(notAfter, 'notAfter'),
    extensions: readExtensions(extensionsTlv, 'certificate'),
  };
}

/** keyUsage bit names, bit 0 first (RFC 5280 §4.2.1.3). */
const KEY_USAGE_BITS = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
] as const;

/** The names of the keyUsage bits set. */
export function decodeKeyUsage(value: Uint8Array): Set<string> {
  const { bytes } = readBitString(readDer(value, TAG.bitString, 'keyUsage'), 'keyUsage');
  const names = new Set<string>();
  KEY_USAGE_BITS.forEach((name, bit) => {
    const byte = bytes[bit >> 3];
    if (byte !== undefined && (byte & (0x80 >> (bit & 7))) !== 0) names.add(name);
  });
  return names;
}

/** basicConstraints (RFC 5280 §4.2.1.9): SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }. */
export function decodeBasicConstraints(value: Uint8Array): { ca: boolean; pathLength?: number } {
  const fields = sequenceOf(readDer(value, TAG.sequence, 'basicConstraints'), 'basicConstraints');
  let ca = false;
  let index = 0;
  if (fields[0]?.tag === TAG.boolean) {
    ca = readBoolean(fields[0], 'basicConstraints cA');
    if (!ca) throw new Error('basicConstraints with an explicit cA FALSE is not DER');
    index = 1;
  }
  const pathLen = fields[index];
  if (fields.length > index + 1) throw new Error('bad basicConstraints');
  if (pathLen === undefined) return { ca };
  const bytes = integerBytes(pathLen, 'pathLenConstraint');
  if ((bytes[0]! & 0x80) !== 0 || bytes.length > 2) throw new Error('pathLenConstraint out of range');
  return { ca, pathLength: bytes.reduce((n, b) => n * 256 + b, 0) };
}

/** The OIDs of extKeyUsage (RFC 5280 §4.2.1.12): at least one. */
export function decodeExtendedKeyUsage(value: Uint8Array): string[] {
  const oids = decodeOidSequence(value);
  if (oids.length === 0) throw new Error('empty extKeyUsage');
  return oids;
}

/** The uniformResourceIdentifier names of subjectAltName (RFC 5280 §4.2.1.6); others are skipped. */
export function decodeSanUris(value: Uint8Array): string[] {
  const names = sequenceOf(readDer(value, TAG.sequence, 'subjectAltName'), 'subjectAltName');
  if (names.length === 0) throw new Error('empty subjectAltName');
  const uris: string[] = [];
  for (const name of names) {
    if ((name.tag & 0xc0) !== 0x80) throw new Error('a subjectAltName entry is not a GeneralName');
    if (name.tag !== 0x86) continue; // [6] IMPLICIT IA5String
    if (name.content.some((byte) => byte > 0x7e || byte < 0x20)) throw new Error('a subjectAltName URI is not printable IA5String');
    uris.push(Buffer.from(name.content).toString('latin1'));
  }
  return uris;
}
