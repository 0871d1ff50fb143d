/**
 * PKCS#10 certificate requests (RFC 2986) for enrolment by request (docs/network-operator.md
 * "Enrolling an office"): the office makes a request with its own key (`ipex node keygen`), the
 * operator checks it and takes only its public key (`ipex network add-office --request`).
 *
 * Checking a request is the proof of possession: its signature must verify with the public key
 * it carries, under the same algorithm allowlist as certificates (protocol/pki/cert-algorithms.ts),
 * and that key must be one ipex accepts for a certificate (P-256, P-384, RSA ≥ 2048). Nothing else
 * in a request — subject, requested extensions, attributes — is ever used: the certificate's
 * content comes from the ipex profile and the operator's own arguments.
 */
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { oid, sequence, set, tlv } from '../certification/der.js';
import { IpexError } from '../errors/index.js';
import { checkSignature, publicKeyProblem } from './cert-algorithms.js';
import { readSigned, type AlgorithmIdentifier } from './der.js';
import { readSmallInteger, TAG } from './der-reader.js';

const PEM_LABEL = 'CERTIFICATE REQUEST';
const OID = {
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

/** The signature algorithm for a request made with `key`: its OID and hash. */
function signatureFor(key: KeyObject): { oid: string; hash: string; rsa: boolean } {
  const problem = publicKeyProblem(createPublicKey(key), false);
  if (problem !== undefined) throw new IpexError('KEY_ALGORITHM_NOT_ALLOWED', `cannot make a certificate request: ${problem}`);
  if (key.asymmetricKeyType === 'ec') {
    return key.asymmetricKeyDetails?.namedCurve === 'secp384r1'
      ? { oid: OID.ecdsaWithSha384, hash: 'sha384', rsa: false }
      : { oid: OID.ecdsaWithSha256, hash: 'sha256', rsa: false };
  }
  return { oid: OID.sha256WithRsa, hash: 'sha256', rsa: true };
}

/** Makes a PEM certificate request signed by `privateKey`, with only a commonName as subject. */
export function createCertificateRequest(privateKey: KeyObject, commonName: string): string {
  const alg = signatureFor(privateKey);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  const subject = sequence(set(sequence(oid(OID.commonName), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const attributes = tlv(0xa0); // [0] attributes: none
  const tbs = sequence(tlv(0x02, Buffer.from([0])), subject, spki, attributes);
  const algorithm = sequence(oid(alg.oid), ...(alg.rsa ? [tlv(0x05)] : []));
  const signature = sign(alg.hash, tbs, privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${PEM_LABEL}-----\n${body}\n-----END ${PEM_LABEL}-----\n`;
}

/**
 * Reads a PEM certificate request, checks its proof of possession, and returns its public key.
 * @throws IpexError CSR_MALFORMED, CSR_SIGNATURE_INVALID, KEY_ALGORITHM_NOT_ALLOWED
 */
export function readCertificateRequest(pem: string, label: string): KeyObject {
  const match = new RegExp(`-----BEGIN ${PEM_LABEL}-----([A-Za-z0-9+/=\\s]+)-----END ${PEM_LABEL}-----`).exec(pem);
  if (match === null) throw new IpexError('CSR_MALFORMED', `${label} holds no PEM "${PEM_LABEL}" block`);
  const der = new Uint8Array(Buffer.from(match[1]!.replace(/\s+/g, ''), 'base64'));
  let parts: { tbs: Uint8Array; spki: Uint8Array; algorithm: AlgorithmIdentifier; signature: Uint8Array };
  try {
    parts = splitRequest(der);
  } catch (err) {
    throw new IpexError('CSR_MALFORMED', `${label} is not a PKCS#10 certificate request: ${(err as Error).message}`, { cause: err });
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: Buffer.from(parts.spki), format: 'der', type: 'spki' });
  } catch (err) {
    throw new IpexError('CSR_MALFORMED', `${label}: the public key cannot be read`, { cause: err });
  }
  const problem = publicKeyProblem(publicKey, false);
  if (problem !== undefined) throw new IpexError('KEY_ALGORITHM_NOT_ALLOWED', `${label}: ${problem}`);
  const outcome = checkSignature(
    { tbs: parts.tbs, algorithm: parts.algorithm, innerAlgorithm: parts.algorithm, signature: parts.signature, issuer: new Uint8Array() },
    publicKey,
  );
  if (outcome !== 'valid') {
    throw new IpexError('CSR_SIGNATURE_INVALID', `${label}: the request's signature does not verify with its own key (${outcome}): no proof that its maker holds the private key`);
  }
  return publicKey;
}

/** SEQUENCE { SEQUENCE { version 0, subject, spki, [0] attributes }, algorithm, BIT STRING }. */
function splitRequest(der: Uint8Array) {
  const { tbs, tbsFields, algorithm, signature } = readSigned(der, 'certificate request');
  const [version, , spki] = tbsFields;
  if (version === undefined || version.tag !== TAG.integer || readSmallInteger(version, 'version') !== 0 || spki?.tag !== TAG.sequence) {
    throw new Error('the request info is not version 1 with a public key');
  }
  return { tbs: tbs.der, spki: spki.der, algorithm, signature };
}
