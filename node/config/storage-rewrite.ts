/**
 * Rewriting the `storage` of a data folder's ipex.json, for the commands that move a node's data
 * into other stores (`ipex migrate`, `ipex restore --to-database`): only the keys of the store
 * that moved change, everything else of the file stays as the office wrote it. The new keys are
 * checked as the node will check them at start (storageSettings) before anything is copied.
 * The switch itself is one atomic write, after a copy of the old file was kept beside it, so a
 * killed command leaves the old file or the new one, never half of either.
 */
import { readFileSync, statSync } from 'node:fs';
import { IpexError } from '../../protocol/errors/index.js';
import { writeFileAtomic } from '../../protocol/files/atomic-write.js';
import type { Clock } from '../../protocol/runtime/clock.js';
import { dataPaths } from './data-dir.js';
import { storageSettings, type StorageSettings } from './storage-settings.js';

/** The new place of the metadata and/or the parts, as `storage` keys of ipex.json. */
export interface StorageChanges {
  /** `storage.database` with its password key, or 'sqlite' for ipex.db in the data folder. */
  readonly database?: { readonly database: string; readonly databasePasswordFile?: string; readonly databasePasswordEnv?: string } | 'sqlite';
  /** `storage.blobs` (an s3:// URL) with `storage.s3`. */
  readonly blobs?: { readonly blobs: string; readonly s3: Record<string, unknown> };
}

export interface RawConfig {
  readonly path: string;
  readonly text: string;
  readonly value: Record<string, unknown>;
}

/** ipex.json as it is written; CONFIG_INVALID when it is not a JSON object. */
export function readRawConfig(dataDir: string): RawConfig {
  const path = dataPaths(dataDir).config;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new IpexError('NODE_NOT_INITIALISED', `${dataDir} holds no node (no readable ${path}): pass --data with the node's data folder`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new IpexError('CONFIG_INVALID', `${path} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new IpexError('CONFIG_INVALID', `${path} is not a JSON object`);
  return { path, text, value: value as Record<string, unknown> };
}

/** The `storage` object of `config` with `changes` applied. */
export function changedStorage(config: Record<string, unknown>, changes: StorageChanges): Record<string, unknown> {
  const storage: Record<string, unknown> = { ...(config.storage as Record<string, unknown> | undefined ?? {}) };
  if (changes.database !== undefined) {
    delete storage.database;
    delete storage.databasePasswordFile;
    delete storage.databasePasswordEnv;
    if (changes.database !== 'sqlite') Object.assign(storage, changes.database);
  }
  if (changes.blobs !== undefined) {
    storage.blobs = changes.blobs.blobs;
    storage.s3 = changes.blobs.s3;
  }
  return storage;
}

/** Checks the storage `changes` would give, as the node's start will; CONFIG_INVALID naming the key. */
export function checkedStorage(config: Record<string, unknown>, changes: StorageChanges, dataDir: string): StorageSettings {
  return storageSettings(changedStorage(config, changes), dataDir, 'the new storage');
}

/** The text of ipex.json with `changes` applied to its storage. */
export function configWithStorage(config: Record<string, unknown>, changes: StorageChanges): string {
  const storage = changedStorage(config, changes);
  const next: Record<string, unknown> = { ...config, storage };
  if (Object.keys(storage).length === 0) delete next.storage;
  return `${JSON.stringify(next, null, 2)}\n`;
}

/**
 * Switches the data folder's ipex.json to `changes`: first a copy of the file as it was
 * (`ipex.json.before-migrate-<time>`, mode kept private), then the new file in one atomic write.
 * Returns the copy's path.
 */
export function switchStorage(config: RawConfig, changes: StorageChanges, clock: Clock): string {
  const copy = `${config.path}.before-migrate-${clock.now().toISOString().replace(/[:.]/g, '-')}`;
  writeFileAtomic(copy, config.text, { mode: 0o600 });
  writeFileAtomic(config.path, configWithStorage(config.value, changes), { mode: statSync(config.path).mode & 0o777 });
  return copy;
}
