/**
 * Conversions between raw Ed25519 keys (RFC 8032 §5.1.5: the 32-byte public key and the 32-byte
 * private seed) and Node `KeyObject`s. C2SP signed notes and verifier keys carry raw keys;
 * Node's crypto wants KeyObjects. Uses only `node:crypto` (JWK import, no extra dependency).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** Size of a raw Ed25519 public key and of a private seed. */
export const ED25519_KEY_SIZE = 32;

/** DER prefix of a PKCS#8 Ed25519 private key (RFC 8410 §7) followed by the 32-byte seed. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A KeyObject for a raw 32-byte Ed25519 public key. Throws RangeError on a wrong length. */
export function ed25519PublicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_KEY_SIZE) throw new RangeError(`an Ed25519 public key is 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

/** A private KeyObject for a raw 32-byte Ed25519 seed. Throws RangeError on a wrong length. */
export function ed25519PrivateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_KEY_SIZE) throw new RangeError(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/**
 * The raw 32-byte public key of an Ed25519 public or private KeyObject.
 * Throws TypeError when the key is not Ed25519.
 */
export function ed25519RawPublicKey(key: KeyObject): Buffer {
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`expected an Ed25519 key, got ${String(key.asymmetricKeyType)}`);
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' });
  return Buffer.from(jwk.x as string, 'base64url');
}
