/**
 * Alerts to the office's staff (issue 10): faults that need a person, raised where they happen
 * (a full disk, a stored part that no longer matches its digest), kept in `staff_alerts`
 * (migration 008), read with `GET /api/v1/alerts` or `ipex alerts list`, and acknowledged by an
 * admin. A new alert is also handed to the notifier (e-mail to staff, webhooks) in the same transaction.
 *
 * A fault under load happens thousands of times, so alerts are deduplicated: one open alert per
 * kind and subject (a unique index), whose count and last time grow; and at most one warning
 * line per kind and subject a minute goes to the node's output, with the number of repeats.
 *
 * Raising never waits for the disk and never fails its caller: the alert is queued in memory and
 * written in its own transaction on the next turn of the event loop, after the caller has
 * answered. When it cannot be written (the disk is full: the very fault it reports), it stays
 * queued and is tried again every `retryMs` until it lands; the warning line has already told
 * the operator. Alerts still queued when the process ends are lost, the warning lines are not.
 */
import { IpexError } from '../../../protocol/errors/index.js';
import type { Clock } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import type { SqliteDatabase } from '../../storage/database.js';
import type { AuditActor, AuditLog } from '../audit/index.js';
import { notificationsFor } from '../notifications/index.js';
import type { Notifier } from '../notifications/notifier.js';

/** The kinds of alert (docs/operations.md "Staff alerts"); each has its title in the e-mail catalogues. */
export const ALERT_KINDS = [
  'storage.full',
  'storage.low',
  'part.damaged',
  'certificate.expiring',
  'directory.expiring',
  'outbox.dead-letter',
  'retrieval.failed',
  'witness.inconsistent',
  'peer.unreachable',
  'dossier.updated',
  'tracking.cancelled',
] as const;

export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertInput {
  readonly kind: AlertKind;
  /** What the alert is about, the key of deduplication: a folder, a blob digest. */
  readonly subject: string;
  /** What happened and what to do, for people. */
  readonly detail: string;
}

export interface StaffAlert {
  readonly id: number;
  readonly kind: string;
  readonly subject: string;
  readonly detail: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly occurrences: number;
  readonly acknowledgedAt?: string;
  readonly acknowledgedBy?: string;
}

export interface StaffAlertsOptions {
  /** Where the warning lines go (the node's output). */
  readonly warn: (line: string) => void;
  /** Wait before writing queued alerts again after a failure. Default 10 s. */
  readonly retryMs?: number;
  /** Least time between two warning lines of one kind and subject. Default 60 s. */
  readonly warnEveryMs?: number;
  /** Where acknowledgements are logged (administrative actions, docs/design.md §7). */
  readonly audit?: Pick<AuditLog, 'appendInTransaction'>;
  /** Tells staff (e-mail) and the office's systems (webhooks) of each new alert, in its transaction (issue 12). */
  readonly notify?: Notifier;
}

interface Queued {
  readonly alert: AlertInput;
  count: number;
  readonly firstAt: string;
  lastAt: string;
}

interface Row {
  id: number; kind: string; subject: string; detail: string; created_at: string; last_seen_at: string;
  occurrences: number; acknowledged_at: string | null; acknowledged_by: string | null;
}

const MAX_QUEUED = 1000;
const MAX_SUBJECT = 1024;

