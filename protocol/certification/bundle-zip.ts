/**
 * The ZIP form of a certified-copy bundle (same layout as the folder, entries at the root),
 * written with yazl and read with yauzl, both streaming. A ZIP from elsewhere is untrusted:
 * reading refuses path traversal and absolute names, backslashes, symlinks, duplicate names
 * (also by case), more than MAX_ENTRIES entries, and entries larger than the limits; yauzl
 * checks that every entry inflates to exactly its declared size (no zip bombs).
 */
import { closeSync, createWriteStream, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type * as Yauzl from 'yauzl';
import type * as Yazl from 'yazl';
import { IpexError } from '../errors/index.js';
import { fsyncDir } from '../files/atomic-write.js';
import { BUNDLE_LIMITS, bundleFiles, type BundleFile, type BundleSpec } from './bundle-layout.js';
import { listBundleDir, type BundleSource } from './bundle-source.js';

/** Bounds on a ZIP we read. */
export interface ZipLimits {
  readonly maxEntries: number;
  /** Largest uncompressed entry, bytes. */
  readonly maxEntrySize: number;
  /** Largest sum of uncompressed entries, bytes. */
  readonly maxTotalSize: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxEntrySize: 64 * 2 ** 30, maxTotalSize: 256 * 2 ** 30 };

/** Fixed entry time: the same bundle gives the same ZIP bytes. */
const ENTRY_TIME = new Date('2000-01-01T00:00:00Z');
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

/**
 * Writes the bundle as a ZIP at `zipPath` (which must not exist), from a bundle folder or a
 * spec. Written under a temporary name, fsynced and renamed: never half a ZIP.
 */
export async function writeBundleZip(source: string | BundleSpec, zipPath: string): Promise<void> {
  const files: BundleFile[] = typeof source === 'string' ? await folderFiles(source) : bundleFiles(source);
  if (existsSync(zipPath)) throw new IpexError('ALREADY_EXISTS', `${zipPath} already exists`);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)); // same entry order from folder or spec
  const yazl: typeof Yazl = await import('yazl'); // loaded when a ZIP is written, not at start-up
  const zip = new yazl.ZipFile();
  for (const f of files) {
    // Parts are stored (often PDFs or images, already compressed; deflating gigabytes costs CPU).
    const isPart = f.path.startsWith('parts/') && !f.path.endsWith('.p7s');
    const options = { mtime: ENTRY_TIME, mode: 0o100644, compress: !isPart };
    if ('file' in f) zip.addFile(f.file, f.path, options);
    else zip.addBuffer(Buffer.from(f.bytes), f.path, options);
  }
  zip.end();
  const tmp = join(dirname(zipPath), `.${basename(zipPath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await pipeline(zip.outputStream, createWriteStream(tmp, { flags: 'wx' }));
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (existsSync(zipPath)) throw new IpexError('ALREADY_EXISTS', `${zipPath} already exists`);
    renameSync(tmp, zipPath);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(dirname(zipPath));
}

/** The files of a bundle folder: parts by path, the small files (bounded) in memory, as from a spec. */
async function folderFiles(dir: string): Promise<BundleFile[]> {
  const files: BundleFile[] = [];
  for (const path of await listBundleDir(dir, true)) {
    const file = join(dir, ...path.split('/'));
    const isPart = path.startsWith('parts/') && !path.endsWith('.p7s');
    if (isPart) files.push({ path, file });
    else {
      if (statSync(file).size > BUNDLE_LIMITS.manifest) throw new IpexError('BUNDLE_MALFORMED', `${path} is too large for a bundle file`);
      files.push({ path, bytes: await readFile(file) });
    }
  }
  return files;
}

/** Opens a bundle ZIP for verification, with every entry checked against the limits. */
export async function openBundleZip(zipPath: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<BundleSource> {
  if (!statSync(zipPath).isFile()) throw new IpexError('BUNDLE_MALFORMED', `${zipPath} is neither a bundle folder nor a ZIP file`);
  const yauzl: typeof Yauzl = await import('yauzl'); // loaded when a ZIP is read, not at start-up
  const zip = await new Promise<Yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true, decodeStrings: true },
      (err, z) => (err ? reject(zipError(err)) : resolve(z)));
  });
  try {
    if (zip.entryCount > limits.maxEntries) throw refuse(`it has ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted`);
    const entries = stripTopFolder(await readEntries(zip, limits));
    return {
      files: new Map([...entries].map(([name, entry]) => [name, entry.uncompressedSize])),
      open: (name) => openEntry(zip, entries.get(name)!),
      close: async () => zip.close(),
    };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/**
 * `zip -r b.zip bundle/` puts everything under "bundle/": accept that one top folder when the
 * bundle is inside it, so that a ZIP made by hand from a bundle folder verifies too.
 */
function stripTopFolder(entries: Map<string, Yauzl.Entry>): Map<string, Yauzl.Entry> {
  if (entries.has('manifest.jws')) return entries;
  const tops = new Set([...entries.keys()].map((name) => name.split('/')[0]));
  const top = [...tops][0];
  if (tops.size !== 1 || top === undefined || !entries.has(`${top}/manifest.jws`)) return entries;
  return new Map([...entries].map(([name, entry]) => [name.slice(top.length + 1), entry]));
}

function readEntries(zip: Yauzl.ZipFile, limits: ZipLimits): Promise<Map<string, Yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Yauzl.Entry>();
    const seen = new Set<string>();
    let total = 0;
    zip.on('error', (err: Error) => reject(zipError(err)));
    zip.on('end', () => resolve(entries));
    zip.on('entry', (entry: Yauzl.Entry) => {
      try {
        const name = entry.fileName;
        const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
        if (mode === S_IFLNK) throw refuse(`entry "${name}" is a symbolic link`);
        const key = name.toLowerCase();
        if (seen.has(key)) throw refuse(`entry "${name}" appears twice`);
        seen.add(key);
        if (name.startsWith('/') || name.split('/').some((s) => s === '..' || s === '.')) throw refuse(`entry "${name}" has an unsafe path`);
        if (name.endsWith('/') || mode === S_IFDIR) {
          zip.readEntry(); // folders carry no data; the layout check decides whether they belong
          return;
        }
        if (entry.uncompressedSize > limits.maxEntrySize) throw refuse(`entry "${name}" is larger than ${limits.maxEntrySize} bytes`);
        total += entry.uncompressedSize;
        if (total > limits.maxTotalSize) throw refuse(`the ZIP holds more than ${limits.maxTotalSize} bytes`);
        entries.set(name, entry);
        zip.readEntry();
      } catch (err) {
        reject(err);
      }
    });
    zip.readEntry();
  });
}

function openEntry(zip: Yauzl.ZipFile, entry: Yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(zipError(err)) : resolve(stream)));
  });
}

function refuse(why: string): IpexError {
  return new IpexError('BUNDLE_MALFORMED', `the bundle ZIP is refused: ${why}`);
}

function zipError(err: Error): IpexError {
  return err instanceof IpexError ? err : new IpexError('BUNDLE_MALFORMED', `the bundle ZIP cannot be read: ${err.message}`, { cause: err });
}
