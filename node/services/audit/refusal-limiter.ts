/**
 * How many refusals of the exchange listener the audit log takes (docs/auditing.md "Refused
 * exchanges"): every refused handshake and request is an entry, but whoever can open connections
 * can produce refusals, and the log never forgets one. So refusals are counted in fixed windows
 * (one minute by default): in a window, each source gets at most `perSource` entries and all
 * sources together at most `total`; the rest are counted, and when the window has ended one
 * summary entry says how many were left out, from which sources and with which codes. The disk
 * a flood can fill is thereby bounded by `total + 1` entries a window, whatever the flood.
 *
 * A source is the office when the peer authenticated on either layer, else the remote address.
 * Time comes from the injected clock, so tests step through windows without sleeping.
 */
import type { Clock } from '../../../protocol/runtime/clock.js';

export interface RefusalLimits {
  /** Length of a window, in milliseconds. */
  readonly intervalMs: number;
  /** Entries one source may cause in a window. */
  readonly perSource: number;
  /** Entries all sources together may cause in a window. */
  readonly total: number;
  /** Sources named one by one in a summary; the others are added up. */
  readonly listedSources: number;
}

export const DEFAULT_REFUSAL_LIMITS: RefusalLimits = Object.freeze({ intervalMs: 60_000, perSource: 10, total: 60, listedSources: 20 });

/** What a window left out of the log. */
export interface SuppressedRefusals {
  /** The window, ISO 8601: from its first refusal to its end (or to shutdown). */
  readonly from: string;
  readonly to: string;
  /** Refusals counted but not logged. */
  readonly suppressed: number;
  /** The sources with the most suppressed refusals, each with its count by code. */
  readonly sources: readonly { readonly source: string; readonly count: number; readonly codes: Readonly<Record<string, number>> }[];
  /** Suppressed refusals of sources not listed in `sources`. */
  readonly otherSources: number;
}

interface SourceCount {
  logged: number;
  suppressed: number;
  codes: Map<string, number>;
}

export class RefusalLimiter {
  readonly #limits: RefusalLimits;
  readonly #clock: Clock;
  #start = 0;
  #end = 0;
  #logged = 0;
  #suppressed = 0;
  #otherSuppressed = 0;
  readonly #sources = new Map<string, SourceCount>();

  constructor(clock: Clock, limits: RefusalLimits = DEFAULT_REFUSAL_LIMITS) {
    this.#clock = clock;
    this.#limits = limits;
  }

  /**
   * Counts one refusal by `source`. `log` says whether it gets its own entry; `ended` is the
   * summary of a window that ended before it, to be logged first.
   */
  admit(source: string, code: string): { log: boolean; ended?: SuppressedRefusals } {
    const now = this.#clock.now().getTime();
    let ended: SuppressedRefusals | undefined;
    if (now >= this.#end) {
      ended = this.#close(this.#end);
      this.#start = now;
      this.#end = now + this.#limits.intervalMs;
    }
    const known = this.#sources.get(source);
    if (this.#logged < this.#limits.total && (known?.logged ?? 0) < this.#limits.perSource) {
      const entry = known ?? { logged: 0, suppressed: 0, codes: new Map<string, number>() };
      entry.logged += 1;
      this.#sources.set(source, entry);
      this.#logged += 1;
      return { log: true, ...(ended === undefined ? {} : { ended }) };
    }
    this.#suppressed += 1;
    // Memory is bounded too: past the limit, sources that logged nothing are only added up.
    const count = known ?? (this.#sources.size < this.#limits.total + this.#limits.listedSources ? { logged: 0, suppressed: 0, codes: new Map<string, number>() } : undefined);
    if (count === undefined) {
      this.#otherSuppressed += 1;
    } else {
      count.suppressed += 1;
      count.codes.set(code, (count.codes.get(code) ?? 0) + 1);
      this.#sources.set(source, count);
    }
    return { log: false, ...(ended === undefined ? {} : { ended }) };
  }

  /**
   * The summary of the current window once it has ended — or at once with `force` (shutdown) —
   * when it left something out; the next refusal then opens a new window.
   */
  due(force = false): SuppressedRefusals | undefined {
    const now = this.#clock.now().getTime();
    if (!force && now < this.#end) return undefined;
    const summary = this.#close(Math.min(now, this.#end));
    this.#end = 0;
    return summary;
  }

  /** Ends the current window: its summary when it left something out; all counts back to zero. */
  #close(end: number): SuppressedRefusals | undefined {
    const summary = this.#suppressed === 0 ? undefined : this.#summary(end);
    this.#logged = 0;
    this.#suppressed = 0;
    this.#otherSuppressed = 0;
    this.#sources.clear();
    return summary;
  }

  #summary(end: number): SuppressedRefusals {
    const ranked = [...this.#sources].filter(([, c]) => c.suppressed > 0).sort((a, b) => b[1].suppressed - a[1].suppressed || (a[0] < b[0] ? -1 : 1));
    const listed = ranked.slice(0, this.#limits.listedSources);
    const unlisted = ranked.slice(this.#limits.listedSources).reduce((n, [, c]) => n + c.suppressed, 0);
    return {
      from: new Date(this.#start).toISOString(),
      to: new Date(end).toISOString(),
      suppressed: this.#suppressed,
      sources: listed.map(([source, c]) => ({ source, count: c.suppressed, codes: Object.fromEntries([...c.codes].sort(([a], [b]) => (a < b ? -1 : 1))) })),
      otherSources: unlisted + this.#otherSuppressed,
    };
  }
}
