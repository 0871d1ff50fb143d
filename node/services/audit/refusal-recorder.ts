/**
 * Puts the refusals of the exchange listener into the audit log (docs/design.md §7 "each
 * retrieval attempt", issue 10 item 15): refused TLS handshakes and refused requests, each one an
 * entry, held to the limits of refusal-limiter.ts so that a flood cannot fill the disk, with one
 * `exchange.refusals-suppressed` entry per window that left refusals out. Recording never fails
 * the caller: a refusal that cannot be logged is named on the node's output.
 *
 * Services that log a refusal themselves, in the transaction of what they decided (a retrieval
 * attempt that counts towards a lock-out, a refused receipt), mark the error, so that the
 * exchange app's net for every other refusal does not log it twice.
 */
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { AuditEvent } from './entry.js';
import { DEFAULT_REFUSAL_LIMITS, RefusalLimiter, type RefusalLimits, type SuppressedRefusals } from './refusal-limiter.js';

export interface RefusalRecorderOptions {
  readonly audit: { append(event: AuditEvent): Promise<number> };
  readonly clock: Clock;
  /** Where a refusal that could not be logged is named (the node's output). */
  readonly warn: (message: string) => void;
  readonly limits?: RefusalLimits;
  /** Runs `tick` every `ms` until the returned function is called; default setInterval (unref'd). */
  readonly every?: (ms: number, tick: () => void) => () => void;
}

/** A refusal as the recorder takes it: always refused, always with its registry code. */
export type RefusalEvent = Omit<AuditEvent, 'outcome' | 'code'> & { readonly code: string };

const audited = new WeakSet<object>();

/** Says that the refusal `err` is in the audit log already. */
export function markRefusalAudited(err: object): void {
  audited.add(err);
}

/** True when the refusal `err` was logged by the service that refused. */
export function isRefusalAudited(err: unknown): boolean {
  return typeof err === 'object' && err !== null && audited.has(err);
}

export class RefusalRecorder {
  readonly #options: RefusalRecorderOptions;
  readonly #limiter: RefusalLimiter;
  readonly #limits: RefusalLimits;
  readonly #pending = new Set<Promise<unknown>>();
  #cancel: (() => void) | undefined;

  constructor(options: RefusalRecorderOptions) {
    this.#options = options;
    this.#limits = options.limits ?? DEFAULT_REFUSAL_LIMITS;
    this.#limiter = new RefusalLimiter(options.clock, this.#limits);
  }

  /** Logs a refusal by `source` (`office:<code>` or `address:<ip>`), unless its window is full. */
  record(source: string, event: RefusalEvent): void {
    const { log, ended } = this.#limiter.admit(source, event.code);
    if (ended !== undefined) this.#append(this.#summaryEvent(ended));
    if (log) this.#append({ ...event, outcome: 'refused' });
  }

  /** Logs the summary of a window that has ended. The running node calls it every window. */
  flushDue(): void {
    const ended = this.#limiter.due();
    if (ended !== undefined) this.#append(this.#summaryEvent(ended));
  }

  /** Checks for ended windows every window length, until {@link stop}. */
  start(): void {
    this.#cancel ??= (this.#options.every ?? everyInterval)(this.#limits.intervalMs, () => this.flushDue());
  }

  /** Stops the timer, logs the summary of the open window, and waits for every entry handed to the log. */
  async stop(): Promise<void> {
    this.#cancel?.();
    this.#cancel = undefined;
    const open = this.#limiter.due(true);
    if (open !== undefined) this.#append(this.#summaryEvent(open));
    await Promise.all([...this.#pending]);
  }

  #summaryEvent(summary: SuppressedRefusals): AuditEvent {
    const { intervalMs, perSource, total } = this.#limits;
    return {
      type: 'exchange.refusals-suppressed',
      actor: { kind: 'node' },
      outcome: 'refused',
      details: { ...summary, limits: { intervalSeconds: intervalMs / 1000, perSource, total } },
    };
  }

  #append(event: AuditEvent): void {
    const appended = this.#options.audit.append(event).then(
      () => undefined,
      (cause: unknown) => this.#options.warn(`could not log a refusal (${event.type} ${event.code ?? ''}): ${(cause as Error).message}`),
    );
    this.#pending.add(appended);
    void appended.finally(() => this.#pending.delete(appended));
  }
}

function everyInterval(ms: number, tick: () => void): () => void {
  const timer = setInterval(tick, ms).unref();
  return () => clearInterval(timer);
}
