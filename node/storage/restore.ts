/**
 * Verified restore of a backup folder into a data folder (docs/design.md §8). Nothing is written until
 * the whole backup has been proved: backup.json parses and names only data-folder paths, every
 * listed file exists with its SHA-256 and size, and the database passes `PRAGMA integrity_check`
 * and holds the audit log (size and root recomputed from its entries) backup.json recorded.
 * The target must be absent or empty (a restore never merges into a live node). The new data
 * folder is then built under a temporary name beside the target, each file re-hashed as it is
 * copied (the backup could change between check and copy), fsynced, and renamed into place.
 * A backup of a node on an object store has its parts proved in the bucket too (backup-objects.ts).
 * The metadata goes into ipex.db or a PostgreSQL database (restore-database.ts).
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { createDirAtomic, writeFileAtomic } from '../../protocol/files/atomic-write.js';
import type { StorageChanges } from '../config/storage-rewrite.js';
import { BACKUP_MANIFEST, hashFile, parseBackupManifest, type BackupManifest, type Progress } from './backup-manifest.js';
import { openRestoreTarget, planDatabase, proveBackupDatabase, restoreIntoPostgres } from './restore-database.js';
import { verifyObjects } from './backup-objects.js';

export interface RestoreOptions {
  /** `--to-database`: where the metadata goes, when not where the backup's ipex.json says (restore-database.ts). */
  readonly database?: StorageChanges['database'];
}

/** Restores `backupDir` into `dataDir` (absent or empty); returns the verified manifest. */
export async function restore(backupDir: string, dataDir: string, progress: Progress = () => {}, options: RestoreOptions = {}): Promise<BackupManifest> {
  const targetExisted = existsSync(dataDir);
  if (targetExisted && (!statSync(dataDir).isDirectory() || readdirSync(dataDir).length > 0)) {
    throw new IpexError('RESTORE_TARGET_NOT_EMPTY', `${dataDir} exists and is not an empty folder; restore into a new or empty folder`);
  }
  const manifest = readManifest(backupDir);
  progress(`verifying ${manifest.files.length} files of the backup taken ${manifest.createdAt}`);
  for (const file of manifest.files) {
    const source = join(backupDir, ...file.path.split('/'));
    let actual: { sha256: string; size: number };
    try {
      if (!lstatSync(source).isFile()) throw new Error('not a regular file'); // no symlinks out of the backup
      actual = await hashFile(source);
    } catch (err) {
      throw new IpexError('BACKUP_INVALID', `${file.path} is missing from the backup: ${(err as Error).message}`, { cause: err });
    }
    if (actual.sha256 !== file.sha256 || actual.size !== file.size) {
      throw new IpexError('BACKUP_INVALID', `${file.path} does not match its digest in backup.json; the backup is damaged or altered`);
    }
  }
  if (manifest.database) {
    const audit = proveBackupDatabase(backupDir, manifest);
    progress(`the backup's audit log: ${audit.size} entries, root ${audit.root}, as recorded`);
  }
  if (manifest.objects !== undefined) {
    if (!manifest.files.some((f) => f.path === 'ipex.json')) throw new IpexError('BACKUP_INVALID', 'backup.json lists parts in an object store but the backup has no ipex.json naming it');
    await verifyObjects(manifest, backupDir, readFileSync(join(backupDir, 'ipex.json'), 'utf8'), progress);
  }
  const plan = planDatabase(backupDir, manifest, dataDir, options.database);
  // Refused before anything is written: a server that cannot be reached, a database that is not empty.
  const pg = plan.postgres !== undefined && manifest.database ? openRestoreTarget(plan.postgres, backupDir, progress) : undefined;
  progress('backup verified; restoring');

  if (targetExisted) rmdirSync(dataDir); // empty, checked above; createDirAtomic renames into place
  try {
    await createDirAtomic(dataDir, async (tmp) => {
      let done = 0;
      for (const file of manifest.files) {
        if (pg !== undefined && file.path === 'ipex.db') continue; // its rows go into PostgreSQL
        await copyVerified(join(backupDir, ...file.path.split('/')), join(tmp, ...file.path.split('/')), file.sha256, file.path);
        done += 1;
        if (done % 1000 === 0) progress(`restored ${done} of ${manifest.files.length} files`);
      }
      if (plan.config !== undefined) writeFileAtomic(join(tmp, 'ipex.json'), plan.config);
      // Last: when this fails the folder is not created, and the transaction left the database empty.
      if (pg !== undefined) restoreIntoPostgres(backupDir, pg, progress);
    });
  } catch (err) {
    if (targetExisted && !existsSync(dataDir)) mkdirSync(dataDir);
    throw err;
  } finally {
    pg?.close();
  }
  progress(`restored ${manifest.files.length} files into ${dataDir}`);
  return manifest;
}

function readManifest(backupDir: string): BackupManifest {
  let text: string;
  try {
    text = readFileSync(join(backupDir, BACKUP_MANIFEST), 'utf8');
  } catch (err) {
    throw new IpexError('BACKUP_INVALID', `${backupDir} is not an ipex backup (no readable ${BACKUP_MANIFEST})`, { cause: err });
  }
  return parseBackupManifest(text);
}

/** Copies `source` to `target` with the source's mode, hashing on the way; refuses a changed file. */
async function copyVerified(source: string, target: string, sha256: string, name: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true, mode: 0o700 });
  const mode = statSync(source).mode & 0o777;
  const hash = createHash('sha256');
  const fh = await open(target, 'wx', mode);
  try {
    for await (const chunk of createReadStream(source)) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      let offset = 0;
      while (offset < bytes.length) offset += (await fh.write(bytes, offset, bytes.length - offset)).bytesWritten;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  if (hash.digest('hex') !== sha256) {
    throw new IpexError('BACKUP_INVALID', `${name} changed while it was being restored; nothing was restored`);
  }
}
