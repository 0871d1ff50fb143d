/**
 * Verification of a detached CMS part signature (RFC 5652 §5.4, §5.6). The caller gives the
 * SHA-256 of the part, computed by streaming it (digest.ts); the signature must be a
 * ContentInfo/SignedData with no encapsulated content and exactly one SignerInfo whose signed
 * attributes hold contentType id-data and a messageDigest equal to that digest. The signature
 * over the signed attributes is checked with Node's crypto, under an algorithm allowlist, and
 * the signer certificate (found by issuer and serial among the carried certificates, which are
 * only claims) is trusted after path validation with purpose `signing`.
 */
import { timingSafeEqual, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import type * as Asn1js from 'asn1js';
import type * as Pkijs from 'pkijs';
import { IpexError } from '../errors/index.js';
import type { ParsedCertificate } from '../pki/cert-input.js';
import { OID, SIGNATURE_ALGORITHMS } from './cms-oids.js';
import { algorithmsForKey, parseCertificates, publicKeyOf, validateSigner, type SignerInfo, type TrustOptions } from './signer.js';

// pkijs and asn1js are loaded by the first verification: a node that only deposits and serves
// never carries them (issues 5 and 14: idle memory and start-up).
type Asn1 = typeof Asn1js;
let libraries: Promise<{ pkijs: typeof Pkijs; asn1js: Asn1 }> | undefined;
const loadLibraries = (): Promise<{ pkijs: typeof Pkijs; asn1js: Asn1 }> =>
  (libraries ??= Promise.all([import('pkijs'), import('asn1js')]).then(([pkijs, asn1js]) => ({ pkijs, asn1js })));

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
  const { pkijs, asn1js } = await loadLibraries();
  const { signedData, signerInfo } = parse(bytes, pkijs, asn1js);

  if (signerInfo.digestAlgorithm.algorithmId !== OID.sha256) throw malformed('does not use SHA-256 as its digest algorithm');
  const attrs = signerInfo.signedAttrs?.attributes;
  if (attrs === undefined || attrs.length === 0) throw malformed('has no signed attributes');
  const contentType = single(attrs, OID.contentType);
  if (!(contentType instanceof asn1js.ObjectIdentifier) || contentType.valueBlock.toString() !== OID.data) {
    throw malformed('has a contentType attribute other than id-data');
  }
  const messageDigest = single(attrs, OID.messageDigest);
  if (!(messageDigest instanceof asn1js.OctetString)) throw malformed('has a malformed messageDigest attribute');
  const claimed = Buffer.from(messageDigest.valueBlock.valueHexView);
  if (claimed.length !== 32 || !timingSafeEqual(claimed, Buffer.from(options.sha256))) {
    throw new IpexError('PART_DIGEST_MISMATCH', 'the part does not match the digest its CMS signature was made over');
  }
  const signingTime = optionalTime(attrs, asn1js);

  const certificates = (signedData.certificates ?? []).filter((c): c is Pkijs.Certificate => c instanceof pkijs.Certificate);
  const leafIndex = findSigner(certificates, signerInfo.sid, pkijs);
  let parsed: ParsedCertificate[];
  try {
    parsed = parseCertificates(certificates.map((c) => new Uint8Array(c.toSchema().toBER(false))), 'CMS_MALFORMED', 'a carried');
  } catch (err) {
    throw new IpexError('CMS_MALFORMED', 'a certificate carried in the part signature cannot be parsed', { cause: err });
  }
  const leaf = parsed[leafIndex]!;
  const key = publicKeyOf(leaf);

  const algorithm = SIGNATURE_ALGORITHMS.get(signerInfo.signatureAlgorithm.algorithmId);
  if (algorithm === undefined || algorithm.key !== key.asymmetricKeyType || algorithmsForKey(key).length === 0) {
    throw new IpexError('CMS_SIGNATURE_INVALID', `signature algorithm ${signerInfo.signatureAlgorithm.algorithmId} is not allowed for this key`);
  }
  const signed = Buffer.from(signerInfo.signedAttrs!.encodedValue); // pkijs already set the SET OF tag (0x31)
  if (!verifySignature(algorithm.hash ?? 'sha256', signed, key, Buffer.from(signerInfo.signature.valueBlock.valueHexView))) throw new IpexError('CMS_SIGNATURE_INVALID', 'part signature verification failed');

  const signer = await validateSigner(leaf, parsed.filter((_, i) => i !== leafIndex), options);
  return signingTime === undefined ? signer : { ...signer, signingTime };
}

function verifySignature(hash: string, data: Buffer, key: KeyObject, signature: Buffer): boolean {
  try {
    return cryptoVerify(hash, data, key, signature);
  } catch {
    return false; // a signature that is not even well-formed DER fails like any other
  }
}

function parse(bytes: Buffer, pkijs: typeof Pkijs, asn1js: Asn1): { signedData: Pkijs.SignedData; signerInfo: Pkijs.SignerInfo } {
  const asn = asn1js.fromBER(bytes);
  if (asn.offset === -1 || asn.offset !== bytes.length) throw malformed('is not one DER structure');
  let signedData: Pkijs.SignedData;
  try {
    const contentInfo = new pkijs.ContentInfo({ schema: asn.result });
    if (contentInfo.contentType !== OID.signedData) throw new Error(`content type ${contentInfo.contentType}`);
    signedData = new pkijs.SignedData({ schema: contentInfo.content });
  } catch (err) {
    throw new IpexError('CMS_MALFORMED', 'the part signature is not a CMS SignedData', { cause: err });
  }
  if (signedData.encapContentInfo.eContentType !== OID.data) throw malformed('does not sign id-data');
  if (signedData.encapContentInfo.eContent !== undefined) throw malformed('is not detached (it carries content)');
  if (signedData.signerInfos.length !== 1) throw malformed(`has ${signedData.signerInfos.length} signers instead of one`);
  return { signedData, signerInfo: signedData.signerInfos[0]! };
}

/** The one value of the one attribute of `type` (RFC 5652 §11: contentType and messageDigest are single-valued). */
function single(attrs: readonly Pkijs.Attribute[], type: string): unknown {
  const found = attrs.filter((a) => a.type === type);
  if (found.length !== 1 || found[0]!.values.length !== 1) throw malformed(`does not have exactly one ${type} attribute value`);
  return found[0]!.values[0];
}

function optionalTime(attrs: readonly Pkijs.Attribute[], asn1js: Asn1): Date | undefined {
  if (!attrs.some((a) => a.type === OID.signingTime)) return undefined;
  const value = single(attrs, OID.signingTime);
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) return value.toDate();
  throw malformed('has a malformed signingTime attribute');
}

function findSigner(certificates: readonly Pkijs.Certificate[], sid: unknown, pkijs: typeof Pkijs): number {
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) throw malformed('identifies its signer other than by issuer and serial number');
  const index = certificates.findIndex((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  if (index === -1) throw malformed('does not carry the signer certificate');
  return index;
}

function malformed(why: string): IpexError {
  return new IpexError('CMS_MALFORMED', `the part signature ${why}`);
}
