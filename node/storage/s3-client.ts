/**
 * The S3 client of the object-store blob store (issue 13), and what its failures mean to the
 * node. Configured from `storage.s3` (node/config/storage-settings.ts) with keys read from a file
 * or the environment at start, never from ipex.json. Path-style addressing by default: most
 * S3-compatible servers (radosgw, MinIO) have no DNS name per bucket.
 *
 * The SDK's newer default checksums (CRC32 trailers) are turned off: S3-compatible servers such
 * as radosgw 16 do not all know them. The store sends Content-MD5 on every write instead, which
 * every S3 server checks, and re-hashes the part itself (s3-upload.ts).
 */
import { readFileSync } from 'node:fs';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { IpexError, isIpexError } from '../../protocol/errors/index.js';
import type { S3BlobSettings } from '../config/storage-settings.js';

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * The SDK warns on Node 20 that its releases after January 2027 need Node 22; ipex pins one
 * release (package-lock.json), so the warning says nothing to an operator, and would break the
 * node's JSON-line log with a multi-line message on stderr. Only when nobody set it otherwise.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Reads the keys named by the settings; CONFIG_INVALID naming the file or variable when absent. */
export function s3Credentials(settings: S3BlobSettings, env: NodeJS.ProcessEnv = process.env): S3Credentials {
  const where = 'storage.s3';
  if ('file' in settings.credentials) {
    let text: string;
    try {
      text = readFileSync(settings.credentials.file, 'utf8');
    } catch (err) {
      throw new IpexError('CONFIG_INVALID', `${where}.credentialsFile ${settings.credentials.file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
    }
    return parseCredentialsFile(text, settings.credentials.file);
  }
  const { accessKeyIdEnv, secretAccessKeyEnv } = settings.credentials;
  const accessKeyId = env[accessKeyIdEnv];
  const secretAccessKey = env[secretAccessKeyEnv];
  for (const [name, value] of [[accessKeyIdEnv, accessKeyId], [secretAccessKeyEnv, secretAccessKey]] as const) {
    if (value === undefined || value === '') {
      throw new IpexError('CONFIG_INVALID', `the object store's keys come from the environment, but ${name} is not set (or set ${where}.credentialsFile)`);
    }
  }
  return { accessKeyId: accessKeyId!, secretAccessKey: secretAccessKey! };
}

/**
 * The AWS shared-credentials format: `aws_access_key_id = …` and `aws_secret_access_key = …`,
 * under `[default]` or no section at all; `#` and `;` start comments. Other sections are ignored.
 */
export function parseCredentialsFile(text: string, file: string): S3Credentials {
  const values = new Map<string, string>();
  let section = 'default';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const pair = /^([a-z_]+)\s*=\s*(\S+)$/.exec(line);
    if (pair === null) throw new IpexError('CONFIG_INVALID', `${file} is not a credentials file: every line must be "key = value" (aws_access_key_id, aws_secret_access_key)`);
    if (section === 'default') values.set(pair[1]!, pair[2]!);
  }
  const accessKeyId = values.get('aws_access_key_id');
  const secretAccessKey = values.get('aws_secret_access_key');
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw new IpexError('CONFIG_INVALID', `${file} must hold aws_access_key_id and aws_secret_access_key (under [default] or no section)`);
  }
  return { accessKeyId, secretAccessKey };
}

export function createS3Client(settings: S3BlobSettings, credentials: S3Credentials): S3Client {
  return new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.pathStyle,
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A server that does not answer is a failed request, not a hung deposit. No request timeout:
    // a large part streams for as long as the peer reading it takes.
    requestHandler: { connectionTimeout: 10_000, socketTimeout: 120_000 },
  });
}

/** The HTTP status of an S3 error answer; undefined for a network failure. */
export function s3Status(err: unknown): number | undefined {
  if (err instanceof S3ServiceException) return err.$metadata.httpStatusCode;
  const status = (err as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

/** What a failed request to the object store is for the node: IpexErrors pass, the rest say where. */
export function s3Failure(err: unknown, doing: string, where: string): IpexError {
  if (isIpexError(err)) return err;
  const status = s3Status(err);
  const name = (err as Error)?.name ?? 'Error';
  if (status === 507 || name === 'QuotaExceeded' || name === 'InsufficientCapacity') {
    return new IpexError('STORAGE_FULL', `the object store ${where} is full or over quota (${name}) while ${doing}; nothing was stored`, { cause: err });
  }
  const why = status === undefined ? `${name}: ${(err as Error)?.message ?? String(err)}` : `HTTP ${status} ${name}`;
  return new IpexError('BLOB_STORE_UNAVAILABLE', `the object store ${where} failed while ${doing} (${why})`, { cause: err });
}
