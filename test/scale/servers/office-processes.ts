/**
 * One office served by several node processes on one PostgreSQL database and one bucket
 * (issue 13; docs/operations.md "Several node processes"), as an operator sets it up: the
 * office's data folder is made once (`ipex node init`, here the development network's
 * ensureDevNode), pointed at the database and the bucket, started once so that it creates its
 * tables and writes its `database.json`; then each further process gets a data folder of its
 * own with the same contents — the identity keys, the trust folder, `ipex.json`, the marker, the
 * S3 credentials — and its own ports. The directory names one exchange URL for the office: the
 * balancer's, in front of every process; `exchange.publicUrl` says so in each folder.
 *
 * Used by test/scale/integration/two-processes.test.ts and bench/scenarios/scale-retrieval.ts.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataPaths } from '../../../node/config/data-dir.js';
import type { PostgresServer } from './postgres.js';
import type { Radosgw } from './radosgw.js';
import { useS3Blobs } from './s3-node-config.js';

/** The environment variable the test processes read the PostgreSQL password from. */
export const PG_PASSWORD_ENV = 'IPEX_SCALE_PG_PASSWORD';

/** Points the office's data folder at `databaseUrl` and at `bucket` of `s3`. */
export function useSharedStorage(dataDir: string, databaseUrl: string, s3: Radosgw, bucket: string): void {
  useS3Blobs(dataDir, s3, bucket);
  editConfig(dataDir, (config) => {
    config.storage = { ...(config.storage as Record<string, unknown>), database: databaseUrl, databasePasswordEnv: PG_PASSWORD_ENV };
  });
}

/** The environment of a node process of this office (the database password, as an operator's unit file sets it). */
export function processEnv(server: PostgresServer): NodeJS.ProcessEnv {
  return { ...process.env, [PG_PASSWORD_ENV]: server.password };
}

/** Gives the process of `dataDir` its own listening ports; the public exchange URL stays the balancer's. */
export function setProcessPorts(dataDir: string, ports: { readonly exchange: number; readonly officeApi: number }): void {
  editConfig(dataDir, (config) => {
    const exchange = config.exchange as Record<string, unknown>;
    if (typeof exchange.publicUrl !== 'string') throw new Error(`${dataDir}: exchange.publicUrl must be set before the ports change`);
    config.exchange = { ...exchange, port: ports.exchange };
    config.officeApi = { ...(config.officeApi as Record<string, unknown>), port: ports.officeApi };
  });
}

/**
 * A data folder for one more process of the office of `from` (which has started once): what
 * every process needs, copied; nothing of what a process keeps for itself (its lock, its
 * downloads in progress, the SQLite file an office on PostgreSQL does not have).
 */
export function processFolder(from: string, to: string, ports: { readonly exchange: number; readonly officeApi: number }): void {
  const source = dataPaths(from);
  const target = dataPaths(to);
  if (!existsSync(source.databaseMarker)) throw new Error(`${from} has not started yet: it has no ${source.databaseMarker}`);
  mkdirSync(to, { recursive: true });
  for (const [a, b] of [[source.config, target.config], [source.databaseMarker, target.databaseMarker], [source.identity.dir, target.identity.dir], [source.trust.dir, target.trust.dir]] as const) {
    cpSync(a, b, { recursive: true, preserveTimestamps: true });
  }
  const credentials = join(from, 's3.credentials');
  if (existsSync(credentials)) cpSync(credentials, join(to, 's3.credentials'), { preserveTimestamps: true });
  setProcessPorts(to, ports);
}

function editConfig(dataDir: string, edit: (config: Record<string, unknown>) => void): void {
  const path = dataPaths(dataDir).config;
  const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(config);
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
}
