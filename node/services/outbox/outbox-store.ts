/**
 * The rows of the outbox (migration 011-outbox.sql): queue, lease, mark sent, fail, dead-letter,
 * retry. Plain SQL over better-sqlite3; the worker (outbox-worker.ts) decides, this stores.
 *
 * Leases work as retrieval jobs' do (node/services/retrieval/job-store.ts): a worker claims a due
 * row by moving its `next_attempt_at` to a lease time in the future and naming itself in
 * `lease_holder`, so no other worker finds it due; a lease whose holder process is gone (killed,
 * crashed) is ended at once by the next worker, so nothing stays stuck and nothing is lost.
 */
import type { NodeStatement as Statement } from '../../storage/database.js';
import { IpexError } from '../../../protocol/errors/index.js';
import { formatHolder, parseHolder, type ProcessHolder } from '../../runtime/process-holder.js';
import type { SqliteDatabase } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';

export type OutboxState = 'queued' | 'sent' | 'dead' | 'cancelled';

/** A message to queue (the unique key is channel, recipient and eventId). */
export interface OutboxMessage {
  /** The channel that sends it: `email`, `webhook`, `peer`, … (outbox-channel.ts). */
  readonly channel: string;
  /** Whom, in the channel's own terms (never a secret). */
  readonly recipient: string;
  /** The event's stable id: the same event always gets the same id (the receiver's idempotency id). */
  readonly eventId: string;
  readonly eventType: string;
  /** JSON-safe data the channel renders and sends. */
  readonly payload: unknown;
  /** Not before this time (a scheduled message); default now. */
  readonly notBefore?: string;
}

export interface OutboxRow {
  readonly id: number;
  readonly channel: string;
  readonly recipient: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly payload: unknown;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly sentAt: string | null;
  /** The process sending it now, or null. */
  readonly leaseHolder: ProcessHolder | null;
}

interface RawRow {
  id: number; channel: string; recipient: string; event_id: string; event_type: string; payload: string; state: OutboxState;
  attempts: number; next_attempt_at: string; lease_until: string | null; lease_holder: string | null; last_error: string | null;
  created_at: string; sent_at: string | null;
}

function fromRaw(r: RawRow): OutboxRow {
  return {
    id: r.id, channel: r.channel, recipient: r.recipient, eventId: r.event_id, eventType: r.event_type,
    payload: JSON.parse(r.payload) as unknown, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error, createdAt: r.created_at, sentAt: r.sent_at,
    leaseHolder: r.state === 'queued' && r.lease_until !== null && r.lease_until === r.next_attempt_at ? (parseHolder(r.lease_holder) ?? null) : null,
  };
}

const EVENT_ID = /^[A-Za-z0-9_:-]{1,128}$/; // no '.': Standard Webhooks signs `{id}.{timestamp}.{body}`
const CHANNEL = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_PAYLOAD = 64 * 1024;

export class OutboxStore {
  readonly #sql: (sql: string) => Statement;

  constructor(private readonly db: SqliteDatabase) {
    this.#sql = cachedStatements(db);
  }

  /**
   * Queues `message` inside the caller's open transaction; true when a row was written, false
   * when this channel, recipient and event were queued already (the earlier row stands).
   *
   * @throws IpexError INTERNAL outside a transaction or for a malformed message (a bug of the caller).
   */
  enqueueInTransaction(message: OutboxMessage, now: string): boolean {
    if (!this.db.inTransaction) throw new IpexError('INTERNAL', 'the outbox is written in the transaction of the event it reports');
    if (!CHANNEL.test(message.channel) || !EVENT_ID.test(message.eventId) || message.recipient.length === 0 || message.recipient.length > 320) {
      throw new IpexError('INTERNAL', `malformed outbox message ${message.channel}/${message.eventId}`);
    }
    const payload = JSON.stringify(message.payload);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new IpexError('INTERNAL', `outbox payload of ${message.eventId} is over ${MAX_PAYLOAD} bytes`);
    return this.#sql(`INSERT INTO outbox (channel, recipient, event_id, event_type, payload, next_attempt_at, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, recipient, event_id) DO NOTHING`)
      .run(message.channel, message.recipient, message.eventId, message.eventType, payload, message.notBefore ?? now, now).changes === 1;
  }

  get(id: number): OutboxRow | undefined {
    const r = this.#sql('SELECT * FROM outbox WHERE id = ?').get(id) as RawRow | undefined;
    return r === undefined ? undefined : fromRaw(r);
  }

