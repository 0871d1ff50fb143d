/**
 * The access-code key as the exchange side uses it (node/identity/access-code-key.ts): read once
 * it exists. Until then no code has been issued, so a random per-process key keeps the
 * constant-time comparison honest (the hash is still computed, and nothing can match).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { officeAccessCodeKey } from '../../identity/access-code-key.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { NodeDatabase } from '../../storage/database.js';

/** Reads the key lazily and keeps it once found. */
export class AccessCodeKey {
  readonly #db: NodeDatabase;
  readonly #identityDir: string;
  #key: Buffer | undefined;
  readonly #placeholder = randomBytes(32);

  constructor(db: NodeDatabase, dataDir: string) {
    this.#db = db;
    this.#identityDir = join(dataDir, 'identity');
  }

  /** The key, or a random placeholder when no code has been issued yet (`issued` false). */
  get(): { key: Buffer; issued: boolean } {
    // checked against the office's database once found (several processes: the same key in each folder)
    this.#key ??= officeAccessCodeKey(this.#db, this.#identityDir, systemRandom, false);
    return this.#key === undefined ? { key: this.#placeholder, issued: false } : { key: this.#key, issued: true };
  }
}
