/**
 * The rows of retrieval jobs (migration 005-retrievals.sql): insert, read, and the state
 * changes the worker makes. Plain SQL over better-sqlite3; the worker decides, this stores.
 */
import type { SqliteDatabase } from '../../storage/database.js';
import { formatHolder, parseHolder, type ProcessHolder } from '../../runtime/process-holder.js';
import type { components } from '../../../protocol/generated/office.js';

export type JobRequest = components['schemas']['RetrievalJobRequest'];
export type JobState = 'queued' | 'pending' | 'downloading' | 'verifying' | 'done' | 'failed';
export const ACTIVE_STATES: readonly JobState[] = ['queued', 'pending', 'downloading', 'verifying'];

export interface JobRow {
  readonly jobId: string;
  readonly requestId: string;
  readonly request: Omit<JobRequest, 'accessCode'>;
  readonly accessCode: string | null;
  readonly targetOffice: string;
  readonly state: JobState;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly availableFrom: string | null;
  readonly remoteRetrievalId: string | null;
  readonly remoteDocument: unknown;
  readonly provenance: Record<string, unknown> | null;
  readonly errorCode: string | null;
  readonly errorDetail: string | null;
  readonly copyId: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The process working on the job now (its lease), or null when nobody is (migration 007). */
  readonly leaseHolder: ProcessHolder | null;
}

interface RawRow {
  job_id: string; request_id: string; request: string; access_code: string | null; target_office: string; state: JobState;
  attempts: number; next_attempt_at: string; available_from: string | null; remote_retrieval_id: string | null;
  remote_document: string | null; provenance: string | null; error_code: string | null; error_detail: string | null;
  copy_id: string | null; created_by: string; created_at: string; updated_at: string;
  lease_holder: string | null; lease_until: string | null;
}

function fromRaw(r: RawRow): JobRow {
  return {
    jobId: r.job_id, requestId: r.request_id, request: JSON.parse(r.request) as JobRow['request'], accessCode: r.access_code,
    targetOffice: r.target_office, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
    availableFrom: r.available_from, remoteRetrievalId: r.remote_retrieval_id,
    remoteDocument: r.remote_document === null ? null : (JSON.parse(r.remote_document) as unknown),
    provenance: r.provenance === null ? null : (JSON.parse(r.provenance) as Record<string, unknown>),
    errorCode: r.error_code, errorDetail: r.error_detail, copyId: r.copy_id, createdBy: r.created_by,
    createdAt: r.created_at, updatedAt: r.updated_at,
    // A lease is current only on an active job whose next_attempt_at is still the time it was claimed until.
    leaseHolder: ACTIVE_STATES.includes(r.state) && r.lease_until !== null && r.lease_until === r.next_attempt_at ? (parseHolder(r.lease_holder) ?? null) : null,
  };
}

/** Fields the worker may change in one step. */
export interface JobUpdate {
  readonly state?: JobState;
  readonly attempts?: number;
  readonly nextAttemptAt?: string;
  readonly availableFrom?: string | null;
  readonly remoteRetrievalId?: string;
  readonly remoteDocument?: unknown;
  readonly provenance?: Record<string, unknown>;
  readonly errorCode?: string | null;
  readonly errorDetail?: string | null;
  readonly copyId?: string;
  readonly clearAccessCode?: boolean;
}

export class JobStore {
  constructor(private readonly db: SqliteDatabase) {}

  insert(row: { jobId: string; requestId: string; request: JobRequest; createdBy: string; now: string }): void {
    const { accessCode, ...rest } = row.request;
    this.db.prepare(`INSERT INTO retrieval_jobs (job_id, request_id, request, access_code, target_office, state, attempts,
      next_attempt_at, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)`)
      .run(row.jobId, row.requestId, JSON.stringify(rest), accessCode ?? null, rest.ipOfficeCode, row.now, row.createdBy, row.now, row.now);
  }

  get(jobId: string): JobRow | undefined {
    const r = this.db.prepare('SELECT * FROM retrieval_jobs WHERE job_id = ?').get(jobId) as RawRow | undefined;
    return r === undefined ? undefined : fromRaw(r);
  }

  byRequestId(requestId: string): JobRow | undefined {
    const r = this.db.prepare('SELECT * FROM retrieval_jobs WHERE request_id = ?').get(requestId) as RawRow | undefined;
    return r === undefined ? undefined : fromRaw(r);
  }

  /** An unfinished job for the same document request (so a double click makes one job). */
  activeTwin(request: JobRequest): JobRow | undefined {
    const rows = this.db.prepare(`SELECT * FROM retrieval_jobs WHERE target_office = ? AND state IN ('queued', 'pending', 'downloading', 'verifying')`)
      .all(request.ipOfficeCode) as RawRow[];
    const { accessCode, ...rest } = request;
    const key = JSON.stringify(sortKeys(rest));
    const twin = rows.find((r) => JSON.stringify(sortKeys(JSON.parse(r.request) as object)) === key && r.access_code === (accessCode ?? null));
    return twin === undefined ? undefined : fromRaw(twin);
  }

