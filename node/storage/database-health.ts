/**
 * Is a database file sound enough to write to? Asked once when a node (or a command) opens its
 * database, before anything could write to it: migrations, `CREATE TABLE IF NOT EXISTS` and
 * switching to WAL all write, and writing to a damaged file can make the damage worse or hide it
 * (issue 10, item 2). A full integrity check reads every page, too slow for every start of a
 * large database (docs/benchmarks.md: start-up under 1 s). So the check is cheap and targeted:
 *
 * - reading the schema (sqlite_master) and the `schema_migrations` rows touches the first pages
 *   of the file, where SQLite keeps what everything else depends on; an unreadable page there is
 *   SQLite's own SQLITE_CORRUPT or SQLITE_NOTADB;
 * - every migration row must be one a release could have written: versions 1, 2, 3… without a
 *   gap, a kebab-case name, a SHA-256 and an ISO time. Damage inside that table (the defect of
 *   issue 10: 16 bytes overwritten at offset 4104 read back as "version 0, name null") breaks
 *   this, where it used to pass as a schema "too new";
 * - only when something looks wrong, `PRAGMA quick_check` names the damage (O(pages), but
 *   only on a database already known to be in trouble).
 *
 * Damage elsewhere in the file is found when it is read: SQLite reports it, and the node answers
 * DATABASE_CORRUPT (storage-faults.ts). The audit log checks its own tree at start
 * (AuditLog.checkIntegrity).
 */
import { IpexError } from '../../protocol/errors/index.js';
import type { SqliteDatabase } from './database.js';
import { databaseCorrupt, storageFault } from './storage-faults.js';

const NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SHA256 = /^[0-9a-f]{64}$/;
const QUICK_CHECK_LINES = 5;

/** A row of `schema_migrations` as read, before it is trusted. */
export interface MigrationRecord {
  readonly version: unknown;
  readonly name: unknown;
  readonly sha256: unknown;
  readonly applied_at: unknown;
}

/**
 * Refuses a database that is not sound, writing nothing.
 *
 * @throws IpexError DATABASE_CORRUPT naming what was found, with the remedy.
 */
export function checkDatabaseSound(db: SqliteDatabase, database = 'the node database'): void {
  try {
    const problem = schemaRecordProblem(db);
    if (problem === undefined) return;
    const damage = quickCheck(db);
    throw new IpexError('DATABASE_CORRUPT', databaseCorrupt(database, damage ?? problem));
  } catch (err) {
    throw storageFault(err, database) ?? err;
  }
}

/** What is wrong with the `position`-th (0-based) migration row, or undefined when it is well formed. */
export function migrationRecordProblem(row: MigrationRecord, position: number): string | undefined {
  const where = `schema_migrations row ${position + 1}`;
  if (row.version !== position + 1) return `${where} has version ${String(row.version)}, expected ${position + 1}`;
  if (typeof row.name !== 'string' || !NAME.test(row.name)) return `${where} has no valid migration name`;
  if (typeof row.sha256 !== 'string' || !SHA256.test(row.sha256)) return `${where} has no valid SHA-256`;
  if (typeof row.applied_at !== 'string' || Number.isNaN(Date.parse(row.applied_at))) return `${where} has no valid time`;
  return undefined;
}

function schemaRecordProblem(db: SqliteDatabase): string | undefined {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  if (!tables.includes('schema_migrations')) return undefined; // a new database, or not one of ours
  const rows = db.prepare('SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version').all() as MigrationRecord[];
  if (rows.length === 0 && tables.length > 1) return 'the database has tables but no applied migration';
  for (const [i, row] of rows.entries()) {
    const problem = migrationRecordProblem(row, i);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The first lines of `PRAGMA quick_check`, or undefined when it finds nothing. */
function quickCheck(db: SqliteDatabase): string | undefined {
  const lines = (db.pragma(`quick_check(${QUICK_CHECK_LINES})`) as { quick_check: string }[]).map((r) => r.quick_check);
  if (lines.length === 1 && lines[0] === 'ok') return undefined;
  return `quick_check: ${lines.join('; ').replace(/\s+/g, ' ').slice(0, 500)}`;
}
