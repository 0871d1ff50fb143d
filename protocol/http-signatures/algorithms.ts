/**
 * The signature algorithms ipex allows for HTTP Message Signatures (RFC 9421 §3.3), all through
 * Node's built-in crypto. The algorithm is the one the verifier has registered for the key
 * (directory entry, certificate); an `alg` parameter in the message is only checked against it
 * (§3.2 step 6; §7.3.6), never used to choose. `hmac-sha256` and `rsa-v1_5-sha256` are left out
 * on purpose: a shared secret cannot give non-repudiation, and PKCS#1 v1.5 has PSS as successor.
 */
import { constants, sign, verify, type KeyObject } from 'node:crypto';

/** The allowlisted RFC 9421 algorithm names. */
export type SignatureAlgorithm = 'ecdsa-p256-sha256' | 'ecdsa-p384-sha384' | 'rsa-pss-sha512' | 'ed25519';

interface AlgorithmSpec {
  /** Node digest name; null for Ed25519, which hashes internally. */
  readonly hash: string | null;
  /** Exact signature length in bytes, when fixed. */
  readonly signatureLength?: number;
  /** Whether `key` is of the type and size this algorithm needs. */
  readonly fits: (key: KeyObject) => boolean;
  readonly options: Record<string, unknown>;
}

// RFC 9421 §3.3.1: RSASSA-PSS with SHA-512, MGF1 with SHA-512 and a 64-byte salt.
const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 };
// RFC 9421 §3.3.4/§3.3.5: ECDSA signatures are r‖s, each left-padded to the field size.
const P1363 = { dsaEncoding: 'ieee-p1363' as const };

const SPECS: Readonly<Record<SignatureAlgorithm, AlgorithmSpec>> = {
  'ecdsa-p256-sha256': {
    hash: 'sha256',
    signatureLength: 64,
    fits: (k) => k.asymmetricKeyType === 'ec' && k.asymmetricKeyDetails?.namedCurve === 'prime256v1',
    options: P1363,
  },
  'ecdsa-p384-sha384': {
    hash: 'sha384',
    signatureLength: 96,
    fits: (k) => k.asymmetricKeyType === 'ec' && k.asymmetricKeyDetails?.namedCurve === 'secp384r1',
    options: P1363,
  },
  'rsa-pss-sha512': {
    hash: 'sha512',
    fits: (k) =>
      (k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'rsa-pss') &&
      (k.asymmetricKeyDetails?.modulusLength ?? 0) >= 2048,
    options: PSS,
  },
  ed25519: {
    hash: null,
    signatureLength: 64,
    fits: (k) => k.asymmetricKeyType === 'ed25519',
    options: {},
  },
};

/** True when `name` is an allowlisted algorithm. */
export function isSignatureAlgorithm(name: unknown): name is SignatureAlgorithm {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(SPECS, name);
}

/** True when `key` (public or private) has the type, curve and size `alg` requires. */
export function keyFitsAlgorithm(alg: SignatureAlgorithm, key: KeyObject): boolean {
  if (!isSignatureAlgorithm(alg) || key.type === 'secret') return false;
  // A KeyObject never changes; its details are read from OpenSSL once, not on every signature.
  let known = fits.get(key);
  if (known === undefined) {
    known = new Map();
    fits.set(key, known);
  }
  let answer = known.get(alg);
  if (answer === undefined) {
    answer = SPECS[alg].fits(key);
    known.set(alg, answer);
  }
  return answer;
}

const fits = new WeakMap<KeyObject, Map<SignatureAlgorithm, boolean>>();

/** Signs the signature base with `privateKey` (RFC 9421 §3.3, HTTP_SIGN). */
export function signBase(alg: SignatureAlgorithm, privateKey: KeyObject, base: Buffer): Buffer {
  if (privateKey.type !== 'private' || !keyFitsAlgorithm(alg, privateKey)) {
    throw new TypeError(`the private key does not fit ${alg}`);
  }
  const spec = SPECS[alg];
  return sign(spec.hash, base, { key: privateKey, ...spec.options });
}

/**
 * Verifies a signature over the base (RFC 9421 §3.3, HTTP_VERIFY). Returns false — never
 * throws — for a wrong key type, a signature of the wrong length or any crypto failure.
 */
export function verifyBase(alg: SignatureAlgorithm, publicKey: KeyObject, base: Buffer, signature: Buffer): boolean {
  if (publicKey.type !== 'public' || !keyFitsAlgorithm(alg, publicKey)) return false;
  const spec = SPECS[alg];
  if (spec.signatureLength !== undefined && signature.length !== spec.signatureLength) return false;
  try {
    return verify(spec.hash, base, { key: publicKey, ...spec.options }, signature);
  } catch {
    return false;
  }
}

