/**
 * C2SP signed-note verifier keys ("vkeys", c2sp.org/signed-note §Verifier keys, as implemented
 * by golang.org/x/mod/sumdb/note): `<name>+<key ID as 8 hex digits>+<base64(type ‖ public key)>`,
 * with key ID = SHA-256(name ‖ 0x0A ‖ type ‖ public key)[0:4]. ipex uses type 0x01 (Ed25519,
 * the log key in `log.vkey`) and 0x04 (timestamped Ed25519 cosignatures, c2sp.org/tlog-cosignature).
 * Also reads and writes the matching `PRIVATE+KEY+…` signer-key string of the Go implementation.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import { decodeBase64Strict, encodeBase64 } from './base64.js';
import { ED25519_KEY_SIZE, ed25519PrivateKeyFromSeed, ed25519PublicKeyFromRaw, ed25519RawPublicKey } from './ed25519-raw.js';

/** Signature type byte of plain Ed25519 note signatures (c2sp.org/signed-note). */
export const SIG_TYPE_ED25519 = 0x01;
/** Signature type byte of timestamped Ed25519 cosignatures (c2sp.org/tlog-cosignature). */
export const SIG_TYPE_COSIGNATURE_V1 = 0x04;

/** A parsed verifier key. */
export interface VerifierKey {
  /** Key name (for ipex: a schema-less URL such as `ipex.example.org/audit/EP`). */
  readonly name: string;
  /** The 4-byte key ID. */
  readonly keyId: Buffer;
  /** Signature type byte (0x01 or 0x04). */
  readonly type: number;
  /** Raw 32-byte Ed25519 public key. */
  readonly rawPublicKey: Buffer;
  /** The public key for `crypto.verify`. */
  readonly publicKey: KeyObject;
}

/**
 * True when `name` is a valid key name: non-empty, no Unicode space, no `+`, no control
 * character (c2sp.org/signed-note §Format).
 */
export function isValidKeyName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !/[\s+\u0000-\u001f\u007f]/u.test(name) &&
    Buffer.from(name, 'utf8').toString('utf8') === name // no lone surrogates: valid UTF-8 on the wire
  );
}

/** Key ID = SHA-256(name ‖ 0x0A ‖ typedKey)[0:4], where typedKey is the type byte followed by the key. */
export function keyIdOf(name: string, typedKey: Uint8Array): Buffer {
  return createHash('sha256').update(name, 'utf8').update('\n').update(typedKey).digest().subarray(0, 4);
}

/**
 * Formats a verifier key string for an Ed25519 public key (KeyObject or raw 32 bytes).
 *
 * @example formatVerifierKey('PeterNeumann', raw) // 'PeterNeumann+c74f20a3+ARpc2Qc…'
 * @throws IpexError VERIFIER_KEY_MALFORMED for an invalid name or a non-Ed25519 key.
 */
export function formatVerifierKey(name: string, publicKey: KeyObject | Uint8Array, type: number = SIG_TYPE_ED25519): string {
  if (!isValidKeyName(name)) throw new IpexError('VERIFIER_KEY_MALFORMED', `key name ${JSON.stringify(name)} is empty or has a space or "+"`);
  if (type !== SIG_TYPE_ED25519 && type !== SIG_TYPE_COSIGNATURE_V1) {
    throw new IpexError('VERIFIER_KEY_MALFORMED', `signature type 0x${type.toString(16)} is not supported`);
  }
  const raw = toRaw(publicKey);
  const typed = Buffer.concat([Buffer.from([type]), raw]);
  return `${name}+${keyIdOf(name, typed).toString('hex')}+${encodeBase64(typed)}`;
}

/**
 * Parses and checks a verifier key string: three `+`-separated fields, a valid name, 8 lowercase
 * hex digits that equal the computed key ID, strict base64 of an allowed type byte plus 32 bytes.
 *
 * @throws IpexError VERIFIER_KEY_MALFORMED on any deviation.
 */
