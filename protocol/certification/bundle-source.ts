/**
 * A bundle opened for reading, as a folder or a ZIP (bundle-zip.ts): the list of its regular
 * files by relative POSIX path with their sizes, and a stream per file. A folder is listed
 * with lstat, so a symbolic link or any other special file inside it is refused rather than
 * followed out of the bundle.
 */
import { createReadStream } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { IpexError } from '../errors/index.js';

/** Files of an opened bundle. */
export interface BundleSource {
  /** Every regular file, by relative path ("parts/claims.pdf"), with its size in bytes. */
  readonly files: ReadonlyMap<string, number>;
  /** A stream of the file's bytes. */
  open(path: string): Promise<Readable>;
  close(): Promise<void>;
}

const MAX_FILES = 10_000;

/**
 * Lists the regular files of a bundle folder (relative POSIX paths). With `strict`, symbolic
 * links and special files are refused; without, they are skipped silently (for the writer).
 */
export async function listBundleDir(root: string, strict = true): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string, prefix: string): Promise<void> {
    for (const name of (await readdir(dir)).sort()) {
      const path = join(dir, name);
      const rel = prefix === '' ? name : `${prefix}/${name}`;
      const info = await lstat(path);
      if (info.isDirectory()) await walk(path, rel);
      else if (info.isFile()) found.push(rel);
      else if (strict) throw new IpexError('BUNDLE_MALFORMED', `"${rel}" in the bundle is a symbolic link or special file`);
      if (found.length > MAX_FILES) throw new IpexError('BUNDLE_MALFORMED', `the bundle holds more than ${MAX_FILES} files`);
    }
  }
  await walk(root, '');
  return found;
}

/** Opens a bundle folder. */
export async function openBundleDir(root: string): Promise<BundleSource> {
  const files = new Map<string, number>();
  for (const rel of await listBundleDir(root)) files.set(rel, (await lstat(join(root, ...rel.split('/')))).size);
  return {
    files,
    open: async (rel) => createReadStream(join(root, ...rel.split('/'))),
    close: async () => undefined,
  };
}

/** Reads a small file of the bundle whole, refusing it when larger than `max` bytes. */
export async function readSmall(source: BundleSource, path: string, max: number): Promise<Buffer> {
  const size = source.files.get(path);
  if (size === undefined) throw new IpexError('BUNDLE_MALFORMED', `the bundle has no ${path}`);
  if (size > max) throw new IpexError('BUNDLE_MALFORMED', `${path} is ${size} bytes; at most ${max} are accepted`);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of await source.open(path)) {
    length += (chunk as Buffer).length;
    if (length > max) throw new IpexError('BUNDLE_MALFORMED', `${path} is larger than ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
