/**
 * Verification of a detached CMS part signature (RFC 5652 §5.4, §5.6). The caller gives the
 * SHA-256 of the part, computed by streaming it (digest.ts); the signature must be a DER
 * ContentInfo/SignedData with no encapsulated content and exactly one SignerInfo whose signed
 * attributes hold contentType id-data and a messageDigest equal to that digest. The signature
 * over the signed attributes is checked with Node's crypto, under an algorithm allowlist, and
 * the signer certificate (found by issuer and serial among the carried certificates, which are
 * only claims) is trusted after path validation with purpose `signing`.
 *
 * The structure is read with the strict DER reader of path validation (protocol/pki/der-reader.ts),
 * not with pkijs and asn1js: a `.p7s` arrives from peers and bundles, and the reader refuses
 * anything that is not DER; and `ipex verify` no longer loads two ASN.1 libraries to read a few
 * hundred bytes (issue 14, CLI start-up).
 */
import { timingSafeEqual, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import type { ParsedCertificate } from '../pki/cert-input.js';
import { decodeOid, parseAlgorithm, readSigned, sameBytes } from '../pki/der.js';
import { childrenOf, DerError, integerBytes, readDer, readSmallInteger, readTime, sequenceOf, TAG, type Tlv } from '../pki/der-reader.js';
import { OID, SIGNATURE_ALGORITHMS } from './cms-oids.js';
import { algorithmsForKey, parseCertificates, publicKeyOf, validateSigner, type SignerInfo, type TrustOptions } from './signer.js';

/** Bound on the size of a .p7s we parse: a signature with a chain is a few kilobytes. */
export const MAX_P7S_SIZE = 256 * 1024;

export interface VerifyPartOptions extends TrustOptions {
  /** SHA-256 of the part's bytes (32 bytes), computed by streaming the part. */
  readonly sha256: Uint8Array;
}

/** A verified part signature. */
export interface PartSigner extends SignerInfo {
  /** The signingTime attribute, when present (a claim of the signer, not a timestamp). */
  readonly signingTime?: Date;
}

/** The fields of the one SignerInfo, as read. */
interface ParsedSigner {
  readonly certificates: readonly Uint8Array[];
  readonly issuer: Uint8Array;
  readonly serial: Uint8Array;
  readonly digestAlgorithm: string;
  /** The [0] IMPLICIT signed attributes, whole (their tag is 0xA0 here, 0x31 when signed). */
  readonly signedAttrs: Tlv;
  readonly signatureAlgorithm: string;
  readonly signature: Uint8Array;
}

/**
 * Verifies the DER detached CMS signature `der` of a part whose SHA-256 is `options.sha256`.
 *
 * @throws IpexError CMS_MALFORMED, CMS_SIGNATURE_INVALID, PART_DIGEST_MISMATCH, or a
 *   path-validation code when the signer is not trusted.
 */
export async function verifyPartDetached(der: Uint8Array, options: VerifyPartOptions): Promise<PartSigner> {
  const bytes = Buffer.from(der); // snapshot: the caller's buffer may change meanwhile
  if (bytes.length === 0 || bytes.length > MAX_P7S_SIZE) throw malformed(`is empty or larger than ${MAX_P7S_SIZE} bytes`);
  if (options.sha256.length !== 32) throw new IpexError('INVALID_INPUT', 'the part digest is not 32 bytes of SHA-256');
  const signer = parse(bytes);

  if (signer.digestAlgorithm !== OID.sha256) throw malformed('does not use SHA-256 as its digest algorithm');
  const attrs = attributes(signer.signedAttrs);
  const contentType = single(attrs, OID.contentType);
  if (contentType.tag !== TAG.oid || oidOf(contentType) !== OID.data) throw malformed('has a contentType attribute other than id-data');
  const messageDigest = single(attrs, OID.messageDigest);
  if (messageDigest.tag !== TAG.octetString) throw malformed('has a malformed messageDigest attribute');
  const claimed = Buffer.from(messageDigest.content);
  if (claimed.length !== 32 || !timingSafeEqual(claimed, Buffer.from(options.sha256))) {
    throw new IpexError('PART_DIGEST_MISMATCH', 'the part does not match the digest its CMS signature was made over');
  }
  const signingTime = optionalTime(attrs);

  const leafIndex = signer.certificates.findIndex((c) => issuedAs(c, signer.issuer, signer.serial));
  if (leafIndex === -1) throw malformed('does not carry the signer certificate');
  let parsed: ParsedCertificate[];
  try {
    parsed = parseCertificates(signer.certificates, 'CMS_MALFORMED', 'a carried');
  } catch (err) {
    throw new IpexError('CMS_MALFORMED', 'a certificate carried in the part signature cannot be parsed', { cause: err });
  }
  const leaf = parsed[leafIndex]!;
  const key = publicKeyOf(leaf);

  const algorithm = SIGNATURE_ALGORITHMS.get(signer.signatureAlgorithm);
  if (algorithm === undefined || algorithm.key !== key.asymmetricKeyType || algorithmsForKey(key).length === 0) {
    throw new IpexError('CMS_SIGNATURE_INVALID', `signature algorithm ${signer.signatureAlgorithm} is not allowed for this key`);
  }
  // RFC 5652 §5.4: the signature is over the DER of the attributes as a SET OF (tag 0x31).
  const signed = Buffer.from(signer.signedAttrs.der);
  signed[0] = TAG.set;
  if (!verifySignature(algorithm.hash ?? 'sha256', signed, key, Buffer.from(signer.signature))) throw new IpexError('CMS_SIGNATURE_INVALID', 'part signature verification failed');

  const trusted = await validateSigner(leaf, parsed.filter((_, i) => i !== leafIndex), options);
  return signingTime === undefined ? trusted : { ...trusted, signingTime };
}

function verifySignature(hash: string, data: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    return cryptoVerify(hash, data, key, signature);
  } catch {
    return false; // a signature that is not even well-formed DER fails like any other
  }
}