export class StaffAlerts {
  readonly #db: SqliteDatabase;
  readonly #clock: Clock;
  readonly #options: StaffAlertsOptions;
  readonly #queued = new Map<string, Queued>();
  /** Per kind and subject: when the last warning line went out, and repeats since. */
  readonly #warned = new Map<string, { at: number; repeats: number }>();
  #flushScheduled = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(db: SqliteDatabase, clock: Clock, options: StaffAlertsOptions) {
    this.#db = db;
    this.#clock = clock;
    this.#options = options;
  }

  /** Raises an alert: a warning line now (at most one a minute per kind and subject), the row soon. */
  raise(input: AlertInput): void {
    const alert = { ...input, subject: input.subject.slice(0, MAX_SUBJECT) }; // the column's limit
    const key = `${alert.kind}\u0000${alert.subject}`;
    const now = this.#clock.now();
    const queued = this.#queued.get(key);
    if (queued !== undefined) {
      queued.count += 1;
      queued.lastAt = now.toISOString();
    } else if (this.#queued.size < MAX_QUEUED) {
      this.#queued.set(key, { alert, count: 1, firstAt: now.toISOString(), lastAt: now.toISOString() });
    }
    this.#warn(key, alert, now.getTime());
    if (!this.#flushScheduled && this.#retry === undefined) {
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        this.flush();
      });
    }
  }

  /** Number of alerts raised but not written yet. */
  get queued(): number {
    return this.#queued.size;
  }

  /**
   * Writes the queued alerts in one transaction; true when none is left queued. On failure they
   * stay queued and a retry is scheduled.
   */
  flush(): boolean {
    if (this.#queued.size === 0) return true;
    if (!this.#db.open) return false;
    if (this.#db.inTransaction) {
      this.#scheduleRetry(10); // a caller holds a transaction across an await
      return false;
    }
    const batch = [...this.#queued.values()];
    try {
      this.#db.transaction(() => {
        for (const q of batch) this.#write(q.alert, q.count, q.firstAt, q.lastAt);
      }).immediate();
    } catch {
      this.#scheduleRetry(this.#options.retryMs ?? 10_000);
      return false;
    }
    for (const q of batch) this.#queued.delete(`${q.alert.kind}\u0000${q.alert.subject}`);
    return this.#queued.size === 0;
  }

  /** Alerts, newest first: the open ones, or all. */
  list(options: { readonly all?: boolean; readonly limit?: number } = {}): StaffAlert[] {
    const limit = options.limit ?? 50;
    const rows = this.#db.prepare(`SELECT * FROM staff_alerts ${options.all === true ? '' : 'WHERE acknowledged_at IS NULL'}
      ORDER BY id DESC LIMIT ?`).all(limit) as Row[];
    return rows.map(view);
  }

  /**
   * Marks an alert as seen to by `by` (`staff:<tokenId>` or `cli`, acting as `actor`); a later
   * fault of the same kind and subject opens a new one. Acknowledging an acknowledged alert
   * changes nothing.
   *
   * @throws IpexError NOT_FOUND
   */
  acknowledge(id: number, by: string, actor: AuditActor): StaffAlert {
    return this.#db.transaction(() => {
      const changed = this.#db.prepare('UPDATE staff_alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL')
        .run(this.#clock.now().toISOString(), by, id).changes === 1;
      const row = this.#db.prepare('SELECT * FROM staff_alerts WHERE id = ?').get(id) as Row | undefined;
      if (row === undefined) throw new IpexError('NOT_FOUND', `no staff alert ${id}`);
      if (changed) {
        this.#options.audit?.appendInTransaction({
          type: 'admin.alert-acknowledged', actor, outcome: 'ok', details: { alertId: id, kind: row.kind, subject: row.subject },
        });
      }
      return view(row);
    }).immediate();
  }

  /** Stops retrying; alerts still queued are written now if they can be. */
  close(): void {
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
    if (this.#db.open && !this.#db.inTransaction) this.flush();
    if (this.#retry !== undefined) clearTimeout(this.#retry);
    this.#retry = undefined;
  }

  /**
   * Raises an alert inside the caller's open transaction, for an event that must not commit
   * without its alert (a tracked file's notification, issue 12): no queue, no retry — it lands
   * or rolls back with the caller. The warning line goes out as for {@link raise}.
   */
  raiseInTransaction(input: AlertInput): void {
    if (!this.#db.inTransaction) throw new IpexError('INTERNAL', 'raiseInTransaction needs an open transaction');
    const alert = { ...input, subject: input.subject.slice(0, MAX_SUBJECT) };
    const now = this.#clock.now();
    this.#write(alert, 1, now.toISOString(), now.toISOString());
    this.#warn(`${alert.kind}\u0000${alert.subject}`, alert, now.getTime());
  }

  /** Inserts an alert or counts a repeat of its open twin; a new one is handed to the notifier. */
  #write(alert: AlertInput, count: number, firstAt: string, lastAt: string): void {
    const known = this.#db.prepare('SELECT id FROM staff_alerts WHERE kind = ? AND subject = ? AND acknowledged_at IS NULL').get(alert.kind, alert.subject) !== undefined;
    const id = Number(this.#db.prepare(`INSERT INTO staff_alerts (kind, subject, detail, created_at, last_seen_at, occurrences)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (kind, subject) WHERE acknowledged_at IS NULL
      DO UPDATE SET occurrences = occurrences + excluded.occurrences, last_seen_at = excluded.last_seen_at`)
      .run(alert.kind, alert.subject, alert.detail, firstAt, lastAt, count).lastInsertRowid);
    // A new alert is told once; its repeats only count up (one e-mail, not a thousand).
    if (!known) {
      this.#options.notify?.emitInTransaction({
        id: `staff-alert-${id}`, type: 'staff.alert', time: firstAt, staff: true,
        data: { alertId: id, kind: alert.kind, subject: alert.subject, detail: alert.detail },
      });
    }
  }

  #warn(key: string, alert: AlertInput, now: number): void {
    const last = this.#warned.get(key);
    if (last !== undefined && now - last.at < (this.#options.warnEveryMs ?? 60_000)) {
      last.repeats += 1;
      return;
    }
    const repeats = last === undefined || last.repeats === 0 ? '' : ` (${last.repeats} more since the last warning)`;
    this.#warned.set(key, { at: now, repeats: 0 });
    this.#options.warn(`${alert.detail}${repeats}`);
  }

  #scheduleRetry(ms: number): void {
    if (this.#retry !== undefined) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.flush();
    }, ms);
    this.#retry.unref();
  }
}

function view(row: Row): StaffAlert {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    detail: row.detail,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    occurrences: row.occurrences,
    ...(row.acknowledged_at === null ? {} : { acknowledgedAt: row.acknowledged_at }),
    ...(row.acknowledged_by === null ? {} : { acknowledgedBy: row.acknowledged_by }),
  };
}

const byContext = new WeakMap<NodeContext, StaffAlerts>();

/** The staff alerts of a node context: one queue per context, warning through its output. */
export function staffAlertsFor(context: NodeContext): StaffAlerts {
  let alerts = byContext.get(context);
  if (alerts === undefined) {
    alerts = new StaffAlerts(context.db, context.clock, { warn: (line) => context.output.warn(line), audit: context.audit, notify: notificationsFor(context).notifier });
    byContext.set(context, alerts);
  }
  return alerts;
}

/** Writes what is still queued, if it can, and stops retrying (when the node stops). */
export function closeStaffAlerts(context: NodeContext): void {
  byContext.get(context)?.close();
}
