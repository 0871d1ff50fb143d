/**
 * Online backup of a node's data folder (docs/design.md §8). Runs while the node serves:
 *
 * 1. the database first, as one consistent, self-contained SQLite file (backup-database.ts: SQLite's
 *    online backup API, or the rows of a node on PostgreSQL from one snapshot), checked with
 *    `PRAGMA integrity_check` and its audit log recomputed;
 * 2. then the blobs. A part is durable before the row that names it commits, and nothing deletes
 *    parts, so every part the snapshot names is already on disk when step 2 runs. Blobs are
 *    hard-linked when the backup is on the same filesystem (blobs never change in place), else
 *    copied; each is re-hashed, so a part damaged on disk fails the backup instead of hiding in it;
 * 3. `ipex.json`, `database.json` (the marker of the database, database-marker.ts), `identity/`
 *    and `trust/`, with their file modes (private keys stay 0600);
 * 4. `backup.json` listing every file's SHA-256 and size (backup-manifest.ts).
 *
 * A node whose parts are in an object store (`storage.blobs: s3://…`) gets step 2 from
 * backup-objects.ts instead: each part re-hashed and recorded, not copied.
 *
 * The backup folder is built under a temporary name and renamed at the end: it exists whole or
 * not at all. Restore is in restore.ts.
 */
