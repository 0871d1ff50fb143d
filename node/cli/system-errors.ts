/**
 * Node system errors that escape a command (ENOENT, EACCES, EEXIST, EISDIR, …), as registry codes
 * with a message that names the path and what to do. Commands check the files they are given
 * first (file-options.ts); this is the net under them.
 */
import { IpexError } from '../../protocol/errors/index.js';
import { storageFault } from '../storage/storage-faults.js';

/**
 * Maps a Node system error that escaped a command into a registry code with a plain message. Some
 * system errors carry no path (a read of a folder fails after its open succeeded): the message
 * then says what happened in the error's own words rather than pointing at an unknown file.
 */
export function translateSystemError(err: unknown): IpexError {
  const fault = storageFault(err); // a full disk, a corrupt database: the storage's own codes
  if (fault !== undefined) return fault;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const path = (err as NodeJS.ErrnoException | undefined)?.path;
  const said = (err as Error | undefined)?.message ?? String(err);
  const what = path ?? `(${said})`;
  if (code === 'ENOENT') return new IpexError('FILE_NOT_FOUND', `no such file or folder: ${what}`, { cause: err });
  if (code === 'EACCES' || code === 'EPERM') return new IpexError('FILE_UNREADABLE', `permission denied: ${what}; check the owner and mode`, { cause: err });
  if (code === 'EEXIST') {
    const exists = path === undefined ? said : `${path} already exists`;
    return new IpexError('ALREADY_EXISTS', `${exists}, and ipex never overwrites: choose a new path, or move the old one away first`, { cause: err });
  }
  if (code === 'EISDIR') return new IpexError('FILE_UNREADABLE', `a folder was given where a file is needed: ${what}`, { cause: err });
  if (code === 'ENOTDIR') return new IpexError('FILE_UNREADABLE', `a file was given where a folder is needed: ${what}`, { cause: err });
  return new IpexError('INTERNAL', `unexpected error: ${said}`, { cause: err });
}
