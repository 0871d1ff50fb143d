/**
 * A small, bounded in-memory cache of small parts for the download route (issue 5: a 100 KB
 * priority document retrieved thousands of times a second). Blobs are content-addressed
 * (node/storage/blob-store.ts), so a cached part can never go stale: the name IS the SHA-256 of
 * the bytes. A part enters the cache only after its bytes were re-hashed and matched its name
 * (BlobStore.openVerified): a part damaged on disk is never cached, and never sent either
 * (DamagedPartError, PART_DAMAGED; issue 10, item 4).
 *
 * Only parts up to `maxPartBytes` are kept, and at most `maxTotalBytes` in all (least recently
 * used out first): large parts always stream from the store and are never held whole in memory
 * (docs/design.md §9).
 */
import type { BlobStore } from '../../storage/blob-store.js';

export interface PartCacheOptions {
  /** Largest part kept in memory. Default 256 KiB. */
  readonly maxPartBytes?: number;
  /** Most bytes kept in all. Default 8 MiB. */
  readonly maxTotalBytes?: number;
}

export class PartCache {
  readonly #blobs: BlobStore;
  readonly #maxPart: number;
  readonly #maxTotal: number;
  /** Insertion order = recency order (re-inserted on every hit). */
  readonly #entries = new Map<string, Buffer>();
  /** Fills in flight, so that 64 concurrent first downloads read the blob once. */
  readonly #filling = new Map<string, Promise<Buffer | undefined>>();
  #total = 0;

  constructor(blobs: BlobStore, options: PartCacheOptions = {}) {
    this.#blobs = blobs;
    this.#maxPart = options.maxPartBytes ?? 256 * 1024;
    this.#maxTotal = options.maxTotalBytes ?? 8 * 1024 * 1024;
  }

  /** Bytes held now (for tests and the status page). */
  get size(): number {
    return this.#total;
  }

  /** True when a part of `size` bytes may be cached at all. */
  fits(size: number): boolean {
    return size <= this.#maxPart && size <= this.#maxTotal;
  }

  /**
   * The whole part `sha256` of `size` bytes, from memory or read (and re-hashed) from the store;
   * undefined when it is too large to cache.
   *
   * @throws DamagedPartError when the stored bytes do not match their name or are missing.
   */
  async get(sha256: string, size: number): Promise<Buffer | undefined> {
    if (!this.fits(size)) return undefined;
    const hit = this.#entries.get(sha256);
    if (hit !== undefined) {
      this.#entries.delete(sha256);
      this.#entries.set(sha256, hit);
      return hit;
    }
    let filling = this.#filling.get(sha256);
    if (filling === undefined) {
      filling = this.#fill(sha256).finally(() => this.#filling.delete(sha256));
      this.#filling.set(sha256, filling);
    }
    return filling;
  }

  async #fill(sha256: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of await this.#blobs.openVerified(sha256)) {
      length += (chunk as Buffer).length;
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks, length);
    this.#entries.set(sha256, bytes);
    this.#total += length;
    for (const [key, value] of this.#entries) {
      if (this.#total <= this.#maxTotal) break;
      this.#entries.delete(key);
      this.#total -= value.length;
    }
    return bytes;
  }
}
