/**
 * Streaming a part into the object store (issue 13) with the promises of the folder store: the
 * part is hashed on the way and never held whole in memory, and nothing ever appears under a name
 * that is not the SHA-256 of its bytes. S3 has no rename, so:
 *
 * - a part that fits in one chunk (`partBytes`, 8 MiB) is hashed first and then written to its
 *   digest name in one PutObject, create-if-absent (`If-None-Match: *`; 412 = already stored);
 * - a larger part goes up as a multipart upload, one chunk in flight while the next is read. An
 *   upload is invisible until it is completed, so when the caller names the digest the upload
 *   goes straight to that name and is completed only if the bytes match (else aborted); without
 *   a digest it goes to `tmp/<random>`, and once its digest is known is copied server-side to the
 *   digest name and the temporary object deleted.
 *
 * Every chunk carries Content-MD5, which the server checks. A completed upload is checked with
 * HeadObject — size, and the multipart ETag (MD5 of the chunks' MD5s) computed here — because
 * some servers answer CompleteMultipartUpload with an empty ETag (radosgw 16). A failure at any
 * step aborts the upload and deletes what was written; a crash can leave a temporary object or an
 * unfinished upload, never a wrong name (S3BlobStore.cleanTemp, docs/operations.md).
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CopyObjectCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
  HeadObjectCommand, PutObjectCommand, UploadPartCommand, UploadPartCopyCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { IpexError } from '../../protocol/errors/index.js';
import type { BlobInfo } from './blob-store.js';
import { s3Status } from './s3-client.js';

/** Where parts go: the bucket, and the keys of a digest and of a temporary object. */
export interface UploadTarget {
  readonly client: S3Client;
  readonly bucket: string;
  keyOf(sha256: string): string;
  tmpKey(): string;
  /** Whether an object with the digest is stored (HeadObject). */
  exists(sha256: string): Promise<boolean>;
}

export interface UploadLimits {
  /** Bytes per chunk of a multipart upload (S3's least is 5 MiB) and the most a single PutObject takes. */
  readonly partBytes: number;
  /** Largest object CopyObject copies in one request (S3: 5 GiB); larger ones are copied in ranges. */
  readonly copyBytes: number;
}

const MAX_PARTS = 10_000; // S3's limit on the chunks of one multipart upload

/** Streams `source` into the store; checks `expected` as the folder store does. */
export async function uploadPart(target: UploadTarget, source: Readable, expected: { sha256?: string; size?: number }, limits: UploadLimits): Promise<BlobInfo> {
  const hash = createHash('sha256');
  const chunk = new Chunk();
  const partBytes = Math.max(limits.partBytes, Math.ceil((expected.size ?? 0) / MAX_PARTS));
  // The digest is known and already stored: the bytes are checked, but not sent again.
  const skip = expected.sha256 !== undefined && await target.exists(expected.sha256);
  let upload: MultipartUpload | undefined;
  let size = 0;
  try {
    for await (const data of source) {
      const bytes: Buffer = typeof data === 'string' ? Buffer.from(data) : data;
      size += bytes.length;
      if (expected.size !== undefined && size > expected.size) {
        throw new IpexError('BLOB_DIGEST_MISMATCH', `the part is longer than the expected ${expected.size} bytes`);
      }
      hash.update(bytes);
      if (skip) continue;
      chunk.add(bytes);
      if (chunk.length >= partBytes) {
        upload ??= await MultipartUpload.start(target, expected.sha256 !== undefined ? target.keyOf(expected.sha256) : target.tmpKey());
        await upload.send(chunk.take());
      }
    }
    const sha256 = hash.digest('hex');
    if (expected.size !== undefined && size !== expected.size) {
      throw new IpexError('BLOB_DIGEST_MISMATCH', `the part has ${size} bytes, expected ${expected.size}`);
    }
    if (expected.sha256 !== undefined && sha256 !== expected.sha256) {
      throw new IpexError('BLOB_DIGEST_MISMATCH', `the part has SHA-256 ${sha256}, expected ${expected.sha256}`);
    }
    if (skip) return { sha256, size };
    if (upload === undefined) {
      await putIfAbsent(target, target.keyOf(sha256), chunk.take());
      return { sha256, size };
    }
    if (chunk.length > 0) await upload.send(chunk.take());
    if (upload.key === target.keyOf(sha256) && await target.exists(sha256)) {
      await upload.abort(); // stored meanwhile by a concurrent put of the same bytes
      return { sha256, size };
    }
    await upload.complete(size);
    if (upload.key !== target.keyOf(sha256)) await place(target, upload.key, sha256, size, limits);
    return { sha256, size };
  } catch (err) {
    source.destroy();
    await upload?.abort();
    throw err;
  }
}

/** Bytes gathered for one chunk, with their MD5. */
class Chunk {
  #parts: Buffer[] = [];
  #length = 0;
  get length(): number {
    return this.#length;
  }
  add(bytes: Buffer): void {
    this.#parts.push(bytes);
    this.#length += bytes.length;
  }
  take(): { body: Buffer; md5: Buffer } {
    const body = Buffer.concat(this.#parts, this.#length);
    this.#parts = [];
    this.#length = 0;
    return { body, md5: createHash('md5').update(body).digest() };
  }
}

async function putIfAbsent(target: UploadTarget, key: string, { body, md5 }: { body: Buffer; md5: Buffer }): Promise<void> {
  try {
    await target.client.send(new PutObjectCommand({
      Bucket: target.bucket, Key: key, Body: body, ContentLength: body.length, ContentMD5: md5.toString('base64'), IfNoneMatch: '*',
    }));
  } catch (err) {
    if (s3Status(err) !== 412) throw err; // 412: the same bytes are stored already
  }
}

class MultipartUpload {
  readonly #target: UploadTarget;
  readonly key: string;
  readonly #uploadId: string;
  readonly #parts: { PartNumber: number; ETag: string }[] = [];
  readonly #md5s: Buffer[] = [];
  #inFlight: Promise<void> = Promise.resolve();
  #completed = false;

