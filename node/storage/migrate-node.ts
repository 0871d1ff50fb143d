/**
 * `ipex migrate` (issue 13, docs/operations.md "Moving to PostgreSQL and S3"): moves a stopped
 * node's metadata from ipex.db into an empty PostgreSQL database and/or its parts from blobs/
 * into an S3 bucket, proves the copy, and only then switches ipex.json to the new stores.
 *
 * Order, so that a refusal changes nothing and a kill at any point before the switch leaves the
 * node as it was (it starts on its old stores, which the migration only read):
 *
 * 1. refusals first: the node runs (its running-node lock is taken and held to the end, so it
 *    cannot start meanwhile either), a new store key is wrong, the PostgreSQL server or the
 *    bucket cannot be reached or refuses the keys, the database already holds ipex tables;
 * 2. the parts (migrateBlobs: each re-hashed on the way, then every one proved in the bucket by
 *    its SHA-256; parts already there are checked, not copied again, so a run again resumes);
 * 3. the rows, in one PostgreSQL transaction with their proof inside it (engine-copy.ts), from
 *    one read snapshot of ipex.db;
 * 4. ipex.json rewritten atomically, a copy of the old one kept beside it.
 *
 * ipex.db and blobs/ are left in place: the way back until the node has written to its new
 * stores, and the operator's to remove after checking.
 */
import { IpexError } from '../../protocol/errors/index.js';
import { systemClock, type Clock } from '../../protocol/runtime/clock.js';
import { postgresConnection } from '../config/database-settings.js';
import { checkedStorage, readRawConfig, switchStorage, type StorageChanges } from '../config/storage-rewrite.js';
import { storageSettings } from '../config/storage-settings.js';
import { acquireNodeLock } from '../runtime/node-lock.js';
import type { Progress } from './backup-manifest.js';
import type { SqliteConnection } from './database.js';
import { copyIntoPostgres, expectEmptyPostgres, type CopiedDatabase } from './engine-copy.js';
import { migrateBlobs, type MigratedBlobs } from './migrate-blobs.js';
import { openBlobSettings, type OpenedBlobStore } from './open-blob-store.js';
import { openNodeDatabase } from './open-node-database.js';
import { PgDatabase } from './postgres/pg-database.js';
import { nodeTables } from './table-copy.js';

export interface MigrateNodeResult {
  readonly database?: CopiedDatabase;
  readonly blobs?: MigratedBlobs;
  /** The copy of ipex.json as it was before the switch. */
  readonly previousConfig: string;
}

export async function migrateNode(dataDir: string, changes: StorageChanges, progress: Progress = () => {}, clock: Clock = systemClock): Promise<MigrateNodeResult> {
  if (changes.database === undefined && changes.blobs === undefined) throw new IpexError('USAGE', 'nothing to migrate: give --to-database, --to-blobs or both');
  const config = readRawConfig(dataDir);
  const lock = acquireNodeLock(dataDir);
  const opened: { close(): void }[] = [];
  try {
    const current = storageSettings(config.value.storage ?? {}, dataDir, `${config.path}: storage`);
    if (changes.database !== undefined && current.database.engine !== 'sqlite') {
      throw new IpexError('MIGRATE_SOURCE_UNSUPPORTED', `the node's metadata is already in PostgreSQL (${config.path}: storage.database); only a node on SQLite is migrated`);
    }
    if (changes.blobs !== undefined && current.blobs.kind !== 'folder') {
      throw new IpexError('MIGRATE_SOURCE_UNSUPPORTED', `the node's parts are already in an object store (${config.path}: storage.blobs); only parts in the blobs folder are migrated`);
    }
    const next = checkedStorage(config.value, changes, dataDir);

    let target: PgDatabase | undefined;
    if (next.database.engine === 'postgres' && changes.database !== undefined) {
      progress(`connecting to PostgreSQL database ${next.database.database} on ${next.database.host}:${next.database.port} as ${next.database.user}`);
      target = PgDatabase.connect(postgresConnection(next.database), next.database.url);
      opened.push(target);
    }
    progress(`checking the node's database in ${dataDir}`);
    const source = openNodeDatabase(dataDir, clock).db;
    opened.push(source);
    if (target !== undefined) expectEmptyPostgres(target, nodeTables(source as SqliteConnection));
    let stores: { from: OpenedBlobStore; to: OpenedBlobStore } | undefined;
    if (next.blobs.kind === 's3' && changes.blobs !== undefined) {
      progress(`checking bucket ${next.blobs.bucket} at ${next.blobs.endpoint}`);
      const to = await openBlobSettings(next.blobs, dataDir);
      opened.push(to);
      const from = await openBlobSettings(current.blobs, dataDir);
      opened.push(from);
      stores = { from, to };
    }

    let blobs: MigratedBlobs | undefined;
    if (stores !== undefined) {
      progress('copying the parts into the bucket (each re-hashed on the way), then proving each there by its SHA-256');
      const began = performance.now();
      blobs = await migrateBlobs(stores.from.blobs, stores.to.blobs, progress);
      const seconds = (performance.now() - began) / 1000;
      progress(`moved and proved ${blobs.count} parts (${blobs.bytes} bytes) in ${seconds.toFixed(1)} s (${(blobs.bytes / 2 ** 20 / Math.max(seconds, 0.001)).toFixed(1)} MiB/s)`);
    }
    let database: CopiedDatabase | undefined;
    if (target !== undefined) {
      const snapshot = source as SqliteConnection;
      snapshot.exec('BEGIN'); // one read snapshot of ipex.db for the whole copy (WAL: writers are not blocked)
      try {
        database = copyIntoPostgres(snapshot, target, progress);
      } finally {
        snapshot.exec('COMMIT');
      }
    }
    const previousConfig = switchStorage(config, changes, clock);
    progress(`switched ${config.path} to the new stores (the old file is kept as ${previousConfig})`);
    return { ...(database === undefined ? {} : { database }), ...(blobs === undefined ? {} : { blobs }), previousConfig };
  } finally {
    for (const store of opened.reverse()) store.close();
    lock.release();
  }
}
