/**
 * `ipex retrieve --wait`: follows a retrieval job until it ends or `--timeout` passes, printing
 * each change as a progress line (docs/retrieving.md): the state; for a pending job when the
 * depositing office has the document available and when the job asks again; the bytes held
 * while it downloads; a failed attempt's error and when it tries again. Times are absolute, so a
 * line changes only when the job does. When no node works on the data folder, the command does
 * the work itself with `runJob`, which goes as far as the job can go now; the timeout is checked
 * when it returns, so work under way is finished first.
 */
import { IpexError, isErrorCode } from '../../protocol/errors/index.js';
import type { NodeContext } from '../runtime/node-context.js';
import { partsProgress, workerIsRunning, type JobRow, type RetrievalJobs } from '../services/retrieval/index.js';
import type { Output } from './output.js';

/**
 * What a person watching a job is told: each new state line once, and the bytes of each part at
 * every tenth of it and at its end, whichever process does the work (the numbers come from the
 * worker in this process, or from the data folder while the node's worker downloads).
 */
export class JobWatcher {
  #said = '';
  readonly #shown = new Map<string, number>();

  constructor(private readonly out: Output, readonly jobId: string) {}

  state(job: JobRow): void {
    const line = describeJob(job);
    if (line !== this.#said) this.out.progress(`job ${this.jobId}: ${line}`);
    this.#said = line;
  }

  bytes(part: string, received: number, total: number): void {
    const step = Math.max(1, Math.floor(total / 10));
    const last = this.#shown.get(part);
    if (last === received) return;
    if ((received === total && last !== total) || last === undefined || Math.floor(received / step) > Math.floor(last / step)) {
      this.#shown.set(part, received);
      this.out.progress(`job ${this.jobId}: ${part}: ${received} of ${total} bytes`);
    }
  }
}

export interface Followed {
  readonly job: JobRow;
  /** The deadline passed before the job ended; the job goes on. */
  readonly timedOut: boolean;
  /** A node's worker was working on the data folder when following stopped. */
  readonly nodeRunning: boolean;
}

/**
 * Follows `watcher`'s job until it is done or failed, or until `deadline` (ms since the epoch).
 * `jobs` must report its steps and downloads to the same watcher (RetrievalJobsOptions).
 */
export async function followJob(jobs: RetrievalJobs, ctx: NodeContext, watcher: JobWatcher, deadline?: number): Promise<Followed> {
  for (;;) {
    const nodeRunning = workerIsRunning(ctx);
    let now = jobs.get(watcher.jobId)!;
    watcher.state(now);
    if (!nodeRunning && !ended(now) && Date.parse(now.nextAttemptAt) <= ctx.clock.now().getTime()) {
      now = await jobs.runJob(now.jobId);
      watcher.state(now);
    }
    if (ended(now)) return { job: now, timedOut: false, nodeRunning };
    if (nodeRunning && now.state === 'downloading') {
      for (const part of await partsProgress(ctx, now)) watcher.bytes(part.name, part.received, part.total);
    }
    const left = deadline === undefined ? Number.POSITIVE_INFINITY : deadline - ctx.clock.now().getTime();
    if (left <= 0) return { job: now, timedOut: true, nodeRunning };
    // A ref'd timer: protocol's sleep() is unref'd, and with the node's worker doing the work
    // nothing else keeps this process alive (it would exit with code 13 mid-await).
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, now.state === 'pending' ? 5000 : 1000)));
  }
}

/** One line for the state of a job; the same line as long as the job does not change. */
export function describeJob(job: JobRow): string {
  const office = job.targetOffice;
  const working = job.leaseHolder !== null;
  let text: string;
  switch (job.state) {
    case 'queued':
      text = `queued: asking ${office} for the document`;
      break;
    case 'pending':
      text = `pending: ${office} ${job.availableFrom === null ? 'has not made the document available yet' : `has the document available from ${job.availableFrom}`}; ` +
        (working ? 'asking again now' : `asking again at ${job.nextAttemptAt}`);
      break;
    case 'downloading': {
      const parts = (job.remoteDocument as { document?: { parts?: { size: number }[] } } | null)?.document?.parts ?? [];
      text = `downloading ${parts.length} part(s), ${parts.reduce((sum, p) => sum + p.size, 0)} bytes, from ${office}`;
      break;
    }
    case 'verifying':
      text = job.copyId === null ? 'verifying every part and signature' : `certified copy ${job.copyId} kept; sending the receipt to ${office}`;
      break;
    case 'done':
      return `done: certified copy ${job.copyId ?? ''}${job.errorCode === null ? '' : ` (${job.errorCode})`}`;
    case 'failed':
      return `failed: ${job.errorCode ?? 'INTERNAL'}`;
  }
  if (job.errorCode !== null && job.state !== 'pending' && !working) text += ` (last attempt failed: ${job.errorCode}; trying again at ${job.nextAttemptAt})`;
  return text;
}

/** The error a failed job ends the command with: its exit status is that of the job's error code. */
export function failedJobError(job: JobRow): IpexError {
  const code = job.errorCode !== null && isErrorCode(job.errorCode) ? job.errorCode : 'INTERNAL';
  return new IpexError(code, `retrieval job ${job.jobId} failed: ${job.errorDetail ?? job.errorCode ?? 'no detail'}`);
}

function ended(job: JobRow): boolean {
  return job.state === 'done' || job.state === 'failed';
}
