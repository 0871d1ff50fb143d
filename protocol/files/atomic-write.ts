/**
 * Durable, all-or-nothing writes (docs/design.md §8). A file is written under a temporary name in
 * the same folder, fsynced, renamed over the target, and the folder fsynced: a crash leaves the
 * old file or the new one, never half of one. A folder of several files is built under a
 * temporary name and renamed into place in one step, so a failure half-way leaves nothing.
 * Private material is created with mode 0600 from its first byte, not chmod-ed afterwards.
 */
import {
  closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, renameSync, rmSync,
  statSync, unlinkSync, writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface AtomicWriteOptions {
  /** File mode; 0o600 for anything secret. Defaults to 0o644. */
  readonly mode?: number;
  /** Refuse to replace an existing file: fails with EEXIST instead. */
  readonly exclusive?: boolean;
}

/** Writes `data` to `path` atomically and durably. */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', options.mode ?? 0o644);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  try {
    if (options.exclusive) {
      linkSync(tmp, path); // EEXIST when the target exists, even if it appeared meanwhile
      unlinkSync(tmp);
    } else {
      renameSync(tmp, path);
    }
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dir);
}

/**
 * Creates the folder `target` with everything `build` writes into it, or nothing at all.
 * `build` receives a temporary folder beside the target; when it returns, every file in it is
 * fsynced and the folder renamed to `target`. Fails with EEXIST if `target` exists.
 */
export async function createDirAtomic(target: string, build: (dir: string) => Promise<void> | void): Promise<void> {
  if (existsSync(target)) throw Object.assign(new Error(`${target} already exists`), { code: 'EEXIST', path: target });
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  mkdirSync(tmp, { mode: 0o700 });
  try {
    await build(tmp);
    fsyncTree(tmp);
    if (existsSync(target)) throw Object.assign(new Error(`${target} already exists`), { code: 'EEXIST', path: target });
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  fsyncDir(parent);
}

/** fsyncs a folder so that a rename or a new entry in it survives a crash. */
export function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncTree(dir: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) fsyncTree(path);
    else {
      const fd = openSync(path, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  }
  fsyncDir(dir);
}
