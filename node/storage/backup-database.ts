/**
 * Step 1 of `ipex backup` (backup.ts): the node's metadata as one self-contained SQLite file,
 * `ipex.db` of the backup, whichever engine the node runs on:
 *
 * - on SQLite, through SQLite's online backup API (a consistent snapshot even with writers);
 * - on PostgreSQL (issue 13), as the rows of every table copied from one REPEATABLE READ snapshot
 *   into a new SQLite file of the same schema version (engine-copy.ts), which takes no lock, so
 *   the node's processes keep serving. One format for both: a backup restores into either engine.
 *   pg_dump was the other choice; it needs the server's client tools of the same major version
 *   on the machine that backs up, writes a format only PostgreSQL reads, and its output would
 *   still have to be loaded somewhere to recompute the audit root the restore checks.
 *
 * Either way the copy is switched to a rollback journal, must pass `PRAGMA integrity_check`, and
 * has its audit log recomputed from the entries (audit-proof.ts); the head goes into backup.json
 * so that a restore proves it has the same log.
 */
import { existsSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import { postgresConnection, type DatabaseSettings } from '../config/database-settings.js';
import { dataPaths } from '../config/data-dir.js';
import { provenAuditHead } from './audit-proof.js';
import { hashFile, type BackupManifest, type Progress } from './backup-manifest.js';
import { openDatabase } from './database.js';
import { checkDatabaseIdentity, expectDatabase, readDatabaseMarker } from './database-marker.js';
import { copyFromPostgres } from './engine-copy.js';
import { schemaVersion } from './migrations.js';
import { PgDatabase } from './postgres/pg-database.js';

type PostgresSettings = Extract<DatabaseSettings, { engine: 'postgres' }>;

/** Refuses a data folder whose database is gone before anything is written (SQLite; PostgreSQL's is checked when connected). */
export function expectBackupSource(dataDir: string, settings: DatabaseSettings): void {
  if (settings.engine === 'sqlite') expectDatabase(dataDir);
}

/** Writes the node's metadata to `target` (a new SQLite file); null for a node that has no database yet. */
export async function backupDatabase(dataDir: string, settings: DatabaseSettings, target: string, progress: Progress): Promise<BackupManifest['database']> {
  if (settings.engine === 'postgres') {
    backupPostgres(dataDir, settings, target, progress);
  } else {
    const source = dataPaths(dataDir).database;
    if (!existsSync(source)) {
      progress('no database yet; skipping it');
      return null;
    }
    progress('copying the database (online backup)');
    const db = openDatabase(source);
    try {
      await db.backup(target);
    } finally {
      db.close();
    }
  }
  return sealCopy(target, progress);
}

function backupPostgres(dataDir: string, settings: PostgresSettings, target: string, progress: Progress): void {
  progress(`copying the rows of PostgreSQL database ${settings.database} on ${settings.host}:${settings.port} from one snapshot into ipex.db`);
  const pg = PgDatabase.connect(postgresConnection(settings), settings.url);
  try {
    checkDatabaseIdentity(pg, readDatabaseMarker(dataDir), settings.url);
    const copy = openDatabase(target);
    try {
      copyFromPostgres(pg, copy, progress);
    } finally {
      copy.close();
    }
  } finally {
    pg.close();
  }
}

/** One self-contained, checked file, with its digest and the audit head recomputed from it. */
async function sealCopy(target: string, progress: Progress): Promise<BackupManifest['database']> {
  const copy = openDatabase(target);
  let version: number;
  let audit;
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file, readable without -wal / -shm
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new IpexError('DATABASE_UNAVAILABLE', `the database copy fails integrity_check: ${String(check)}`);
    version = schemaVersion(copy);
    audit = version === 0 ? undefined : provenAuditHead(copy, 'the copy of the database');
  } finally {
    copy.close();
  }
  if (audit !== undefined) progress(`the audit log in the copy: ${audit.size} entries, root ${audit.root}`);
  const { sha256, size } = await hashFile(target);
  return { path: 'ipex.db', sha256, size, schemaVersion: version, ...(audit === undefined ? {} : { audit }) };
}
