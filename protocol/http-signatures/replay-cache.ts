/**
 * Remembers the nonces of verified HTTP message signatures until their `created` time leaves
 * the acceptance window (docs/design.md §4), so that a captured request cannot be played again.
 * Only nonces of signatures that verified are remembered, so an unauthenticated sender cannot
 * fill the cache. The node may back this interface with SQLite to survive restarts.
 */
import { systemClock, type Clock } from '../runtime/clock.js';

/** A store of (key id, nonce) pairs seen within the signature window. */
export interface ReplayCache {
  /**
   * Returns true and remembers the pair until `expiresAt` when it has not been seen (or its
   * earlier sighting has expired); returns false when it is a replay.
   */
  checkAndRemember(keyId: string, nonce: string, expiresAt: Date): boolean;
  /**
   * A cache shared by several processes may decide later: whether the pair `checkAndRemember`
   * let through in this turn is really new (false: a replay). Absent: its answer was final.
   */
  taken?(keyId: string, nonce: string): Promise<boolean>;
}

export interface MemoryReplayCacheOptions {
  /** Most pairs held at once (default 100 000). */
  readonly maxEntries?: number;
  readonly clock?: Clock;
}

/**
 * An in-memory ReplayCache with expiry and a bound on its size.
 *
 * When full of unexpired pairs it forgets the oldest one and counts it in `evictions`: a replay
 * of that one request becomes possible again, which is preferred to refusing every peer; the
 * node should alert when `evictions` grows (it means more signed requests per window than the
 * bound, from authenticated peers only). Size the bound above requests-per-window.
 */
export class MemoryReplayCache implements ReplayCache {
  readonly #entries = new Map<string, number>();
  readonly #maxEntries: number;
  readonly #clock: Clock;
  #evictions = 0;

  constructor(options: MemoryReplayCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? 100_000;
    if (!Number.isInteger(this.#maxEntries) || this.#maxEntries < 1) throw new RangeError('maxEntries must be ≥ 1');
    this.#clock = options.clock ?? systemClock;
  }

  checkAndRemember(keyId: string, nonce: string, expiresAt: Date): boolean {
    const now = this.#clock.now().getTime();
    // JSON keeps (key id, nonce) pairs apart even when one contains the other's separator.
    const key = JSON.stringify([keyId, nonce]);
    const seenUntil = this.#entries.get(key);
    if (seenUntil !== undefined && seenUntil > now) return false;
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) this.#makeRoom(now);
    this.#entries.set(key, expiresAt.getTime());
    return true;
  }

  /** Pairs currently held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Unexpired pairs forgotten because the cache was full. */
  get evictions(): number {
    return this.#evictions;
  }

  #makeRoom(now: number): void {
    for (const [key, until] of this.#entries) if (until <= now) this.#entries.delete(key);
    while (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
      this.#evictions++;
    }
  }
}
