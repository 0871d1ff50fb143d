/**
 * The two database engines of the storage contract, each able to open several connections to
 * one database (as several node processes do): SQLite files in a temp folder, and databases on a
 * throwaway PostgreSQL server (test/scale/servers/postgres.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type NodeDatabase } from '../../../node/storage/database.js';
import { PgDatabase } from '../../../node/storage/postgres/pg-database.js';
import { startPostgres, type PostgresServer } from '../servers/postgres.js';

export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty database; returns a function that opens a connection to it. */
  newDatabase(): () => NodeDatabase;
  stop(): void;
}

export function sqliteEngine(): Engine {
  const dir = mkdtempSync(join(tmpdir(), 'ipex-contract-'));
  let n = 0;
  return {
    name: 'sqlite',
    newDatabase() {
      const path = join(dir, `db${++n}.db`);
      return () => openDatabase(path);
    },
    stop: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function postgresEngine(): Promise<Engine & { readonly server: PostgresServer }> {
  const server = await startPostgres();
  return {
    name: 'postgres',
    server,
    newDatabase() {
      const url = server.createDatabase();
      const database = new URL(url).pathname.slice(1);
      return () => PgDatabase.connect({ host: server.host, port: server.port, user: server.user, password: server.password, database }, url);
    },
    stop: () => server.stop(),
  };
}
