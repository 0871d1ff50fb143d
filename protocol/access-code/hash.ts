/**
 * Access codes at rest (docs/design.md §6): stored only as HMAC-SHA-256 under a node secret, so a
 * copy of the database does not reveal them, and — with only 60 (or 16) bits in a code — cannot
 * be brute-forced offline without the key. Comparison is constant time.
 *
 * The MAC input is `ipex-access-code-v1` ‖ 0x00 ‖ format ‖ 0x00 ‖ canonical code: the prefix
 * keeps this MAC apart from any other use of the same key, and the format keeps a DAS code from
 * ever matching a Crockford one.
 *
 * The canonical code is every symbol, check symbol included, so a code issued before issue 10
 * (13 symbols, mod-37 check) and a new one (14 symbols, GF(32) check) hash the same way: the
 * stored hashes of earlier codes still match, and nothing needs to know which kind it is.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { IpexError } from '../errors/index.js';
import type { AccessCode } from './access-code.js';

/** Domain-separation label of the access-code MAC. */
export const ACCESS_CODE_HASH_DOMAIN = 'ipex-access-code-v1';
/** Shortest MAC key accepted, in bytes (128 bits). */
export const MIN_ACCESS_CODE_KEY_BYTES = 16;

/** The keyed hash to store for `code` (32 bytes). */
export function hashAccessCode(code: AccessCode, key: Buffer): Buffer {
  if (!Buffer.isBuffer(key) || key.length < MIN_ACCESS_CODE_KEY_BYTES) {
    throw new IpexError('CONFIG_INVALID', `the access-code key must be at least ${MIN_ACCESS_CODE_KEY_BYTES} bytes`);
  }
  return createHmac('sha256', key)
    .update(`${ACCESS_CODE_HASH_DOMAIN}\0${code.format}\0${code.value}`, 'utf8')
    .digest();
}

/** True when `code` hashes to `storedHash` under `key`; compared in constant time. */
export function accessCodeMatches(code: AccessCode, storedHash: Buffer, key: Buffer): boolean {
  const actual = hashAccessCode(code, key);
  // The length of a stored hash is not secret; timingSafeEqual needs equal lengths.
  if (!Buffer.isBuffer(storedHash) || storedHash.length !== actual.length) return false;
  return timingSafeEqual(actual, storedHash);
}
