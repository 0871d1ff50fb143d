/**
 * Compact JWS serialisation (RFC 7515 §7.1) of a signed manifest with Node's crypto: the
 * signing input is `BASE64URL(header) '.' BASE64URL(payload)` (§5.1), signed per RFC 7518 §3
 * (ES256/ES384: ECDSA with the IEEE P1363 r‖s encoding, §3.4; PS256: RSASSA-PSS with SHA-256
 * and a 32-byte salt, §3.5; RS256: RSASSA-PKCS1-v1_5, §3.3). The protected header of a key and
 * chain never changes, so its encoding is kept; jose's CompactSign went through WebCrypto and
 * re-encoded it for every manifest of a bulk deposit (issue 5). Verification is jws-verify.ts.
 *
 * `compactSignOnPool` makes the same signature on libuv's thread pool (node:crypto's `sign` with
 * a callback), for the deposit commit: the event loop is what limits a bulk deposit (issue 14).
 */
import { constants, sign, type KeyObject, type SignKeyObjectInput, type SignPrivateKeyInput } from 'node:crypto';
import type { ManifestAlg } from './signer.js';

const HASH: Readonly<Record<ManifestAlg, string>> = { ES256: 'sha256', ES384: 'sha384', PS256: 'sha256', RS256: 'sha256' };
const headers = new Map<string, string>();

/**
 * The compact JWS of `payload` under the protected header `{alg, typ, x5c}` (members in that
 * order, x5c as standard base64 DER, RFC 7515 §4.1.6). `alg` must already fit `privateKey`.
 */
export function compactSign(payload: Uint8Array, alg: ManifestAlg, typ: string, chain: readonly Uint8Array[], privateKey: KeyObject): string {
  const input = signingInput(payload, alg, typ, chain);
  const signature = sign(HASH[alg], Buffer.from(input, 'latin1'), signOptions(alg, privateKey));
  return `${input}.${signature.toString('base64url')}`;
}

/** `compactSign`, the signature made on the thread pool. */
export function compactSignOnPool(payload: Uint8Array, alg: ManifestAlg, typ: string, chain: readonly Uint8Array[], privateKey: KeyObject): Promise<string> {
  const input = signingInput(payload, alg, typ, chain);
  return new Promise((resolve, reject) => {
    sign(HASH[alg], Buffer.from(input, 'latin1'), signOptions(alg, privateKey), (err, signature) => {
      if (err === null) resolve(`${input}.${signature.toString('base64url')}`);
      else reject(err);
    });
  });
}

function signingInput(payload: Uint8Array, alg: ManifestAlg, typ: string, chain: readonly Uint8Array[]): string {
  return `${protectedHeader(alg, typ, chain)}.${Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64url')}`;
}

function protectedHeader(alg: ManifestAlg, typ: string, chain: readonly Uint8Array[]): string {
  const x5c = chain.map((der) => Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64'));
  const id = `${alg} ${typ} ${x5c.join('.')}`;
  let encoded = headers.get(id);
  if (encoded === undefined) {
    encoded = Buffer.from(JSON.stringify({ alg, typ, x5c }), 'utf8').toString('base64url');
    if (headers.size > 16) headers.clear(); // one chain at a time in practice; stay bounded
    headers.set(id, encoded);
  }
  return encoded;
}

function signOptions(alg: ManifestAlg, key: KeyObject): KeyObject | SignKeyObjectInput | SignPrivateKeyInput {
  switch (alg) {
    case 'ES256':
    case 'ES384':
      return { key, dsaEncoding: 'ieee-p1363' };
    case 'PS256':
      return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    case 'RS256':
      return key;
  }
}
