/**
 * The BlobStore in an S3-compatible object store (issue 13; docs/operations.md "Documents in an
 * object store"), for offices whose documents outgrow one disk or are shared by several node
 * processes. Same contract as the folder store (blob-store.ts): parts named by their SHA-256,
 * streamed both ways, never held whole in memory. Layout under `s3://bucket/prefix`:
 *
 *   <prefix><sha256>          a stored part
 *   <prefix>tmp/<random>      a large part being received without a known digest (s3-upload.ts)
 *
 * Reads are GetObject, with an HTTP Range for a byte range. `openVerified` hashes the whole object
 * and then streams the range with `If-Match` on the ETag it hashed, so what is sent is what was
 * checked even though the two are separate requests. Failures of the object store are
 * BLOB_STORE_UNAVAILABLE (507 or quota: STORAGE_FULL), naming the endpoint and the bucket.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand, DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListMultipartUploadsCommand,
  ListObjectsV2Command, PutObjectCommand, type S3Client,
} from '@aws-sdk/client-s3';
import { IpexError } from '../../protocol/errors/index.js';
import type { S3BlobSettings } from '../config/storage-settings.js';
import { checkPutOptions, DamagedPartError, isSha256Hex, type BlobInfo, type BlobStore, type ByteRange, type PutOptions } from './blob-store.js';
import { s3Failure, s3Status } from './s3-client.js';
import { uploadPart, type UploadLimits, type UploadTarget } from './s3-upload.js';

const DEFAULT_LIMITS: UploadLimits = { partBytes: 8 * 2 ** 20, copyBytes: 5 * 2 ** 30 };

export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  /** `s3://bucket/prefix at https://endpoint`, for messages. */
  readonly where: string;
  readonly #limits: UploadLimits;
  readonly #target: UploadTarget;

  constructor(client: S3Client, settings: Pick<S3BlobSettings, 'bucket' | 'prefix' | 'endpoint'>, limits: Partial<UploadLimits> = {}) {
    this.client = client;
    this.bucket = settings.bucket;
    this.prefix = settings.prefix;
    this.where = `s3://${settings.bucket}/${settings.prefix} at ${settings.endpoint}`;
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
    this.#target = {
      client, bucket: this.bucket, keyOf: (sha256) => this.keyOf(sha256),
      tmpKey: () => `${this.prefix}tmp/${randomBytes(12).toString('hex')}`,
      exists: (sha256) => this.has(sha256),
    };
  }

  /** The object key of a part. */
  keyOf(sha256: string): string {
    if (!isSha256Hex(sha256)) throw new IpexError('INVALID_INPUT', 'a part digest must be 64 lower-case hexadecimal digits');
    return this.prefix + sha256;
  }

  /** The bucket exists and these keys may use it; CONFIG_INVALID naming the endpoint and bucket if not. */
  async checkBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      const status = s3Status(err);
      const why = status === 404 ? 'the bucket does not exist: create it first'
        : status === 403 || status === 401 ? 'the object store refused the keys (check storage.s3 credentials and the bucket\'s policy)'
          : status === undefined ? `the object store cannot be reached (${(err as Error).name}: ${(err as Error).message})`
            : `the object store answered HTTP ${status}`;
      throw new IpexError('CONFIG_INVALID', `storage.blobs: bucket ${this.bucket} at ${this.where.split(' at ')[1]}: ${why}`, { cause: err });
    }
  }

  async put(source: Readable, options: PutOptions = {}): Promise<BlobInfo> {
    const expected = checkPutOptions(source, options);
    try {
      return await uploadPart(this.#target, source, expected, this.#limits);
    } catch (err) {
      throw s3Failure(err, 'storing a part', this.where);
    }
  }

  async open(sha256: string, range: ByteRange = {}): Promise<Readable> {
    return (await this.#get(sha256, range)).body;
  }

  async openVerified(sha256: string, range: ByteRange = {}): Promise<Readable> {
    for (let attempt = 1; ; attempt++) {
      const etag = await this.#hashWhole(sha256);
      try {
        return (await this.#get(sha256, range, etag)).body;
      } catch (err) {
        // 412: the object was written again between the two reads (a concurrent put of the same
        // bytes, in other chunks, has another ETag): hash it again, once.
        if (attempt === 1 && s3Status((err as Error).cause) === 412) continue;
        throw err;
      }
    }
  }

  /** Hashes the whole stored object; its ETag when it matches its name, else DamagedPartError. */
  async #hashWhole(sha256: string): Promise<string | undefined> {
    let whole;
    try {
      whole = await this.#get(sha256, {});
    } catch (err) {
      if (err instanceof IpexError && err.code === 'BLOB_NOT_FOUND') throw new DamagedPartError(sha256, undefined, this.#location(sha256));
      throw err;
    }
    const hash = createHash('sha256');
    for await (const chunk of whole.body) hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    if (actual !== sha256) throw new DamagedPartError(sha256, actual, this.#location(sha256));
    return whole.etag;
  }

  async stat(sha256: string): Promise<BlobInfo> {
    const key = this.keyOf(sha256);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { sha256, size: head.ContentLength ?? 0 };
    } catch (err) {
      if (s3Status(err) === 404) throw new IpexError('BLOB_NOT_FOUND', `no stored part has SHA-256 ${sha256}`, { cause: err });
      throw s3Failure(err, `reading ${key}`, this.where);
    }
  }

  async has(sha256: string): Promise<boolean> {
    if (!isSha256Hex(sha256)) return false;
    try {
      await this.stat(sha256);
      return true;
    } catch (err) {
      if (err instanceof IpexError && err.code === 'BLOB_NOT_FOUND') return false;
      throw err;
    }
  }

  async verify(sha256: string): Promise<boolean> {
    const hash = createHash('sha256');
    for await (const chunk of await this.open(sha256)) hash.update(chunk as Buffer);
    return hash.digest('hex') === sha256;
  }

  async *list(): AsyncIterable<BlobInfo> {
    let ContinuationToken: string | undefined;
    do {
      let page;
      try {
        // The delimiter keeps tmp/ (and anything else in a "folder") out of the listing.
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, Delimiter: '/', ContinuationToken }));
      } catch (err) {
        throw s3Failure(err, 'listing the stored parts', this.where);
      }
      for (const object of page.Contents ?? []) {
        const name = object.Key?.slice(this.prefix.length);
        if (isSha256Hex(name)) yield { sha256: name, size: object.Size ?? 0 };
      }
      ContinuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (ContinuationToken !== undefined);
  }

  async probe(): Promise<void> {
    const bytes = randomBytes(16);
    const Key = `${this.prefix}tmp/probe-${bytes.toString('hex')}`;
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: bytes, ContentLength: bytes.length }));
      try {
        const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
        const back = Buffer.from(await got.Body!.transformToByteArray());
        if (!back.equals(bytes)) throw new Error(`the object store ${this.where} gave back other bytes than were written`);
      } finally {
        await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
      }
    } catch (err) {
      throw s3Failure(err, 'probing', this.where);
    }
  }

  /**
   * Removes what crashed puts left: temporary objects and unfinished multipart uploads older than
   * `olderThanMs` (default a day). Not younger ones: other node processes sharing the bucket may
   * be writing them now. Returns how many were removed.
   */
  async cleanTemp(now: Date, olderThanMs = 24 * 3600_000): Promise<number> {
    const before = now.getTime() - olderThanMs;
    let removed = 0;
    try {
      let ContinuationToken: string | undefined;
      do {
        const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}tmp/`, ContinuationToken }));
        for (const object of page.Contents ?? []) {
          if (object.Key === undefined || (object.LastModified?.getTime() ?? 0) >= before) continue;
          await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: object.Key }));
          removed += 1;
        }
        ContinuationToken = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (ContinuationToken !== undefined);
      const uploads = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, Prefix: this.prefix }));
      for (const upload of uploads.Uploads ?? []) {
        if (upload.Key === undefined || (upload.Initiated?.getTime() ?? 0) >= before) continue;
        await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }));
        removed += 1;
      }
    } catch (err) {
      throw s3Failure(err, 'removing leftovers of interrupted uploads', this.where);
    }
    return removed;
  }

  close(): void {
    this.client.destroy();
  }

  /** GetObject of a part or a range of it, checked as the folder store checks ranges. */
  async #get(sha256: string, range: ByteRange, ifMatch?: string): Promise<{ body: Readable; etag: string | undefined }> {
    const key = this.keyOf(sha256);
    const whole = range.start === undefined && range.end === undefined;
    const start = range.start ?? 0;
    if (!whole && !(Number.isSafeInteger(start) && start >= 0 && (range.end === undefined || (Number.isSafeInteger(range.end) && range.end >= start)))) {
      throw rangeInvalid(sha256, start, range.end);
    }
    let got;
    try {
      got = await this.client.send(new GetObjectCommand({
        Bucket: this.bucket, Key: key, ...(whole ? {} : { Range: `bytes=${start}-${range.end ?? ''}` }), ...(ifMatch === undefined ? {} : { IfMatch: ifMatch }),
      }));
    } catch (err) {
      const status = s3Status(err);
      if (status === 404) throw new IpexError('BLOB_NOT_FOUND', `no stored part has SHA-256 ${sha256}`, { cause: err });
      if (status === 416) throw rangeInvalid(sha256, start, range.end);
      throw s3Failure(err, `reading ${key}`, this.where);
    }
    const body = got.Body as Readable;
    // S3 shortens a range that runs past the end; the folder store refuses it, and so does this one.
    const total = /\/(\d+)$/.exec(got.ContentRange ?? '')?.[1];
    if (!whole && range.end !== undefined && total !== undefined && range.end >= Number(total)) {
      body.destroy();
      throw rangeInvalid(sha256, start, range.end, Number(total));
    }
    return { body, etag: got.ETag };
  }

  #location(sha256: string): string {
    return `object ${this.keyOf(sha256)} in ${this.where}`;
  }
}

function rangeInvalid(sha256: string, start: number, end: number | undefined, size?: number): IpexError {
  return new IpexError('BLOB_RANGE_INVALID', `range ${start}-${end ?? ''} is outside the ${size === undefined ? '' : `${size} bytes of `}part ${sha256}`);
}
