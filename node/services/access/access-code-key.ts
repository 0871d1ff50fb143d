/**
 * The access-code key as the exchange side uses it (node/identity/access-code-key.ts): read once
 * it exists. Until then no code has been issued, so a random per-process key keeps the
 * constant-time comparison honest (the hash is still computed, and nothing can match).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readAccessCodeKey } from '../../identity/access-code-key.js';

/** Reads the key lazily and keeps it once found. */
export class AccessCodeKey {
  readonly #identityDir: string;
  #key: Buffer | undefined;
  readonly #placeholder = randomBytes(32);

  constructor(dataDir: string) {
    this.#identityDir = join(dataDir, 'identity');
  }

  /** The key, or a random placeholder when no code has been issued yet (`issued` false). */
  get(): { key: Buffer; issued: boolean } {
    this.#key ??= readAccessCodeKey(this.#identityDir);
    return this.#key === undefined ? { key: this.#placeholder, issued: false } : { key: this.#key, issued: true };
  }
}
