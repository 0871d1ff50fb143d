/**
 * `ipex retrieve`, `ipex retrievals show` and `ipex copies list`: retrieving a priority document
 * from a peer office on the command line (docs/retrieving.md). The job is recorded in the data
 * folder; a running node's worker does the work. With --wait the command follows the job to its
 * end (follow-job.ts), and runs the worker itself when no node is running on that data folder;
 * its exit status is then the job's: 0 for a copy, or the status of the job's error code
 * (docs/cli.md), and 7 when --timeout passes first.
 */
import type { Command } from 'commander';
import { IpexError } from '../../../protocol/errors/index.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { copyView, jobView, proveCopyLogged, RetrievalJobs, workerIsRunning, type JobRow } from '../../services/retrieval/index.js';
import type { Output } from '../output.js';
import { withNodeContext } from '../workspace.js';
import type { CliContext } from '../main.js';
import { failedJobError, followJob, JobWatcher } from '../follow-job.js';
import { parseDuration } from '../parse.js';

interface DataOptions { data?: string; passphraseFile?: string }

function common(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder (default: $IPEX_DATA or ./data)')
    .option('--passphrase-file <file>', 'file holding the passphrase of the office keys (or set IPEX_PASSPHRASE)');
}

export function registerRetrieveCommands(program: Command, context: CliContext): void {
  common(program.command('retrieve')
    .description('retrieve a priority document (with its access code) or a search/examination document (no code) from the peer office that holds it, verify it and keep the certified copy')
    .requiredOption('--office <code>', 'ST.3 code of the depositing office, e.g. EP')
    .requiredOption('--application <number>', 'application number as printed, e.g. EP23123456.8')
    .requiredOption('--filing-date <date>', 'filing date YYYY-MM-DD')
    .requiredOption('--ip-right <type>', 'patent, utilityModel, industrialDesign or trademark')
    .option('--access-code <code>', 'the access code the applicant gave (hyphens and case do not matter); priority documents only')
    .option('--kind <kind>', 'priorityDocument (default), searchReport, examinationReport, writtenOpinion, officeAction or searchCopy (a search copy addressed to this office)')
    .option('--document <documentId>', 'with --kind: this document, as `ipex dossier search` listed it, instead of the newest of its kind')
    .option('--wait', 'follow the job until it is done or failed, printing each change; the exit status is the job\'s')
    .option('--timeout <duration>', 'with --wait: stop waiting after this long (90s, 10m, 2h); the job goes on, and the exit status is 7'))
    .action(async (opts: DataOptions & { office: string; application: string; filingDate: string; ipRight: string; accessCode?: string; kind?: string; document?: string; wait?: boolean; timeout?: string }) => {
      const out = context.output();
      if (opts.timeout !== undefined && opts.wait !== true) throw new IpexError('USAGE', '--timeout needs --wait: without it the command does not wait');
      const timeoutMs = opts.timeout === undefined ? undefined : parseDuration(opts.timeout, '--timeout');
      await withRetrievalJobs(opts, out, async (jobs, ctx, watcherOf) => {
        const job = await jobs.enqueue({
          ipOfficeCode: opts.office, applicationNumberText: opts.application, filingDate: opts.filingDate,
          ipRightType: opts.ipRight as 'patent', ...(opts.accessCode === undefined ? {} : { accessCode: opts.accessCode }),
          ...(opts.kind === undefined ? {} : { documentKind: opts.kind as 'priorityDocument' }),
          ...(opts.document === undefined ? {} : { documentId: opts.document }),
        }, { createdBy: 'cli' });
        out.progress(`retrieval job ${job.jobId} for ${job.request.ipOfficeCode} ${job.request.applicationNumberText} is ${job.state}`);
        if (opts.wait !== true && !workerIsRunning(ctx)) {
          out.warn('no node is running on this data folder: the job waits until `ipex start` (or run `ipex retrieve … --wait`)');
        }
        if (opts.wait !== true) {
          report(out, job, jobs);
          return;
        }
        const deadline = timeoutMs === undefined ? undefined : ctx.clock.now().getTime() + timeoutMs;
        const followed = await followJob(jobs, ctx, watcherOf(job.jobId), deadline);
        report(out, followed.job, jobs);
        if (followed.job.state === 'failed') throw failedJobError(followed.job);
        if (followed.timedOut) {
          const where = followed.nodeRunning
            ? 'goes on in the node running on this data folder'
            : 'goes on when the node starts on this data folder (`ipex start`), or with this `ipex retrieve … --wait` again';
          throw new IpexError('WAIT_TIMEOUT', `--timeout ${opts.timeout ?? ''} passed: job ${followed.job.jobId} is still ${followed.job.state} and ${where}; follow it with \`ipex retrievals show ${followed.job.jobId}\``);
        }
      });
    });

  const retrievals = program.command('retrievals').description('retrieval jobs of this office');
  common(retrievals.command('show').description('show a retrieval job (exit status 0 whatever its state: the state is in the output)').argument('<jobId>'))
    .action(async (jobId: string, opts: DataOptions) => {
      const out = context.output();
      await withRetrievalJobs(opts, out, (jobs) => {
        const job = jobs.get(jobId);
        if (job === undefined) throw new IpexError('NOT_FOUND', `no retrieval job ${jobId}`);
        report(out, job, jobs);
      });
    });

  const copies = program.command('copies').description('certified copies retrieved from peer offices');
  common(copies.command('list').description('list certified copies, newest first'))
    .action(async (opts: DataOptions) => {
      const out = context.output();
      await withRetrievalJobs(opts, out, (jobs) => {
        const all = jobs.copies.list({ limit: 500 }).map(copyView);
        const lines = all.map((c) => `${c.copyId}  ${c.sourceOffice} ${c.bibliographicData.applicationNumberText}  v${c.version}  ${c.retrievedAt}  ${c.receiptSent === true ? 'receipt sent' : 'no receipt yet'}`);
        out.result(lines.length === 0 ? 'no certified copies yet: `ipex retrieve --help`' : lines.join('\n'), all);
      });
    });
  common(copies.command('prove')
    .description('prove that the depositing office logged the retrieval of a copy: inclusion of its entry under its signed checkpoint')
    .argument('<copyId>', 'as `ipex copies list` shows it'))
    .action(async (copyId: string, opts: DataOptions) => {
      const out = context.output();
      await withNodeContext(opts, async (ctx) => {
        out.progress(`asking the depositing office for its checkpoint and an inclusion proof`);
        const proof = await proveCopyLogged(ctx, copyId);
        out.result(
          `entry ${proof.index} of ${proof.origin} records this office's signed retrieval request, and is included\n` +
            `  in the log's signed checkpoint of ${proof.treeSize} entries (verified with the key from the directory)`,
          { copyId, index: proof.index, treeSize: proof.treeSize, origin: proof.origin, entry: proof.entry },
        );
      }, out);
    });
}