  private constructor(target: UploadTarget, key: string, uploadId: string) {
    this.#target = target;
    this.key = key;
    this.#uploadId = uploadId;
  }

  static async start(target: UploadTarget, key: string): Promise<MultipartUpload> {
    const { UploadId } = await target.client.send(new CreateMultipartUploadCommand({ Bucket: target.bucket, Key: key }));
    if (UploadId === undefined) throw new Error('the object store started a multipart upload without an UploadId');
    return new MultipartUpload(target, key, UploadId);
  }

  /** Waits for the chunk before (one in flight at most), then starts this one. */
  async send({ body, md5 }: { body: Buffer; md5: Buffer }): Promise<void> {
    await this.#inFlight;
    const PartNumber = this.#md5s.length + 1;
    if (PartNumber > MAX_PARTS) throw new IpexError('INVALID_INPUT', `the part is larger than the object store takes in ${MAX_PARTS} chunks`);
    this.#md5s.push(md5);
    const sending = this.#target.client.send(new UploadPartCommand({
      Bucket: this.#target.bucket, Key: this.key, UploadId: this.#uploadId, PartNumber, Body: body, ContentLength: body.length, ContentMD5: md5.toString('base64'),
    })).then(({ ETag }) => {
      this.#parts.push({ PartNumber, ETag: ETag ?? `"${md5.toString('hex')}"` });
    });
    sending.catch(() => {}); // awaited by the next send or complete; not an unhandled rejection meanwhile
    this.#inFlight = sending;
  }

  /** Completes the upload and checks what the server made of it against what was sent. */
  async complete(size: number): Promise<void> {
    await this.#inFlight;
    const { client, bucket } = this.#target;
    await client.send(new CompleteMultipartUploadCommand({
      Bucket: bucket, Key: this.key, UploadId: this.#uploadId, MultipartUpload: { Parts: [...this.#parts].sort((a, b) => a.PartNumber - b.PartNumber) },
    }));
    this.#completed = true;
    const expectedTag = `${createHash('md5').update(Buffer.concat(this.#md5s)).digest('hex')}-${this.#md5s.length}`;
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: this.key }));
    if (head.ContentLength !== size || unquote(head.ETag) !== expectedTag) {
      throw new IpexError('BLOB_STORE_UNAVAILABLE', `the object store assembled ${this.key} as ${head.ContentLength} bytes with ETag ${head.ETag}, not the ${size} bytes sent (ETag ${expectedTag}); it was removed`);
    }
  }

  /** Aborts an unfinished upload, or deletes the object a completed one made; never throws. */
  async abort(): Promise<void> {
    await this.#inFlight.catch(() => {});
    const { client, bucket } = this.#target;
    const undo = this.#completed
      ? client.send(new DeleteObjectCommand({ Bucket: bucket, Key: this.key }))
      : client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: this.key, UploadId: this.#uploadId }));
    await undo.catch(() => {});
  }
}

/** Copies the checked temporary object to its digest name (unless stored meanwhile), then deletes it. */
async function place(target: UploadTarget, tmpKey: string, sha256: string, size: number, limits: UploadLimits): Promise<void> {
  const { client, bucket } = target;
  const key = target.keyOf(sha256);
  try {
    if (await target.exists(sha256)) return;
    const CopySource = `${bucket}/${tmpKey.split('/').map(encodeURIComponent).join('/')}`;
    if (size <= limits.copyBytes) {
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: key, CopySource }));
    } else {
      await copyInRanges(target, CopySource, key, size, limits.copyBytes);
    }
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    if (head.ContentLength !== size) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      throw new IpexError('BLOB_STORE_UNAVAILABLE', `the object store copied ${tmpKey} to ${key} as ${head.ContentLength} bytes, not ${size}; it was removed`);
    }
  } finally {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: tmpKey })).catch(() => {});
  }
}

/** A server-side copy larger than one CopyObject takes: a multipart upload of copied ranges. */
async function copyInRanges(target: UploadTarget, CopySource: string, key: string, size: number, rangeBytes: number): Promise<void> {
  const { client, bucket } = target;
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  try {
    const Parts: { PartNumber: number; ETag: string }[] = [];
    for (let start = 0, PartNumber = 1; start < size; start += rangeBytes, PartNumber++) {
      const end = Math.min(start + rangeBytes, size) - 1;
      const { CopyPartResult } = await client.send(new UploadPartCopyCommand({
        Bucket: bucket, Key: key, UploadId, PartNumber, CopySource, CopySourceRange: `bytes=${start}-${end}`,
      }));
      Parts.push({ PartNumber, ETag: CopyPartResult?.ETag ?? '' });
    }
    await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts } }));
  } catch (err) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId })).catch(() => {});
    throw err;
  }
}

function unquote(etag: string | undefined): string | undefined {
  return etag?.replace(/^"|"$/g, '');
}
