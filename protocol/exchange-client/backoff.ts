/**
 * Retry delays: exponential backoff with full jitter (the delay is drawn uniformly from
 * [0, min(cap, base·2^attempt)]), so that nodes that failed together do not retry together.
 * Randomness comes from the injected RandomSource, so tests fix it.
 */
import type { RandomSource } from '../runtime/clock.js';

export interface BackoffOptions {
  /** First delay bound in milliseconds (default 500). */
  readonly baseMs?: number;
  /** Largest delay in milliseconds (default 30 000). */
  readonly maxMs?: number;
}

/**
 * The delay before retry number `attempt` (0 for the first retry), in milliseconds.
 *
 * @example backoffDelay(3, random, { baseMs: 1000 }) // somewhere in [0, 8000]
 */
export function backoffDelay(attempt: number, random: RandomSource, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const cap = options.maxMs ?? 30_000;
  const bound = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  const fraction = random.bytes(4).readUInt32BE(0) / 0x1_0000_0000;
  return Math.floor(bound * fraction);
}

/** A promise that resolves after `ms`; the timer does not keep the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
