/**
 * One set of cases that every BlobStore must pass (node/storage/blob-store.ts), run against the
 * folder store and the object store (blob-store-contract.test.ts): what the deposit, download and
 * backup paths rely on, whatever keeps the bytes.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { BlobStore } from '../../../node/storage/blob-store.js';
import { peakMemory } from '../../helpers/peak-memory.js';

export interface ContractSubject {
  readonly store: BlobStore;
  /** Names of what interrupted or refused puts left behind (temporary files, objects, unfinished uploads). */
  leftovers(): Promise<string[]>;
  /** Replaces the stored bytes of a part behind the store's back (a failing disk, a stray write). */
  damage(sha256: string, bytes: Buffer): Promise<void>;
  /** A store of the same kind whose storage cannot be used. */
  broken(): BlobStore;
  /** Bytes the store sends a large part in (a chunk of a multipart upload), 0 when it streams without chunks. */
  readonly chunkBytes: number;
}

export const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await promise.then(() => expect.fail(`resolved; expected ${code}`), (err: { code?: string }) => expect(err.code, String(err)).to.equal(code));
}

/** `count` blocks of 64 KiB made one at a time (a fresh Buffer each, so that keeping them would show), and their digest. */
export function generated(count: number, seed = 7): { source: () => Readable; sha256: string; size: number } {
  const block = Buffer.alloc(64 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + seed) & 0xff;
  const hash = createHash('sha256');
  for (let i = 0; i < count; i++) hash.update(block);
  return {
    sha256: hash.digest('hex'),
    size: count * block.length,
    source: () => {
      let sent = 0;
      return new Readable({ read() { this.push(sent++ < count ? Buffer.from(block) : null); } });
    },
  };
}

