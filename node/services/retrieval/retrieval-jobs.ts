/**
 * The accessing office's retrieval jobs (docs/design.md §4, docs/retrieving.md): `enqueue` records
 * what staff asked for (checked first, so a typo in the access code never leaves the node),
 * and a worker loop moves each job through queued → pending → downloading → verifying → done
 * (or failed). Every step is resumable from the database: a restart continues where it was.
 * Transient failures (peer unreachable, timeout, 5xx, a cut download) are retried with
 * exponential backoff and jitter; anything else fails the job with its error code and raises a
 * `retrieval.failed` staff alert (issue 12: staff are e-mailed of it). A full disk
 * here (STORAGE_FULL) is no failure of the job: it is tried again every `storageFullRetryMs`
 * without counting an attempt, and staff get a `storage.full` alert (issue 10, item 1). When even
 * the job's row cannot be written, the job keeps its lease and is taken again when it expires.
 *
 * A job is claimed with a lease on `next_attempt_at` before it runs, so two workers on one data
 * folder (the node and `ipex retrieve --wait`) never run the same job at once. The lease names
 * its holder process; a lease whose holder is gone from this host (killed, crashed) is ended at
 * once, so a restarted node resumes its jobs instead of waiting for the lease to run out.
 */
import { IpexError, isIpexError } from '../../../protocol/errors/index.js';
import { backoffDelay, PeerError, type ExchangeClient } from '../../../protocol/exchange-client/index.js';
import type { RandomSource } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { staffAlertsFor } from '../staff/staff-alerts.js';
import { NO_ANSWER, peerOutagesFor, type PeerOutages } from '../peers/peer-outages.js';
import { reportStorageFull } from '../staff/storage-full.js';
import { storageFault } from '../../storage/storage-faults.js';
import { CopyStore } from './copy-store.js';
import { downloadParts } from './download-step.js';
import { checkJobRequest, newJobId, newRequestId } from './job-request.js';
import { JobStore, type JobRequest, type JobRow } from './job-store.js';
import { sendReceipt } from './receipt-step.js';
import { requestRetrieval } from './request-step.js';
import { exchangeClientFor, withAudit, type AuditSink, type RetrievalDeps } from './retrieval-deps.js';
import { verifyAndStore } from './verify-step.js';
import { beat, WorkerLoop } from './worker-loop.js';
import { holderIsGone, thisProcess } from '../../runtime/process-holder.js';

export { workerIsRunning } from './worker-loop.js';

export interface RetrievalJobsOptions {
  readonly random: RandomSource;
  /** The audit log (default: the node's, context.audit). */
  readonly audit?: AuditSink;
  /** Defaults to a client built from the node identity. */
  readonly client?: ExchangeClient;
  /** Failed attempts before a job fails for good (default 8). */
  readonly maxAttempts?: number;
  /** Backoff between attempts (defaults: 5 s doubling up to 15 min). */
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number };
  /** How often an idle worker looks for jobs enqueued by another process (default 5 s). */
  readonly idlePollMs?: number;
  /** How long a claimed job is reserved for the worker that claimed it (default 10 min). */
  readonly leaseMs?: number;
  /** Wait before a job that met a full disk is tried again (default 60 s). */
  readonly storageFullRetryMs?: number;
  /** Progress of part downloads, for a person watching. */
  readonly onProgress?: (jobId: string, part: string, received: number, total: number) => void;
  /** Called after each step this worker runs of a job, with the job as it is then. */
  readonly onStep?: (job: JobRow) => void;
}

// DIRECTORY_EXPIRED: the operator installs a current directory, and the job goes on.
const TRANSIENT = new Set(['PEER_UNREACHABLE', 'PEER_TIMEOUT', 'DOWNLOAD_INCOMPLETE', 'DIRECTORY_EXPIRED']);

export class RetrievalJobs {
  readonly jobs: JobStore;
  readonly copies: CopyStore;
  readonly #deps: RetrievalDeps;
  readonly #options: RetrievalJobsOptions;
  readonly #loop: WorkerLoop;
  readonly #contacts: PeerOutages;