/** ContentInfo → SignedData → its one SignerInfo, with every shape RFC 5652 §5 allows here checked. */
function parse(bytes: Buffer): ParsedSigner {
  try {
    const contentInfo = sequenceOf(readDer(bytes, TAG.sequence, 'ContentInfo'), 'ContentInfo');
    if (contentInfo.length !== 2 || contentInfo[0]!.tag !== TAG.oid || contentInfo[1]!.tag !== 0xa0) throw new DerError('not a ContentInfo');
    if (oidOf(contentInfo[0]!) !== OID.signedData) throw new DerError(`content type ${oidOf(contentInfo[0]!)}`);
    const explicit = childrenOf(contentInfo[1]!, 'content');
    if (explicit.length !== 1) throw new DerError('content [0] does not hold one value');
    const fields = sequenceOf(explicit[0], 'SignedData');
    // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
    const [version, digestAlgorithms, encap] = fields;
    const signerInfos = fields[fields.length - 1];
    const middle = fields.slice(3, -1);
    if (version === undefined || digestAlgorithms?.tag !== TAG.set || signerInfos?.tag !== TAG.set || fields.length < 4) throw new DerError('not a SignedData');
    readSmallInteger(version, 'SignedData version');
    const certificates = middle.find((f) => f.tag === 0xa0);
    if (middle.some((f) => f.tag !== 0xa0 && f.tag !== 0xa1) || middle.length > 2 || (middle.length === 2 && middle[0]!.tag !== 0xa0)) {
      throw new DerError('unexpected fields in SignedData');
    }
    checkEncapsulated(encap);
    const infos = childrenOf(signerInfos, 'signerInfos');
    if (infos.length !== 1) return fail(`has ${infos.length} signers instead of one`);
    return { ...signerInfo(infos[0]!), certificates: carried(certificates) };
  } catch (err) {
    if (err instanceof IpexError) throw err;
    throw new IpexError('CMS_MALFORMED', `the part signature is not a DER CMS SignedData: ${(err as Error).message}`, { cause: err });
  }
}

/** EncapsulatedContentInfo: id-data and no eContent (detached). */
function checkEncapsulated(encap: Tlv | undefined): void {
  const [type, content, ...rest] = sequenceOf(encap, 'encapContentInfo');
  if (type?.tag !== TAG.oid || rest.length > 0) throw new DerError('not an EncapsulatedContentInfo');
  if (oidOf(type) !== OID.data) fail('does not sign id-data');
  if (content !== undefined) fail('is not detached (it carries content)');
}

