/**
 * The options that name a node's new stores (`ipex migrate`, `ipex restore --to-database`), as
 * the `storage` keys of ipex.json they become (docs/configuration.md): `--to-database` is
 * `storage.database` with `--database-password-file` / `--database-password-env`, `--to-blobs`
 * is `storage.blobs` with the `--s3-*` options as `storage.s3`. A file named on the command
 * line is relative to the working directory; in ipex.json it is written relative to the data
 * folder when it lies inside it (so the folder can move), else as an absolute path. The values
 * themselves are checked as the node checks its configuration (storage-rewrite.ts).
 */
import type { Command } from 'commander';
import { isAbsolute, relative, resolve } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import type { StorageChanges } from '../config/storage-rewrite.js';

export interface DatabaseOptions {
  toDatabase?: string;
  databasePasswordFile?: string;
  databasePasswordEnv?: string;
}

export interface BlobOptions {
  toBlobs?: string;
  s3Endpoint?: string;
  s3Region?: string;
  s3CredentialsFile?: string;
  s3AccessKeyIdEnv?: string;
  s3SecretAccessKeyEnv?: string;
}

/** Adds --to-database and its password options to `command`; `sqlite` is allowed when `sqlite` is true. */
export function addDatabaseOptions(command: Command, sqlite: boolean): Command {
  return command
    .option('--to-database <url>', `PostgreSQL database to move the metadata into: postgres://USER@HOST[:PORT]/DATABASE${sqlite ? ", or sqlite for ipex.db in the data folder" : ''}`)
    .option('--database-password-file <file>', 'file holding the PostgreSQL password (becomes storage.databasePasswordFile)')
    .option('--database-password-env <name>', 'environment variable holding the PostgreSQL password (storage.databasePasswordEnv)');
}

/** Adds --to-blobs and the --s3-* options to `command`. */
export function addBlobOptions(command: Command): Command {
  return command
    .option('--to-blobs <url>', 'bucket to move the parts into: s3://BUCKET[/PREFIX]')
    .option('--s3-endpoint <url>', 'the object store: https://HOST[:PORT] (plain http only on loopback)')
    .option('--s3-region <region>', 'region of the bucket (default us-east-1)')
    .option('--s3-credentials-file <file>', 'AWS shared-credentials file with the keys (storage.s3.credentialsFile)')
    .option('--s3-access-key-id-env <name>', 'environment variable with the access key id (default AWS_ACCESS_KEY_ID)')
    .option('--s3-secret-access-key-env <name>', 'environment variable with the secret key (default AWS_SECRET_ACCESS_KEY)');
}

/** The database half of the changes; undefined without --to-database. */
export function databaseChanges(opts: DatabaseOptions, dataDir: string, sqlite: boolean, cwd = process.cwd()): StorageChanges['database'] {
  if (opts.toDatabase === undefined) {
    if (opts.databasePasswordFile !== undefined || opts.databasePasswordEnv !== undefined) throw usage('--database-password-file and --database-password-env need --to-database');
    return undefined;
  }
  if (opts.toDatabase === 'sqlite') {
    if (!sqlite) throw usage('--to-database must be a postgres:// URL: the node is moved from SQLite into PostgreSQL');
    if (opts.databasePasswordFile !== undefined || opts.databasePasswordEnv !== undefined) throw usage('SQLite takes no password: leave out --database-password-file and --database-password-env');
    return 'sqlite';
  }
  if (opts.databasePasswordFile !== undefined && opts.databasePasswordEnv !== undefined) throw usage('give --database-password-file or --database-password-env, not both');
  return {
    database: opts.toDatabase,
    ...(opts.databasePasswordFile === undefined ? {} : { databasePasswordFile: configPath(opts.databasePasswordFile, dataDir, cwd) }),
    ...(opts.databasePasswordEnv === undefined ? {} : { databasePasswordEnv: opts.databasePasswordEnv }),
  };
}

/** The blob half of the changes; undefined without --to-blobs. */
export function blobChanges(opts: BlobOptions, dataDir: string, cwd = process.cwd()): StorageChanges['blobs'] {
  const s3Given = [opts.s3Endpoint, opts.s3Region, opts.s3CredentialsFile, opts.s3AccessKeyIdEnv, opts.s3SecretAccessKeyEnv].some((v) => v !== undefined);
  if (opts.toBlobs === undefined) {
    if (s3Given) throw usage('the --s3-* options need --to-blobs s3://BUCKET');
    return undefined;
  }
  if (opts.s3Endpoint === undefined) throw usage('--to-blobs needs --s3-endpoint, the URL of the object store');
  if (opts.s3CredentialsFile !== undefined && (opts.s3AccessKeyIdEnv !== undefined || opts.s3SecretAccessKeyEnv !== undefined)) {
    throw usage('give --s3-credentials-file or the --s3-*-env options, not both');
  }
  const s3: Record<string, unknown> = { endpoint: opts.s3Endpoint };
  if (opts.s3Region !== undefined) s3.region = opts.s3Region;
  if (opts.s3CredentialsFile !== undefined) s3.credentialsFile = configPath(opts.s3CredentialsFile, dataDir, cwd);
  if (opts.s3AccessKeyIdEnv !== undefined) s3.accessKeyIdEnv = opts.s3AccessKeyIdEnv;
  if (opts.s3SecretAccessKeyEnv !== undefined) s3.secretAccessKeyEnv = opts.s3SecretAccessKeyEnv;
  return { blobs: opts.toBlobs, s3 };
}

/** `file` (relative to `cwd`) as ipex.json names it: relative to the data folder when inside it, else absolute. */
export function configPath(file: string, dataDir: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const inside = relative(resolve(cwd, dataDir), absolute);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : absolute;
}

function usage(message: string): IpexError {
  return new IpexError('USAGE', message);
}
