/**
 * The certified-copy bundle of a stored copy (docs/design.md §5, docs/certified-copy.md): written
 * as a ZIP (or a folder) from the copy's rows and its parts in the blob store, with the same layout that
 * `ipex verify` and `openssl cms -verify` check. Parts are streamed, never held whole.
 */
import { writeBundle, writeBundleZip } from '../../../protocol/certification/index.js';
import { withBlobFiles } from '../../storage/blob-files.js';
import type { BlobStore } from '../../storage/blob-store.js';
import type { CopyRow } from './copy-store.js';

/**
 * Writes the bundle of `copy` at `out` (which must not exist): a ZIP by default, or a folder.
 * Parts are re-hashed first unless `rehash` is false (see withBlobFiles).
 */
export async function writeCopyBundle(copy: CopyRow, blobs: BlobStore, out: string, options: { zip?: boolean; rehash?: boolean } = {}): Promise<void> {
  await withBlobFiles(blobs, copy.parts, async (parts) => {
    const spec = { manifestJws: copy.manifestJws, chainPem: copy.chainPem, parts, p7s: new Map(copy.parts.map((p) => [p.name, p.p7s])) };
    if (options.zip === false) await writeBundle(out, spec);
    else await writeBundleZip(spec, out);
  }, { rehash: options.rehash !== false });
}
