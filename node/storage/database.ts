/**
 * Opens the node's SQLite database (better-sqlite3) with the settings docs/design.md §8 relies on:
 * WAL journal (readers never block the writer, online backup works while the node runs),
 * synchronous=FULL (a committed transaction survives a power cut, not only a process crash),
 * foreign keys enforced, and a busy timeout so that a short lock held by a backup or a second
 * reader waits instead of failing. A caller's `check` runs before the first pragma that can write
 * to the file (switching to WAL), so a damaged database is refused as it was found.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import { storageFault } from './storage-faults.js';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Open read-only; the file must exist. Used by backup verification and inspection tools. */
  readonly readonly?: boolean;
  /** How long a statement waits for a lock before failing, in milliseconds. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Runs on the new connection before anything could write to the file; throws to refuse it. */
  readonly check?: (db: SqliteDatabase) => void;
}

/**
 * Opens (creating when needed, unless read-only) the database at `path` and applies the
 * connection pragmas. Fails with DATABASE_CORRUPT when the file is not a SQLite database or is
 * damaged where SQLite reads it first, DATABASE_UNAVAILABLE when it cannot be opened or WAL mode
 * cannot be set.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  const readonly = options.readonly === true;
  if (readonly && !existsSync(path)) {
    throw new IpexError('DATABASE_UNAVAILABLE', `database ${path} does not exist`);
  }
  let db: SqliteDatabase;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (err) {
    throw storageFault(err, `database ${path}`) ??
      new IpexError('DATABASE_UNAVAILABLE', `cannot open database ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    applyPragmas(db, readonly, options.busyTimeoutMs ?? 5000, options.check);
  } catch (err) {
    db.close();
    if (err instanceof IpexError) throw err;
    throw storageFault(err, `database ${path}`) ??
      new IpexError('DATABASE_UNAVAILABLE', `cannot use database ${path}: ${(err as Error).message}`, { cause: err });
  }
  return db;
}

function applyPragmas(db: SqliteDatabase, readonly: boolean, busyTimeoutMs: number, check: OpenDatabaseOptions['check']): void {
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  check?.(db);
  if (!readonly) {
    // Also reads the header: a file that is not SQLite fails here, not on first use.
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (String(mode).toLowerCase() !== 'wal') {
      throw new IpexError('DATABASE_UNAVAILABLE', `the database refused WAL mode (got ${String(mode)})`);
    }
  } else {
    db.pragma('schema_version', { simple: true });
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}
