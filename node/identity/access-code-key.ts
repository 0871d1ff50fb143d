/**
 * The node secret that keys access-code hashes at rest (docs/design.md §6): 32 random bytes in
 * `<data>/identity/access-code.key`, mode 0600, created on first use. Without it a copy of the
 * database does not let anyone test guesses of a code offline. It is part of the identity
 * folder, so a backup that keeps the identity keeps the codes working. The deposit side creates
 * it; the exchange side only reads it (`readAccessCodeKey`).
 *
 * Several node processes of one office (docs/operations.md "Several node processes") each have
 * a data folder, and all must hold the same key, or a code issued by one would not open the
 * document at another. So the database keeps a check value of the key (an HMAC of a fixed text
 * under it: nothing to test guesses with) in `node_meta`, written by the first process that has
 * a key, and `officeAccessCodeKey` refuses a folder whose key is missing or another
 * (ACCESS_CODE_KEY_MISMATCH) instead of issuing or checking codes with it.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { MIN_ACCESS_CODE_KEY_BYTES } from '../../protocol/access-code/index.js';
import type { RandomSource } from '../../protocol/runtime/clock.js';
import type { NodeDatabase } from '../storage/database.js';

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

const CHECK_KEY = 'access_code_key_check';

/**
 * The office's access-code key in `identityDir` (created there when `create` and absent), checked
 * against the database: the first key seen is recorded there, every later one must be the same.
 * Undefined when there is none and `create` is false (no code was issued yet).
 *
 * @throws IpexError ACCESS_CODE_KEY_MISMATCH when the folder's key is missing while the database
 * has one recorded, or is another key.
 */
export function officeAccessCodeKey(db: NodeDatabase, identityDir: string, random: RandomSource, create: boolean): Buffer | undefined {
  const recorded = (): string | undefined => db.prepare('SELECT value FROM node_meta WHERE key = ?').pluck().get(CHECK_KEY) as string | undefined;
  const path = join(identityDir, ACCESS_CODE_KEY_FILE);
  let expected = recorded();
  const key = create && expected === undefined ? loadOrCreateAccessCodeKey(identityDir, random) : readAccessCodeKey(identityDir);
  if (key === undefined) {
    if (expected === undefined) return undefined;
    throw new IpexError('ACCESS_CODE_KEY_MISMATCH', `${path} is missing, but the office's database has issued access codes with a key: copy identity/${ACCESS_CODE_KEY_FILE} from the data folder of another process of the office`);
  }
  const check = createHmac('sha256', key).update('ipex access-code key check').digest('hex');
  if (expected === undefined) {
    db.prepare('INSERT OR IGNORE INTO node_meta (key, value) VALUES (?, ?)').run(CHECK_KEY, check);
    expected = recorded();
  }
  if (expected !== check) {
    throw new IpexError('ACCESS_CODE_KEY_MISMATCH', `${path} is not the access-code key the office's database issued its codes with: copy identity/${ACCESS_CODE_KEY_FILE} from the data folder of another process of the office`);
  }
  return key;
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
