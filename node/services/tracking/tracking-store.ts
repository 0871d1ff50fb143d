/**
 * The rows of tracked files (migration 016-tracked-files.sql): on the publisher's side the peers
 * that track this office's applications (`file_subscribers`), on the subscriber's side the
 * applications this office tracks at peers (`tracked_files`) and the notifications it took
 * (`tracked_file_notifications`, its idempotency key). Plain SQL; the services decide.
 */
import type { SqliteDatabase } from '../../storage/database.js';
import { cachedStatements } from '../../storage/statement-cache.js';

export type SubscriptionState = 'active' | 'cancelled';
export type CancelledBy = 'subscriber' | 'publisher';

/** One subscription, as either side shows it. */
export interface Subscription {
  readonly subscriptionId: string;
  /** The tracking office (publisher's side) or the publishing office (subscriber's side). */
  readonly office: string;
  readonly applicationNumberText: string;
  readonly state: SubscriptionState;
  readonly createdAt: string;
  readonly cancelledAt?: string;
  readonly cancelledBy?: CancelledBy;
}

interface Row {
  subscription_id: string; office: string; application_number: string; state: SubscriptionState;
  created_at: string; cancelled_at: string | null; cancelled_by: CancelledBy | null;
}

function fromRow(r: Row): Subscription {
  return {
    subscriptionId: r.subscription_id, office: r.office, applicationNumberText: r.application_number, state: r.state, createdAt: r.created_at,
    ...(r.cancelled_at === null ? {} : { cancelledAt: r.cancelled_at }),
    ...(r.cancelled_by === null ? {} : { cancelledBy: r.cancelled_by }),
  };
}

/** The notifications a tracked file received: how many, and the job of the latest. */
export interface ReceivedSummary { readonly count: number; readonly lastJobId: string | null }

export class TrackingStore {
  readonly #sql: ReturnType<typeof cachedStatements>;

  constructor(db: SqliteDatabase) {
    this.#sql = cachedStatements(db);
  }

  // ── publisher: file_subscribers ─────────────────────────────────────────────────────────
  liveSubscriber(office: string, applicationNumber: string): Subscription | undefined {
    const r = this.#sql("SELECT * FROM file_subscribers WHERE office = ? AND application_number = ? AND state = 'active'").get(office, applicationNumber) as Row | undefined;
    return r === undefined ? undefined : fromRow(r);
  }

  subscriber(subscriptionId: string): Subscription | undefined {
    const r = this.#sql('SELECT * FROM file_subscribers WHERE subscription_id = ?').get(subscriptionId) as Row | undefined;
    return r === undefined ? undefined : fromRow(r);
  }

  insertSubscriber(id: string, office: string, applicationNumber: string, now: string): void {
    this.#sql('INSERT INTO file_subscribers (subscription_id, office, application_number, created_at) VALUES (?, ?, ?, ?)').run(id, office, applicationNumber, now);
  }

  /** Live subscribers of one application of this office (a deposit notifies each). */
  subscribersOf(applicationNumber: string): Subscription[] {
    return (this.#sql("SELECT * FROM file_subscribers WHERE application_number = ? AND state = 'active' ORDER BY created_at, subscription_id").all(applicationNumber) as Row[]).map(fromRow);
  }

  subscribers(office?: string, liveOnly = false): Subscription[] {
    const rows = this.#sql(`SELECT * FROM file_subscribers WHERE (@office IS NULL OR office = @office) AND (@live = 0 OR state = 'active')
      ORDER BY created_at, subscription_id LIMIT 100000`).all({ office: office ?? null, live: liveOnly ? 1 : 0 }) as Row[];
    return rows.map(fromRow);
  }

  /** True when it was live and is now cancelled. */
  cancelSubscriber(id: string, by: CancelledBy, now: string): boolean {
    return this.#sql("UPDATE file_subscribers SET state = 'cancelled', cancelled_at = ?, cancelled_by = ? WHERE subscription_id = ? AND state = 'active'").run(now, by, id).changes === 1;
  }

  // ── subscriber: tracked_files ───────────────────────────────────────────────────────────
  liveTracked(office: string, applicationNumber: string): Subscription | undefined {
    const r = this.#sql("SELECT * FROM tracked_files WHERE office = ? AND application_number = ? AND state = 'active'").get(office, applicationNumber) as Row | undefined;
    return r === undefined ? undefined : fromRow(r);
  }

  tracked(office: string, subscriptionId: string): Subscription | undefined {
    const r = this.#sql('SELECT * FROM tracked_files WHERE office = ? AND subscription_id = ?').get(office, subscriptionId) as Row | undefined;
    return r === undefined ? undefined : fromRow(r);
  }

  /** A tracked file by id alone (ids are made by each peer, random: the office is only a guard). */
  trackedById(subscriptionId: string): Subscription | undefined {
    const r = this.#sql('SELECT * FROM tracked_files WHERE subscription_id = ? ORDER BY created_at DESC LIMIT 1').get(subscriptionId) as Row | undefined;
    return r === undefined ? undefined : fromRow(r);
  }

  insertTracked(s: { id: string; office: string; applicationNumber: string; createdAt: string; createdBy: string }): void {
    this.#sql(`INSERT INTO tracked_files (subscription_id, office, application_number, created_at, created_by) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (office, subscription_id) DO UPDATE SET state = 'active', cancelled_at = NULL, cancelled_by = NULL`)
      .run(s.id, s.office, s.applicationNumber, s.createdAt, s.createdBy);
  }

  trackedFiles(): Subscription[] {
    return (this.#sql('SELECT * FROM tracked_files ORDER BY created_at, subscription_id LIMIT 100000').all() as Row[]).map(fromRow);
  }

  cancelTracked(office: string, id: string, by: CancelledBy, now: string): boolean {
    return this.#sql("UPDATE tracked_files SET state = 'cancelled', cancelled_at = ?, cancelled_by = ? WHERE office = ? AND subscription_id = ? AND state = 'active'")
      .run(now, by, office, id).changes === 1;
  }

  // ── subscriber: tracked_file_notifications ──────────────────────────────────────────────
  received(office: string, notificationId: string): { jobId: string | null } | undefined {
    const r = this.#sql('SELECT job_id FROM tracked_file_notifications WHERE office = ? AND notification_id = ?').get(office, notificationId) as { job_id: string | null } | undefined;
    return r === undefined ? undefined : { jobId: r.job_id };
  }

  /** False when the notification was taken already (a concurrent repeat). */
  insertReceived(n: { office: string; notificationId: string; subscriptionId: string; documentId: string; version: number; jobId: string | null; receivedAt: string; logIndex: number }): boolean {
    return this.#sql(`INSERT OR IGNORE INTO tracked_file_notifications (office, notification_id, subscription_id, document_id, version, job_id, received_at, log_index)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(n.office, n.notificationId, n.subscriptionId, n.documentId, n.version, n.jobId, n.receivedAt, n.logIndex).changes === 1;
  }

  receivedSummary(office: string, subscriptionId: string): ReceivedSummary {
    const r = this.#sql(`SELECT count(*) AS count, (SELECT job_id FROM tracked_file_notifications WHERE office = @office AND subscription_id = @id AND job_id IS NOT NULL
      ORDER BY received_at DESC, rowid DESC LIMIT 1) AS last FROM tracked_file_notifications WHERE office = @office AND subscription_id = @id`).get({ office, id: subscriptionId }) as { count: number; last: string | null };
    return { count: r.count, lastJobId: r.last };
  }
}
