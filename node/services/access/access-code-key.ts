/**
 * The node secret under which access codes are hashed (DESIGN.md §6): `<data>/identity/access-code.key`,
 * created by the deposit side on first use. The exchange side only reads it. Until it exists no
 * code has been issued, so a random per-process key keeps the constant-time comparison honest
 * (the hash is still computed, and nothing can match).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_ACCESS_CODE_KEY_BYTES } from '../../../protocol/access-code/index.js';
import { IpexError } from '../../../protocol/errors/index.js';

export const ACCESS_CODE_KEY_FILE = 'access-code.key';

/** Reads the key lazily and keeps it once found. */
export class AccessCodeKey {
  readonly #path: string;
  #key: Buffer | undefined;
  readonly #placeholder = randomBytes(32);

  constructor(dataDir: string) {
    this.#path = join(dataDir, 'identity', ACCESS_CODE_KEY_FILE);
  }

  /** The key, or a random placeholder when no code has been issued yet (`issued` false). */
  get(): { key: Buffer; issued: boolean } {
    if (this.#key !== undefined) return { key: this.#key, issued: true };
    if (!existsSync(this.#path)) return { key: this.#placeholder, issued: false };
    this.#key = decodeKey(readFileSync(this.#path), this.#path);
    return { key: this.#key, issued: true };
  }
}

/** Raw bytes, or the same written as hex or base64 text. */
export function decodeKey(bytes: Buffer, path: string): Buffer {
  const text = bytes.toString('latin1').trim();
  let key = bytes;
  if (/^[0-9a-fA-F]{32,}$/.test(text) && text.length % 2 === 0) key = Buffer.from(text, 'hex');
  else if (/^[A-Za-z0-9+/_-]{22,}={0,2}$/.test(text) && bytes.length > 32) key = Buffer.from(text, 'base64');
  if (key.length < MIN_ACCESS_CODE_KEY_BYTES) {
    throw new IpexError('CONFIG_INVALID', `${path} is shorter than ${MIN_ACCESS_CODE_KEY_BYTES} bytes: restore it from the backup of this node`);
  }
  return key;
}
