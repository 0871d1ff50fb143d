/**
 * The outbox worker (docs/notifications.md "The outbox"): one per running node, so one per data
 * folder (the node lock). Each tick it ends the leases of processes that are gone (a node killed
 * mid-send), takes the due rows of the channels plugged in, leases each (outbox-store.ts), and
 * hands it to its channel, a few at a time. A row the receiver took is marked sent; a failure is
 * tried again after an exponential backoff with full jitter (protocol/exchange-client/backoff.ts)
 * or the receiver's Retry-After (at most the backoff's maximum), and goes to the dead letters after `maxAttempts` or at once when
 * the receiver refused it for good. Dead letters raise one `outbox.dead-letter` staff alert per
 * channel (repeats only count up while it is open) and wait for `ipex outbox retry`.
 *
 * The timer is unref'd and a tick never overlaps the previous one (retrieval/worker-loop.ts).
 */
import { backoffDelay } from '../../../protocol/exchange-client/backoff.js';
import type { Clock, RandomSource } from '../../../protocol/runtime/clock.js';
import { holderIsGone, thisProcess } from '../../runtime/process-holder.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { WorkerLoop } from '../retrieval/worker-loop.js';
import { DeliveryFailure, type OutboxChannel } from './outbox-channel.js';
import { OutboxStore, type OutboxRow } from './outbox-store.js';

export interface OutboxWorkerOptions {
  readonly db: SqliteDatabase;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Attempts before a message is a dead letter (config `notifications.outbox.maxAttempts`). */
  readonly maxAttempts: number;
  /** Backoff bounds: the n-th retry waits up to min(maxMs, baseMs·2^n), at least 1 s. */
  readonly backoff: { readonly baseMs: number; readonly maxMs: number };
  /** How long a claimed row is reserved for this worker (default 5 min). */
  readonly leaseMs?: number;
  /** Longest wait between ticks when nothing is due (default 5 s: rows queued by the CLI). */
  readonly idlePollMs?: number;
  /** Messages sent at once (default 4). */
  readonly concurrency?: number;
  /** Told about a message that became a dead letter (a staff alert) and about worker faults. */
  readonly onDead?: (row: OutboxRow, error: string) => void;
  readonly warn: (line: string) => void;
}

export class OutboxWorker {
  readonly store: OutboxStore;
  readonly #o: OutboxWorkerOptions;
  readonly #channels = new Map<string, OutboxChannel>();
  readonly #loop: WorkerLoop;
  #abort = new AbortController();

  constructor(options: OutboxWorkerOptions) {
    this.#o = options;
    this.store = new OutboxStore(options.db);
    this.#loop = new WorkerLoop(() => this.#tick(), () => this.#nextDelay(), (err) => options.warn(`outbox worker: ${(err as Error).message}`));
  }

  /** Plugs a channel in; its queued rows are sent from the next tick on. */
  registerChannel(channel: OutboxChannel): void {
    this.#channels.set(channel.name, channel);
    this.#loop.kick();
  }

  get channels(): readonly string[] {
    return [...this.#channels.keys()];
  }

  start(): void {
    this.#abort = new AbortController();
    this.#loop.start();
  }

  /** New rows were queued: look now instead of at the next poll. */
  kick(): void {
    this.#loop.kick();
  }

  /** Stops after aborting the sends in flight; their rows are due again at once. */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop.stop();
  }

  /** Sends every row due now (at most `limit`); resolves with how many were tried. */
  async runDue(limit = 50): Promise<number> {
    this.#resumeAbandoned();
    const now = this.#o.clock.now().toISOString();
    const due = this.store.due(this.channels, now, limit);
    const concurrency = Math.max(1, this.#o.concurrency ?? 4);
    let next = 0;
    let tried = 0;
    const lane = async (): Promise<void> => {
      while (next < due.length && !this.#abort.signal.aborted) {
        const row = due[next++]!;
        const lease = this.#claim(row);
        if (lease === undefined) continue;
        tried += 1;
        await this.#send(row, lease);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, lane));
    return tried;
  }

  async #send(row: OutboxRow, lease: string): Promise<void> {
    const { clock, random } = this.#o;
    const channel = this.#channels.get(row.channel)!;
    try {
      await channel.send(row, this.#abort.signal);
      this.store.markSent(row.id, lease, clock.now().toISOString());
      return;
    } catch (err) {
      const now = clock.now();
      if (this.#abort.signal.aborted) {
        this.store.release(row.id, lease, now.toISOString()); // stopped mid-send: not an attempt
        return;
      }
      const failure = err instanceof DeliveryFailure ? err : new DeliveryFailure(err instanceof Error ? err.message : String(err), 'transient');
      if (failure.kind === 'obsolete') {
        this.store.markCancelled(row.id, lease, failure.message, now.toISOString());
        return;
      }
      const attempts = row.attempts + 1;
      if (failure.kind === 'permanent' || attempts >= this.#o.maxAttempts) {
        const why = failure.kind === 'permanent' ? failure.message : `${failure.message} (gave up after ${attempts} attempts)`;
        if (this.store.markFailed(row.id, lease, why, now.toISOString(), undefined)) this.#o.onDead?.(row, why);
        return;
      }
      const jittered = backoffDelay(attempts - 1, random, this.#o.backoff);
      // The receiver's Retry-After is honoured up to the longest wait of the configuration, so
      // that a receiver asking for a week cannot hold a message past its last attempts.
      const delay = Math.max(1000, Math.min(failure.retryAfterMs ?? 0, this.#o.backoff.maxMs), jittered);
      this.store.markFailed(row.id, lease, failure.message, now.toISOString(), new Date(now.getTime() + delay).toISOString());
    }
  }

  #claim(row: OutboxRow): string | undefined {
    const now = this.#o.clock.now().getTime();
    if (Date.parse(row.nextAttemptAt) > now) return undefined;
    // A few random milliseconds keep two claims of one millisecond apart (retrieval-jobs.ts).
    const lease = new Date(now + (this.#o.leaseMs ?? 300_000) + (this.#o.random.bytes(1)[0]! % 97)).toISOString();
    return this.store.claim(row.id, row.nextAttemptAt, lease, thisProcess()) ? lease : undefined;
  }

  /** Ends the leases of processes that are gone from this host: those rows are due now. */
  #resumeAbandoned(): void {
    const now = this.#o.clock.now().toISOString();
    for (const lease of this.store.leased(now)) {
      if (lease.holder !== undefined && holderIsGone(lease.holder)) this.store.release(lease.id, lease.lease, now);
    }
  }

  async #tick(): Promise<void> {
    if (!this.#o.db.open) {
      void this.#loop.stop();
      return;
    }
    try {
      while ((await this.runDue()) > 0 && !this.#abort.signal.aborted) {
        // a full batch may leave more due rows: take them before sleeping
      }
    } catch (err) {
      this.#o.warn(`outbox worker: ${(err as Error).message}`);
    }
  }

  #nextDelay(): number {
    if (!this.#o.db.open) return 0;
    const idle = this.#o.idlePollMs ?? 5000;
    const next = this.store.nextDue(this.channels);
    if (next === undefined) return idle;
    return Math.min(idle, Math.max(0, Date.parse(next) - this.#o.clock.now().getTime()));
  }
}
