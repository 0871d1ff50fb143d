/**
 * Numbered schema migrations (docs/design.md §8). Each change to the database is a file
 * `migrations/NNN-name.sql`, applied once, in order, each inside its own transaction together
 * with its row in `schema_migrations(version, name, sha256, applied_at)`. A migration either
 * lands whole or not at all. The recorded SHA-256 lets the node notice an applied migration
 * whose file was edited afterwards (MIGRATION_TAMPERED): the database would no longer match what
 * a fresh install builds. A database that has versions this code does not know was migrated by a
 * newer release (SCHEMA_TOO_NEW); the node refuses it rather than guess. A row no release could
 * have written (version 0, no name) is damage, not a newer schema (DATABASE_CORRUPT).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { systemClock, type Clock } from '../../protocol/runtime/clock.js';
import { INSTALL_ROOT } from '../config/install-root.js';
import type { SqliteDatabase } from './database.js';
import { migrationRecordProblem } from './database-health.js';
import { databaseCorrupt } from './storage-faults.js';
import { PgDatabase } from './postgres/pg-database.js';

/** The folder of the migrations shipped with this release (the SQL stays beside the sources). */
export const MIGRATIONS_DIR = join(INSTALL_ROOT, 'node', 'storage', 'migrations');

/** The PostgreSQL dialect of the same migrations: one file per number, the same names. */
export const POSTGRES_MIGRATIONS_DIR = join(MIGRATIONS_DIR, 'postgres');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /** Hex SHA-256 of the file bytes. */
  readonly sha256: string;
}

export interface MigrateOptions {
  /** Folder of `NNN-name.sql` files; defaults to the shipped migrations of the database's engine. */
  readonly dir?: string;
  /** Time source for `applied_at`. */
  readonly clock?: Clock;
  /** Apply no migration above this version (a copy of a database made at that version: backup, restore). */
  readonly upTo?: number;
}

export interface MigrateResult {
  /** Versions applied by this call, in order. */
  readonly applied: readonly number[];
  /** The schema version after the call. */
  readonly version: number;
}

const FILE_NAME = /^(\d{3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.sql$/;

/** Reads and orders the migration files of `dir`; refuses misnamed or duplicate versions. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations: Migration[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (!entry.endsWith('.sql')) continue;
    const match = FILE_NAME.exec(entry);
    if (!match) throw new IpexError('MIGRATION_INVALID', `migration file ${entry} is not named NNN-kebab-name.sql`);
    const bytes = readFileSync(join(dir, entry));
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      sql: bytes.toString('utf8'),
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new IpexError('MIGRATION_INVALID', `migration ${file(m)} breaks the sequence: expected version ${pad(i + 1)}`);
    }
  });
  return migrations;
}

/**
 * Brings the database to the newest schema. Checks every already applied migration against its
 * file first, so that nothing is applied on top of a schema that is not what it claims to be.
 */
export function migrate(db: SqliteDatabase, options: MigrateOptions = {}): MigrateResult {
  const clock = options.clock ?? systemClock;
  const migrations = loadMigrations(options.dir ?? (db instanceof PgDatabase ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR));
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY NOT NULL,
    name       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = appliedMigrations(db);
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const [i, row] of applied.entries()) {
    const problem = migrationRecordProblem(row, i);
    if (problem !== undefined) throw new IpexError('DATABASE_CORRUPT', databaseCorrupt('the node database', problem));
    const m = known.get(row.version);
    if (!m) {
      throw new IpexError('SCHEMA_TOO_NEW',
        `the database has schema version ${row.version} (${row.name}) but this release knows only up to ${migrations.length}: ` +
        'a newer ipex release migrated it. Run that release again, or stop the node, move the data folder aside and restore ' +
        'a backup taken before the upgrade: `ipex restore --from BACKUP --data DIR` (docs/operations.md)');
    }
    if (m.sha256 !== row.sha256 || m.name !== row.name) {
      throw new IpexError('MIGRATION_TAMPERED',
        `migration ${file(m)} differs from the one applied to this database on ${row.applied_at}`);
    }
  }
  const done = new Set(applied.map((r) => r.version));
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  const applying = db.prepare('SELECT sha256 FROM schema_migrations WHERE version = ?');
  const newlyApplied: number[] = [];
  for (const m of migrations) {
    if (options.upTo !== undefined && m.version > options.upTo) break;
    if (done.has(m.version)) continue;
    // Read again under the write lock: another process on the same PostgreSQL database may have
    // applied it since (several node processes starting at once).
    const apply = db.transaction(() => {
      const meanwhile = applying.get(m.version) as { sha256: string } | undefined;
      if (meanwhile !== undefined) return meanwhile.sha256 === m.sha256 ? false : 'tampered';
      db.exec(m.sql);
      insert.run(m.version, m.name, m.sha256, clock.now().toISOString());
      return true;
    });
    let applied: boolean | 'tampered';
    try {
      applied = apply.immediate();
    } catch (err) {
      throw new IpexError('MIGRATION_INVALID', `migration ${file(m)} failed: ${(err as Error).message}`, { cause: err });
    }
    if (applied === 'tampered') throw new IpexError('MIGRATION_TAMPERED', `migration ${file(m)} differs from the one another process applied to this database`);
    if (applied) newlyApplied.push(m.version);
  }
  return { applied: newlyApplied, version: schemaVersion(db) };
}

/** The highest applied migration version, 0 for a database never migrated. */
export function schemaVersion(db: SqliteDatabase): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!exists) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

interface AppliedRow {
  readonly version: number;
  readonly name: string;
  readonly sha256: string;
  readonly applied_at: string;
}

function appliedMigrations(db: SqliteDatabase): AppliedRow[] {
  return db.prepare('SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version').all() as AppliedRow[];
}

function pad(version: number): string {
  return String(version).padStart(3, '0');
}

function file(m: Migration): string {
  return `${pad(m.version)}-${m.name}.sql`;
}
