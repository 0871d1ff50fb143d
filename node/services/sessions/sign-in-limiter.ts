/**
 * The limit on failed sign-ins per remote address (docs/portal.md "Sessions"): after
 * `sessions.signInFailures` failures within `sessions.signInWindowMinutes`, every sign-in from
 * that address is refused with SIGN_IN_RATE_LIMITED until the window that began with its first
 * failure has passed. Tokens and keys are 256-bit random values, so this is not what keeps them
 * from being guessed; it keeps a flood of sign-ins from filling the audit log and the CPU.
 *
 * Kept in memory: a restart forgets it, which only ever lets a few more attempts through. The
 * table is bounded; when full, windows that have passed are dropped first, then the oldest.
 */
import type { Clock } from '../../../protocol/runtime/clock.js';

const MAX_ADDRESSES = 10_000;

interface Window {
  readonly startedAt: number;
  failures: number;
  /** The limit was reached and its refusal logged once for this window. */
  reported: boolean;
}

export class SignInLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly settings: { readonly signInFailures: number; readonly signInWindowMinutes: number },
  ) {}

  /**
   * Whether `address` may try now. `firstRefusal` is true for the first refusal of a window, so
   * that the audit log gets one entry per window and address, not one per request of a flood.
   */
  check(address: string): { allowed: true } | { allowed: false; retryAfterSeconds: number; firstRefusal: boolean } {
    const window = this.#current(address);
    if (window === undefined || window.failures < this.settings.signInFailures) return { allowed: true };
    const firstRefusal = !window.reported;
    window.reported = true;
    const retryAfterMs = window.startedAt + this.#windowMs() - this.clock.now().getTime();
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)), firstRefusal };
  }

  /** Counts one failed sign-in from `address`. */
  failed(address: string): void {
    const window = this.#current(address);
    if (window !== undefined) {
      window.failures += 1;
      return;
    }
    if (this.#windows.size >= MAX_ADDRESSES) this.#prune();
    this.#windows.set(address, { startedAt: this.clock.now().getTime(), failures: 1, reported: false });
  }

  #current(address: string): Window | undefined {
    const window = this.#windows.get(address);
    if (window === undefined) return undefined;
    if (this.clock.now().getTime() >= window.startedAt + this.#windowMs()) {
      this.#windows.delete(address);
      return undefined;
    }
    return window;
  }

  #windowMs(): number {
    return this.settings.signInWindowMinutes * 60_000;
  }

  #prune(): void {
    const now = this.clock.now().getTime();
    for (const [address, window] of this.#windows) {
      if (now >= window.startedAt + this.#windowMs()) this.#windows.delete(address);
    }
    // Still full: drop the oldest (Map keeps insertion order).
    for (const address of this.#windows.keys()) {
      if (this.#windows.size < MAX_ADDRESSES) break;
      this.#windows.delete(address);
    }
  }
}
