/**
 * Opens the database of an initialised data folder, brought up to the current schema — for the
 * node at start and for commands that work on a node's data (tokens, deposits, audit export)
 * while it runs or while it is stopped.
 *
 * Nothing is written to the database before it is known to be sound (database-health.ts): a
 * damaged file is refused as it was found (issue 10, item 2). When a WAL file is there (a node
 * runs, or one was killed), the check runs on a read-only connection, which neither writes to
 * the database nor checkpoints or removes the WAL, and the node's connection is opened after
 * it. Without a WAL file the check runs on the node's own connection before its first write;
 * closing it after a refusal removes the empty WAL and index files SQLite made on opening.
 *
 * Nor does a data folder that had a database ever begin again with an empty one (issue 10,
 * item 3): the database must be the one the folder's marker names (database-marker.ts).
 *
 * With `storage.database` a postgres:// URL the database is that server's (postgres/): the same
 * migrations in PostgreSQL's dialect, the same marker, which every data folder of the node's
 * processes holds (the first to start writes it; a folder without one joins the database).
 */
import { existsSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import { systemClock, type Clock } from '../../protocol/runtime/clock.js';
import { dataPaths } from '../config/data-dir.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import { checkDatabaseSound } from './database-health.js';
import { checkDatabaseIdentity, claimDatabase, expectDatabase, readDatabaseMarker, type DatabaseMarker } from './database-marker.js';
import { loadConfig } from '../config/config.js';
import { postgresConnection, type DatabaseSettings } from '../config/database-settings.js';
import { PgDatabase } from './postgres/pg-database.js';

type PostgresSettings = Extract<DatabaseSettings, { engine: 'postgres' }>;
import { migrate, type MigrateResult } from './migrations.js';

export function openNodeDatabase(dataDir: string, clock?: Clock): { db: SqliteDatabase; migrated: MigrateResult } {
  const paths = dataPaths(dataDir);
  if (!existsSync(paths.config)) {
    throw new IpexError('NODE_NOT_INITIALISED', `${dataDir} holds no node (no ${paths.config}): run \`ipex start\` or \`ipex node init\` first, or pass --data`);
  }
  const settings = loadConfig(dataDir).storage.database;
  if (settings.engine === 'postgres') return openPostgresNodeDatabase(dataDir, settings, clock);
  const marker = expectDatabase(dataDir);
  return migrateAndClaim(openSoundDatabase(paths.database, marker), dataDir, marker, clock);
}

function openPostgresNodeDatabase(dataDir: string, settings: PostgresSettings, clock: Clock | undefined): { db: SqliteDatabase; migrated: MigrateResult } {
  const marker = readDatabaseMarker(dataDir);
  const db = PgDatabase.connect(postgresConnection(settings), settings.url);
  return migrateAndClaim(db, dataDir, marker, clock, () => checkDatabaseIdentity(db, marker, settings.url));
}

/** Brings the folder's database to the current schema and gives it the folder's marker; closes it on failure. */
function migrateAndClaim(db: SqliteDatabase, dataDir: string, marker: DatabaseMarker | undefined, clock: Clock | undefined, check?: () => void): { db: SqliteDatabase; migrated: MigrateResult } {
  try {
    check?.();
    const migrated = migrate(db, clock === undefined ? {} : { clock });
    claimDatabase(db, dataDir, marker, clock ?? systemClock);
    return { db, migrated };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Opens `path` read-write once it has passed the checks: sound, and the folder's own database. */
function openSoundDatabase(path: string, marker: DatabaseMarker | undefined): SqliteDatabase {
  const check = (db: SqliteDatabase): void => {
    checkDatabaseSound(db, `the node database ${path}`);
    checkDatabaseIdentity(db, marker, path);
  };
  if (!existsSync(`${path}-wal`)) return openDatabase(path, { check });
  openDatabase(path, { readonly: true, check }).close();
  return openDatabase(path);
}
