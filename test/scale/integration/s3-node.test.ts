/**
 * A real node whose parts are in radosgw (SQLite metadata): EP deposits, JP (also on radosgw)
 * retrieves over the exchange API; the copy verifies against the network root and the parts are
 * objects in the buckets, named by their SHA-256 (issue 13).
 */
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { verifyBundle } from '../../../protocol/certification/index.js';
import { S3BlobStore } from '../../../node/storage/s3-blob-store.js';
import { DemoNetwork } from '../../../scripts/demo/network.js';
import { saveCopyBundle } from '../../../scripts/demo/checks.js';
import { EP_APP, depositPriorityDocument } from '../../integration/network-fixture.js';
import type { Radosgw } from '../servers/radosgw.js';
import { useS3Blobs } from '../servers/s3-node-config.js';
import { freshBucket, sharedRadosgw } from '../servers/shared-radosgw.js';
import { s3Leftovers } from '../storage/s3-leftovers.js';

describe('test/scale a node with its parts in radosgw', function () {
  this.timeout(180_000);
  let server: Radosgw;
  let client: S3Client;
  let baseDir: string;
  let net: DemoNetwork;
  const buckets: Record<string, string> = {};

  before(async () => {
    server = await sharedRadosgw();
    client = server.client();
    baseDir = mkdtempSync(join(tmpdir(), 'ipex-s3-node-'));
    net = await DemoNetwork.create({ baseDir, offices: ['EP', 'JP'] });
    for (const code of ['EP', 'JP']) {
      buckets[code] = await freshBucket(server, code.toLowerCase());
      useS3Blobs(net.office(code).dataDir, server, buckets[code]!, code === 'JP' ? 'jp/parts' : '');
    }
    await net.startAll();
  });
  after(async () => {
    await net?.stopAll();
    client?.destroy();
    if (baseDir !== undefined) rmSync(baseDir, { recursive: true, force: true });
  });

  async function keys(bucket: string, prefix: string): Promise<string[]> {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    return (listed.Contents ?? []).map((o) => o.Key!).sort();
  }

  it('is ready, with the object store as its blob store', async () => {
    expect(net.node('EP').context.blobs).to.be.instanceOf(S3BlobStore);
    const answer = await fetch(`${net.node('EP').officeApiUrl}/readyz`);
    const body = await answer.json() as { status: string; checks: { name: string; ok: boolean }[] };
    expect(answer.status).to.equal(200);
    expect(body.checks.find((c) => c.name === 'blobs')).to.include({ ok: true });
  });

  it('deposits into the bucket and serves a retrieval to a peer, whose copy verifies', async () => {
    const ep = net.api('EP');
    const jp = net.api('JP');
    // 12 MiB: a multipart upload at EP (digest known only at the end: tmp/, then copied) and at JP (digest known: straight to its name).
    const doc = await depositPriorityDocument(ep, 12 * 2 ** 20);
    const digests = (doc.parts ?? []).map((p) => p.sha256).sort();
    expect(digests).to.have.length(2);
    expect(await keys(buckets.EP!, '')).to.deep.equal(digests);

    const { jobId } = await jp.retrieve({ ...EP_APP, accessCode: doc.accessCode! });
    const job = await jp.waitForJob(jobId, 120_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');
    const copy = await jp.copy(job.copyId!);
    expect(copy.parts.map((p) => p.sha256).sort()).to.deep.equal(digests);
    expect(await keys(buckets.JP!, 'jp/parts/')).to.deep.equal(digests.map((d) => `jp/parts/${d}`));

    const dir = join(baseDir, 'out', doc.documentId);
    await saveCopyBundle(jp, copy.copyId, dir);
    const verified = await verifyBundle(dir, { trustAnchors: net.node('JP').context.store.trustAnchors(), at: new Date(), expectedOffice: 'EP' });
    expect(verified.ok, JSON.stringify(verified.problems)).to.equal(true);
    for (const code of ['EP', 'JP']) {
      const store = net.node(code).context.blobs as S3BlobStore;
      for (const sha256 of digests) expect(await store.verify(sha256), `${code} ${sha256}`).to.equal(true);
      expect(await s3Leftovers(client, buckets[code]!, store.prefix)).to.deep.equal([]);
    }
  });
});
