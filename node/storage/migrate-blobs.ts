/**
 * Moving a node's parts from one blob store into another (issue 13, `ipex migrate`: an SQLite
 * node's blobs/ folder into the bucket of the PostgreSQL + S3 configuration), and the proof that
 * the move is complete. Every part is streamed (never held whole), re-hashed on the way out of
 * the source (openVerified: a damaged part is not copied, PART_DAMAGED) and stored under its
 * digest with digest and size checked (put with expectedSha256/expectedSize), so the target can
 * never hold a wrong part. Parts already in the target are checked, not copied again, so an
 * interrupted migration is simply run again. The proof re-hashes every part in the target.
 */
import type { Progress } from './backup-manifest.js';
import type { BlobStore } from './blob-store.js';
import { IpexError } from '../../protocol/errors/index.js';

export interface MigratedBlobs {
  readonly count: number;
  readonly bytes: number;
  /** Parts that were in the target already. */
  readonly present: number;
}

/** Copies every part of `from` into `to`, then proves each one there by its digest. */
export async function migrateBlobs(from: BlobStore, to: BlobStore, progress: Progress = () => {}): Promise<MigratedBlobs> {
  const parts: { sha256: string; size: number }[] = [];
  let bytes = 0;
  let present = 0;
  for await (const part of from.list()) {
    if (await to.has(part.sha256)) {
      present += 1;
    } else {
      await to.put(await from.openVerified(part.sha256), { expectedSha256: part.sha256, expectedSize: part.size });
    }
    parts.push(part);
    bytes += part.size;
    if (parts.length % 1000 === 0) progress(`copied ${parts.length} parts (${bytes} bytes)`);
  }
  progress(`copied ${parts.length} parts (${bytes} bytes; ${present} were there already); proving each by its SHA-256`);
  await proveBlobs(to, parts, progress);
  progress(`every one of the ${parts.length} parts is in the new store with its SHA-256`);
  return { count: parts.length, bytes, present };
}

/** Re-hashes every listed part in `store`; BLOB_DIGEST_MISMATCH naming the first that is missing, of another size or damaged. */
export async function proveBlobs(store: BlobStore, parts: readonly { sha256: string; size: number }[], progress: Progress = () => {}): Promise<void> {
  let done = 0;
  for (const part of parts) {
    const stored = await store.has(part.sha256) ? await store.stat(part.sha256) : undefined;
    if (stored === undefined || stored.size !== part.size || !(await store.verify(part.sha256))) {
      const why = stored === undefined ? 'is missing' : stored.size !== part.size ? `has ${stored.size} bytes, not ${part.size}` : 'does not hash to its name';
      throw new IpexError('BLOB_DIGEST_MISMATCH', `part ${part.sha256} ${why} in the new store: the migration is not complete; run it again`);
    }
    done += 1;
    if (done % 1000 === 0) progress(`proved ${done} of ${parts.length} parts`);
  }
}