export function blobStoreContract(name: string, subject: () => ContractSubject): void {
  describe(`BlobStore contract: ${name}`, () => {
    let s: ContractSubject;
    beforeEach(() => { s = subject(); });

    it('stores by digest and gives the same bytes back', async () => {
      const data = Buffer.from(`priority document part ${Math.random()}`);
      const info = await s.store.put(Readable.from([data]));
      expect(info).to.deep.equal({ sha256: sha(data), size: data.length });
      expect(await readAll(await s.store.open(info.sha256))).to.deep.equal(data);
      expect(await readAll(await s.store.openVerified(info.sha256))).to.deep.equal(data);
      expect(await s.store.has(info.sha256)).to.equal(true);
      expect(await s.store.stat(info.sha256)).to.deep.equal(info);
      expect(await s.store.verify(info.sha256)).to.equal(true);
      const listed = [];
      for await (const blob of s.store.list()) listed.push(blob);
      expect(listed).to.deep.include(info);
      expect(await s.leftovers()).to.deep.equal([]);
    });

    it('serves inclusive byte ranges as the download route asks for them, and refuses ranges outside the part', async () => {
      const data = Buffer.from(`0123456789`);
      const { sha256 } = await s.store.put(Readable.from([data]));
      for (const open of [s.store.open.bind(s.store), s.store.openVerified.bind(s.store)]) {
        expect((await readAll(await open(sha256, { start: 2, end: 4 }))).toString()).to.equal('234');
        expect((await readAll(await open(sha256, { start: 7 }))).toString()).to.equal('789');
        expect((await readAll(await open(sha256, { end: 0 }))).toString()).to.equal('0');
        expect((await readAll(await open(sha256, { start: 9, end: 9 }))).toString()).to.equal('9');
        for (const bad of [{ start: 10 }, { start: 5, end: 4 }, { end: 10 }, { start: 3, end: 10 }, { start: -1 }]) {
          await expectCode(open(sha256, bad), 'BLOB_RANGE_INVALID');
        }
      }
    });

    it('stores the empty part, and refuses a range of it', async () => {
      const { sha256, size } = await s.store.put(Readable.from([]));
      expect(size).to.equal(0);
      expect(await readAll(await s.store.open(sha256))).to.have.length(0);
      await expectCode(s.store.open(sha256, { start: 0, end: 0 }), 'BLOB_RANGE_INVALID');
    });

    it('streams a large part in and out (in chunks where the store uses them) without holding it in memory', async function () {
      this.timeout(300_000);
      const part = generated(1024); // 64 MiB
      const stored = await peakMemory(() => s.store.put(part.source()));
      expect(stored.result).to.deep.equal({ sha256: part.sha256, size: part.size });
      const read = await peakMemory(async () => {
        const hash = createHash('sha256');
        for await (const chunk of await s.store.openVerified(part.sha256, { start: 1 })) hash.update(chunk as Buffer);
        return hash.digest('hex');
      });
      const tail = createHash('sha256');
      let first = true;
      for await (const chunk of part.source()) {
        tail.update(first ? (chunk as Buffer).subarray(1) : chunk as Buffer);
        first = false;
      }
      expect(read.result).to.equal(tail.digest('hex'));
      // A store that buffered the part would hold at least 64 MiB; chunks take two or three at most,
      // and 32 MiB leaves room for the noise of a loaded machine (up to 25 MiB seen for the folder).
      const bound = 32 * 2 ** 20 + 3 * s.chunkBytes;
      expect(stored.peak, 'put').to.be.lessThan(bound);
      expect(read.peak, 'openVerified').to.be.lessThan(bound);
      expect(await s.leftovers()).to.deep.equal([]);
    });

    for (const [label, count] of [['small', 1], ['large', 320]] as const) {
      it(`refuses a ${label} part whose digest or size is not the expected one, and leaves nothing behind`, async function () {
        this.timeout(120_000);
        const part = generated(count, 11);
        const wrong = sha('other bytes');
        await expectCode(s.store.put(part.source(), { expectedSha256: wrong }), 'BLOB_DIGEST_MISMATCH');
        await expectCode(s.store.put(part.source(), { expectedSize: part.size - 1 }), 'BLOB_DIGEST_MISMATCH');
        await expectCode(s.store.put(part.source(), { expectedSha256: part.sha256, expectedSize: part.size + 1 }), 'BLOB_DIGEST_MISMATCH');
        expect(await s.store.has(wrong)).to.equal(false);
        expect(await s.store.has(part.sha256)).to.equal(false);
        expect(await s.leftovers()).to.deep.equal([]);
        const ok = await s.store.put(part.source(), { expectedSha256: part.sha256.toUpperCase(), expectedSize: part.size });
        expect(ok).to.deep.equal({ sha256: part.sha256, size: part.size });
        expect(await s.store.verify(part.sha256)).to.equal(true);
      });
    }

    it('leaves nothing behind when the source fails half-way', async function () {
      this.timeout(120_000);
      const size = Math.max(s.chunkBytes * 2, 1024 * 1024);
      async function* failing(): AsyncGenerator<Buffer> {
        for (let sent = 0; sent < size; sent += 64 * 1024) yield Buffer.alloc(64 * 1024, 3);
        throw new Error('connection reset');
      }
      await s.store.put(Readable.from(failing())).then(() => expect.fail('stored'), (err: Error) => expect(err.message).to.contain('connection reset'));
      expect(await s.leftovers()).to.deep.equal([]);
    });

    it('takes concurrent puts of the same bytes, with and without their digest, and stores them once', async function () {
      this.timeout(120_000);
      for (const part of [generated(2, 13), generated(300, 17)]) {
        const infos = await Promise.all(Array.from({ length: 6 }, (_, i) => s.store.put(part.source(), i % 2 === 0 ? { expectedSha256: part.sha256 } : {})));
        for (const info of infos) expect(info).to.deep.equal({ sha256: part.sha256, size: part.size });
        expect(await s.store.verify(part.sha256)).to.equal(true);
        const listed = [];
        for await (const blob of s.store.list()) if (blob.sha256 === part.sha256) listed.push(blob);
        expect(listed).to.have.length(1);
      }
      expect(await s.leftovers()).to.deep.equal([]);
    });

    it('reports a missing part, and refuses names that are not SHA-256', async () => {
      const absent = sha(`never stored ${Math.random()}`);
      expect(await s.store.has(absent)).to.equal(false);
      await expectCode(s.store.open(absent), 'BLOB_NOT_FOUND');
      await expectCode(s.store.stat(absent), 'BLOB_NOT_FOUND');
      await expectCode(s.store.openVerified(absent), 'PART_DAMAGED');
      expect(await s.store.has('../../etc/passwd')).to.equal(false);
      await expectCode(s.store.open('../x'), 'INVALID_INPUT');
      await expectCode(s.store.put(Readable.from([Buffer.from('x')]), { expectedSha256: 'zz' }), 'INVALID_INPUT');
    });

    it('never streams a part whose stored bytes no longer match its name', async () => {
      const data = Buffer.from(`certified bytes ${Math.random()}`);
      const { sha256 } = await s.store.put(Readable.from([data]));
      await s.damage(sha256, Buffer.from(`altered bytes ${Math.random()}`));
      expect(await s.store.verify(sha256)).to.equal(false);
      await expectCode(s.store.openVerified(sha256), 'PART_DAMAGED');
      await expectCode(s.store.openVerified(sha256, { start: 0, end: 3 }), 'PART_DAMAGED');
    });

    it('probes: resolves while the store takes and gives parts, rejects when it cannot', async () => {
      await s.store.probe();
      expect(await s.leftovers()).to.deep.equal([]);
      await s.broken().probe().then(() => expect.fail('a broken store passed the probe'), (err: Error) => expect(err).to.be.instanceOf(Error));
    });
  });
}
