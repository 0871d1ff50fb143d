/**
 * The database half of `ipex restore` (restore.ts), for both engines (issue 13). A backup holds
 * the metadata as one SQLite file whichever engine the node ran on (backup-database.ts), so:
 *
 * - it is proved first, writing nothing: `PRAGMA integrity_check`, and the audit log recomputed
 *   from its entries (audit-proof.ts) must give the head backup.json recorded when it was taken;
 * - it goes where `--to-database` says, else where the backup's ipex.json says: `sqlite` is the
 *   file itself in the new data folder; a postgres:// database must be reachable and hold no
 *   ipex table before anything is written, and receives the rows in one proved transaction
 *   (engine-copy.ts). When the engine changes, the restored ipex.json names the new one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IpexError, isIpexError } from '../../protocol/errors/index.js';
import { postgresConnection, type DatabaseSettings } from '../config/database-settings.js';
import { checkedStorage, configWithStorage, type StorageChanges } from '../config/storage-rewrite.js';
import { storageSettings } from '../config/storage-settings.js';
import { provenAuditHead, type AuditHead } from './audit-proof.js';
import type { BackupManifest, Progress } from './backup-manifest.js';
import { openDatabase } from './database.js';
import { copyIntoPostgres, expectEmptyPostgres } from './engine-copy.js';
import { PgDatabase } from './postgres/pg-database.js';
import { nodeTables } from './table-copy.js';

type PostgresSettings = Extract<DatabaseSettings, { engine: 'postgres' }>;

/** Where the restored metadata goes, and the ipex.json to write when that is not what the backup's says. */
export interface DatabasePlan {
  readonly postgres?: PostgresSettings;
  /** The restored ipex.json's text, when its storage changes. */
  readonly config?: string;
}

/** Proves the backup's ipex.db sound and holding the audit log backup.json recorded; BACKUP_INVALID if not. */
export function proveBackupDatabase(backupDir: string, manifest: BackupManifest): AuditHead {
  const path = join(backupDir, 'ipex.db');
  let result: unknown;
  let audit: AuditHead;
  try {
    const db = openDatabase(path, { readonly: true });
    try {
      result = db.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new IpexError('BACKUP_INVALID', `the database in the backup fails integrity_check: ${String(result)}`);
      audit = provenAuditHead(db, 'the backup');
    } finally {
      db.close();
    }
  } catch (err) {
    if (isIpexError(err, 'BACKUP_INVALID')) throw err;
    throw new IpexError('BACKUP_INVALID', `the database in the backup cannot be used: ${(err as Error).message}`, { cause: err });
  }
  const recorded = manifest.database?.audit;
  if (recorded !== undefined && (recorded.size !== audit.size || recorded.root !== audit.root)) {
    throw new IpexError('BACKUP_INVALID', `the audit log in the backup's database has ${audit.size} entries with root ${audit.root}, but backup.json recorded ${recorded.size} with root ${recorded.root}: the backup was altered`);
  }
  return audit;
}

/** Decides where the metadata goes (see the header), from `--to-database` and the backup's ipex.json. */
export function planDatabase(backupDir: string, manifest: BackupManifest, dataDir: string, option: StorageChanges['database']): DatabasePlan {
  if (!manifest.files.some((f) => f.path === 'ipex.json')) {
    if (option !== undefined) throw new IpexError('BACKUP_INVALID', 'the backup has no ipex.json, so --to-database has no configuration to change');
    return {};
  }
  let config: Record<string, unknown>;
  let current: DatabaseSettings;
  try {
    config = JSON.parse(readFileSync(join(backupDir, 'ipex.json'), 'utf8')) as Record<string, unknown>;
    current = storageSettings(config.storage ?? {}, dataDir, "the backup's ipex.json: storage").database;
  } catch (err) {
    throw new IpexError('BACKUP_INVALID', `the backup's ipex.json cannot be used: ${(err as Error).message}`, { cause: err });
  }
  if (option === undefined) return current.engine === 'postgres' ? { postgres: current } : {};
  const config2 = configWithStorage(config, { database: option });
  if (option === 'sqlite') return current.engine === 'sqlite' ? {} : { config: config2 };
  return { postgres: checkedStorage(config, { database: option }, dataDir).database as PostgresSettings, config: config2 };
}

/** Connects to the plan's PostgreSQL database and refuses one that holds ipex tables, before anything is written. */
export function openRestoreTarget(settings: PostgresSettings, backupDir: string, progress: Progress): PgDatabase {
  progress(`connecting to PostgreSQL database ${settings.database} on ${settings.host}:${settings.port} as ${settings.user}`);
  const pg = PgDatabase.connect(postgresConnection(settings), settings.url);
  try {
    const backup = openDatabase(join(backupDir, 'ipex.db'), { readonly: true });
    try {
      expectEmptyPostgres(pg, nodeTables(backup));
    } finally {
      backup.close();
    }
  } catch (err) {
    pg.close();
    throw err;
  }
  return pg;
}

/** Copies the backup's rows into `pg` in one proved transaction. */
export function restoreIntoPostgres(backupDir: string, pg: PgDatabase, progress: Progress): void {
  const backup = openDatabase(join(backupDir, 'ipex.db'), { readonly: true });
  try {
    copyIntoPostgres(backup, pg, progress);
  } finally {
    backup.close();
  }
}
