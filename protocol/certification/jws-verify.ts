/**
 * Verifying a compact JWS (RFC 7515 §5.2, §7.1) with Node's crypto: the directory every node
 * verifies at start, signed manifests and retrieval receipts. It replaces jose's compactVerify
 * (issue 14: jose's 46 modules were loaded by every start and every CLI command that opens a
 * node, for three calls). The checks are jose's for the headers ipex accepts: three base64url
 * segments, a protected header that is a JSON object, `alg` in the caller's allowlist and
 * fitting the key (ECDSA curve, RSA ≥ 2048 bits), no `crit` (no extension is understood,
 * RFC 7515 §4.1.11) and no `b64` (RFC 7797 unencoded payloads are not used), a signature of the
 * exact length for ECDSA. Callers check their own header members and `typ` before.
 */
import { constants, verify, type KeyObject, type VerifyKeyObjectInput } from 'node:crypto';
import { algorithmsForKey, type ManifestAlg } from './signer.js';

const SEGMENT = /^[A-Za-z0-9_-]*$/;
const HASH: Readonly<Record<ManifestAlg, string>> = { ES256: 'sha256', ES384: 'sha384', PS256: 'sha256', RS256: 'sha256' };
const ECDSA_LENGTH: Readonly<Partial<Record<ManifestAlg, number>>> = { ES256: 64, ES384: 96 };

/** Why a JWS was refused; callers map it to their own code. */
export class JwsVerificationError extends Error {}

function refuse(why: string): never {
  throw new JwsVerificationError(why);
}

/**
 * Verifies the compact JWS `jws` with `key` under `algorithms` and returns its payload.
 * @throws JwsVerificationError when anything does not hold.
 */
export function compactVerify(jws: string, key: KeyObject, algorithms: readonly ManifestAlg[]): { payload: Buffer } {
  const { segments, header: h } = readCompactJws(jws);
  if ('crit' in h) refuse('the header names critical extensions, which are not supported');
  if ('b64' in h) refuse('unencoded payloads (b64) are not supported');
  const alg = h.alg as ManifestAlg;
  if (typeof h.alg !== 'string' || !algorithms.includes(alg)) refuse(`alg ${String(h.alg).slice(0, 20)} is not allowed`);
  if (!algorithmsForKey(key).includes(alg)) refuse(`alg ${alg} does not fit the key`);
  const signature = Buffer.from(segments[2]!, 'base64url');
  const expected = ECDSA_LENGTH[alg];
  if (expected !== undefined && signature.length !== expected) refuse('the ECDSA signature has the wrong length');
  const input = Buffer.from(`${segments[0]!}.${segments[1]!}`, 'latin1');
  let valid: boolean;
  try {
    valid = verify(HASH[alg], input, verifyOptions(alg, key), signature);
  } catch {
    valid = false;
  }
  if (!valid) refuse('the signature does not verify');
  return { payload: Buffer.from(segments[1]!, 'base64url') };
}

/**
 * The three segments and the protected header (a JSON object) of a compact JWS, unverified.
 * Refusals complete a sentence about the JWS ("… is not a compact JWS").
 */
export function readCompactJws(jws: string): { segments: string[]; header: Record<string, unknown> } {
  const segments = jws.split('.');
  if (segments.length !== 3 || !segments.every((s) => SEGMENT.test(s)) || segments[0] === '' || segments[2] === '') {
    refuse('is not a compact JWS (three base64url segments)');
  }
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(segments[0]!, 'base64url')));
  } catch {
    refuse('has a protected header that is not UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) refuse('has a protected header that is not a JSON object');
  return { segments, header: header as Record<string, unknown> };
}

function verifyOptions(alg: ManifestAlg, key: KeyObject): KeyObject | VerifyKeyObjectInput {
  if (alg === 'ES256' || alg === 'ES384') return { key, dsaEncoding: 'ieee-p1363' };
  if (alg === 'PS256') return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  return key;
}
