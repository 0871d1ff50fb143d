/**
 * The stream a part passes through on its way into the blob store (issue 15): it counts the bytes
 * for the caller's progress and checks the declared media type against the part's leading bytes
 * (protocol/files/media-type-sniff.ts). The check looks at a copy of the first HEAD_BYTES only, as
 * they stream past: a 1 GiB part is never read twice and never held in memory.
 *
 * A mismatch fails the stream with PART_MEDIA_TYPE_MISMATCH, so the blob store removes what it had
 * written; the source is then drained rather than destroyed, so that an HTTP client reads the
 * refusal instead of a reset connection.
 */
import { Transform, type Readable } from 'node:stream';
import { IpexError } from '../../../protocol/errors/index.js';
import { HEAD_BYTES, formatLabel, judgeMediaType } from '../../../protocol/files/media-type-sniff.js';

/**
 * Wraps `source`: the returned stream yields the same bytes, calls `onProgress` with the bytes
 * so far, and fails with PART_MEDIA_TYPE_MISMATCH once the head shows the bytes are not what
 * `mediaType` says. `partName` is only for the message.
 */
export function inspectedPart(source: Readable, partName: string, mediaType: string, onProgress?: (bytes: number) => void): Readable {
  const head: Buffer[] = [];
  let headLength = 0;
  let judged = false;
  let bytes = 0;
  const judge = (): IpexError | undefined => {
    judged = true;
    const verdict = judgeMediaType(mediaType, Buffer.concat(head, headLength));
    head.length = 0;
    if (verdict.ok) return undefined;
    return new IpexError('PART_MEDIA_TYPE_MISMATCH',
      `part ${JSON.stringify(partName)} is declared ${mediaType} (${formatLabel(verdict.declared)}) but its bytes are ${verdict.actual}: ` +
      'upload the right file, or declare the media type it really has');
  };
  const inspector = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (!judged) {
        const take = chunk.subarray(0, HEAD_BYTES - headLength);
        head.push(Buffer.from(take)); // a copy: the chunk itself moves on
        headLength += take.length;
        if (headLength >= HEAD_BYTES) {
          const refused = judge();
          if (refused !== undefined) return done(refused);
        }
      }
      onProgress?.(bytes);
      done(null, chunk);
    },
    flush(done) {
      const refused = judged ? undefined : judge();
      done(refused ?? null);
    },
  });
  source.on('error', (err) => inspector.destroy(err));
  // The bytes flow as soon as they are piped, maybe before the blob store reads: a refusal made
  // then stays on the stream (readable.errored) and is what the store's read rejects with.
  inspector.on('error', () => undefined);
  inspector.on('close', () => {
    if (source.readableEnded) return;
    source.unpipe(inspector);
    // Ended before the source (a refused media type, a full disk): drain what the client still
    // sends, so that it reads the answer (400, 507) instead of a reset (issue 10, item 1). An
    // upload the client aborted is already destroyed: nothing to drain.
    if (!source.destroyed) source.resume();
  });
  source.pipe(inspector);
  return inspector;
}
