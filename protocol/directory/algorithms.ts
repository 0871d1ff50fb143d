/**
 * The JWS algorithms a directory may be signed with (RFC 7518 §3) and which key each needs.
 * The algorithm is chosen from the key when signing and, when verifying, the header's `alg` is
 * only accepted if it is in the allowlist AND fits the certificate's key: a token never chooses
 * its own algorithm (docs/design.md §3).
 */
import type { KeyObject } from 'node:crypto';

export type DirectoryAlgorithm = 'ES256' | 'ES384' | 'PS256' | 'RS256';

export const DIRECTORY_ALGORITHMS: readonly DirectoryAlgorithm[] = ['ES256', 'ES384', 'PS256', 'RS256'];

/** The JWS `typ` of a directory (RFC 7515 §4.1.9). */
export const DIRECTORY_TYP = 'ipex-directory+json';

function isRsa(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048;
}

/** True when `alg` is allowlisted and fits `key` (public or private). */
export function algorithmFitsKey(alg: unknown, key: KeyObject): alg is DirectoryAlgorithm {
  switch (alg) {
    case 'ES256':
      return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
    case 'ES384':
      return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'secp384r1';
    case 'PS256':
    case 'RS256':
      return isRsa(key);
    default:
      return false;
  }
}

/** The algorithm to sign with: ES256/ES384 by curve, PS256 for RSA unless RS256 is asked for. */
export function algorithmForKey(key: KeyObject, rsa: 'PS256' | 'RS256' = 'PS256'): DirectoryAlgorithm {
  for (const alg of ['ES256', 'ES384', rsa] as const) if (algorithmFitsKey(alg, key)) return alg;
  throw new TypeError('the directory key must be ECDSA P-256/P-384 or RSA >= 2048 bits');
}
