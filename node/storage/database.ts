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

/**
 * What the services use of a database connection: the synchronous API of better-sqlite3, which
 * its Database satisfies as it is and PgDatabase (postgres/pg-database.ts) implements over a
 * synchronous channel to PostgreSQL (docs/architecture.md "PostgreSQL"). Statements are written
 * in SQLite's dialect; PgDatabase translates them (postgres/pg-dialect.ts).
 */
export interface NodeDatabase {
  prepare(sql: string): NodeStatement;
  exec(sql: string): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- better-sqlite3's own bound: any arguments
  transaction<F extends (...params: any[]) => unknown>(fn: F): Database.Transaction<F>;
  /** SQLite pragmas; on PostgreSQL only what the storage layer asks (postgres/pg-database.ts). */
  pragma(source: string, options?: { simple?: boolean }): unknown;
  function(name: string, options: { deterministic?: boolean }, fn: (value: unknown) => unknown): unknown;
  close(): unknown;
  readonly inTransaction: boolean;
  readonly open: boolean;
  readonly memory: boolean;
  readonly readonly: boolean;
  /** The file (SQLite) or the postgres:// URL without its password. */
  readonly name: string;
}

export interface NodeRunResult {
  readonly changes: number;
  readonly lastInsertRowid: number | bigint;
}

export interface NodeStatement {
  run(...params: unknown[]): NodeRunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  pluck(toggle?: boolean): this;
  raw(toggle?: boolean): this;
  readonly reader: boolean;
}

/**
 * The node's database connection, SQLite or PostgreSQL. The name is older than PostgreSQL
 * support and kept so that the services' imports stay as they are.
 */
export type SqliteDatabase = NodeDatabase;

/** A better-sqlite3 connection itself (backup, integrity checks: SQLite only). */
export type SqliteConnection = Database.Database;

export interface OpenDatabaseOptions {
  /** Open read-only; the file must exist. Used by backup verification and inspection tools. */
  readonly readonly?: boolean;
  /** How long a statement waits for a lock before failing, in milliseconds. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Runs on the new connection before anything could write to the file; throws to refuse it. */
  readonly check?: (db: SqliteConnection) => void;
}

/**
 * Opens (creating when needed, unless read-only) the database at `path` and applies the
 * connection pragmas. Fails with DATABASE_CORRUPT when the file is not a SQLite database or is
 * damaged where SQLite reads it first, DATABASE_UNAVAILABLE when it cannot be opened or WAL mode
 * cannot be set.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): SqliteConnection {
  const readonly = options.readonly === true;
  if (readonly && !existsSync(path)) {
    throw new IpexError('DATABASE_UNAVAILABLE', `database ${path} does not exist`);
  }
  let db: SqliteConnection;
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

function applyPragmas(db: SqliteConnection, readonly: boolean, busyTimeoutMs: number, check: OpenDatabaseOptions['check']): void {
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
  // Savepoint journals in memory (issue 14): every piece of a group commit runs in a savepoint,
  // and SQLite keeps the page images it would restore in a temporary file once they pass 64 KiB
  // (SQLITE_STMTJRNL_SPILL) — ~124 KB and ~50 write(2) calls per bulk-deposited document, on the
  // event loop, for a file nobody reads unless the savepoint rolls back. Temporary tables and
  // sort spills, which the node's queries do not make large, are held in memory too.
  db.pragma('temp_store = MEMORY');
}
