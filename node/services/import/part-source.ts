/**
 * The bytes of an archive's part file for its deposit (`ipex import`, docs/importing.md). A part
 * no larger than SMALL_PART — a scanned page, the usual case — is read in one read(2) of the size
 * the check pass saw, plus one byte to see that the file did not grow: an open, one read and a
 * close instead of a stream's open, two reads, a copy and a close, each read a hop to the thread
 * pool and back (issue 15: the event loop is what limits an import). A larger part, or one whose
 * size changed since it was checked, is streamed as it is now, as before; either way the deposit
 * hashes and checks what it receives.
 */
import { closeSync, createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { openFd, readAt } from '../../storage/fd-io.js';

/** At most this many bytes are read whole. */
export const SMALL_PART = 256 * 1024;

/** A part file as a stream for the deposit; `size` is the size the check pass saw. */
export async function partSource(file: string, size: number): Promise<Readable> {
  if (size > SMALL_PART) return createReadStream(file, { highWaterMark: SMALL_PART });
  const fd = await openFd(file, 'r');
  let read: number;
  const bytes = Buffer.allocUnsafe(size + 1);
  try {
    read = await readAt(fd, bytes, 0);
  } finally {
    closeSync(fd);
  }
  if (read !== size) return createReadStream(file, { highWaterMark: SMALL_PART }); // changed since it was checked
  return Readable.from([bytes.subarray(0, size)]);
}
