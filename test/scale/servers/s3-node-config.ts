/**
 * Points a node's data folder at a bucket of the test radosgw: `storage` in its ipex.json and a
 * credentials file beside it (mode 0600), as an operator would (docs/operations.md "Documents in
 * an object store").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Radosgw } from './radosgw.js';

export function useS3Blobs(dataDir: string, server: Radosgw, bucket: string, prefix = ''): void {
  const configPath = join(dataDir, 'ipex.json');
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  config.storage = {
    blobs: `s3://${bucket}${prefix === '' ? '' : `/${prefix}`}`,
    s3: { endpoint: server.endpoint, region: server.region, credentialsFile: 's3.credentials' },
  };
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  writeFileSync(join(dataDir, 's3.credentials'), `[default]\naws_access_key_id = ${server.accessKeyId}\naws_secret_access_key = ${server.secretAccessKey}\n`, { mode: 0o600 });
}
