/**
 * The download route's small-part cache (node/http/exchange/part-cache.ts, issue 5), over a real
 * filesystem blob store: only small parts whose bytes match their name are kept, within a bound.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { FsBlobStore } from '../../../../node/storage/fs-blob-store.js';
import { PartCache } from '../../../../node/http/exchange/part-cache.js';

describe('exchange part cache', () => {
  let dir: string;
  let blobs: FsBlobStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipex-part-cache-'));
    blobs = new FsBlobStore(join(dir, 'blobs'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function store(bytes: Buffer): Promise<string> {
    return (await blobs.put(Readable.from([bytes]))).sha256;
  }

  it('returns the stored bytes, once read, from memory', async () => {
    const bytes = randomBytes(10_000);
    const sha = await store(bytes);
    const cache = new PartCache(blobs);
    expect((await cache.get(sha, bytes.length))!.equals(bytes)).to.equal(true);
    expect(cache.size).to.equal(bytes.length);
    // Gone from disk, still served: the name is the digest, so the bytes cannot be stale.
    rmSync(blobs.pathOf(sha));
    expect((await cache.get(sha, bytes.length))!.equals(bytes)).to.equal(true);
  });

  // issue 10, item 4: a damaged part is refused, not returned for streaming unverified
  it('refuses a part whose bytes no longer match its name (PART_DAMAGED) and keeps nothing, nor a part above the size limit', async () => {
    const bytes = randomBytes(1000);
    const sha = await store(bytes);
    const path = blobs.pathOf(sha);
    chmodSync(path, 0o644);
    writeFileSync(path, randomBytes(1000));
    const cache = new PartCache(blobs);
    const damaged = await cache.get(sha, 1000).then(() => undefined, (err: { code?: string; actualSha256?: string }) => err);
    expect(damaged?.code).to.equal('PART_DAMAGED');
    expect(damaged?.actualSha256).to.match(/^[0-9a-f]{64}$/).and.not.equal(sha);
    expect(cache.size).to.equal(0);

    const large = randomBytes(5000);
    const small = new PartCache(blobs, { maxPartBytes: 4096 });
    expect(await small.get(await store(large), large.length)).to.equal(undefined);
    expect(small.size).to.equal(0);
  });

  it('holds at most maxTotalBytes, dropping the least recently used part first', async () => {
    const parts = [randomBytes(400), randomBytes(400), randomBytes(400)];
    const shas = await Promise.all(parts.map(store));
    const cache = new PartCache(blobs, { maxPartBytes: 1000, maxTotalBytes: 1000 });
    await cache.get(shas[0]!, 400);
    await cache.get(shas[1]!, 400);
    await cache.get(shas[0]!, 400); // 0 is now the most recent
    await cache.get(shas[2]!, 400); // evicts 1
    expect(cache.size).to.equal(800);
    rmSync(blobs.pathOf(shas[1]!));
    rmSync(blobs.pathOf(shas[0]!));
    expect((await cache.get(shas[0]!, 400))!.equals(parts[0]!)).to.equal(true);
    let missing: unknown;
    try {
      await cache.get(shas[1]!, 400);
    } catch (err) {
      missing = err;
    }
    expect((missing as { code?: string }).code).to.equal('PART_DAMAGED'); // a certified part that is gone
    expect(createHash('sha256').update(parts[2]!).digest('hex')).to.equal(shas[2]);
  });
});
