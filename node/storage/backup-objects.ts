/**
 * Backup and restore of a node whose parts are in an object store (issue 13; docs/operations.md
 * "Backup and restore"). Copying a bucket of millions of parts into every backup folder is what
 * the object store's own replication and versioning are for, so a backup does not copy the
 * objects: it re-hashes each one (a damaged part fails the backup, as on disk) and records its
 * digest and size in backup.json (`objects`). A restore proves, before it writes anything, that
 * every recorded part is in the bucket with its digest, using the keys the restored node will
 * use: a credentials file inside the data folder is part of the backup (it is a secret like the
 * private keys the backup holds).
 */
import { relative, sep } from 'node:path';
import { IpexError, isIpexError } from '../../protocol/errors/index.js';
import { parseConfig } from '../config/config.js';
import type { S3BlobSettings } from '../config/storage-settings.js';
import type { BackupManifest, BackupObjects, Progress } from './backup-manifest.js';
import type { BlobStore } from './blob-store.js';
import { openBlobSettings } from './open-blob-store.js';

/** The data-folder-relative path of the credentials file, when it lies in the data folder (a backup copies it). */
export function credentialsInDataFolder(settings: S3BlobSettings, dataDir: string): string | undefined {
  if (!('file' in settings.credentials)) return undefined;
  const rel = relative(dataDir, settings.credentials.file).split(sep).join('/');
  return /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(rel) ? rel : undefined;
}

/** Re-hashes every part in the store and lists it; BLOB_DIGEST_MISMATCH when one is damaged. */
export async function inventoryObjects(blobs: BlobStore, location: string, credentialsFile: string | undefined, progress: Progress): Promise<BackupObjects> {
  progress(`checking every part in ${location} (the object store keeps the bytes; the backup records their digests)`);
  const parts: { sha256: string; size: number }[] = [];
  let bytes = 0;
  for await (const blob of blobs.list()) {
    if (!(await blobs.verify(blob.sha256))) {
      throw new IpexError('BLOB_DIGEST_MISMATCH', `stored part ${blob.sha256} in ${location} is damaged (its bytes no longer hash to its name); nothing was backed up`);
    }
    parts.push({ sha256: blob.sha256, size: blob.size });
    bytes += blob.size;
    if (parts.length % 1000 === 0) progress(`checked ${parts.length} parts`);
  }
  progress(`checked ${parts.length} parts (${bytes} bytes) in ${location}`);
  return { location, ...(credentialsFile === undefined ? {} : { credentialsFile }), parts };
}

/** Proves every part the backup recorded is in the object store with its digest; BACKUP_INVALID if not. */
export async function verifyObjects(manifest: BackupManifest, backupDir: string, configText: string, progress: Progress): Promise<void> {
  const objects = manifest.objects;
  if (objects === undefined) return;
  let settings;
  try {
    // Read as if the backup folder were the data folder: a credentials file in it is found there.
    settings = parseConfig(JSON.parse(configText), backupDir, 'ipex.json of the backup').storage.blobs;
  } catch (err) {
    throw new IpexError('BACKUP_INVALID', `the backup's ipex.json cannot be used: ${(err as Error).message}`, { cause: err });
  }
  if (settings.kind !== 's3') throw new IpexError('BACKUP_INVALID', 'backup.json lists parts in an object store, but its ipex.json keeps parts in the data folder');
  const opened = await openBlobSettings(settings, backupDir);
  try {
    progress(`verifying the ${objects.parts.length} parts the backup recorded in ${objects.location}`);
    let done = 0;
    for (const part of objects.parts) {
      const problem = await partProblem(opened.blobs, part);
      if (problem !== undefined) {
        throw new IpexError('BACKUP_INVALID', `part ${part.sha256} ${problem} in ${objects.location}; nothing was restored. Restore the object from the store's own backup or versions first`);
      }
      done += 1;
      if (done % 1000 === 0) progress(`verified ${done} of ${objects.parts.length} parts`);
    }
  } finally {
    opened.close();
  }
}

async function partProblem(blobs: BlobStore, part: { sha256: string; size: number }): Promise<string | undefined> {
  try {
    if ((await blobs.stat(part.sha256)).size !== part.size) return 'has another size';
    return (await blobs.verify(part.sha256)) ? undefined : 'is damaged (its bytes no longer hash to its name)';
  } catch (err) {
    if (isIpexError(err, 'BLOB_NOT_FOUND')) return 'is missing';
    throw err;
  }
}
