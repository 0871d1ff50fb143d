/**
 * A node's whole metadata copied from one engine into the other, and proved (issue 13):
 *
 * - into PostgreSQL (`ipex migrate`, `ipex restore` into PostgreSQL): the target must hold no ipex
 *   table; the schema at the source's version, every row and the generated-id sequences go in
 *   ONE transaction, and the proof — every table's row count, and the audit log's root at its
 *   size recomputed from the copied entries equal to the source's — runs inside it, before the
 *   COMMIT. A copy that fails, does not match, or whose process is killed is rolled back by the
 *   server: the target is left empty, as it was, and the command can simply run again.
 * - out of PostgreSQL into an SQLite file (`ipex backup` of a node on PostgreSQL): one
 *   REPEATABLE READ, READ ONLY transaction gives a consistent snapshot while the node's processes
 *   keep writing (it takes no lock), and the copy is proved against it the same way.
 */
import { IpexError } from '../../protocol/errors/index.js';
import type { Progress } from './backup-manifest.js';
import { provenAuditHead, type AuditHead } from './audit-proof.js';
import type { SqliteConnection } from './database.js';
import { loadMigrations, migrate, schemaVersion } from './migrations.js';
import type { PgDatabase } from './postgres/pg-database.js';
import { advanceIdentities, checkCounts, checkSameColumns, copyTables, countRows, nodeTables, type NodeTable } from './table-copy.js';

export interface CopiedDatabase {
  readonly schemaVersion: number;
  readonly tables: number;
  readonly rows: number;
  readonly audit: AuditHead;
}

/** Refuses a PostgreSQL database that already holds schema_migrations or any of `tables`. */
export function expectEmptyPostgres(pg: PgDatabase, tables: readonly NodeTable[]): void {
  const ours = new Set(['schema_migrations', ...tables.map((t) => t.name)]);
  const found = (pg.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]).filter((name) => ours.has(name)).sort();
  if (found.length > 0) {
    throw new IpexError('TARGET_DATABASE_NOT_EMPTY', `PostgreSQL database ${pg.name} already holds ipex tables (${found.slice(0, 4).join(', ')}${found.length > 4 ? ', …' : ''}); nothing was copied. ` +
      'Give a new, empty database (createdb -O USER NAME)');
  }
}

/**
 * Copies every row of the SQLite database `source` (which nothing writes meanwhile, or which the
 * caller holds in a read transaction) into the empty PostgreSQL database `target`, and proves it.
 */
export function copyIntoPostgres(source: SqliteConnection, target: PgDatabase, progress: Progress): CopiedDatabase {
  const version = schemaVersion(source);
  const tables = nodeTables(source);
  expectEmptyPostgres(target, tables);
  const audit = provenAuditHead(source, `the SQLite database ${source.name}`);
  const counts = new Map(tables.map((t) => [t.name, countRows(source, t.name)]));
  const rows = [...counts.values()].reduce((a, b) => a + b, 0);
  progress(`source: schema version ${version}, ${tables.length} tables, ${rows} rows, an audit log of ${audit.size} entries (root ${audit.root})`);
  target.transaction(() => {
    progress(`creating the schema in ${target.name}`);
    migrate(target, { upTo: version });
    for (const table of tables) checkSameColumns(target, table);
    copyTables(source, target, tables, progress);
    advanceIdentities(target);
    progress('proving the copy before it is committed: row counts, and the audit log root recomputed from the copied entries');
    checkCounts(target, counts, target.name);
    proveSameHead(audit, provenAuditHead(target, target.name), target.name);
  })();
  progress(`committed: ${rows} rows in ${target.name}, the audit log root at size ${audit.size} is ${audit.root} as in the source`);
  return { schemaVersion: version, tables: tables.length, rows, audit };
}

/**
 * Copies every row of the PostgreSQL database `source`, from one consistent snapshot, into the
 * new SQLite database `target` (same schema version), and proves the copy against the snapshot.
 */
export function copyFromPostgres(source: PgDatabase, target: SqliteConnection, progress: Progress): CopiedDatabase {
  const version = schemaVersion(source);
  const known = loadMigrations().length;
  if (version > known) {
    throw new IpexError('SCHEMA_TOO_NEW', `PostgreSQL database ${source.name} has schema version ${version}, this release knows only up to ${known}: back it up with the release that runs the node`);
  }
  migrate(target, { upTo: version });
  const tables = nodeTables(target);
  source.request([{ sql: 'BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY' }], false);
  let counts: Map<string, number>;
  try {
    for (const table of tables) checkSameColumns(source, table);
    counts = new Map(tables.map((t) => [t.name, countRows(source, t.name)]));
    target.transaction(() => copyTables(source, target, tables, progress))();
  } finally {
    source.request([{ sql: 'COMMIT' }], false);
  }
  checkCounts(target, counts, 'the copy');
  const audit = provenAuditHead(target, 'the copy of the database');
  return { schemaVersion: version, tables: tables.length, rows: [...counts.values()].reduce((a, b) => a + b, 0), audit };
}

/** MIGRATE_PROOF_FAILED unless `copy` is the log head of `original`. */
export function proveSameHead(original: AuditHead, copy: AuditHead, where: string): void {
  if (copy.size !== original.size || copy.root !== original.root) {
    throw new IpexError('MIGRATE_PROOF_FAILED', `the audit log in ${where} has ${copy.size} entries with root ${copy.root}, the source ${original.size} with root ${original.root}`);
  }
}
