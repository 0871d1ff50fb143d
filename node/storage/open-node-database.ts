/**
 * Opens the database of an initialised data folder, brought up to the current schema — for the
 * node at start and for commands that work on a node's data (tokens, deposits, audit export)
 * while it runs or while it is stopped.
 */
import { existsSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import type { Clock } from '../../protocol/runtime/clock.js';
import { dataPaths } from '../config/data-dir.js';
import { openDatabase, type SqliteDatabase } from './database.js';
import { migrate, type MigrateResult } from './migrations.js';

export function openNodeDatabase(dataDir: string, clock?: Clock): { db: SqliteDatabase; migrated: MigrateResult } {
  const paths = dataPaths(dataDir);
  if (!existsSync(paths.config)) {
    throw new IpexError('NODE_NOT_INITIALISED', `${dataDir} holds no node (no ${paths.config}): run \`ipex start\` or \`ipex node init\` first, or pass --data`);
  }
  const db = openDatabase(paths.database);
  try {
    return { db, migrated: migrate(db, clock === undefined ? {} : { clock }) };
  } catch (err) {
    db.close();
    throw err;
  }
}
