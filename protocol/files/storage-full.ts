/**
 * A full disk, as the operating system reports it: ENOSPC (no space left on the device) or
 * EDQUOT (the user's disk quota is used up). Both mean the same to ipex: nothing was stored, and
 * the same write succeeds once space is freed. Named STORAGE_FULL wherever ipex writes files
 * (the blob store, downloads of parts), instead of an internal error or a network failure.
 */
import { IpexError } from '../errors/index.js';

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/** True when `err` is the operating system's "disk full" (ENOSPC, EDQUOT). */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && DISK_FULL.has(code);
}

/** STORAGE_FULL for a full disk met while writing `what`; undefined for any other error. */
export function storageFullError(err: unknown, what = 'a file'): IpexError | undefined {
  if (!isDiskFull(err)) return undefined;
  return new IpexError('STORAGE_FULL', storageFullMessage(what, (err as { code: string }).code), { cause: err });
}

/** What a person reads: what could not be written, why, and what to do. */
export function storageFullMessage(what: string, cause: string): string {
  return `the disk is full (${cause}) while writing ${what}: nothing was stored. Free space on the disk of the data folder, ` +
    'then try again; reads go on meanwhile';
}
