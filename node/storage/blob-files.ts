/**
 * Blobs as local files, for writers that need paths (the certified-copy bundle folder or ZIP):
 * the store's own files when it keeps them on this disk, otherwise copies streamed into a
 * scratch folder that is removed afterwards. Parts are never held whole in memory. Every part is
 * re-hashed first (BlobStore.openVerified): a part damaged on disk never goes into a bundle
 * (DamagedPartError, PART_DAMAGED; issue 10, item 4).
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from './blob-store.js';

export interface NamedBlob {
  readonly name: string;
  readonly sha256: string;
}

/**
 * Runs `work` with a local path for each named blob, in the order given. `rehash: false` skips the
 * re-hash for a caller that checks every part's digest itself and must see a damaged part as a
 * failed check, not as an error (the copy's verification page).
 */
export async function withBlobFiles<T>(blobs: BlobStore, parts: readonly NamedBlob[], work: (files: { name: string; path: string }[]) => Promise<T>, options: { rehash?: boolean } = {}): Promise<T> {
  const open = options.rehash === false ? (sha256: string) => blobs.open(sha256) : (sha256: string) => blobs.openVerified(sha256);
  const direct = (blobs as Partial<{ pathOf(sha256: string): string }>).pathOf;
  let scratch: string | undefined;
  try {
    const files: { name: string; path: string }[] = [];
    for (const part of parts) {
      if (typeof direct === 'function') {
        if (options.rehash !== false) (await blobs.openVerified(part.sha256)).destroy(); // re-hashed whole; the writer reads the file itself
        files.push({ name: part.name, path: direct.call(blobs, part.sha256) });
        continue;
      }
      scratch ??= await mkdtemp(join(tmpdir(), 'ipex-blobs-'));
      const path = join(scratch, part.sha256);
      await pipeline(await open(part.sha256), createWriteStream(path, { flags: 'wx' }));
      files.push({ name: part.name, path });
    }
    return await work(files);
  } finally {
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}
