/**
 * Copying a node's metadata between its two engines, row by row (issue 13: `ipex migrate` from
 * SQLite into PostgreSQL, `ipex backup` of a node on PostgreSQL into an SQLite file, `ipex
 * restore` of either into PostgreSQL). Both engines hold the same tables with the same columns
 * (the two dialects of each migration, node/storage/migrations/), so a row is copied as the
 * values of its columns, by name. The SQLite side knows the schema (table_info,
 * foreign_key_list) and is always one of the two, so it lists the tables and orders them: a
 * table comes after every table its foreign keys name, so every row finds what it points at.
 *
 * Rows are read in primary-key order (the audit log must arrive in index order: its insert
 * trigger refuses gaps) and streamed: SQLite through an iterator, PostgreSQL through a cursor in
 * the caller's transaction; written in batches (one multi-row INSERT per batch into PostgreSQL,
 * one prepared statement per row into SQLite inside the caller's transaction).
 */
import { IpexError } from '../../protocol/errors/index.js';
import type { Progress } from './backup-manifest.js';
import type { SqliteConnection, SqliteDatabase } from './database.js';
import { PgDatabase } from './postgres/pg-database.js';

export interface NodeTable {
  readonly name: string;
  readonly columns: readonly string[];
  /** Primary-key columns in key order; empty for an SQLite rowid table without a declared key. */
  readonly key: readonly string[];
}

export type Row = readonly unknown[];

/** The node's tables (not schema_migrations, not SQLite's own), parents before children. */
export function nodeTables(sqlite: SqliteConnection): NodeTable[] {
  const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'schema_migrations' ORDER BY name").pluck().all() as string[];
  const parents = new Map(names.map((name) => [name, sqlite.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(name) as string[]]));
  const ordered: NodeTable[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new IpexError('INTERNAL', `the foreign keys of table ${name} form a cycle; its rows cannot be copied in order`);
    state.set(name, 'visiting');
    for (const parent of parents.get(name) ?? []) if (parent !== name) visit(parent);
    state.set(name, 'done');
    const info = sqlite.prepare('SELECT name, pk FROM pragma_table_info(?) ORDER BY cid').all(name) as { name: string; pk: number }[];
    const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    ordered.push({ name, columns: info.map((c) => c.name), key });
  };
  for (const name of names) visit(name);
  return ordered;
}

/** Refuses a PostgreSQL database whose table has other columns than the SQLite one (the dialects of a migration disagree). */
export function checkSameColumns(pg: PgDatabase, table: NodeTable): void {
  const columns = pg.request([{ sql: 'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1', params: [table.name] }], false)
    .rows.map((r) => (r as { column_name: string }).column_name).sort();
  const expected = [...table.columns].sort();
  if (columns.join(',') !== expected.join(',')) {
    throw new IpexError('MIGRATION_INVALID', `table ${table.name} has columns (${columns.join(', ')}) in PostgreSQL but (${expected.join(', ')}) in SQLite: the two forms of a migration disagree`);
  }
}

