import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReadStream } from 'node:fs';
import { expect } from 'chai';
import { partSource, SMALL_PART } from '../../../../node/services/import/part-source.js';

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('import part source (issue 15: one read for a small part)', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ipex-part-source-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a part of the checked size whole, and one of exactly SMALL_PART bytes too', async () => {
    for (const size of [0, 1, 100 * 1024, SMALL_PART]) {
      const file = join(dir, `p${size}`);
      const content = Buffer.alloc(size, size % 251);
      writeFileSync(file, content);
      const source = await partSource(file, size);
      expect(source).not.to.be.instanceOf(ReadStream);
      expect((await bytesOf(source)).equals(content)).to.equal(true);
    }
  });

  it('streams a larger part, and a part that grew or shrank since it was checked, as it is now', async () => {
    const large = join(dir, 'large');
    writeFileSync(large, Buffer.alloc(SMALL_PART + 1, 7));
    const streamed = await partSource(large, SMALL_PART + 1);
    expect(streamed).to.be.instanceOf(ReadStream);
    expect((await bytesOf(streamed)).length).to.equal(SMALL_PART + 1);

    const grown = join(dir, 'grown');
    writeFileSync(grown, 'checked at ten, now longer');
    expect((await bytesOf(await partSource(grown, 10))).toString()).to.equal('checked at ten, now longer');
    const shrunk = join(dir, 'shrunk');
    writeFileSync(shrunk, 'short');
    expect((await bytesOf(await partSource(shrunk, 10))).toString()).to.equal('short');
  });

  it('fails with the file system error for a part removed since it was checked', async () => {
    let code = '';
    try {
      await partSource(join(dir, 'gone'), 10);
    } catch (err) {
      code = (err as NodeJS.ErrnoException).code ?? '';
    }
    expect(code).to.equal('ENOENT');
  });
});
