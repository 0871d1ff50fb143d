/**
 * File-descriptor I/O for the blob store's hot path (issue 5), on plain descriptors (no
 * FileHandle objects). What can take the kernel long runs on libuv's thread pool: write, fsync,
 * and creating an inode (open with O_CREAT, mkdir: measured at 0.2–0.4 ms of kernel time on
 * ext4). Lookups, close and rename of an existing entry are made synchronously by the callers:
 * a few microseconds of kernel work, less than handing them to the pool and waking the event
 * loop when they are done, and a bulk deposit makes a dozen of them per part.
 */
import { fsync, open, read, write, type Mode, type OpenMode } from 'node:fs';

/** Writes all of `bytes` at the file position of `fd`. */
export async function writeAll(fd: number, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) offset += await writeSome(fd, bytes, offset);
}

function writeSome(fd: number, bytes: Uint8Array, offset: number): Promise<number> {
  return new Promise((resolve, reject) => {
    write(fd, bytes, offset, bytes.length - offset, null, (err, written) => (err === null ? resolve(written) : reject(err)));
  });
}

/** fsync(2) of `fd` on the thread pool. */
export function fsyncFd(fd: number): Promise<void> {
  return new Promise((resolve, reject) => {
    fsync(fd, (err) => (err === null ? resolve() : reject(err)));
  });
}

/** open(2) on the thread pool; resolves with the descriptor. */
export function openFd(path: string, flags: OpenMode, mode?: Mode): Promise<number> {
  return new Promise((resolve, reject) => {
    open(path, flags, mode, (err, fd) => (err === null ? resolve(fd) : reject(err)));
  });
}

/** read(2) at `position` on the thread pool; resolves with the bytes read (0 at end of file). */
export function readAt(fd: number, into: Uint8Array, position: number): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, into, 0, into.length, position, (err, bytesRead) => (err === null ? resolve(bytesRead) : reject(err)));
  });
}
