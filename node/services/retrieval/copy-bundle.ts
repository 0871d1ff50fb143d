/**
 * The certified-copy bundle of a stored copy (DESIGN.md §5, docs/certified-copy.md): written
 * as a ZIP from the copy's rows and its parts in the blob store, with the same layout that
 * `ipex verify` and `openssl cms -verify` check. Parts are streamed, never held whole.
 */
import { createWriteStream, mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeBundleZip } from '../../../protocol/certification/index.js';
import type { BlobStore } from '../../storage/blob-store.js';
import type { CopyRow } from './copy-store.js';

/** Writes the bundle ZIP of `copy` at `zipPath` (which must not exist). */
export async function writeCopyBundle(copy: CopyRow, blobs: BlobStore, zipPath: string): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'ipex-copy-'));
  try {
    const parts = [];
    for (const part of copy.parts) {
      const direct = (blobs as Partial<{ pathOf(sha256: string): string }>).pathOf;
      let path: string;
      if (typeof direct === 'function') {
        path = direct.call(blobs, part.sha256);
      } else {
        path = join(scratch, part.name);
        await pipeline(await blobs.open(part.sha256), createWriteStream(path, { flags: 'wx' }));
      }
      parts.push({ name: part.name, path });
    }
    await writeBundleZip({
      manifestJws: copy.manifestJws,
      chainPem: copy.chainPem,
      parts,
      p7s: new Map(copy.parts.map((p) => [p.name, p.p7s])),
    }, zipPath);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
