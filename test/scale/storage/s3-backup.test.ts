/**
 * `ipex backup` / `ipex restore` of a node whose parts are in radosgw (issue 13): the backup
 * records every part's digest (re-hashed) and the credentials file; the restore proves every
 * part is in the bucket with its digest before it writes anything.
 */
import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { parseConfig } from '../../../node/config/config.js';
import { backup, restore } from '../../../node/storage/backup.js';
import { openBlobStore } from '../../../node/storage/open-blob-store.js';
import { DemoNetwork } from '../../../scripts/demo/network.js';
import { depositPriorityDocument } from '../../integration/network-fixture.js';
import type { Radosgw } from '../servers/radosgw.js';
import { useS3Blobs } from '../servers/s3-node-config.js';
import { freshBucket, sharedRadosgw } from '../servers/shared-radosgw.js';
import { codeOf } from '../../helpers/error-code.js';

describe('test/scale backup and restore of a node on radosgw', function () {
  this.timeout(180_000);
  let server: Radosgw;
  let client: S3Client;
  let baseDir: string;
  let net: DemoNetwork;
  let bucket: string;
  let digests: string[];

  before(async () => {
    server = await sharedRadosgw();
    client = server.client();
    baseDir = mkdtempSync(join(tmpdir(), 'ipex-s3-backup-'));
    net = await DemoNetwork.create({ baseDir, offices: ['EP'] });
    bucket = await freshBucket(server, 'backup');
    useS3Blobs(net.office('EP').dataDir, server, bucket);
    await net.startAll();
    const doc = await depositPriorityDocument(net.api('EP'), 6 * 2 ** 20);
    digests = (doc.parts ?? []).map((p) => p.sha256).sort();
  });
  after(async () => {
    await net?.stopAll();
    client?.destroy();
    if (baseDir !== undefined) rmSync(baseDir, { recursive: true, force: true });
  });

  it('records every part in the bucket with its digest, and restores a node that reaches them', async () => {
    const out = join(baseDir, 'backup-1');
    const lines: string[] = [];
    const manifest = await backup(net.office('EP').dataDir, out, (line) => lines.push(line));
    expect(manifest.objects?.parts.map((p) => p.sha256).sort()).to.deep.equal(digests);
    expect(manifest.objects?.location).to.contain(`s3://${bucket}/`);
    expect(manifest.blobs.count).to.equal(2);
    expect(manifest.files.map((f) => f.path)).to.include('s3.credentials').and.not.satisfy((paths: string[]) => paths.some((p) => p.startsWith('blobs/')));
    expect(lines.join('\n')).to.contain('checked 2 parts');

    const restored = join(baseDir, 'restored-1');
    await restore(out, restored);
    expect(statSync(join(restored, 's3.credentials')).mode & 0o777).to.equal(0o600);
    const config = parseConfig(JSON.parse(readFileSync(join(restored, 'ipex.json'), 'utf8')), restored);
    const opened = await openBlobStore(config);
    try {
      for (const sha256 of digests) expect(await opened.blobs.verify(sha256)).to.equal(true);
    } finally {
      opened.close();
    }
  });

  it('refuses to restore, writing nothing, when a part is damaged or missing in the bucket', async () => {
    const out = join(baseDir, 'backup-2');
    await backup(net.office('EP').dataDir, out);
    const [first, second] = digests as [string, string];
    const original = Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: first }))).Body!.transformToByteArray());
    try {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: first, Body: Buffer.from('altered in the store') }));
      const target = join(baseDir, 'restored-2');
      const damaged = await restore(out, target).then(() => 'restored', (err: Error) => err.message);
      expect(damaged).to.contain(`part ${first} has another size`);
      expect(existsSync(target)).to.equal(false);
      expect(await codeOf(restore(out, target))).to.equal('BACKUP_INVALID');
      expect(await codeOf(backup(net.office('EP').dataDir, join(baseDir, 'backup-3')))).to.equal('BLOB_DIGEST_MISMATCH');
      expect(existsSync(join(baseDir, 'backup-3'))).to.equal(false);
    } finally {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: first, Body: original }));
    }
    const secondBytes = Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: bucket, Key: second }))).Body!.transformToByteArray());
    try {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: second }));
      const missing = await restore(out, join(baseDir, 'restored-3')).then(() => 'restored', (err: Error) => err.message);
      expect(missing).to.contain(`part ${second} is missing`);
      expect(existsSync(join(baseDir, 'restored-3'))).to.equal(false);
    } finally {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: second, Body: secondBytes }));
    }
    await restore(out, join(baseDir, 'restored-4'));
  });
});