export function parseVerifierKey(text: string, allowedTypes: readonly number[] = [SIG_TYPE_ED25519]): VerifierKey {
  const bad = (why: string): IpexError => new IpexError('VERIFIER_KEY_MALFORMED', `verifier key: ${why}`);
  if (typeof text !== 'string') throw bad('not a string');
  // The base64 key may itself contain '+': split on the first two only (name and hex id cannot).
  const parts = splitFields(text, 3);
  if (parts === null) throw bad('expected <name>+<key id>+<key>');
  const [name, idHex, keyB64] = parts as [string, string, string];
  if (!isValidKeyName(name)) throw bad('invalid key name');
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw bad('key id must be 8 lowercase hex digits');
  const typed = decodeBase64Strict(keyB64);
  if (typed === null || typed.length !== 1 + ED25519_KEY_SIZE) throw bad('key must be base64 of a type byte and 32 bytes');
  const type = typed[0] as number;
  if (!allowedTypes.includes(type) || (type !== SIG_TYPE_ED25519 && type !== SIG_TYPE_COSIGNATURE_V1)) {
    throw bad(`signature type 0x${type.toString(16).padStart(2, '0')} is not accepted here`);
  }
  const keyId = keyIdOf(name, typed);
  if (keyId.toString('hex') !== idHex) throw bad('key id does not match the name and key');
  const rawPublicKey = Buffer.from(typed.subarray(1));
  let publicKey: KeyObject;
  try {
    publicKey = ed25519PublicKeyFromRaw(rawPublicKey);
  } catch (cause) {
    throw new IpexError('VERIFIER_KEY_MALFORMED', 'verifier key: not a valid Ed25519 public key', { cause });
  }
  return { name, keyId, type, rawPublicKey, publicKey };
}

/**
 * Formats the Go `PRIVATE+KEY+<name>+<key id>+base64(0x01 ‖ seed)` signer key for an Ed25519
 * private key. Secret: store it with mode 0600 and never log it.
 */
export function formatSignerKey(name: string, privateKey: KeyObject): string {
  const vkey = formatVerifierKey(name, privateKey);
  const jwk = privateKey.export({ format: 'jwk' });
  const seed = Buffer.from(jwk.d as string, 'base64url');
  const idHex = (splitFields(vkey, 3) as string[])[1] as string;
  return `PRIVATE+KEY+${name}+${idHex}+${encodeBase64(Buffer.concat([Buffer.from([SIG_TYPE_ED25519]), seed]))}`;
}

/**
 * Parses a Go signer key string into its name and Ed25519 private key, checking the key ID.
 *
 * @throws IpexError VERIFIER_KEY_MALFORMED on any deviation (the message never echoes the key).
 */
export function parseSignerKey(text: string): { name: string; keyId: Buffer; privateKey: KeyObject } {
  const bad = (why: string): IpexError => new IpexError('VERIFIER_KEY_MALFORMED', `signer key: ${why}`);
  const parts = typeof text === 'string' ? splitFields(text, 5) : null;
  if (parts === null || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw bad('expected PRIVATE+KEY+<name>+<key id>+<key>');
  const [, , name, idHex, keyB64] = parts as [string, string, string, string, string];
  if (!isValidKeyName(name)) throw bad('invalid key name');
  const typedSeed = decodeBase64Strict(keyB64);
  if (typedSeed === null || typedSeed.length !== 1 + ED25519_KEY_SIZE || typedSeed[0] !== SIG_TYPE_ED25519) {
    throw bad('key must be base64 of 0x01 and a 32-byte seed');
  }
  const privateKey = ed25519PrivateKeyFromSeed(typedSeed.subarray(1));
  const keyId = keyIdOf(name, Buffer.concat([Buffer.from([SIG_TYPE_ED25519]), ed25519RawPublicKey(privateKey)]));
  if (keyId.toString('hex') !== idHex) throw bad('key id does not match the name and key');
  return { name, keyId, privateKey };
}

/** Splits `text` at its first `count − 1` '+' signs; null when there are fewer. */
function splitFields(text: string, count: number): string[] | null {
  const out: string[] = [];
  let rest = text;
  for (let i = 0; i < count - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return null;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

function toRaw(key: KeyObject | Uint8Array): Buffer {
  try {
    if (key instanceof Uint8Array) {
      ed25519PublicKeyFromRaw(key); // validates length and encoding
      return Buffer.from(key);
    }
    return ed25519RawPublicKey(key);
  } catch (cause) {
    throw new IpexError('VERIFIER_KEY_MALFORMED', 'the key is not an Ed25519 key', { cause });
  }
}
