import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../../node/config/config.js';
import type { S3BlobSettings } from '../../../node/config/storage-settings.js';
import { FsBlobStore } from '../../../node/storage/fs-blob-store.js';
import { openBlobStore } from '../../../node/storage/open-blob-store.js';
import { Readable } from 'node:stream';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { S3BlobStore } from '../../../node/storage/s3-blob-store.js';
import { createS3Client, parseCredentialsFile, s3Credentials, s3Failure } from '../../../node/storage/s3-client.js';
import { isIpexError } from '../../../protocol/errors/index.js';

describe('node/storage openBlobStore and the object store keys', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-open-blobs-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const office = { code: 'EP', name: 'European Patent Office' };
  const s3Config = (s3: Record<string, unknown>) => parseConfig({ office, storage: { blobs: 's3://ipex-parts', s3: { endpoint: 'http://127.0.0.1:1', ...s3 } } }, dir);
  const settings = (s3: Record<string, unknown>) => s3Config(s3).storage.blobs as S3BlobSettings;

  async function refusal(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (err) {
      expect(isIpexError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
      return (err as Error).message;
    }
    return expect.fail('opened');
  }

  it('opens the data folder\'s blobs/ by default', async () => {
    const opened = await openBlobStore(parseConfig({ office }, dir));
    expect(opened.blobs).to.be.instanceOf(FsBlobStore);
    expect((opened.blobs as FsBlobStore).root).to.equal(join(dir, 'blobs'));
  });

  it('reads the keys from a credentials file beside ipex.json, or from the named variables', () => {
    writeFileSync(join(dir, 's3.credentials'), '# radosgw user ipex\n[default]\naws_access_key_id = AKEY\naws_secret_access_key = s3cr3t/+=\n\n[other]\naws_access_key_id = NOT\n');
    expect(s3Credentials(settings({ credentialsFile: 's3.credentials' }))).to.deep.equal({ accessKeyId: 'AKEY', secretAccessKey: 's3cr3t/+=' });
    expect(s3Credentials(settings({}), { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' })).to.deep.equal({ accessKeyId: 'A', secretAccessKey: 'S' });
    expect(s3Credentials(settings({ accessKeyIdEnv: 'K', secretAccessKeyEnv: 'S' }), { K: 'k', S: 's', AWS_ACCESS_KEY_ID: 'no' })).to.deep.equal({ accessKeyId: 'k', secretAccessKey: 's' });
  });

  it('refuses to start without the keys, naming the file or variable', async () => {
    expect(await refusal(openBlobStore(s3Config({ credentialsFile: 'missing' })))).to.match(/credentialsFile .*missing cannot be read: ENOENT/);
    expect(() => s3Credentials(settings({ accessKeyIdEnv: 'IPEX_NO_SUCH_KEY' }), { AWS_SECRET_ACCESS_KEY: 's' })).to.throw(/IPEX_NO_SUCH_KEY is not set/);
    expect(() => s3Credentials(settings({}), { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: '' })).to.throw(/AWS_SECRET_ACCESS_KEY is not set/);
    expect(() => parseCredentialsFile('aws_access_key_id = A\n', 'f')).to.throw(/must hold aws_access_key_id and aws_secret_access_key/);
    expect(() => parseCredentialsFile('AKEY:SECRET\n', 'f')).to.throw(/is not a credentials file/);
  });

  it('refuses to start when the object store cannot be reached, naming the endpoint and the bucket', async function () {
    this.timeout(30_000);
    const port = await closedPort();
    writeFileSync(join(dir, 'keys'), 'aws_access_key_id = A\naws_secret_access_key = S\n');
    const message = await refusal(openBlobStore(s3Config({ endpoint: `http://127.0.0.1:${port}`, credentialsFile: 'keys' })));
    expect(message).to.contain(`bucket ipex-parts at http://127.0.0.1:${port}`).and.to.contain('cannot be reached');
  });
});

describe('node/storage S3BlobStore when the object store fails', () => {
  it('is BLOB_STORE_UNAVAILABLE naming the store when it cannot be reached, and consumes nothing more of the source', async function () {
    this.timeout(30_000);
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const store = new S3BlobStore(createS3Client({ kind: 's3', bucket: 'b-1', prefix: '', endpoint, region: 'us-east-1', pathStyle: true, credentials: { file: '/x' } }, { accessKeyId: 'a', secretAccessKey: 's' }), { bucket: 'b-1', prefix: '', endpoint });
    try {
      const source = Readable.from([Buffer.from('a part')]);
      const err = await store.put(source).then(() => expect.fail('stored'), (e: unknown) => e);
      expect(isIpexError(err, 'BLOB_STORE_UNAVAILABLE'), String(err)).to.equal(true);
      expect((err as Error).message).to.contain(`s3://b-1/ at ${endpoint}`);
      expect(source.destroyed).to.equal(true);
      expect(isIpexError(await store.probe().then(() => undefined, (e: unknown) => e), 'BLOB_STORE_UNAVAILABLE')).to.equal(true);
    } finally {
      store.close();
    }
  });

  it('is STORAGE_FULL when the store is full or the quota is used up', () => {
    for (const [name, status] of [['QuotaExceeded', 403], ['InsufficientCapacity', 507], ['InsufficientStorage', 507]] as const) {
      const answer = new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status } });
      expect(s3Failure(answer, 'storing a part', 's3://b/ at https://s3').code, name).to.equal('STORAGE_FULL');
    }
    const refused = new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    expect(s3Failure(refused, 'storing a part', 's3://b/ at https://s3').code).to.equal('BLOB_STORE_UNAVAILABLE');
  });
});

/** A loopback port that refuses connections: listened on, noted, closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
