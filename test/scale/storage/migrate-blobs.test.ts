/**
 * Moving a node's blobs/ folder into a bucket of radosgw and proving it (issue 13, `ipex migrate`,
 * the blob half; node/storage/migrate-blobs.ts).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { FsBlobStore } from '../../../node/storage/fs-blob-store.js';
import { migrateBlobs, proveBlobs } from '../../../node/storage/migrate-blobs.js';
import { S3BlobStore } from '../../../node/storage/s3-blob-store.js';
import { codeOf } from '../../helpers/error-code.js';
import type { Radosgw } from '../servers/radosgw.js';
import { freshBucket, sharedRadosgw } from '../servers/shared-radosgw.js';
import { generated } from './blob-store-contract.js';
import { s3Leftovers } from './s3-leftovers.js';

describe('test/scale migrateBlobs: a blob folder into a bucket', function () {
  this.timeout(120_000);
  let server: Radosgw;
  let client: S3Client;
  let dir: string;
  before(async () => {
    server = await sharedRadosgw();
    client = server.client();
  });
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-migrate-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  after(() => client.destroy());

  async function folderWith(count: number): Promise<{ from: FsBlobStore; parts: { sha256: string; size: number }[] }> {
    const from = new FsBlobStore(join(dir, 'blobs'));
    const parts = [];
    for (let i = 0; i < count; i++) parts.push(await from.put(Readable.from([Buffer.from(`part ${i} of an older node`)])));
    parts.push(await from.put(generated(160, 29).source())); // 10 MiB: a multipart upload
    return { from, parts };
  }

  it('copies every part, proves each by its digest, and copies nothing twice when run again', async () => {
    const bucket = await freshBucket(server, 'migrate');
    const to = new S3BlobStore(client, { bucket, prefix: '', endpoint: server.endpoint });
    const { from, parts } = await folderWith(5);
    const lines: string[] = [];
    const result = await migrateBlobs(from, to, (line) => lines.push(line));
    expect(result).to.deep.include({ count: 6, present: 0 });
    expect(lines.at(-1)).to.contain('every one of the 6 parts');
    for (const part of parts) expect(await to.verify(part.sha256)).to.equal(true);
    expect(await s3Leftovers(client, bucket, '')).to.deep.equal([]);

    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: parts[0]!.sha256 }));
    expect(await codeOf(proveBlobs(to, parts))).to.equal('BLOB_DIGEST_MISMATCH');
    expect(await migrateBlobs(from, to)).to.deep.include({ count: 6, present: 5 });
    await proveBlobs(to, parts);
  });

  it('does not carry a part damaged in the folder into the bucket', async () => {
    const bucket = await freshBucket(server, 'migrate-bad');
    const to = new S3BlobStore(client, { bucket, prefix: '', endpoint: server.endpoint });
    const { from, parts } = await folderWith(1);
    writeFileSync(from.pathOf(parts[0]!.sha256), 'bytes damaged on disk');
    expect(await codeOf(migrateBlobs(from, to))).to.equal('PART_DAMAGED');
    expect(await to.has(parts[0]!.sha256)).to.equal(false);
  });
});
