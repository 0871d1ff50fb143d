/**
 * Codes raised by the node's storage layer (docs/design.md §8): the SQLite database and its numbered
 * migrations, the content-addressed blob store, and online backup / verified restore.
 */
import { defineCodes } from '../spec.js';

export const storageCodes = defineCodes({
  DATABASE_UNAVAILABLE: {
    status: 503,
    title: 'The node database cannot be opened or is busy; check the data folder and that no other process holds it',
  },
  MIGRATION_TAMPERED: {
    status: 500,
    title: 'An already applied schema migration file was changed; restore the original file from the release',
  },
  SCHEMA_TOO_NEW: {
    status: 500,
    title: 'The database was migrated by a newer ipex release: run that release again, or restore a backup taken before the upgrade (`ipex restore`)',
  },
  DATABASE_CORRUPT: {
    status: 500,
    title: 'The node database is damaged and was left as it is; restore the data folder from a backup (`ipex restore`, docs/operations.md)',
  },
  DATABASE_MISSING: {
    status: 500,
    title: 'The data folder was set up with a database that is now missing, empty or another one; nothing was changed. Restore the data folder from a backup (`ipex restore`)',
  },
  MIGRATION_INVALID: {
    status: 500,
    title: 'A schema migration file is misnamed, duplicated or failed to apply',
  },
  STORAGE_FULL: {
    status: 507,
    title: 'The node cannot store this: its disk is full and nothing was stored. Try again later; the office must free disk space',
  },
  BLOB_NOT_FOUND: {
    status: 404,
    title: 'No stored part has this SHA-256 digest',
  },
  BLOB_DIGEST_MISMATCH: {
    status: 400,
    title: 'The stored or received bytes do not match the expected SHA-256 digest or size',
  },
  PART_DAMAGED: {
    status: 503,
    title: 'The stored part no longer matches the digest it was certified with and was not sent; the office is alerted and restores it. Try again later',
  },
  BLOB_STORE_UNAVAILABLE: {
    status: 503,
    title: 'The object store that keeps the documents does not answer or refused the request; nothing was stored. Try again later; the office checks the object store',
  },
  BLOB_RANGE_INVALID: {
    status: 416,
    title: 'The requested byte range lies outside the stored part',
  },
  BACKUP_INVALID: {
    status: 400,
    title: 'The backup folder is incomplete, altered or not an ipex backup; nothing was restored',
  },
  RESTORE_TARGET_NOT_EMPTY: {
    status: 409,
    title: 'The restore target folder exists and is not empty; restore into a new or empty folder',
  },
  TARGET_DATABASE_NOT_EMPTY: {
    status: 409,
    title: 'The target PostgreSQL database already holds ipex tables; nothing was copied. Migrate or restore into a new, empty database',
  },
  MIGRATE_SOURCE_UNSUPPORTED: {
    status: 409,
    title: 'The node already keeps this in the target kind of store (metadata in PostgreSQL, parts in an object store); nothing was changed',
  },
  MIGRATE_PROOF_FAILED: {
    status: 500,
    title: 'The copy in the new stores does not match the node (row counts or audit root); it was rolled back and the node still uses its old stores',
  },
});