/** The certificates of CertificateSet: plain X.509 certificates only (no attribute or other formats). */
function carried(set: Tlv | undefined): Uint8Array[] {
  if (set === undefined) return [];
  return childrenOf(set, 'certificates').map((c) => {
    if (c.tag !== TAG.sequence) fail('carries a certificate format other than X.509');
    return c.der;
  });
}

function signerInfo(tlv: Tlv): Omit<ParsedSigner, 'certificates'> {
  const [version, sid, digest, signedAttrs, signatureAlgorithm, signature, ...unsigned] = sequenceOf(tlv, 'SignerInfo');
  if (version === undefined || sid === undefined || signature === undefined) throw new DerError('short SignerInfo');
  readSmallInteger(version, 'SignerInfo version');
  if (sid.tag !== TAG.sequence) fail('identifies its signer other than by issuer and serial number');
  const [issuer, serial, ...extra] = sequenceOf(sid, 'IssuerAndSerialNumber');
  if (issuer?.tag !== TAG.sequence || serial === undefined || extra.length > 0) throw new DerError('bad IssuerAndSerialNumber');
  if (signedAttrs?.tag !== 0xa0) fail('has no signed attributes');
  if (signature.tag !== TAG.octetString) throw new DerError('the signature is not an OCTET STRING');
  if (unsigned.length > 1 || (unsigned.length === 1 && unsigned[0]!.tag !== 0xa1)) throw new DerError('unexpected fields in SignerInfo');
  return {
    issuer: issuer.der, serial: integerBytes(serial, 'serialNumber'),
    digestAlgorithm: parseAlgorithm(digest).oid, signedAttrs, signatureAlgorithm: parseAlgorithm(signatureAlgorithm).oid, signature: signature.content,
  };
}

/** The signed attributes as (type, values); at least one. */
function attributes(signedAttrs: Tlv): { type: string; values: Tlv[] }[] {
  try {
    const list = childrenOf(signedAttrs, 'signedAttrs').map((a) => {
      const [type, values, ...rest] = sequenceOf(a, 'Attribute');
      if (type?.tag !== TAG.oid || values?.tag !== TAG.set || rest.length > 0) throw new DerError('bad Attribute');
      return { type: oidOf(type), values: childrenOf(values, 'attrValues') };
    });
    if (list.length === 0) fail('has no signed attributes');
    return list;
  } catch (err) {
    if (err instanceof IpexError) throw err;
    throw new IpexError('CMS_MALFORMED', `the part signature has malformed signed attributes: ${(err as Error).message}`, { cause: err });
  }
}

/** The one value of the one attribute of `type` (RFC 5652 §11: contentType and messageDigest are single-valued). */
function single(attrs: readonly { type: string; values: Tlv[] }[], type: string): Tlv {
  const found = attrs.filter((a) => a.type === type);
  if (found.length !== 1 || found[0]!.values.length !== 1) return fail(`does not have exactly one ${type} attribute value`);
  return found[0]!.values[0]!;
}

function optionalTime(attrs: readonly { type: string; values: Tlv[] }[]): Date | undefined {
  if (!attrs.some((a) => a.type === OID.signingTime)) return undefined;
  try {
    return readTime(single(attrs, OID.signingTime), 'signingTime');
  } catch (err) {
    if (err instanceof IpexError) throw err;
    return fail('has a malformed signingTime attribute');
  }
}

/** True when the certificate `der` has this issuer Name (byte for byte) and serial number. */
function issuedAs(der: Uint8Array, issuer: Uint8Array, serial: Uint8Array): boolean {
  try {
    const { tbsFields } = readSigned(der, 'Certificate');
    const at = tbsFields[0]?.tag === 0xa0 ? 1 : 0;
    const [serialTlv, , issuerTlv] = tbsFields.slice(at);
    return serialTlv !== undefined && issuerTlv !== undefined && sameBytes(integerBytes(serialTlv, 'serialNumber'), serial) && sameBytes(issuerTlv.der, issuer);
  } catch {
    return false; // parsed (and refused) with its reason below, if it is the signer's
  }
}

function oidOf(tlv: Tlv): string {
  return decodeOid(tlv.content);
}

function fail(why: string): never {
  throw malformed(why);
}

function malformed(why: string): IpexError {
  return new IpexError('CMS_MALFORMED', `the part signature ${why}`);
}