import { copyFileSync, existsSync, linkSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { createDirAtomic, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import { systemClock, type Clock } from '../../protocol/runtime/clock.js';
import { dataPaths } from '../config/data-dir.js';
import {
  BACKUP_FORMAT, BACKUP_MANIFEST, hashFile, isBackupPath, type BackupFile, type BackupManifest, type Progress,
} from './backup-manifest.js';
import { backupDatabase, expectBackupSource } from './backup-database.js';
import { FsBlobStore } from './fs-blob-store.js';
import { credentialsInDataFolder, inventoryObjects } from './backup-objects.js';
import { openBlobSettings } from './open-blob-store.js';
import type { S3BlobStore } from './s3-blob-store.js';
import { storageSettings, type BlobSettings, type StorageSettings } from '../config/storage-settings.js';
import type { BackupObjects } from './backup-manifest.js';

export { restore } from './restore.js';
export type { BackupManifest, BackupFile, Progress } from './backup-manifest.js';


export interface BackupOptions {
  readonly clock?: Clock;
}

/** Backs up the data folder `dataDir` into the new folder `outDir` (which must not exist). */
export async function backup(dataDir: string, outDir: string, progress: Progress = () => {}, options: BackupOptions = {}): Promise<BackupManifest> {
  const paths = dataPaths(dataDir);
  if (!existsSync(dataDir)) throw new IpexError('FILE_NOT_FOUND', `data folder ${dataDir} does not exist`);
  if (existsSync(outDir)) throw new IpexError('ALREADY_EXISTS', `backup folder ${outDir} already exists; choose a new one`);
  const storage = storageOf(dataDir);
  expectBackupSource(dataDir, storage.database); // a folder that lost its database is not backed up as one that never had it
  const createdAt = (options.clock ?? systemClock).now().toISOString();
  let manifest: BackupManifest | undefined;
  await createDirAtomic(outDir, async (tmp) => {
    const files: BackupFile[] = [];
    const database = await backupDatabase(dataDir, storage.database, join(tmp, 'ipex.db'), progress);
    if (database) files.push({ path: 'ipex.db', sha256: database.sha256, size: database.size });
    const objects = await backupObjects(dataDir, storage.blobs, progress);
    const blobs = objects === undefined
      ? await backupBlobs(paths.blobs, tmp, files, progress)
      : { count: objects.parts.length, bytes: objects.parts.reduce((sum, p) => sum + p.size, 0) };
    const credentials = objects?.credentialsFile === undefined ? [] : [join(dataDir, objects.credentialsFile)];
    for (const source of [paths.config, paths.databaseMarker, paths.identity.dir, paths.trust.dir, ...credentials]) {
      await copyTree(dataDir, source, tmp, files, progress, objects?.credentialsFile);
    }
    manifest = { format: BACKUP_FORMAT, createdAt, database, blobs, files, ...(objects === undefined ? {} : { objects }) };
    writeFileAtomic(join(tmp, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  });
  progress(`backup complete: ${outDir}`);
  return manifest!;
}

/** The parts of a node on an object store, checked and recorded; undefined for a node on its blob folder. */
async function backupObjects(dataDir: string, settings: BlobSettings, progress: Progress): Promise<BackupObjects | undefined> {
  if (settings.kind !== 's3') return undefined;
  const opened = await openBlobSettings(settings, dataDir);
  try {
    return await inventoryObjects(opened.blobs, (opened.blobs as S3BlobStore).where, credentialsInDataFolder(settings, dataDir), progress);
  } finally {
    opened.close();
  }
}

/** `storage` of the data folder's ipex.json; SQLite and the folder when there is none (only `storage` is read: a backup needs no more). */
function storageOf(dataDir: string): StorageSettings {
  const path = dataPaths(dataDir).config;
  if (!existsSync(path)) return { blobs: { kind: 'folder' }, database: { engine: 'sqlite' } };
  let raw: { storage?: unknown } | null;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8')) as { storage?: unknown } | null;
  } catch (err) {
    throw new IpexError('CONFIG_INVALID', `${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return storageSettings(raw?.storage ?? {}, dataDir, `${path}: storage`);
}

async function backupBlobs(blobsDir: string, tmp: string, files: BackupFile[], progress: Progress): Promise<BackupManifest['blobs']> {
  const store = new FsBlobStore(blobsDir);
  let count = 0;
  let bytes = 0;
  let linked = true;
  progress('copying blobs');
  for await (const blob of store.list()) {
    const source = store.pathOf(blob.sha256);
    const rel = relative(blobsDir, source).split(sep).join('/');
    const target = join(tmp, 'blobs', ...rel.split('/'));
    await mkdir(dirname(target), { recursive: true });
    if (linked) {
      try {
        linkSync(source, target);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw err;
        linked = false;
      }
    }
    if (!linked) copyFileSync(source, target);
    const { sha256, size } = await hashFile(target);
    if (sha256 !== blob.sha256) {
      throw new IpexError('BLOB_DIGEST_MISMATCH', `stored part ${blob.sha256} is damaged on disk (its bytes hash to ${sha256}); nothing was backed up`);
    }
    files.push({ path: `blobs/${rel}`, sha256, size });
    count += 1;
    bytes += size;
    if (count % 1000 === 0) progress(`copied ${count} blobs`);
  }
  progress(`copied ${count} blobs (${bytes} bytes, ${linked ? 'hard-linked' : 'copied'})`);
  return { count, bytes };
}

/** Copies a file or a folder of `dataDir` (keeping file modes), skipping temporary files; `extra` is one more file name allowed. */
async function copyTree(dataDir: string, source: string, tmp: string, files: BackupFile[], progress: Progress, extra?: string): Promise<void> {
  if (!existsSync(source)) return;
  const rel = relative(dataDir, source).split(sep).join('/');
  const st = statSync(source);
  if (st.isDirectory()) {
    for (const name of readdirSync(source).sort()) await copyTree(dataDir, join(source, name), tmp, files, progress, extra);
    return;
  }
  if (!st.isFile() || !(isBackupPath(rel) || rel === extra)) {
    progress(`skipping ${rel} (not part of a data folder)`);
    return;
  }
  const target = join(tmp, ...rel.split('/'));
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  copyFileSync(source, target); // libuv copies the mode bits: keys stay 0600
  const { sha256, size } = await hashFile(target);
  files.push({ path: rel, sha256, size });
  progress(`copied ${rel}`);
}
