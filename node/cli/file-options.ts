/**
 * Files and folders named on the command line. Each is checked before any work starts, so that a
 * missing file, a folder given as a file, or an output that already exists is one clear error
 * that names the option it came from — not a system error from deep inside a command, after part
 * of the work was done.
 */
import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';

/** Checks that `path` is a readable file; `what` names where it came from, e.g. `--part`. */
export function requireInputFile(path: string, what: string): void {
  const stats = statInput(path, what);
  if (stats.isDirectory()) {
    throw new IpexError('FILE_UNREADABLE', `${what} ${path} is a folder; give a file`);
  }
  if (!stats.isFile()) throw new IpexError('FILE_UNREADABLE', `${what} ${path} is not a regular file`);
}

/** Reads a file named on the command line, after the checks of {@link requireInputFile}. */
export function readInputFile(path: string, what: string): Buffer {
  requireInputFile(path, what);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new IpexError('FILE_UNREADABLE', `${what} ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { cause: err });
  }
}

/** Checks that the output `path` does not exist yet: ipex never overwrites what it wrote before. */
export function requireNewPath(path: string, what: string): void {
  if (existsSync(path)) {
    throw new IpexError('ALREADY_EXISTS', `${what} ${path} already exists, and ipex never overwrites: give a path that does not exist yet, or move ${path} away first`);
  }
}

function statInput(path: string, what: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new IpexError('FILE_NOT_FOUND', `${what} ${path}: no such file`, { cause: err });
    throw new IpexError('FILE_UNREADABLE', `${what} ${path} cannot be read (${code ?? 'error'})`, { cause: err });
  }
}
