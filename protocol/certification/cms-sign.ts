/**
 * Detached CMS signature of one document part (RFC 5652 §5): a SignedData without
 * encapsulated content, one SignerInfo identified by issuer and serial number, and the signed
 * attributes contentType (id-data), messageDigest (SHA-256 of the part) and signingTime
 * (§11.1–11.3). The part is digested as a stream; the signature over the DER SET OF signed
 * attributes (§5.4) is made with Node's crypto (DER ECDSA-Sig-Value or RSASSA-PKCS1-v1_5).
 * `openssl cms -verify -binary -content PART` verifies the result.
 */
import { createPublicKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import '../pki/reflect-metadata.js'; // before @peculiar/x509 (see that module)
import { X509Certificate } from '@peculiar/x509';
import { IpexError } from '../errors/index.js';
import { systemClock, type Clock } from '../runtime/clock.js';
import { digestPart } from './digest.js';
import { OID } from './cms-oids.js';

export interface SignPartOptions {
  /** The office signing certificate (DER or parsed). */
  readonly certificate: X509Certificate | Uint8Array;
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
  const { signatureAlgorithm, signatureHash } = algorithmFor(options.privateKey);
  const leafDer = options.certificate instanceof X509Certificate ? Buffer.from(options.certificate.rawData) : Buffer.from(options.certificate);
  const certs = [leafDer, ...(options.chain ?? []).map((der) => Buffer.from(der))].map((der) => pkijs.Certificate.fromBER(der));
  const leaf = certs[0]!;
  const certKey = Buffer.from(leaf.subjectPublicKeyInfo.toSchema().toBER(false));
  if (!certKey.equals(createPublicKey(options.privateKey).export({ format: 'der', type: 'spki' }))) {
    throw new IpexError('INVALID_INPUT', 'the signing certificate is not for the signing key');
  }
  const { sha256 } = await digestPart(part);
  const signingTime = (options.clock ?? systemClock).now();

  const attributes = sortDer([
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: sha256 })] }),
    new pkijs.Attribute({ type: OID.signingTime, values: [timeValue(signingTime)] }),
  ]);
  // RFC 5652 §5.4: the signature covers the DER of the attributes as a SET OF (tag 0x31).
  const toBeSigned = Buffer.from(new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER(false));
  const signature = cryptoSign(signatureHash, toBeSigned, options.privateKey);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
    signatureAlgorithm,
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return Buffer.from(contentInfo.toSchema().toBER(false));
}

function algorithmFor(key: KeyObject): { signatureAlgorithm: pkijs.AlgorithmIdentifier; signatureHash: string } {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec' && (details.namedCurve === 'prime256v1' || details.namedCurve === 'secp384r1')) {
    return { signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSha256 }), signatureHash: 'sha256' };
  }
  if (key.asymmetricKeyType === 'rsa' && (details.modulusLength ?? 0) >= 2048) {
    return {
      signatureAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256WithRsa, algorithmParams: new asn1js.Null() }),
      signatureHash: 'sha256',
    };
  }
  throw new IpexError('INVALID_INPUT', 'the signing key is not ECDSA P-256/P-384 or RSA of at least 2048 bits');
}

/** RFC 5652 §11.3: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280 §4.1.2.5). */
function timeValue(at: Date): asn1js.UTCTime | asn1js.GeneralizedTime {
  const year = at.getUTCFullYear();
  const whole = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: whole }) : new asn1js.GeneralizedTime({ valueDate: whole });
}

/** DER SET OF: members ordered by their encodings (X.690 §11.6). */
function sortDer(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toSchema().toBER(false)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  return encoded.map((e) => e.a);
}
