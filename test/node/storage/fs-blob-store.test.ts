import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { FsBlobStore } from '../../../node/storage/fs-blob-store.js';
import { peakMemory } from '../../helpers/peak-memory.js';

const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function tmpFiles(root: string): string[] {
  return existsSync(join(root, 'tmp')) ? readdirSync(join(root, 'tmp')) : [];
}

describe('node/storage FsBlobStore', () => {
  let root: string;
  let store: FsBlobStore;
  beforeEach(() => {
    root = join(mkdtempSync(join(tmpdir(), 'ipex-blob-')), 'blobs');
    store = new FsBlobStore(root);
  });
  afterEach(() => { rmSync(join(root, '..'), { recursive: true, force: true }); });

  it('stores by digest under ab/cd/<sha256> and reads back', async () => {
    const data = Buffer.from('priority document part');
    const info = await store.put(Readable.from([data]));
    expect(info).to.deep.equal({ sha256: sha(data), size: data.length });
    expect(existsSync(join(root, info.sha256.slice(0, 2), info.sha256.slice(2, 4), info.sha256))).to.equal(true);
    expect(await readAll(await store.open(info.sha256))).to.deep.equal(data);
    expect(await store.has(info.sha256)).to.equal(true);
    expect(await store.stat(info.sha256)).to.deep.equal(info);
    expect(await store.verify(info.sha256)).to.equal(true);
    expect(tmpFiles(root)).to.deep.equal([]);
    // The same bytes again: the stored file is kept and the received copy removed before the answer.
    expect(await store.put(Readable.from([data]))).to.deep.equal(info);
    expect(tmpFiles(root)).to.deep.equal([]);
  });

  it('serves inclusive byte ranges and refuses ranges outside the part', async () => {
    const data = Buffer.from('0123456789');
    const { sha256 } = await store.put(Readable.from([data]));
    expect((await readAll(await store.open(sha256, { start: 2, end: 4 }))).toString()).to.equal('234');
    expect((await readAll(await store.open(sha256, { start: 7 }))).toString()).to.equal('789');
    expect((await readAll(await store.open(sha256, { end: 0 }))).toString()).to.equal('0');
    for (const bad of [{ start: 10 }, { start: 5, end: 4 }, { end: 10 }, { start: -1 }]) {
      await store.open(sha256, bad).then(() => expect.fail(`accepted ${JSON.stringify(bad)}`),
        (err) => expect(err.code).to.equal('BLOB_RANGE_INVALID'));
    }
  });

  it('stores the empty part', async () => {
    const { sha256, size } = await store.put(Readable.from([]));
    expect(size).to.equal(0);
    expect(await readAll(await store.open(sha256))).to.have.length(0);
  });

  it('leaves nothing behind on a digest or size mismatch', async () => {
    const data = Buffer.from('abc');
    await store.put(Readable.from([data]), { expectedSha256: sha('abd') })
      .then(() => expect.fail('stored'), (err) => expect(err.code).to.equal('BLOB_DIGEST_MISMATCH'));
    await store.put(Readable.from([data]), { expectedSize: 2 })
      .then(() => expect.fail('stored'), (err) => expect(err.code).to.equal('BLOB_DIGEST_MISMATCH'));
    await store.put(Readable.from([data]), { expectedSize: 4 })
      .then(() => expect.fail('stored'), (err) => expect(err.code).to.equal('BLOB_DIGEST_MISMATCH'));
    expect(await store.has(sha(data))).to.equal(false);
    expect(tmpFiles(root)).to.deep.equal([]);
    const ok = await store.put(Readable.from([data]), { expectedSha256: sha(data).toUpperCase(), expectedSize: 3 });
    expect(ok.sha256).to.equal(sha(data));
  });

  it('leaves nothing behind when the source stream fails half-way', async () => {
    async function* failing() {
      yield Buffer.alloc(1024, 1);
      throw new Error('connection reset');
    }
    await store.put(Readable.from(failing())).then(() => expect.fail('stored'), (err) => expect(err.message).to.equal('connection reset'));
    expect(tmpFiles(root)).to.deep.equal([]);
    const listed = [];
    for await (const b of store.list()) listed.push(b);
    expect(listed).to.deep.equal([]);
  });

  it('dedupes concurrent puts of the same content', async () => {
    const data = Buffer.alloc(256 * 1024, 7);
    const results = await Promise.all(Array.from({ length: 6 }, () => store.put(Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]))));
    expect(new Set(results.map((r) => r.sha256))).to.deep.equal(new Set([sha(data)]));
    const listed = [];
    for await (const b of store.list()) listed.push(b);
    expect(listed).to.deep.equal([{ sha256: sha(data), size: data.length }]);
    expect(tmpFiles(root)).to.deep.equal([]);
    expect(await store.verify(sha(data))).to.equal(true);
  });

  it('answers a put of bytes already stored only once their folder entry is durable', async () => {
    const data = Buffer.alloc(100_000, 3);
    const folder = join(root, sha(data).slice(0, 2), sha(data).slice(2, 4));
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    let folderSyncAsked!: () => void;
    const asked = new Promise<void>((resolve) => { folderSyncAsked = resolve; });
    const gated = new FsBlobStore(root, {
      fsyncFolder: async (path) => {
        if (path !== folder) return;
        folderSyncAsked();
        await held; // the fsync of the part's folder does not finish until released
      },
    });
    const first = gated.put(Readable.from([data]));
    await asked; // the first put has renamed its file and waits for the folder fsync
    let secondDone = false;
    const second = gated.put(Readable.from([data])).then((info) => { secondDone = true; return info; });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(secondDone, 'the second put finds the name, but it is not durable yet').to.equal(false);
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.sha256).to.equal(sha(data));
    expect(b.sha256).to.equal(sha(data));
    expect(tmpFiles(root)).to.deep.equal([]);
  });

  it('rejects names that are not SHA-256 hex (no path traversal) and reports absent parts', async () => {
    await store.open('../../etc/passwd').then(() => expect.fail('opened'), (err) => expect(err.code).to.equal('INVALID_INPUT'));
    expect(await store.has('../x')).to.equal(false);
    await store.stat(sha('absent')).then(() => expect.fail('found'), (err) => expect(err.code).to.equal('BLOB_NOT_FOUND'));
  });

  it('verify notices bytes altered on disk', async () => {
    const { sha256 } = await store.put(Readable.from([Buffer.from('original')]));
    writeFileSync(store.pathOf(sha256), 'tampered');
    expect(await store.verify(sha256)).to.equal(false);
  });

  // issue 10, item 4
  it('openVerified streams a range only of a part whose whole bytes still match its name', async () => {
    const data = Buffer.alloc(300_000, 3);
    const { sha256 } = await store.put(Readable.from([data]));
    expect((await readAll(await store.openVerified(sha256))).equals(data)).to.equal(true);
    expect((await readAll(await store.openVerified(sha256, { start: 299_998 }))).length).to.equal(2);
    expect((await readAll(await store.openVerified((await store.put(Readable.from([]))).sha256))).length).to.equal(0);

    const flipped = Buffer.from(data);
    flipped[150_000] ^= 0x01;
    writeFileSync(store.pathOf(sha256), flipped);
    for (const range of [{}, { start: 0, end: 10 }]) {
      const err = await store.openVerified(sha256, range).then(() => undefined, (e: { code?: string; actualSha256?: string; location?: string }) => e);
      expect(err).to.include({ code: 'PART_DAMAGED', actualSha256: sha(flipped), location: store.pathOf(sha256) });
    }
    rmSync(store.pathOf(sha256));
    const missing = await store.openVerified(sha256).then(() => undefined, (e: { code?: string; actualSha256?: string }) => e);
    expect(missing).to.include({ code: 'PART_DAMAGED', actualSha256: undefined });
  });

  it('cleanTemp removes leftovers of a crash', async () => {
    await store.put(Readable.from([Buffer.from('x')]));
    writeFileSync(join(root, 'tmp', 'dead.part'), 'half');
    expect(await store.cleanTemp()).to.equal(1);
    expect(tmpFiles(root)).to.deep.equal([]);
  });

  it('streams 50 MB through put without holding it in memory', async function () {
    this.timeout(120_000);
    const block = Buffer.alloc(64 * 1024);
    for (let i = 0; i < block.length; i++) block[i] = (i * 31 + 7) & 0xff;
    const count = 800; // 800 × 64 KiB = 50 MiB, a fresh copy each time, so that keeping chunks would show
    const expected = createHash('sha256');
    for (let i = 0; i < count; i++) expected.update(block);
    let sent = 0;
    // Measure what is retained, not garbage awaiting collection: collect before each sample,
    // taken every 4 MiB the source produces (no timer: see test/helpers/peak-memory.ts).
    const { result: info, peak } = await peakMemory((sample) => store.put(new Readable({
      read() {
        if (sent % 64 === 63) sample();
        this.push(sent++ < count ? Buffer.from(block) : null);
      },
    })), 0);
    expect(info).to.deep.equal({ sha256: expected.digest('hex'), size: count * block.length });
    // Loose bound: a store that buffered the part would use at least 50 MiB here.
    expect(peak).to.be.lessThan(20 * 1024 * 1024);
  });
});