  /** Jobs newest first (the examiner's job list), `limit` at most, after the cursor's job. */
  list(limit: number, before?: { createdAt: string; jobId: string }): JobRow[] {
    const rows = (before === undefined
      ? this.db.prepare('SELECT * FROM retrieval_jobs ORDER BY created_at DESC, job_id DESC LIMIT ?').all(limit)
      : this.db.prepare('SELECT * FROM retrieval_jobs WHERE (created_at, job_id) < (?, ?) ORDER BY created_at DESC, job_id DESC LIMIT ?')
        .all(before.createdAt, before.jobId, limit)) as RawRow[];
    return rows.map(fromRaw);
  }

  /** Active jobs whose next attempt is due at `now`, oldest first. */
  due(now: string, limit: number): JobRow[] {
    const rows = this.db.prepare(`SELECT * FROM retrieval_jobs WHERE state IN ('queued', 'pending', 'downloading', 'verifying')
      AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?`).all(now, limit) as RawRow[];
    return rows.map(fromRaw);
  }

  /** The earliest next attempt of any active job, for the worker's timer. */
  nextDue(): string | undefined {
    const r = this.db.prepare(`SELECT MIN(next_attempt_at) AS t FROM retrieval_jobs WHERE state IN ('queued', 'pending', 'downloading', 'verifying')`).get() as { t: string | null };
    return r.t ?? undefined;
  }

  /**
   * Reserves a due job for `holder` until `lease` (its next_attempt_at moves there, so no other
   * worker finds it due). False when the job is not at `dueAt` any more: another worker took it.
   */
  claim(jobId: string, dueAt: string, lease: string, holder: ProcessHolder): boolean {
    return this.db.prepare('UPDATE retrieval_jobs SET next_attempt_at = ?, lease_until = ?, lease_holder = ? WHERE job_id = ? AND next_attempt_at = ?')
      .run(lease, lease, formatHolder(holder), jobId, dueAt).changes === 1;
  }

  /** Active jobs under a lease that has not ended by `now`, with their holder. */
  leased(now: string): { jobId: string; lease: string; holder: ProcessHolder | undefined }[] {
    const rows = this.db.prepare(`SELECT job_id, lease_until, lease_holder FROM retrieval_jobs WHERE state IN ('queued', 'pending', 'downloading', 'verifying')
      AND next_attempt_at > ? AND lease_until = next_attempt_at`).all(now) as { job_id: string; lease_until: string; lease_holder: string | null }[];
    return rows.map((r) => ({ jobId: r.job_id, lease: r.lease_until, holder: parseHolder(r.lease_holder) }));
  }

  /** Ends the lease `lease` of a job now (due at once); false when that lease had ended already. */
  release(jobId: string, lease: string, now: string): boolean {
    return this.db.prepare(`UPDATE retrieval_jobs SET next_attempt_at = ?, lease_until = NULL, lease_holder = NULL WHERE job_id = ? AND next_attempt_at = ?
      AND lease_until = next_attempt_at AND state IN ('queued', 'pending', 'downloading', 'verifying')`).run(now, jobId, lease).changes === 1;
  }

  update(jobId: string, change: JobUpdate, now: string): void {
    const sets: string[] = ['updated_at = ?'];
    const values: unknown[] = [now];
    const put = (column: string, value: unknown): void => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (change.state !== undefined) put('state', change.state);
    if (change.attempts !== undefined) put('attempts', change.attempts);
    if (change.nextAttemptAt !== undefined) put('next_attempt_at', change.nextAttemptAt);
    if (change.availableFrom !== undefined) put('available_from', change.availableFrom);
    if (change.remoteRetrievalId !== undefined) put('remote_retrieval_id', change.remoteRetrievalId);
    if (change.remoteDocument !== undefined) put('remote_document', JSON.stringify(change.remoteDocument));
    if (change.provenance !== undefined) put('provenance', JSON.stringify(change.provenance));
    if (change.errorCode !== undefined) put('error_code', change.errorCode);
    if (change.errorDetail !== undefined) put('error_detail', change.errorDetail === null ? null : change.errorDetail.slice(0, 2000));
    if (change.copyId !== undefined) put('copy_id', change.copyId);
    if (change.clearAccessCode === true) sets.push('access_code = NULL');
    values.push(jobId);
    this.db.prepare(`UPDATE retrieval_jobs SET ${sets.join(', ')} WHERE job_id = ?`).run(...values);
  }
}

function sortKeys(value: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