function report(out: Output, job: JobRow, jobs: RetrievalJobs): void {
  const view = jobView(job);
  const copy = job.copyId === null ? undefined : jobs.copies.get(job.copyId);
  const lines = [`job ${job.jobId}: ${job.state}`];
  if (job.availableFrom !== null) lines.push(`  available from ${job.availableFrom}`);
  if (job.errorCode !== null) lines.push(`  ${job.errorCode}: ${job.errorDetail ?? ''}`);
  if (copy !== undefined) {
    lines.push(`  certified copy ${copy.copyId}: ${copy.sourceOffice} ${copy.documentId} v${copy.version}, ${copy.parts.length} part(s), verified`);
    lines.push(`  receipt ${copy.receiptSentAt === null ? 'not sent yet' : `sent ${copy.receiptSentAt}`}`);
  }
  if (job.state !== 'done' && job.state !== 'failed') lines.push(`  follow it with \`ipex retrievals show ${job.jobId}\``);
  out.result(lines.join('\n'), view);
}

/**
 * Opens what a retrieval needs on the data folder (the node's context without listeners). The
 * steps and downloads this process runs are told to one watcher per job (follow-job.ts).
 */
async function withRetrievalJobs(opts: DataOptions, out: Output, work: (jobs: RetrievalJobs, ctx: NodeContext, watcherOf: (jobId: string) => JobWatcher) => Promise<void> | void): Promise<void> {
  await withNodeContext(opts, async (ctx) => {
    const watchers = new Map<string, JobWatcher>();
    const watcherOf = (jobId: string): JobWatcher => {
      if (!watchers.has(jobId)) watchers.set(jobId, new JobWatcher(out, jobId));
      return watchers.get(jobId)!;
    };
    const jobs = new RetrievalJobs(ctx, {
      random: systemRandom,
      onProgress: (jobId, part, received, total) => watcherOf(jobId).bytes(part, received, total),
      onStep: (job) => watcherOf(job.jobId).state(job),
    });
    try {
      await work(jobs, ctx, watcherOf);
    } finally {
      await jobs.stop();
    }
  }, out);
}
