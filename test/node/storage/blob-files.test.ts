/** Blobs as local files for bundle writers (node/storage/blob-files.ts): never a damaged part (issue 10, item 4). */
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { withBlobFiles } from '../../../node/storage/blob-files.js';
import { FsBlobStore } from '../../../node/storage/fs-blob-store.js';

describe('node/storage blob files', () => {
  let dir: string;
  let store: FsBlobStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipex-blob-files-'));
    store = new FsBlobStore(join(dir, 'blobs'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // issue 10, item 4: a bundle (ipex export, GET /copies/{id}/bundle) never carries a damaged part
  it('gives the files of sound parts, and refuses with PART_DAMAGED before any work when one is damaged', async () => {
    const good = await store.put(Readable.from([Buffer.from('good part')]));
    const bad = await store.put(Readable.from([Buffer.from('part to be damaged')]));
    const parts = [{ name: 'a.pdf', sha256: good.sha256 }, { name: 'b.pdf', sha256: bad.sha256 }];
    expect(await withBlobFiles(store, parts, async (files) => files.map((f) => f.path))).to.deep.equal([store.pathOf(good.sha256), store.pathOf(bad.sha256)]);

    writeFileSync(store.pathOf(bad.sha256), 'part to be damaged!');
    let worked = false;
    const err = await withBlobFiles(store, parts, async () => { worked = true; }).then(() => undefined, (e: { code?: string; sha256?: string }) => e);
    expect(err).to.include({ code: 'PART_DAMAGED', sha256: bad.sha256 });
    expect(worked).to.equal(false);
  });
});
