/**
 * The node secret that keys access-code hashes at rest (docs/design.md §6): 32 random bytes in
 * `<data>/identity/access-code.key`, mode 0600, created on first use. Without it a copy of the
 * database does not let anyone test guesses of a code offline. It is part of the identity
 * folder, so a backup that keeps the identity keeps the codes working. The deposit side creates
 * it; the exchange side only reads it (`readAccessCodeKey`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { MIN_ACCESS_CODE_KEY_BYTES } from '../../protocol/access-code/index.js';
import type { RandomSource } from '../../protocol/runtime/clock.js';

export const ACCESS_CODE_KEY_FILE = 'access-code.key';
const KEY_BYTES = 32;

/** Reads the key from `identityDir`, creating it (exclusively, 0600) when absent. */
export function loadOrCreateAccessCodeKey(identityDir: string, random: RandomSource): Buffer {
  const path = join(identityDir, ACCESS_CODE_KEY_FILE);
  const existing = readKey(path);
  if (existing !== undefined) return existing;
  try {
    writeFileAtomic(path, random.bytes(KEY_BYTES), { mode: 0o600, exclusive: true });
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const created = readKey(path);
  if (created === undefined) throw new IpexError('FILE_UNREADABLE', `cannot read ${path} after creating it`);
  return created;
}

/** The key in `identityDir`, or undefined when no code has been issued yet. */
export function readAccessCodeKey(identityDir: string): Buffer | undefined {
  return readKey(join(identityDir, ACCESS_CODE_KEY_FILE));
}

function readKey(path: string): Buffer | undefined {
  let key: Buffer;
  try {
    key = readFileSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new IpexError('FILE_UNREADABLE', `cannot read the access-code key ${path}`, { cause: err });
  }
  if (key.length < MIN_ACCESS_CODE_KEY_BYTES) {
    throw new IpexError('CONFIG_INVALID', `${path} holds ${key.length} bytes; an access-code key has at least ${MIN_ACCESS_CODE_KEY_BYTES}`);
  }
  return key;
}
