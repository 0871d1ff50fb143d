/**
 * The `backup.json` of an ipex backup folder (format `ipex-backup/1`, docs/operations.md
 * "Backup and restore"): what was copied, with the SHA-256 and size of every file, so that a
 * restore can prove the copy complete and unaltered before it writes anything. A backup folder
 * may come from anywhere (a tape, a colleague's disk), so `parseBackupManifest` treats it as
 * attacker-controlled: every path must be one a data folder really holds, with no way out.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';

export const BACKUP_FORMAT = 'ipex-backup/1';
export const BACKUP_MANIFEST = 'backup.json';

/** Receives one line per step of a backup or restore, for the person watching. */
export type Progress = (message: string) => void;

export interface BackupFile {
  /** Path inside the backup and the data folder, `/`-separated. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  /** ISO 8601 time the backup was taken. */
  readonly createdAt: string;
  /** The database snapshot (`ipex.db`), or null when the node had none yet. */
  readonly database: {
    readonly path: 'ipex.db'; readonly sha256: string; readonly size: number; readonly schemaVersion: number;
    /** The audit log's size and root recomputed from the copy (audit-proof.ts); absent in backups of earlier releases. */
    readonly audit?: { readonly size: number; readonly root: string };
  } | null;
  readonly blobs: { readonly count: number; readonly bytes: number };
  /** Every file of the backup except backup.json, the database and blobs included. */
  readonly files: readonly BackupFile[];
  /** Only for a node whose parts are in an object store: the parts there, not copied (backup-objects.ts). */
  readonly objects?: BackupObjects;
}

/** The parts of an object store a backup recorded, with the credentials file it copied (if in the data folder). */
export interface BackupObjects {
  /** `s3://bucket/prefix at endpoint`, for people. */
  readonly location: string;
  readonly credentialsFile?: string;
  readonly parts: readonly { readonly sha256: string; readonly size: number }[];
}

const SHA256 = /^[0-9a-f]{64}$/;
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const BLOB_PATH = /^blobs\/([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** True when `path` is one a data folder holds: ipex.db, database.json, ipex.json, identity/…, trust/…, blobs/ab/cd/<sha256>. */
export function isBackupPath(path: string): boolean {
  if (path === 'ipex.db' || path === 'database.json' || path === 'ipex.json') return true;
  const blob = BLOB_PATH.exec(path);
  if (blob) return blob[3]!.startsWith(blob[1]! + blob[2]!);
  const [top, ...rest] = path.split('/');
  return (top === 'identity' || top === 'trust') && rest.length > 0 && rest.every((s) => SEGMENT.test(s) && s !== '..');
}

/** Parses and checks backup.json; any defect is BACKUP_INVALID. */
export function parseBackupManifest(text: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw invalid(`backup.json is not JSON: ${(err as Error).message}`);
  }
  const m = value as Partial<BackupManifest> | null;
  if (typeof m !== 'object' || m === null || m.format !== BACKUP_FORMAT) {
    throw invalid(`backup.json does not declare format ${BACKUP_FORMAT}`);
  }
  if (typeof m.createdAt !== 'string' || Number.isNaN(Date.parse(m.createdAt))) throw invalid('backup.json has no valid createdAt');
  if (!Array.isArray(m.files)) throw invalid('backup.json has no files list');
  const credentialsFile = checkObjects(m.objects);
  const seen = new Set<string>();
  for (const f of m.files as unknown[]) {
    const file = f as Partial<BackupFile> | null;
    if (typeof file !== 'object' || file === null || typeof file.path !== 'string' || !(isBackupPath(file.path) || file.path === credentialsFile)) {
      throw invalid(`backup.json lists a path a data folder does not hold: ${JSON.stringify(file?.path ?? f)}`);
    }
    if (typeof file.sha256 !== 'string' || !SHA256.test(file.sha256) || !Number.isSafeInteger(file.size) || (file.size as number) < 0) {
      throw invalid(`backup.json has no valid digest and size for ${file.path}`);
    }
    if (file.path.startsWith('blobs/') && !file.path.endsWith(file.sha256)) throw invalid(`blob ${file.path} is listed with another digest`);
    if (seen.has(file.path)) throw invalid(`backup.json lists ${file.path} twice`);
    seen.add(file.path);
  }
  const db = m.database;
  if (db !== null) {
    const listed = (m.files as BackupFile[]).find((f) => f.path === 'ipex.db');
    if (typeof db !== 'object' || db === undefined || !listed || listed.sha256 !== db.sha256 || listed.size !== db.size) {
      throw invalid('backup.json database entry does not match the listed ipex.db');
    }
    const audit = db.audit as { size?: unknown; root?: unknown } | undefined;
    if (audit !== undefined && (typeof audit !== 'object' || audit === null || !Number.isSafeInteger(audit.size) || (audit.size as number) < 0 || typeof audit.root !== 'string' || !SHA256.test(audit.root))) {
      throw invalid('backup.json database entry has an audit head without a valid size and root');
    }
  } else if (seen.has('ipex.db')) {
    throw invalid('backup.json lists ipex.db but declares no database');
  }
  return m as BackupManifest;
}

/** Checks `objects` when present; returns the credentials file it names (a path the backup may then hold). */
function checkObjects(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const o = value as Partial<BackupObjects> | null;
  if (typeof o !== 'object' || o === null || typeof o.location !== 'string' || !Array.isArray(o.parts)) throw invalid('backup.json has an objects entry without location and parts');
  if (o.credentialsFile !== undefined && (typeof o.credentialsFile !== 'string' || !SEGMENT.test(o.credentialsFile) || isBackupPath(o.credentialsFile))) {
    throw invalid('backup.json names a credentials file that is not a plain file name of the data folder');
  }
  for (const p of o.parts as unknown[]) {
    const part = p as { sha256?: unknown; size?: unknown } | null;
    if (typeof part !== 'object' || part === null || typeof part.sha256 !== 'string' || !SHA256.test(part.sha256) || !Number.isSafeInteger(part.size) || (part.size as number) < 0) {
      throw invalid('backup.json lists an object-store part without a valid digest and size');
    }
  }
  return o.credentialsFile;
}

/** SHA-256 and size of a file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

function invalid(message: string): IpexError {
  return new IpexError('BACKUP_INVALID', message);
}
