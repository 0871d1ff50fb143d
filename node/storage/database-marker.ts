/**
 * A data folder that was set up never silently begins again (issue 10, item 3). An emptied or
 * deleted `ipex.db` used to be taken for a new node: a fresh schema, 404 for every earlier
 * deposit, an audit log restarting from 0. Now the folder remembers that it has a database:
 * `database.json` (`{format: "ipex-database/1", databaseId, createdAt}`) is written, atomically,
 * right after the database is first created and migrated, and the same random `databaseId` is
 * kept in the database (`node_meta`). From then on:
 *
 * - `ipex.db` missing or empty while `database.json` exists: DATABASE_MISSING, nothing created;
 * - `ipex.db` holding no node, or another database (another `databaseId`): DATABASE_MISSING;
 * - no `database.json` and no `ipex.db` (a node after `ipex node init`, a development node on
 *   its first start): the database is created, then the marker written;
 * - no `database.json` but a sound database with data (a node set up by an earlier release):
 *   the marker is written, so upgrades need nothing;
 * - no `database.json` and no database, but stored parts in `blobs/` or downloads in
 *   `retrievals/` (a node of an earlier release whose database was then lost): DATABASE_MISSING.
 *
 * Backups carry `database.json` beside the database they were taken with, so `ipex restore`
 * brings back both, consistent (node/storage/backup.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { systemRandom, type Clock, type RandomSource } from '../../protocol/runtime/clock.js';
import { dataPaths, type DataPaths } from '../config/data-dir.js';
import type { SqliteDatabase } from './database.js';

export const MARKER_FORMAT = 'ipex-database/1';
const ID_KEY = 'database_id';
const DATABASE_ID = /^[0-9a-f]{32}$/;

export interface DatabaseMarker {
  readonly format: typeof MARKER_FORMAT;
  /** Random, 32 hex digits; the same value is in the database's `node_meta`. */
  readonly databaseId: string;
  readonly createdAt: string;
}

/**
 * Refuses a data folder whose database is gone, before anything is opened or created; returns
 * the folder's marker (undefined before its database was first created).
 *
 * @throws IpexError DATABASE_MISSING; CONFIG_INVALID for a database.json that is not a marker.
 */
export function expectDatabase(dataDir: string): DatabaseMarker | undefined {
  const paths = dataPaths(dataDir);
  const marker = readMarker(paths.databaseMarker);
  const size = existsSync(paths.database) ? statSync(paths.database).size : undefined;
  if (size !== undefined && size > 0) return marker;
  const state = size === undefined ? 'is missing' : 'is empty';
  if (marker !== undefined) throw missing(`${paths.database} ${state}, but this data folder had a database (${paths.databaseMarker})`);
  const trace = earlierData(paths);
  if (trace !== undefined) throw missing(`${paths.database} ${state}, but ${trace}: this data folder had a database`);
  return undefined;
}

/**
 * Refuses a database that is not the one the marker names. Runs on a sound database before
 * anything writes to it.
 *
 * @throws IpexError DATABASE_MISSING
 */
export function checkDatabaseIdentity(db: SqliteDatabase, marker: DatabaseMarker | undefined, path: string): void {
  if (marker === undefined) return;
  const id = databaseIdOf(db);
  if (id === undefined) throw missing(`${path} holds no database of this node (no database id), but this data folder had one`);
  if (id !== marker.databaseId) throw missing(`${path} is another database (id ${id}); this data folder's database is ${marker.databaseId}`);
}

/**
 * After the database is created or migrated: gives it an id and writes the folder's marker, when
 * the folder has none yet. Needs the `node_meta` table (migration 001).
 */
export function claimDatabase(db: SqliteDatabase, dataDir: string, marker: DatabaseMarker | undefined, clock: Clock, random: RandomSource = systemRandom): void {
  if (marker !== undefined) return;
  db.prepare('INSERT OR IGNORE INTO node_meta (key, value) VALUES (?, ?)').run(ID_KEY, random.bytes(16).toString('hex'));
  const created: DatabaseMarker = { format: MARKER_FORMAT, databaseId: databaseIdOf(db)!, createdAt: clock.now().toISOString() };
  writeFileAtomic(dataPaths(dataDir).databaseMarker, `${JSON.stringify(created, null, 2)}\n`);
}

/** The marker of `dataDir`, undefined before its database was first created (a PostgreSQL node has no ipex.db to look at). */
export function readDatabaseMarker(dataDir: string): DatabaseMarker | undefined {
  return readMarker(dataPaths(dataDir).databaseMarker);
}

function readMarker(path: string): DatabaseMarker | undefined {
  if (!existsSync(path)) return undefined;
  let value: Partial<DatabaseMarker> | null = null;
  try {
    value = JSON.parse(readFileSync(path, 'utf8')) as Partial<DatabaseMarker> | null;
  } catch {
    // reported below
  }
  if (value?.format !== MARKER_FORMAT || typeof value.databaseId !== 'string' || !DATABASE_ID.test(value.databaseId)) {
    throw new IpexError('CONFIG_INVALID', `${path} is not an ${MARKER_FORMAT} marker: restore it from a backup of this data folder`);
  }
  return value as DatabaseMarker;
}

function databaseIdOf(db: SqliteDatabase): string | undefined {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'node_meta'").get();
  if (table === undefined) return undefined;
  const row = db.prepare('SELECT value FROM node_meta WHERE key = ?').get(ID_KEY) as { value: string } | undefined;
  return row?.value;
}

/** What shows that a database existed before markers did: stored parts or retrieval downloads. */
function earlierData(paths: DataPaths): string | undefined {
  const names = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);
  if (names(paths.blobs).some((n) => /^[0-9a-f]{2}$/.test(n))) return `${paths.blobs} holds stored parts`;
  if (names(paths.retrievals).length > 0) return `${paths.retrievals} holds retrieval downloads`;
  return undefined;
}

function missing(what: string): IpexError {
  return new IpexError('DATABASE_MISSING', `${what}. The node will not begin again with an empty database: stop it, move the ` +
    'data folder aside and restore the latest backup: `ipex restore --from BACKUP --data DIR` (docs/operations.md, "A missing database")');
}
