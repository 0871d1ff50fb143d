/**
 * Faults of the disk and of SQLite under the node's storage, named with registry codes
 * (docs/operations.md): a full disk (ENOSPC, EDQUOT, SQLite's SQLITE_FULL) is STORAGE_FULL, a
 * damaged database file (SQLite's SQLITE_CORRUPT or SQLITE_NOTADB) is DATABASE_CORRUPT. Every
 * layer that meets a raw error from storage (the start of a node, the command line, the HTTP
 * error handler, the audit log, the retrieval worker) asks here, so that one fault gets one code
 * and the remedy with it, never INTERNAL with a stack trace.
 */
import { IpexError } from '../../protocol/errors/index.js';
import { storageFullError, storageFullMessage } from '../../protocol/files/storage-full.js';

/** The registry error for a raw storage failure, or undefined when `err` is not one. */
export function storageFault(err: unknown, database = 'the node database'): IpexError | undefined {
  if (err instanceof IpexError) return undefined;
  const code = (err as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL') return new IpexError('STORAGE_FULL', storageFullMessage(database, code), { cause: err });
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new IpexError('DATABASE_CORRUPT', databaseCorrupt(database, (err as Error).message), { cause: err });
  }
  return storageFullError(err);
}

/** The message of DATABASE_CORRUPT: what SQLite found and what staff do about it. */
export function databaseCorrupt(database: string, found: string): string {
  return `${database} is damaged (${found}); it was left as it is. Stop the node, move the data folder aside and restore ` +
    'the latest backup: `ipex restore --from BACKUP --data DIR` (docs/operations.md, "A damaged database")';
}
