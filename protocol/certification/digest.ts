/**
 * Streaming SHA-256 (FIPS 180-4) of document parts. Parts can be of any size (docs/design.md §9),
 * so they are never read whole: the digest and the byte count are computed chunk by chunk.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** The SHA-256 and size of a part. */
export interface PartDigest {
  readonly sha256: Buffer;
  readonly size: number;
}

/** Digests a readable stream to its end. */
export async function digestStream(stream: Readable | AsyncIterable<Uint8Array | string>): Promise<PartDigest> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest(), size };
}

/** Digests the file at `path`. */
export function digestFile(path: string): Promise<PartDigest> {
  return digestStream(createReadStream(path));
}

/** Digests a stream or the file at a path. */
export function digestPart(input: string | Readable): Promise<PartDigest> {
  return typeof input === 'string' ? digestFile(input) : digestStream(input);
}
