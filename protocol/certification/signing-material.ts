/**
 * What does not change from one signature to the next for a given office signing key and
 * certificate chain, worked out once and kept per key (issue 5: re-exporting the key and
 * re-parsing the certificates on every commit cost more than the signatures):
 *
 * - the check that the signing certificate is for the signing key (its SubjectPublicKeyInfo,
 *   byte for byte, against the public key of the private key);
 * - the constant parts of a detached CMS SignedData (RFC 5652 §5): digestAlgorithms,
 *   encapContentInfo, certificates, the signer's IssuerAndSerialNumber (copied from the
 *   certificate DER, §5.3), and the digest and signature AlgorithmIdentifiers.
 *
 * Entries are keyed by the KeyObject (weakly) and the certificate bytes, so a rotated key or
 * certificate simply gets a new entry.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { OID } from './cms-oids.js';
import { children, oid, sequence, set, tlv } from './der.js';

/** The constant parts of a detached SignedData for one signer. */
export interface CmsSignerMaterial {
  /** `digestAlgorithms` SET (sha-256). */
  readonly digestAlgorithms: Buffer;
  /** `encapContentInfo` with eContentType id-data and no content (detached). */
  readonly encapContentInfo: Buffer;
  /** `certificates` [0] IMPLICIT SET OF Certificate: the leaf, then the chain as given. */
  readonly certificates: Buffer;
  /** `sid`: IssuerAndSerialNumber of the leaf. */
  readonly sid: Buffer;
  /** SignerInfo `digestAlgorithm`. */
  readonly digestAlgorithm: Buffer;
  /** SignerInfo `signatureAlgorithm`. */
  readonly signatureAlgorithm: Buffer;
  /** Node's name of the hash to sign with. */
  readonly signatureHash: string;
}

const spkiByKey = new WeakMap<KeyObject, Buffer>();
const materialByKey = new WeakMap<KeyObject, Map<string, CmsSignerMaterial>>();
const checkedLeafByKey = new WeakMap<KeyObject, Buffer>();

/** DER SubjectPublicKeyInfo of the public half of `privateKey` (cached per KeyObject). */
export function publicSpkiOf(privateKey: KeyObject): Buffer {
  let spki = spkiByKey.get(privateKey);
  if (spki === undefined) {
    spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    spkiByKey.set(privateKey, spki);
  }
  return spki;
}

/**
 * The TBSCertificate fields of a certificate DER that the signer needs (RFC 5280 §4.1), as raw
 * DER: serialNumber, issuer, subjectPublicKeyInfo.
 */
export function certificateFields(der: Uint8Array): { serialNumber: Buffer; issuer: Buffer; spki: Buffer } {
  try {
    const [tbs] = children(der);
    const fields = children(tbs!);
    const offset = fields[0]![0] === 0xa0 ? 1 : 0; // [0] EXPLICIT version is optional (v1)
    const serialNumber = fields[offset];
    const issuer = fields[offset + 2];
    const spki = fields[offset + 5];
    if (serialNumber?.[0] !== 0x02 || issuer?.[0] !== 0x30 || spki?.[0] !== 0x30) throw new Error('unexpected TBSCertificate layout');
    return { serialNumber, issuer, spki };
  } catch (err) {
    if (err instanceof IpexError) throw err;
    throw new IpexError('INVALID_INPUT', 'the signing certificate is not a DER X.509 certificate', { cause: err });
  }
}

/**
 * Throws INVALID_INPUT (with `what`) unless `leafDer` certifies the public half of `privateKey`.
 * The last certificate found good for a key is remembered, so a repeat costs one comparison.
 */
export function checkCertificateForKey(privateKey: KeyObject, leafDer: Uint8Array, what = 'the signing certificate is not for the signing key'): void {
  const leaf = Buffer.from(leafDer.buffer, leafDer.byteOffset, leafDer.byteLength);
  if (checkedLeafByKey.get(privateKey)?.equals(leaf) === true) return;
  const spki = certificateFields(leaf).spki;
  if (!spki.equals(publicSpkiOf(privateKey))) throw new IpexError('INVALID_INPUT', what);
  checkedLeafByKey.set(privateKey, Buffer.from(leaf));
}

/** The cached CMS material of `privateKey` with `certificates` (leaf first); checks the pair once. */
export function cmsSignerMaterial(privateKey: KeyObject, certificates: readonly Uint8Array[]): CmsSignerMaterial {
  let perKey = materialByKey.get(privateKey);
  if (perKey === undefined) {
    perKey = new Map();
    materialByKey.set(privateKey, perKey);
  }
  const id = certificates.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('base64')).join('.');
  let material = perKey.get(id);
  if (material === undefined) {
    material = buildMaterial(privateKey, certificates);
    if (perKey.size > 8) perKey.clear(); // a node signs with one chain at a time; stay bounded
    perKey.set(id, material);
  }
  return material;
}

function buildMaterial(privateKey: KeyObject, certificates: readonly Uint8Array[]): CmsSignerMaterial {
  const leaf = certificates[0];
  if (leaf === undefined) throw new IpexError('INVALID_INPUT', 'the certificate chain is empty');
  const { signatureAlgorithm, signatureHash } = algorithmFor(privateKey);
  checkCertificateForKey(privateKey, leaf);
  const { issuer, serialNumber } = certificateFields(leaf);
  for (const der of certificates.slice(1)) certificateFields(der); // refuse non-certificates early
  const sha256 = sequence(oid(OID.sha256));
  return {
    digestAlgorithms: set(sha256),
    encapContentInfo: sequence(oid(OID.data)),
    certificates: tlv(0xa0, ...certificates),
    sid: sequence(issuer, serialNumber),
    digestAlgorithm: sha256,
    signatureAlgorithm,
    signatureHash,
  };
}

function algorithmFor(key: KeyObject): { signatureAlgorithm: Buffer; signatureHash: string } {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec' && (details.namedCurve === 'prime256v1' || details.namedCurve === 'secp384r1')) {
    return { signatureAlgorithm: sequence(oid(OID.ecdsaWithSha256)), signatureHash: 'sha256' };
  }
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) {
    return { signatureAlgorithm: sequence(oid(OID.sha256WithRsa), Buffer.from([0x05, 0x00])), signatureHash: 'sha256' };
  }
  throw new IpexError('INVALID_INPUT', 'the signing key is not ECDSA P-256/P-384 or RSA of at least 2048 bits');
}
