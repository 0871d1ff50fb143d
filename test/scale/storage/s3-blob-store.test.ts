/**
 * What only the object store has (node/storage/s3-blob-store.ts), against a real radosgw: the
 * server-side copy of a large deposit in ranges, the bucket check at start, and the clean-up of
 * what crashed uploads left.
 */
import { expect } from 'chai';
import { Readable } from 'node:stream';
import { CreateMultipartUploadCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parseConfig } from '../../../node/config/config.js';
import { openBlobSettings } from '../../../node/storage/open-blob-store.js';
import { S3BlobStore } from '../../../node/storage/s3-blob-store.js';
import { isIpexError } from '../../../protocol/errors/index.js';
import type { Radosgw } from '../servers/radosgw.js';
import { freshBucket, sharedRadosgw } from '../servers/shared-radosgw.js';
import { generated } from './blob-store-contract.js';
import { s3Leftovers } from './s3-leftovers.js';

describe('test/scale S3BlobStore on radosgw', function () {
  this.timeout(120_000);
  let server: Radosgw;
  let client: S3Client;
  let bucket: string;
  before(async () => {
    server = await sharedRadosgw();
    client = server.client();
    bucket = await freshBucket(server, 's3-store');
  });
  after(() => client.destroy());

  it('copies a deposit larger than one CopyObject to its name in ranges', async () => {
    const store = new S3BlobStore(client, { bucket, prefix: 'ranges/', endpoint: server.endpoint }, { partBytes: 5 * 2 ** 20, copyBytes: 5 * 2 ** 20 });
    const part = generated(200, 23); // 12.5 MiB: three copied ranges
    expect(await store.put(part.source())).to.deep.equal({ sha256: part.sha256, size: part.size });
    expect(await store.verify(part.sha256)).to.equal(true);
    expect(await s3Leftovers(client, bucket, 'ranges/')).to.deep.equal([]);
  });

  it('refuses at start a bucket that does not exist, or keys the store refuses, naming the endpoint and the bucket', async () => {
    const settings = (blobs: string, keys: string) => {
      const config = parseConfig({ office: { code: 'EP', name: 'EP' }, storage: { blobs, s3: { endpoint: server.endpoint, region: server.region, accessKeyIdEnv: `${keys}_ID`, secretAccessKeyEnv: `${keys}_SECRET` } } }, '/data');
      return config.storage.blobs;
    };
    process.env.IPEX_TEST_GOOD_ID = server.accessKeyId;
    process.env.IPEX_TEST_GOOD_SECRET = server.secretAccessKey;
    process.env.IPEX_TEST_BAD_ID = server.accessKeyId;
    process.env.IPEX_TEST_BAD_SECRET = 'not-the-secret';
    try {
      const refusals: string[] = [];
      for (const [blobs, keys] of [['s3://no-such-bucket', 'IPEX_TEST_GOOD'], [`s3://${bucket}`, 'IPEX_TEST_BAD']] as const) {
        await openBlobSettings(settings(blobs, keys), '/data').then((opened) => { opened.close(); expect.fail(`opened ${blobs}`); }, (err) => {
          expect(isIpexError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
          refusals.push((err as Error).message);
        });
      }
      expect(refusals[0]).to.contain(`bucket no-such-bucket at ${server.endpoint}`).and.contain('does not exist');
      expect(refusals[1]).to.contain(`bucket ${bucket} at ${server.endpoint}`).and.contain('refused the keys');
      const opened = await openBlobSettings(settings(`s3://${bucket}`, 'IPEX_TEST_GOOD'), '/data');
      await opened.blobs.probe();
      opened.close();
    } finally {
      for (const name of ['GOOD_ID', 'GOOD_SECRET', 'BAD_ID', 'BAD_SECRET']) delete process.env[`IPEX_TEST_${name}`];
    }
  });

  it('removes temporary objects and unfinished uploads a day old, and leaves younger ones to the processes writing them', async () => {
    const prefix = 'clean/';
    const store = new S3BlobStore(client, { bucket, prefix, endpoint: server.endpoint });
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}tmp/left-by-a-crash`, Body: 'x' }));
    await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: `${prefix}tmp/unfinished` }));
    const { sha256 } = await store.put(Readable.from([Buffer.from('a stored part stays')]));
    expect(await store.cleanTemp(new Date())).to.equal(0);
    expect(await s3Leftovers(client, bucket, prefix)).to.have.length(2);
    expect(await store.cleanTemp(new Date(Date.now() + 25 * 3600_000))).to.equal(2);
    expect(await s3Leftovers(client, bucket, prefix)).to.deep.equal([]);
    expect(await store.has(sha256)).to.equal(true);
  });
});
