/**
 * Injectable time and randomness. Everything that decides on time (certificate validity,
 * directory expiry, signature windows, lockouts) or draws random bytes (nonces, access codes,
 * serial numbers) takes these, so that tests move time and fix randomness without sleeping.
 */
import { randomBytes } from 'node:crypto';

export interface Clock {
  /** The current time. */
  now(): Date;
}

export interface RandomSource {
  /** `length` cryptographically strong random bytes. */
  bytes(length: number): Buffer;
}

export const systemClock: Clock = { now: () => new Date() };

export const systemRandom: RandomSource = { bytes: (length) => randomBytes(length) };

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
