/**
 * `storage` in ipex.json: where a node keeps its document parts (issue 13). The default is the
 * `blobs/` folder of the data folder; `storage.blobs: "s3://bucket[/prefix]"` puts them in an
 * S3-compatible object store instead, reached through `storage.s3` (docs/configuration.md,
 * docs/operations.md "Documents in an object store"). The keys of the object store are never in
 * ipex.json: they come from a file beside it or from the environment, and are read when the node
 * starts (node/storage/open-blob-store.ts), where a missing one is CONFIG_INVALID too.
 */
import { resolve } from 'node:path';
import { IpexError } from '../../protocol/errors/index.js';
import { checkObject, optionalBoolean, requiredString } from './checks.js';
import { databaseSettings, type DatabaseSettings } from './database-settings.js';

export type BlobSettings = { readonly kind: 'folder' } | S3BlobSettings;

export interface S3BlobSettings {
  readonly kind: 's3';
  readonly bucket: string;
  /** Prepended to every key: '' or a path ending in '/'. */
  readonly prefix: string;
  /** `https://host[:port]` (plain `http://` only for a server on loopback). */
  readonly endpoint: string;
  readonly region: string;
  /** Path-style addressing (`endpoint/bucket/key`), as most S3-compatible servers want. */
  readonly pathStyle: boolean;
  /** Where the access key and secret come from. */
  readonly credentials: { readonly file: string } | { readonly accessKeyIdEnv: string; readonly secretAccessKeyEnv: string };
}

export interface StorageSettings {
  readonly blobs: BlobSettings;
  /** Where the metadata is: SQLite in the data folder, or a PostgreSQL server (node/config/database-settings.ts). */
  readonly database: DatabaseSettings;
}

/** Bucket names as S3 allows them (3–63 lower-case letters, digits, dots, hyphens), and an optional key prefix of plain segments (none starts with a dot). */
const BLOBS_URL = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/((?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*)\/?)?$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]{0,63}$/;

export function storageSettings(value: unknown, dataDir: string, where: string): StorageSettings {
  const storage = checkObject(value, where, ['blobs', 's3', 'database', 'databasePasswordFile', 'databasePasswordEnv']);
  return { blobs: blobSettings(storage, dataDir, where), database: databaseSettings(storage, dataDir, where) };
}

function blobSettings(storage: Record<string, unknown>, dataDir: string, where: string): BlobSettings {
  if (storage.blobs === undefined || storage.blobs === 'folder') {
    if (storage.s3 !== undefined) throw invalid(`${where}.s3 is set but storage.blobs is not an s3:// URL: set "blobs": "s3://BUCKET" to use the object store, or remove s3`);
    return { kind: 'folder' };
  }
  const url = typeof storage.blobs === 'string' ? BLOBS_URL.exec(storage.blobs) : null;
  if (url === null) throw invalid(`${where}.blobs must be "folder" or "s3://BUCKET" (optionally "s3://BUCKET/PREFIX"), with a valid bucket name`);
  if (storage.s3 === undefined) throw invalid(`${where}.s3 is required with storage.blobs "${String(storage.blobs)}": at least s3.endpoint`);
  const s3 = checkObject(storage.s3, `${where}.s3`, ['endpoint', 'region', 'pathStyle', 'credentialsFile', 'accessKeyIdEnv', 'secretAccessKeyEnv']);
  const endpoint = endpointOf(s3.endpoint, `${where}.s3.endpoint`);
  const region = s3.region === undefined ? 'us-east-1' : requiredString(s3.region, `${where}.s3.region`, /^[a-z0-9-]{1,64}$/);
  const byEnv = s3.accessKeyIdEnv !== undefined || s3.secretAccessKeyEnv !== undefined;
  if (s3.credentialsFile !== undefined && byEnv) {
    throw invalid(`${where}.s3 takes credentialsFile or accessKeyIdEnv/secretAccessKeyEnv, not both`);
  }
  const credentials = s3.credentialsFile !== undefined
    ? { file: resolve(dataDir, requiredString(s3.credentialsFile, `${where}.s3.credentialsFile`, /^[^\u0000]{1,4096}$/)) }
    : {
      accessKeyIdEnv: s3.accessKeyIdEnv === undefined ? 'AWS_ACCESS_KEY_ID' : requiredString(s3.accessKeyIdEnv, `${where}.s3.accessKeyIdEnv`, ENV_NAME),
      secretAccessKeyEnv: s3.secretAccessKeyEnv === undefined ? 'AWS_SECRET_ACCESS_KEY' : requiredString(s3.secretAccessKeyEnv, `${where}.s3.secretAccessKeyEnv`, ENV_NAME),
    };
  return {
    kind: 's3', bucket: url[1]!, prefix: url[2] === undefined ? '' : `${url[2]}/`, endpoint, region,
    pathStyle: optionalBoolean(s3.pathStyle, `${where}.s3.pathStyle`) ?? true, credentials,
  };
}

/** An http(s) origin; plain http only to loopback, since the documents would cross the network in clear. */
function endpointOf(value: unknown, where: string): string {
  let url: URL;
  try {
    url = new URL(requiredString(value, where, /^https?:\/\/\S{1,2000}$/));
  } catch (err) {
    if (err instanceof IpexError) throw err;
    throw invalid(`${where} must be a URL such as https://s3.example.org`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw invalid(`${where} must be an origin (https://host[:port]) without path, query or user: the bucket is named in storage.blobs, keys come from a file or the environment`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.protocol === 'http:' && !(host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host))) {
    throw invalid(`${where} uses plain http to ${url.hostname}: documents would cross the network in clear. Use https (plain http is allowed only on loopback)`);
  }
  return url.origin;
}

function invalid(message: string): IpexError {
  return new IpexError('CONFIG_INVALID', message);
}
