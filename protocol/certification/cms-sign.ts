/**
 * Detached CMS signature of one document part (RFC 5652 §5): a SignedData without
 * encapsulated content, one SignerInfo identified by issuer and serial number, and the signed
 * attributes contentType (id-data), messageDigest (SHA-256 of the part) and signingTime
 * (§11.1–11.3). The part is digested as a stream; the signature over the DER SET OF signed
 * attributes (§5.4) is made with Node's crypto (DER ECDSA-Sig-Value or RSASSA-PKCS1-v1_5).
 * `openssl cms -verify -binary -content PART` verifies the result.
 *
 * The DER is assembled directly (der.ts) from parts cached per signing key and chain
 * (signing-material.ts): on a bulk deposit the pkijs object model cost more than the signature.
 */
import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import { IpexError } from '../errors/index.js';
import { certificateDer, type CertificateObject } from '../pki/cert-input.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { digestPart } from './digest.js';
import { OID } from './cms-oids.js';
import { derTime, oid, sequence, set, tlv } from './der.js';
import { cmsSignerMaterial } from './signing-material.js';

export interface SignPartOptions {
  /** The office signing certificate (DER or parsed). */
  readonly certificate: CertificateObject | Uint8Array;
  /** Its private key: ECDSA (P-256/P-384) or RSA ≥ 2048. */
  readonly privateKey: KeyObject;
  /** Intermediate certificates (DER) to carry in the signature, leaf excluded. */
  readonly chain?: readonly Uint8Array[];
  /** Source of signingTime; the system clock when absent. */
  readonly clock?: Clock;
}

/**
 * Signs a part (a path or a stream, read once, never whole) and returns the DER of a
 * ContentInfo holding a detached SignedData.
 *
 * @example const p7s = await signPartDetached('parts/claims.pdf', { certificate, privateKey });
 */
export async function signPartDetached(part: string | Readable, options: SignPartOptions): Promise<Buffer> {
  materialFor(options); // refuse a bad key or certificate before reading the part
  const { sha256 } = await digestPart(part);
  return signDigestDetached(sha256, options);
}

/**
 * The same signature when the part's SHA-256 is already known: computed by the caller from the
 * very bytes it stored (a content-addressed blob store names a part by it), so the part need not
 * be read again. The signature is identical to `signPartDetached` over those bytes. It is made
 * on libuv's thread pool (node:crypto's `sign` with a callback): the deposit commit signs every
 * part, and a bulk deposit is limited by its event loop (issue 14).
 *
 * @example const p7s = await signDigestDetached(Buffer.from(blob.sha256, 'hex'), { certificate, privateKey });
 */
export async function signDigestDetached(sha256: Uint8Array, options: SignPartOptions): Promise<Buffer> {
  const { m, signedAttrs } = signedAttributes(sha256, options);
  return new Promise((resolve, reject) => {
    cryptoSign(m.signatureHash, signedAttrs, options.privateKey, (err, signature) => {
      if (err === null) resolve(assemble(m, signedAttrs, signature));
      else reject(err);
    });
  });
}

type SignerMaterial = ReturnType<typeof cmsSignerMaterial>;

/** The DER SET OF signed attributes the signature covers (RFC 5652 §5.4), and the key's material. */
function signedAttributes(sha256: Uint8Array, options: SignPartOptions): { m: SignerMaterial; signedAttrs: Buffer } {
  if (sha256.length !== 32) throw new IpexError('INVALID_INPUT', 'a SHA-256 digest is 32 bytes');
  const m = materialFor(options);
  const signingTime = (options.clock ?? systemClock).now();
  // DER SET OF: members ordered by their encodings (X.690 §11.6).
  const attributes = [
    CONTENT_TYPE_DATA,
    attribute(MESSAGE_DIGEST_OID, tlv(0x04, sha256)),
    attribute(SIGNING_TIME_OID, derTime(signingTime)),
  ].sort(Buffer.compare);
  return { m, signedAttrs: set(...attributes) };
}

/** The ContentInfo around a detached SignedData with `signature` over `signedAttrs`. */
function assemble(m: SignerMaterial, signedAttrs: Buffer, signature: Buffer): Buffer {
  // RFC 5652 §5.4: the signature covers the DER of the attributes as a SET OF (tag 0x31); in
  // the SignerInfo the same bytes carry the [0] IMPLICIT tag instead.
  signedAttrs[0] = 0xa0;
  const signerInfo = sequence(
    INTEGER_1, m.sid, m.digestAlgorithm, signedAttrs, m.signatureAlgorithm, tlv(0x04, signature),
  );
  const signedData = sequence(INTEGER_1, m.digestAlgorithms, m.encapContentInfo, m.certificates, set(signerInfo));
  return sequence(SIGNED_DATA_OID, tlv(0xa0, signedData));
}

const INTEGER_1 = Buffer.from([0x02, 0x01, 0x01]);
const SIGNED_DATA_OID = oid(OID.signedData);
const MESSAGE_DIGEST_OID = oid(OID.messageDigest);
const SIGNING_TIME_OID = oid(OID.signingTime);
const CONTENT_TYPE_DATA = attribute(oid(OID.contentType), oid(OID.data));

function attribute(type: Buffer, value: Buffer): Buffer {
  return sequence(type, set(value));
}

function materialFor(options: SignPartOptions): SignerMaterial {
  const leafDer = options.certificate instanceof Uint8Array ? options.certificate : certificateDer(options.certificate);
  return cmsSignerMaterial(options.privateKey, [leafDer, ...(options.chain ?? [])]);
}