  /** Rows of one state (or every state), newest first, after the cursor id. */
  list(options: { readonly state?: OutboxState; readonly limit: number; readonly before?: number }): OutboxRow[] {
    const before = options.before ?? Number.MAX_SAFE_INTEGER;
    const rows = (options.state === undefined
      ? this.#sql('SELECT * FROM outbox WHERE id < ? ORDER BY id DESC LIMIT ?').all(before, options.limit)
      : this.#sql('SELECT * FROM outbox WHERE state = ? AND id < ? ORDER BY id DESC LIMIT ?').all(options.state, before, options.limit)) as RawRow[];
    return rows.map(fromRaw);
  }

  /** Queued rows of the given channels due at `now`, oldest first. */
  due(channels: readonly string[], now: string, limit: number): OutboxRow[] {
    if (channels.length === 0) return [];
    const rows = this.#sql(`SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ?
      AND channel IN (SELECT value FROM json_each(?)) ORDER BY next_attempt_at, id LIMIT ?`).all(now, JSON.stringify(channels), limit) as RawRow[];
    return rows.map(fromRaw);
  }

  /** The earliest next attempt of a queued row of these channels. */
  nextDue(channels: readonly string[]): string | undefined {
    const r = this.#sql(`SELECT MIN(next_attempt_at) AS t FROM outbox WHERE state = 'queued'
      AND channel IN (SELECT value FROM json_each(?))`).get(JSON.stringify(channels)) as { t: string | null };
    return r.t ?? undefined;
  }

  /** Reserves a due row for `holder` until `lease`; false when another worker took it meanwhile. */
  claim(id: number, dueAt: string, lease: string, holder: ProcessHolder): boolean {
    return this.#sql(`UPDATE outbox SET next_attempt_at = ?, lease_until = ?, lease_holder = ?
      WHERE id = ? AND state = 'queued' AND next_attempt_at = ?`).run(lease, lease, formatHolder(holder), id, dueAt).changes === 1;
  }

  /** Queued rows under a lease that has not ended by `now`, with their holder. */
  leased(now: string): { id: number; lease: string; holder: ProcessHolder | undefined }[] {
    const rows = this.#sql(`SELECT id, lease_until, lease_holder FROM outbox WHERE state = 'queued' AND next_attempt_at > ?
      AND lease_until = next_attempt_at`).all(now) as { id: number; lease_until: string; lease_holder: string | null }[];
    return rows.map((r) => ({ id: r.id, lease: r.lease_until, holder: parseHolder(r.lease_holder) }));
  }

  /** Ends the lease `lease` now: the row is due at once. */
  release(id: number, lease: string, now: string): boolean {
    return this.#sql(`UPDATE outbox SET next_attempt_at = ?, lease_until = NULL, lease_holder = NULL
      WHERE id = ? AND state = 'queued' AND next_attempt_at = ? AND lease_until = next_attempt_at`).run(now, id, lease).changes === 1;
  }

  /** The leased row was sent. */
  markSent(id: number, lease: string, now: string): boolean {
    return this.#sql(`UPDATE outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL,
      lease_until = NULL, lease_holder = NULL WHERE id = ? AND state = 'queued' AND next_attempt_at = ?`).run(now, id, lease).changes === 1;
  }

  /** The leased row failed: due again at `retryAt`, or dead-lettered when `retryAt` is undefined. */
  markFailed(id: number, lease: string, error: string, now: string, retryAt: string | undefined): boolean {
    return this.#sql(`UPDATE outbox SET attempts = attempts + 1, last_error = ?, lease_until = NULL, lease_holder = NULL,
      state = CASE WHEN ? IS NULL THEN 'dead' ELSE 'queued' END, next_attempt_at = COALESCE(?, next_attempt_at),
      sent_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END
      WHERE id = ? AND state = 'queued' AND next_attempt_at = ?`).run(error.slice(0, 1000), retryAt ?? null, retryAt ?? null, retryAt ?? null, now, id, lease).changes === 1;
  }

  /** The leased row has nobody to go to any more (an endpoint removed, an address withdrawn). */
  markCancelled(id: number, lease: string, reason: string, now: string): boolean {
    return this.#sql(`UPDATE outbox SET state = 'cancelled', last_error = ?, sent_at = ?, lease_until = NULL, lease_holder = NULL
      WHERE id = ? AND state = 'queued' AND next_attempt_at = ?`).run(reason.slice(0, 1000), now, id, lease).changes === 1;
  }

  /** A dead letter is queued again, due now, with its attempts counted from zero; false unless it was dead. */
  requeueDead(id: number, now: string): boolean {
    return this.#sql(`UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = ?, sent_at = NULL,
      lease_until = NULL, lease_holder = NULL WHERE id = ? AND state = 'dead'`).run(now, id).changes === 1;
  }

  /** Number of rows per state (the node status and the docs' operations page). */
  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = { queued: 0, sent: 0, dead: 0, cancelled: 0 };
    for (const r of this.#sql('SELECT state, count(*) AS n FROM outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) out[r.state] = r.n;
    return out;
  }
}