/** Number of rows of `table` as `db` sees it (its open transaction included). */
export function countRows(db: SqliteDatabase, table: string): number {
  return Number(db.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)}`).pluck().get());
}

/** The rows of `table` in key order, `columns` order, in batches. */
export function* readRows(db: SqliteDatabase | SqliteConnection, table: NodeTable, batch = 500): Generator<Row[]> {
  const list = table.columns.map(quote).join(', ');
  const order = table.key.length > 0 ? table.key.map(quote).join(', ') : db instanceof PgDatabase ? list : 'rowid';
  const sql = `SELECT ${list} FROM ${quote(table.name)} ORDER BY ${order}`;
  if (db instanceof PgDatabase) {
    // A cursor of the caller's transaction: one batch in memory at a time, all of one snapshot.
    db.request([{ sql: `DECLARE ipex_copy NO SCROLL CURSOR FOR ${sql}` }], false);
    try {
      for (;;) {
        const rows = db.request([{ sql: `FETCH ${batch} FROM ipex_copy`, params: [], array: true }], false).rows as Row[];
        if (rows.length === 0) return;
        yield rows;
      }
    } finally {
      db.request([{ sql: 'CLOSE ipex_copy' }], false);
    }
  }
  const statement = (db as SqliteConnection).prepare(sql).raw(true);
  statement.safeIntegers(true); // every integer as it is stored, beyond 2^53 too
  let rows: Row[] = [];
  for (const row of statement.iterate() as IterableIterator<Row>) {
    rows.push(row);
    if (rows.length === batch) {
      yield rows;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

/** Writes rows of `table` into `db` (which must be in a transaction); returns a function per batch. */
export function rowWriter(db: SqliteDatabase | SqliteConnection, table: NodeTable): (rows: readonly Row[]) => void {
  const columns = table.columns.map(quote).join(', ');
  if (db instanceof PgDatabase) {
    const width = table.columns.length;
    return (rows) => {
      // At most 65535 parameters per statement: split a batch of wide rows.
      const per = Math.max(1, Math.floor(30_000 / width));
      for (let start = 0; start < rows.length; start += per) {
        const chunk = rows.slice(start, start + per);
        const values = chunk.map((_, r) => `(${table.columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`).join(', ');
        const params = chunk.flatMap((row) => row.map((v) => (typeof v === 'bigint' ? v.toString() : v)));
        db.request([{ sql: `INSERT INTO ${quote(table.name)} (${columns}) VALUES ${values}`, params }], false);
      }
    };
  }
  const insert = (db as SqliteConnection).prepare(`INSERT INTO ${quote(table.name)} (${columns}) VALUES (${table.columns.map(() => '?').join(', ')})`);
  return (rows) => {
    for (const row of rows) insert.run(...row);
  };
}

/**
 * Copies every row of `tables` from `from` into `to` (both inside the caller's transactions);
 * returns the rows copied per table. Progress: one line per table, with its rows and rate.
 */
export function copyTables(from: SqliteDatabase | SqliteConnection, to: SqliteDatabase | SqliteConnection, tables: readonly NodeTable[], progress: Progress): Map<string, number> {
  const copied = new Map<string, number>();
  let total = 0;
  const began = performance.now();
  for (const [i, table] of tables.entries()) {
    const write = rowWriter(to, table);
    const start = performance.now();
    let count = 0;
    for (const rows of readRows(from, table)) {
      write(rows);
      count += rows.length;
      if (count % 50_000 < rows.length) progress(`  ${table.name}: ${count} rows so far`);
    }
    copied.set(table.name, count);
    total += count;
    if (count > 0) progress(`copied table ${i + 1} of ${tables.length}, ${table.name}: ${count} rows${rate(count, performance.now() - start)}`);
  }
  progress(`copied ${total} rows of ${tables.length} tables${rate(total, performance.now() - began)}`);
  return copied;
}

/**
 * After rows were copied with their ids into PostgreSQL: moves each generated-id column's
 * sequence past the highest id, so that the next row the node inserts gets a new one.
 */
export function advanceIdentities(pg: PgDatabase): void {
  const columns = pg.request([{ sql: "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'" }], false)
    .rows as { table_name: string; column_name: string }[];
  for (const { table_name: table, column_name: column } of columns) {
    pg.request([{
      sql: `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(${quote(column)}), 1), MAX(${quote(column)}) IS NOT NULL) FROM ${quote(table)}`,
      params: [quote(table), column],
    }], false);
  }
}

/** Refuses a copy whose row counts differ from the source's, table by table. */
export function checkCounts(db: SqliteDatabase, expected: ReadonlyMap<string, number>, where: string): void {
  for (const [table, count] of expected) {
    const found = countRows(db, table);
    if (found !== count) throw new IpexError('MIGRATE_PROOF_FAILED', `table ${table} has ${found} rows in ${where}, but ${count} were copied`);
  }
}

function rate(count: number, ms: number): string {
  return ms < 1 || count === 0 ? '' : ` (${Math.round(count / (ms / 1000))} rows/s)`;
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
