/**
 * The filesystem BlobStore (docs/design.md §8, §9). Layout under the store root:
 *
 *   tmp/<random>.part      bytes being received; never visible under a digest name
 *   ab/cd/<sha256>         a stored part, named by the SHA-256 of its bytes (ab, cd = first 4 hex)
 *
 * `put` streams into a temporary file while hashing, checks the expected digest and size, fsyncs
 * the file (while the `ab/cd` folders are made and fsynced into their parents), then renames it
 * to its digest name and fsyncs the folder: a crash leaves either no part or the whole part, and
 * a mismatch leaves nothing. The fsyncs run on the thread pool, shared with concurrent puts into
 * the same folders (coalesced-fsync.ts), so the event loop never waits for the disk (issue 5).
 * Digests from the wire are attacker-controlled, so every name is checked to be 64 lower-case
 * hex digits before it touches a path. A full disk at any step is STORAGE_FULL, with the
 * temporary file removed (issue 10, item 1).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, existsSync, renameSync, rmSync } from 'node:fs';
import { mkdir, open, opendir, readFile, rm, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { IpexError } from '../../protocol/errors/index.js';
import { storageFullError } from '../../protocol/files/storage-full.js';
import { FsyncCoalescer } from './coalesced-fsync.js';
import { fsyncFd, openFd, writeAll } from './fd-io.js';
import { checkPutOptions, DamagedPartError, isSha256Hex, type BlobInfo, type BlobStore, type ByteRange, type PutOptions } from './blob-store.js';

export class FsBlobStore implements BlobStore {
  readonly root: string;
  readonly #tmp: string;
  readonly #dirs: FsyncCoalescer;
  #tmpReady = false;
  /** First-level folders whose entry in the root is known to be durable. */
  readonly #durableFirst = new Set<string>();
  /** `ab/cd` folders being created and made durable, by path. */
  readonly #preparing = new Map<string, Promise<void>>();

  /**
   * `root` is the `blobs/` folder of the data folder (node/config/data-dir.ts). `fsyncFolder`
   * replaces the fsync of folders (tests use it to hold one back).
   */
  constructor(root: string, options: { readonly fsyncFolder?: (path: string) => Promise<void> } = {}) {
    this.root = root;
    this.#tmp = join(root, 'tmp');
    this.#dirs = new FsyncCoalescer(options.fsyncFolder);
  }

  /** The path a part with this digest is stored at. */
  pathOf(sha256: string): string {
    checkName(sha256);
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, options: PutOptions = {}): Promise<BlobInfo> {
    const { sha256: expectedSha256, size: expectedSize } = checkPutOptions(source, options);
    const tmpPath = join(this.#tmp, `${randomBytes(12).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let fd: number;
    try {
      fd = await this.#createTemp(tmpPath);
    } catch (err) {
      source.destroy();
      throw storageFullError(err, 'a part') ?? err;
    }
    try {
      let sha256: string;
      try {
        // One chunk at a time: the await is the back-pressure, so memory stays at one chunk.
        for await (const chunk of source) {
          const bytes: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          size += bytes.length;
          if (expectedSize !== undefined && size > expectedSize) {
            throw new IpexError('BLOB_DIGEST_MISMATCH', `the part is longer than the expected ${expectedSize} bytes`);
          }
          hash.update(bytes);
          await writeAll(fd, bytes);
        }
        sha256 = hash.digest('hex');
        if (expectedSize !== undefined && size !== expectedSize) {
          throw new IpexError('BLOB_DIGEST_MISMATCH', `the part has ${size} bytes, expected ${expectedSize}`);
        }
        if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
          throw new IpexError('BLOB_DIGEST_MISMATCH', `the part has SHA-256 ${sha256}, expected ${expectedSha256}`);
        }
        // The part's fsync and its folders (created and made durable) at once: neither needs the
        // other, and only the rename below must wait for both. allSettled: the descriptor is
        // closed only after its fsync is over.
        const [folders, synced] = await Promise.allSettled([this.#folders(sha256), fsyncFd(fd)]);
        if (folders.status === 'rejected') throw folders.reason;
        if (synced.status === 'rejected') throw synced.reason;
      } finally {
        closeSync(fd);
      }
      await this.#place(tmpPath, sha256);
      return { sha256, size };
    } catch (err) {
      source.destroy();
      rmSync(tmpPath, { force: true });
      throw storageFullError(err, 'a part') ?? err;
    }
  }

  async open(sha256: string, range: ByteRange = {}): Promise<Readable> {
    const { size } = await this.stat(sha256);
    return createReadStream(this.pathOf(sha256), streamRange(sha256, size, range));
  }

  /**
   * Re-hashes the whole stored file, then streams the range from the same open file, so that
   * what is sent is what was hashed (issue 10, item 4). Costs one extra read of the part.
   */
  async openVerified(sha256: string, range: ByteRange = {}): Promise<Readable> {
    const path = this.pathOf(sha256);
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DamagedPartError(sha256, undefined, path);
      throw err;
    }
    try {
      const { size } = await handle.stat();
      const actual = await hashOpenFile(handle, size);
      if (actual !== sha256) throw new DamagedPartError(sha256, actual, path);
      return handle.createReadStream(streamRange(sha256, size, range)); // closes the handle when done
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async stat(sha256: string): Promise<BlobInfo> {
    const path = this.pathOf(sha256);
    try {
      const st = await stat(path);
      return { sha256, size: st.size };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new IpexError('BLOB_NOT_FOUND', `no stored part has SHA-256 ${sha256}`, { cause: err });
      }
      throw err;
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256Hex(sha256)) return false;
    try {
      await stat(this.pathOf(sha256));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async verify(sha256: string): Promise<boolean> {
    const stream = await this.open(sha256);
    const hash = createHash('sha256');
    for await (const chunk of stream) hash.update(chunk as Buffer);
    return hash.digest('hex') === sha256;
  }

  async *list(): AsyncIterable<BlobInfo> {
    for (const a of await subdirs(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue; // skips tmp/
      for (const b of await subdirs(join(this.root, a))) {
        const dir = await opendir(join(this.root, a, b));
        for await (const entry of dir) {
          if (!entry.isFile() || !isSha256Hex(entry.name) || !entry.name.startsWith(a + b)) continue;
          const st = await stat(join(this.root, a, b, entry.name));
          yield { sha256: entry.name, size: st.size };
        }
      }
    }
  }

  async probe(): Promise<void> {
    const bytes = randomBytes(16);
    const path = join(this.#tmp, `probe-${bytes.toString('hex')}.part`);
    await mkdir(this.#tmp, { recursive: true });
    try {
      await writeFile(path, bytes, { flag: 'wx' });
      if (!(await readFile(path)).equals(bytes)) throw new Error('the blob store gave back other bytes than were written');
    } finally {
      await rm(path, { force: true });
    }
  }

  /** Removes temporary files left by a crash during `put`; call at start-up, before any put. */
  async cleanTemp(): Promise<number> {
    let removed = 0;
    for (const name of await entries(this.#tmp)) {
      await rm(join(this.#tmp, name), { force: true });
      removed += 1;
    }
    return removed;
  }

  /**
   * Creates the temporary file of a put (and tmp/, the first time or if it was removed). On the
   * thread pool: creating an inode can cost a few hundred microseconds of kernel time.
   */
  async #createTemp(tmpPath: string): Promise<number> {
    if (!this.#tmpReady) {
      await mkdir(this.#tmp, { recursive: true });
      this.#tmpReady = true;
    }
    try {
      return await openFd(tmpPath, 'wx', 0o644);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(this.#tmp, { recursive: true }); // tmp/ was removed while the node ran
      return openFd(tmpPath, 'wx', 0o644);
    }
  }

  /**
   * Creates the `ab/cd` folders of a digest when missing and makes a new folder's entry in its
   * parent durable (mkdir creates inodes: thread pool, see fd-io.ts). Concurrent puts into the
   * same `ab/cd` share one preparation, so none goes on before the folder is durable.
   */
  #folders(sha256: string): Promise<void> {
    const second = join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
    let preparing = this.#preparing.get(second);
    if (preparing === undefined) {
      preparing = this.#prepareFolders(second).finally(() => this.#preparing.delete(second));
      this.#preparing.set(second, preparing);
    }
    return preparing;
  }

  async #prepareFolders(second: string): Promise<void> {
    const first = dirname(second);
    const created = await mkdir(second, { recursive: true });
    if (created === undefined) return;
    // `ab` may have been created by a concurrent put whose fsync of the root has not finished:
    // fsync the root too until an fsync of it is known to have covered `ab`.
    const known = this.#durableFirst.has(first);
    const parents = known ? [first] : [first, this.root];
    await Promise.all(parents.map((dir) => this.#dirs.sync(dir)));
    if (!known) this.#durableFirst.add(first);
  }

  /** Renames the fsynced temporary file to its digest name (folders already made) and fsyncs the folder. */
  async #place(tmpPath: string, sha256: string): Promise<void> {
    const final = this.pathOf(sha256);
    if (existsSync(final)) {
      // Same digest, same bytes: keep the one already stored. A concurrent put may have renamed it
      // without its folder fsync having finished yet: this put is answered only once the name it
      // relies on is durable too. The copy is removed on the thread pool meanwhile: unlinking a
      // file just fsynced costs the filesystem's journal a few hundred microseconds (a leftover
      // of a crash here is removed at the next start, cleanTemp).
      await Promise.all([unlink(tmpPath), this.#dirs.sync(dirname(final))]);
      return;
    }
    // Renaming over a concurrent put of the same bytes is harmless: the content is identical.
    // Lookups and the rename are synchronous (fd-io.ts); the fsync runs on the thread pool,
    // shared with concurrent puts into the same folder (coalesced-fsync.ts).
    renameSync(tmpPath, final);
    await this.#dirs.sync(dirname(final));
  }
}

/** The createReadStream range of an inclusive byte range of a part of `size` bytes. */
function streamRange(sha256: string, size: number, range: ByteRange): { start?: number; end?: number } {
  const start = range.start ?? 0;
  const end = range.end ?? size - 1;
  const valid = Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 &&
    (size === 0 && range.start === undefined && range.end === undefined ? true : start <= end && end < size);
  if (!valid) {
    throw new IpexError('BLOB_RANGE_INVALID', `range ${start}-${end} is outside the ${size} bytes of part ${sha256}`);
  }
  return size === 0 ? {} : { start, end };
}

/** SHA-256 of the first `size` bytes of an open file, read in large blocks at explicit positions. */
async function hashOpenFile(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  const block = Buffer.allocUnsafe(Math.min(Math.max(size, 1), 4 * 2 ** 20));
  for (let position = 0; position < size;) {
    const { bytesRead } = await handle.read(block, 0, Math.min(block.length, size - position), position);
    if (bytesRead === 0) break; // shorter than it was a moment ago: the digest will not match
    hash.update(block.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex');
}

function checkName(sha256: string): void {
  if (!isSha256Hex(sha256)) {
    throw new IpexError('INVALID_INPUT', 'a part digest must be 64 lower-case hexadecimal digits');
  }
}

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of await opendir(dir)) names.push(entry.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return names;
}

async function subdirs(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of await opendir(dir)) if (entry.isDirectory()) names.push(entry.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return names;
}
