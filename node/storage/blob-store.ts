/**
 * The content-addressed store for document parts (docs/design.md §2, §8, §9). A part is named by the
 * SHA-256 of its bytes, so the same bytes are stored once, a name can never point at other bytes,
 * and a reader can re-check what it got. Parts of any size move as streams: no implementation
 * may hold a part whole in memory. `fs-blob-store.ts` keeps them on the local filesystem; an
 * object-store backend for large offices implements the same interface.
 */
import type { Readable } from 'node:stream';
import { IpexError } from '../../protocol/errors/index.js';

/** What the caller knows about the bytes it is about to store; a mismatch stores nothing. */
export interface PutOptions {
  /** Lower-case hex SHA-256 the bytes must have. */
  readonly expectedSha256?: string;
  /** Exact byte count the bytes must have. */
  readonly expectedSize?: number;
}

export interface BlobInfo {
  /** Lower-case hex SHA-256 of the bytes. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly size: number;
}

/** An inclusive byte range, as in HTTP Range (RFC 9110 §14.1.2): `end` is the last byte. */
export interface ByteRange {
  readonly start?: number;
  readonly end?: number;
}

export interface BlobStore {
  /**
   * Stores the bytes of `source` and resolves once they are durable (fsynced and renamed into
   * place). Storing bytes already present is a no-op that resolves with the same info. On any
   * failure (source error, digest or size mismatch, disk full: STORAGE_FULL) nothing is left
   * behind.
   */
  put(source: Readable, options?: PutOptions): Promise<BlobInfo>;
  /** Streams the stored bytes, or the inclusive `range` of them. BLOB_NOT_FOUND when absent. */
  open(sha256: string, range?: ByteRange): Promise<Readable>;
  /**
   * Like `open`, but only after the whole stored part was re-hashed and found to match its name:
   * bytes that differ from the digest they were stored (and certified) under are never streamed.
   * A part that does not match, or is missing, is a DamagedPartError (PART_DAMAGED).
   */
  openVerified(sha256: string, range?: ByteRange): Promise<Readable>;
  /** Size of a stored part; BLOB_NOT_FOUND when absent. */
  stat(sha256: string): Promise<BlobInfo>;
  /** True when a part with this digest is stored. */
  has(sha256: string): Promise<boolean>;
  /** Re-hashes the stored bytes; true when they still match their name. */
  verify(sha256: string): Promise<boolean>;
  /** Every stored part, in no particular order. */
  list(): AsyncIterable<BlobInfo>;
  /**
   * Writes a few bytes where parts are received, reads them back and removes them: resolves when
   * the store can take and give parts now (the node's readiness), rejects with the cause.
   */
  probe(): Promise<void>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The expected digest (lower-cased) and size of a put, checked before anything is stored; on a bad
 * one the source is destroyed (nobody will read it) and the put is INVALID_INPUT.
 */
export function checkPutOptions(source: Readable, options: PutOptions): { sha256?: string; size?: number } {
  const sha256 = options.expectedSha256?.toLowerCase();
  const size = options.expectedSize;
  let problem: string | undefined;
  if (sha256 !== undefined && !isSha256Hex(sha256)) problem = 'the expected SHA-256 must be 64 hexadecimal digits';
  else if (size !== undefined && !(Number.isSafeInteger(size) && size >= 0)) problem = 'the expected size must be a non-negative integer';
  if (problem !== undefined) {
    source.destroy();
    throw new IpexError('INVALID_INPUT', problem);
  }
  return { ...(sha256 === undefined ? {} : { sha256 }), ...(size === undefined ? {} : { size }) };
}

/** True when `value` is a lower-case hex SHA-256 digest (the only form blob names take). */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && SHA256_HEX.test(value);
}

/**
 * A stored part whose bytes no longer hash to its name, or that is gone (issue 10, item 4): never
 * sent, reported to staff, repaired from a backup. `message` names the file for the node's log and
 * staff; peers are told only the registry title.
 */
export class DamagedPartError extends IpexError {
  /** The digest the part was stored (and certified) under. */
  readonly sha256: string;
  /** What its bytes hash to now; undefined when the file is missing. */
  readonly actualSha256: string | undefined;
  /** Where the store keeps it, for the people who restore it. */
  readonly location: string;

  constructor(sha256: string, actualSha256: string | undefined, location: string) {
    super('PART_DAMAGED', actualSha256 === undefined
      ? `stored part ${sha256} is missing (${location})`
      : `stored part ${sha256} is damaged: its bytes (${location}) hash to ${actualSha256}`);
    this.name = 'DamagedPartError';
    this.sha256 = sha256;
    this.actualSha256 = actualSha256;
    this.location = location;
  }
}