  constructor(context: NodeContext, options: RetrievalJobsOptions) {
    this.#contacts = peerOutagesFor(context);
    this.jobs = new JobStore(context.db);
    this.copies = new CopyStore(context.db);
    this.#options = options;
    this.#deps = {
      context, jobs: this.jobs, copies: this.copies, audit: options.audit ?? context.audit, random: options.random,
      client: options.client ?? exchangeClientFor(context, options.random),
    };
    this.#loop = new WorkerLoop(() => this.#tick(), () => this.#nextDelay(), (err) => context.output.warn(`retrieval worker: ${(err as Error).message}`));
  }

  /**
   * Records a retrieval job and returns it. Idempotent: the same `requestId`, or the same
   * request while an earlier one is still running, returns the existing job.
   * @throws IpexError INVALID_INPUT, OFFICE_CODE_INVALID, APPLICATION_NUMBER_INVALID,
   *   ACCESS_CODE_MALFORMED, or an OFFICE_* code when the office may not be asked.
   */
  async enqueue(input: JobRequest, by: { createdBy: string; requestId?: string }): Promise<JobRow> {
    const { context } = this.#deps;
    if (by.requestId !== undefined) {
      const same = this.jobs.byRequestId(by.requestId);
      if (same !== undefined) return same;
    }
    const request = checkJobRequest(input, context.identity.code);
    await context.trust.requireActive(request.ipOfficeCode, 'depositing');
    const twin = this.jobs.activeTwin(request);
    if (twin !== undefined) return twin;
    const jobId = newJobId(this.#deps.random);
    const now = context.clock.now().toISOString();
    withAudit(this.#deps, undefined, () => this.jobs.insert({ jobId, requestId: by.requestId ?? newRequestId(this.#deps.random), request, createdBy: by.createdBy, now }));
    this.#loop.kick();
    return this.jobs.get(jobId)!;
  }

  get(jobId: string): JobRow | undefined {
    return this.jobs.get(jobId);
  }

  /** Starts the worker loop (timers are unref'd: they never keep the process alive). */
  start(): void {
    this.#loop.start();
  }

  /** Stops the loop after the job in progress and closes the client's connections. */
  async stop(): Promise<void> {
    await this.#loop.stop();
    this.#deps.client.close();
  }

  /** Runs every job that is due now, one after the other; returns how many ran. */
  async runDue(limit = 20): Promise<number> {
    this.#resumeAbandoned();
    let ran = 0;
    for (const job of this.jobs.due(this.#deps.context.clock.now().toISOString(), limit)) {
      const lease = this.#claim(job);
      if (lease === undefined) continue;
      await this.#run(job.jobId, lease);
      ran += 1;
    }
    return ran;
  }

  /**
   * Moves one job as far as it can go now, if it is due. Never throws for the job's own
   * failures. A job not due yet (waiting, or held by another worker) is returned as it is.
   */
  async runJob(jobId: string): Promise<JobRow> {
    const job = this.jobs.get(jobId);
    if (job === undefined) throw new IpexError('NOT_FOUND', `no retrieval job ${jobId}`);
    if (job.state === 'done' || job.state === 'failed') return job;
    const lease = this.#claim(job.leaseHolder === null ? job : this.#resumeAbandoned(jobId) ?? job);
    if (lease === undefined) return this.jobs.get(jobId)!;
    return this.#run(jobId, lease);
  }

  /** Runs a claimed job; while it runs, its next_attempt_at is our lease, so nobody else takes it. */
  async #run(jobId: string, lease: string): Promise<JobRow> {
    try {
      for (let step = 0; step < 8; step += 1) {
        const job = this.jobs.get(jobId)!;
        if (job.state === 'done' || job.state === 'failed' || job.nextAttemptAt !== lease) break;
        const before = `${job.state}/${job.copyId ?? ''}`;
        try {
          await this.#step(job);
          // Every step but the local verification asked the peer, and it answered.
          if (!(job.state === 'verifying' && job.copyId === null)) this.#contacts.reached(job.targetOffice);
        } catch (err) {
          this.#failed(job, err);
          this.#options.onStep?.(this.jobs.get(jobId)!);
          break;
        }
        const after = this.jobs.get(jobId)!;
        this.#options.onStep?.(after);
        if (`${after.state}/${after.copyId ?? ''}` === before) break;
      }
    } finally {
      // Still holding the lease with work left (a step limit, a crash of a step): due again now.
      try {
        this.jobs.release(jobId, lease, this.#deps.context.clock.now().toISOString());
      } catch (err) {
        if (!isIpexError(storageFault(err), 'STORAGE_FULL')) throw err; // else the lease runs out by itself
      }
    }
    return this.jobs.get(jobId)!;
  }

  async #step(job: JobRow): Promise<void> {
    const progress = this.#options.onProgress;
    switch (job.state) {
      case 'queued':
      case 'pending':
        return requestRetrieval(this.#deps, job);
      case 'downloading':
        return downloadParts(this.#deps, job, progress === undefined ? undefined : (part, n, total) => progress(job.jobId, part, n, total));
      case 'verifying':
        if (job.copyId === null) {
          await verifyAndStore(this.#deps, job);
          return;
        }
        return sendReceipt(this.#deps, job);
      default:
        return undefined;
    }
  }

  #failed(job: JobRow, failure: unknown): void {
    const { context } = this.#deps;
    const now = context.clock.now();
    const err = storageFault(failure) ?? failure;
    const code = isIpexError(err) ? err.code : 'INTERNAL';
    if (isIpexError(err, 'STORAGE_FULL')) {
      reportStorageFull(context, err, `retrieval job ${job.jobId}`);
      const retryAt = new Date(now.getTime() + (this.#options.storageFullRetryMs ?? 60_000)).toISOString();
      this.jobs.update(job.jobId, { errorCode: code, errorDetail: err.message, nextAttemptAt: retryAt }, now.toISOString());
      return;
    }
    const detail = err instanceof Error ? err.message : String(err);
    if (NO_ANSWER.has(code)) this.#contacts.failed(job.targetOffice, code);
    else if (err instanceof PeerError) this.#contacts.reached(job.targetOffice);
    const transient = TRANSIENT.has(code) || (err instanceof PeerError && err.retryable);
    const attempts = job.attempts + 1;
    if (transient && attempts < (this.#options.maxAttempts ?? 8)) {
      const retryAfter = err instanceof PeerError && err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : 0;
      const delay = Math.max(1000, retryAfter, backoffDelay(attempts, this.#deps.random, { baseMs: this.#options.backoff?.baseMs ?? 5000, maxMs: this.#options.backoff?.maxMs ?? 15 * 60_000 }));
      this.jobs.update(job.jobId, { attempts, errorCode: code, errorDetail: detail, nextAttemptAt: new Date(now.getTime() + delay).toISOString() }, now.toISOString());
      context.output.warn(`retrieval job ${job.jobId}: ${detail}; trying again in ${Math.round(delay / 1000)} s`);
      return;
    }
    withAudit(this.#deps, {
      type: 'retrieval.completed',
      actor: { kind: 'node', office: context.identity.code },
      subject: { office: job.targetOffice, applicationNumber: job.request.applicationNumberText, ...(job.remoteRetrievalId === null ? {} : { retrievalId: job.remoteRetrievalId }) },
      outcome: 'failed', code, details: { jobId: job.jobId, attempts, message: detail.slice(0, 500) },
    }, () => this.jobs.update(job.jobId, { state: 'failed', attempts, errorCode: code, errorDetail: detail, clearAccessCode: true }, now.toISOString()));
    // The staff alert's warning line is the log record of the failure (docs/operations.md "Staff alerts").
    staffAlertsFor(context).raise({
      kind: 'retrieval.failed', subject: `retrieval job ${job.jobId}`,
      detail: `retrieval job ${job.jobId} (${job.targetOffice} ${job.request.applicationNumberText}) failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${detail.slice(0, 500)} [${code}]. ` +
        `See \`ipex retrievals show ${job.jobId}\`; ask again with \`ipex retrieve\` once the cause is fixed`,
    });
  }

  /**
   * Reserves a due job for this worker: its next_attempt_at becomes a lease time in the future,
   * so no other worker finds it due. Undefined when it is not due or another worker took it.
   */
  #claim(job: JobRow): string | undefined {
    const { context, random } = this.#deps;
    const now = context.clock.now().getTime();
    if (Date.parse(job.nextAttemptAt) > now) return undefined;
    // A few random milliseconds keep two claims in the same millisecond apart.
    const lease = new Date(now + (this.#options.leaseMs ?? 600_000) + (random.bytes(1)[0]! % 97)).toISOString();
    return this.jobs.claim(job.jobId, job.nextAttemptAt, lease, thisProcess()) ? lease : undefined;
  }

  /**
   * Ends the leases whose holder process is gone from this host (killed, crashed, an earlier run
   * of this node): those jobs are due now, not when the lease would have run out. A live holder
   * (the node, or an `ipex retrieve --wait`) keeps its lease. With `jobId`, looks at that job
   * only and returns it as it is afterwards.
   */
  #resumeAbandoned(jobId?: string): JobRow | undefined {
    const { context } = this.#deps;
    const now = context.clock.now().toISOString();
    for (const lease of this.jobs.leased(now)) {
      if (jobId !== undefined && lease.jobId !== jobId) continue;
      if (lease.holder === undefined || !holderIsGone(lease.holder)) continue;
      if (this.jobs.release(lease.jobId, lease.lease, now)) {
        context.output.progress(`retrieval job ${lease.jobId}: the process that was working on it (pid ${lease.holder.pid}) is gone; resuming it now`);
      }
    }
    return jobId === undefined ? undefined : this.jobs.get(jobId);
  }

  async #tick(): Promise<void> {
    const { context } = this.#deps;
    if (!context.db.open) {
      void this.#loop.stop(); // the node closed its database without stopping us
      return;
    }
    try {
      beat(context.db, context.clock);
      await this.runDue();
    } catch (err) {
      const named = storageFault(err) ?? err;
      if (isIpexError(named, 'STORAGE_FULL')) reportStorageFull(context, named, 'the retrieval worker');
      else context.output.warn(`retrieval worker: ${(err as Error).message}`);
    }
  }

  #nextDelay(): number {
    if (!this.#deps.context.db.open) return 0;
    const idle = this.#options.idlePollMs ?? 5000;
    const next = this.jobs.nextDue();
    if (next === undefined) return idle;
    return Math.min(idle, Math.max(0, Date.parse(next) - this.#deps.context.clock.now().getTime()));
  }
}
