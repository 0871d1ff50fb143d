/**
 * The algorithm allowlist for certificates and CRLs (docs/design.md §3), and signature verification
 * of a signed X.509 structure with Node's built-in crypto (never node-forge).
 *
 * Keys: ECDSA P-256 or P-384; RSA with a modulus of at least 2048 bits; Ed25519 only for leaf
 * certificates whose purpose allows it (document/message signing). Signatures: ecdsa-with-SHA256/
 * SHA384, sha256/384/512WithRSAEncryption (PKCS#1 v1.5), RSASSA-PSS (RFC 4055) with SHA-256/384/512
 * and MGF1 over the same hash, and Ed25519 (RFC 8410) — the algorithm comes from the certificate,
 * and it must fit the issuer key: a token never picks its own algorithm.
 */
import { constants, verify, type KeyObject } from 'node:crypto';
import { childrenOf, readDer, readSmallInteger, sequenceOf } from './der-reader.js';
import { parseAlgorithm, sameBytes, type AlgorithmIdentifier, type SignedParts } from './der.js';

const HASHES: Readonly<Record<string, string>> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const ECDSA: Readonly<Record<string, string>> = {
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
};
const RSA_PKCS1: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
const RSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';
const ED25519 = '1.3.101.112';

/**
 * Why `key` is outside the allowlist, or undefined when it is allowed.
 * @param allowEd25519 true only where the certificate's purpose permits Ed25519.
 */
export function publicKeyProblem(key: KeyObject, allowEd25519: boolean): string | undefined {
  const type = key.asymmetricKeyType;
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    return curve === 'prime256v1' || curve === 'secp384r1' ? undefined : `EC curve ${curve ?? '?'} is not P-256 or P-384`;
  }
  if (type === 'rsa' || type === 'rsa-pss') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    return bits >= 2048 ? undefined : `RSA key of ${bits} bits is shorter than 2048`;
  }
  if (type === 'ed25519') return allowEd25519 ? undefined : 'Ed25519 keys are not allowed for this purpose';
  return `key type ${type ?? '?'} is not allowed`;
}

interface VerifyPlan {
  readonly hash: string | null;
  readonly keyTypes: readonly string[];
  readonly options: Record<string, unknown>;
}

function pssPlan(alg: AlgorithmIdentifier): VerifyPlan | undefined {
  if (alg.params === undefined) return undefined; // defaults are SHA-1: refused
  let hash: string | undefined;
  let mgfHash: string | undefined;
  let salt = 20;
  // RSASSA-PSS-params (RFC 4055 §3.1): [0] hash, [1] mask generation, [2] salt length, [3] trailer.
  for (const field of sequenceOf(readDer(alg.params), 'RSASSA-PSS-params')) {
    const inner = childrenOf(field, 'RSASSA-PSS parameter');
    if ((field.tag & 0xe0) !== 0xa0 || inner.length !== 1) return undefined;
    const tag = field.tag & 0x1f;
    if (tag === 0) hash = HASHES[parseAlgorithm(inner[0]).oid];
    else if (tag === 1) {
      const mgf = parseAlgorithm(inner[0]);
      if (mgf.oid !== MGF1 || mgf.params === undefined) return undefined;
      mgfHash = HASHES[parseAlgorithm(readDer(mgf.params)).oid];
    } else if (tag === 2) salt = readSmallInteger(inner[0]!, 'PSS salt length');
    else if (tag !== 3) return undefined;
  }
  if (hash === undefined || mgfHash !== hash || salt < 0 || salt > 512) return undefined;
  return { hash, keyTypes: ['rsa', 'rsa-pss'], options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: salt } };
}

function planFor(alg: AlgorithmIdentifier): VerifyPlan | undefined {
  const ecdsa = ECDSA[alg.oid];
  if (ecdsa !== undefined && alg.params === undefined) return { hash: ecdsa, keyTypes: ['ec'], options: {} };
  const pkcs1 = RSA_PKCS1[alg.oid];
  if (pkcs1 !== undefined) return { hash: pkcs1, keyTypes: ['rsa'], options: { padding: constants.RSA_PKCS1_PADDING } };
  if (alg.oid === RSA_PSS) {
    try {
      return pssPlan(alg);
    } catch {
      return undefined;
    }
  }
  if (alg.oid === ED25519 && alg.params === undefined) return { hash: null, keyTypes: ['ed25519'], options: {} };
  return undefined;
}

/** The outcome of checking a signed structure against an issuer key. */
export type SignatureCheck = 'valid' | 'invalid' | 'algorithm-not-allowed';

/**
 * Verifies the signature of a certificate or CRL with `issuerKey`. The signature algorithm must
 * be allowlisted, equal in and outside the tbs, and fit the key type; the key itself must pass
 * {@link publicKeyProblem} (Ed25519 issuer keys included, as a CA key is never Ed25519 in ipex).
 */
export function checkSignature(parts: SignedParts, issuerKey: KeyObject): SignatureCheck {
  const plan = planFor(parts.algorithm);
  if (plan === undefined || !sameBytes(parts.algorithm.der, parts.innerAlgorithm.der)) return 'algorithm-not-allowed';
  if (publicKeyProblem(issuerKey, false) !== undefined) return 'algorithm-not-allowed';
  if (!plan.keyTypes.includes(issuerKey.asymmetricKeyType ?? '')) return 'invalid';
  try {
    return verify(plan.hash, parts.tbs, { key: issuerKey, ...plan.options }, parts.signature) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}
