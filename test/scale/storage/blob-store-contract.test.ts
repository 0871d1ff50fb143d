import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { FsBlobStore } from '../../../node/storage/fs-blob-store.js';
import { S3BlobStore } from '../../../node/storage/s3-blob-store.js';
import { freshBucket, sharedRadosgw } from '../servers/shared-radosgw.js';
import type { Radosgw } from '../servers/radosgw.js';
import { blobStoreContract } from './blob-store-contract.js';
import { s3Leftovers } from './s3-leftovers.js';

describe('test/scale BlobStore contract', () => {
  describe('the folder store', () => {
    let dir: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-contract-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));
    blobStoreContract('FsBlobStore (the data folder)', () => {
      const root = join(dir, 'blobs');
      const store = new FsBlobStore(root);
      return {
        store,
        chunkBytes: 0,
        leftovers: async () => (existsSync(join(root, 'tmp')) ? readdirSync(join(root, 'tmp')) : []),
        damage: async (sha256, bytes) => writeFileSync(store.pathOf(sha256), bytes),
        broken: () => {
          writeFileSync(join(dir, 'a-file'), 'not a folder');
          return new FsBlobStore(join(dir, 'a-file', 'blobs'));
        },
      };
    });
  });

  describe('the object store (radosgw)', () => {
    let server: Radosgw;
    let client: S3Client;
    let bucket: string;
    before(async function () {
      this.timeout(120_000);
      server = await sharedRadosgw();
      client = server.client();
      bucket = await freshBucket(server, 'contract');
    });
    after(() => client.destroy());
    blobStoreContract('S3BlobStore (radosgw, path-style)', () => {
      const prefix = 'parts/';
      // Small chunks, so that the multipart path is taken by parts of a few MiB (S3's least is 5 MiB).
      const store = new S3BlobStore(client, { bucket, prefix, endpoint: server.endpoint }, { partBytes: 5 * 2 ** 20 });
      return {
        store,
        chunkBytes: 5 * 2 ** 20,
        leftovers: () => s3Leftovers(client, bucket, prefix),
        damage: async (sha256, bytes) => { await client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + sha256, Body: bytes })); },
        broken: () => new S3BlobStore(client, { bucket: 'no-such-bucket-here', prefix, endpoint: server.endpoint }),
      };
    });
  });
});
