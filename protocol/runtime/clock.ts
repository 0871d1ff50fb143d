/**
 * Injectable time and randomness. Everything that decides on time (certificate validity,
 * directory expiry, signature windows, lockouts) or draws random bytes (nonces, access codes,
 * serial numbers) takes these, so that tests move time and fix randomness without sleeping.
 */
import { randomBytes, randomFillSync } from 'node:crypto';

export interface Clock {
  /** The current time. */
  now(): Date;
}

export interface RandomSource {
  /** `length` cryptographically strong random bytes. */
  bytes(length: number): Buffer;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Bytes drawn from a pool of 4 KiB filled by one call to the CSPRNG (as Node's randomUUID does):
 * a deposit draws five small values (ids, access code, applicant key), and each call into
 * OpenSSL costs several microseconds of the event loop. Every caller gets bytes no other caller
 * saw, a fresh copy; requests above 256 bytes go to the CSPRNG directly.
 */
class PooledRandom implements RandomSource {
  readonly #pool = Buffer.alloc(4096);
  #used = this.#pool.length;

  bytes(length: number): Buffer {
    if (length > 256) return randomBytes(length);
    if (this.#used + length > this.#pool.length) {
      randomFillSync(this.#pool);
      this.#used = 0;
    }
    const out = Buffer.from(this.#pool.subarray(this.#used, this.#used + length));
    this.#pool.fill(0, this.#used, this.#used + length); // handed out: not kept in memory twice
    this.#used += length;
    return out;
  }
}

export const systemRandom: RandomSource = new PooledRandom();

/** A clock that stands still until moved; for tests and for replaying a fixed instant. */
export class FixedClock implements Clock {
  #ms: number;

  constructor(start: Date | string | number) {
    this.#ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.#ms);
  }

  /** Moves the clock forward by `ms` milliseconds (backward when negative). */
  advance(ms: number): void {
    this.#ms += ms;
  }

  set(to: Date | string | number): void {
    this.#ms = new Date(to).getTime();
  }
}
