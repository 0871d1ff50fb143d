/**
 * `ipex retrieve`, `ipex retrievals show` and `ipex copies list`: retrieving a priority document
 * from a peer office on the command line (docs/retrieving.md). The job is recorded in the data
 * folder; a running node's worker does the work. With --wait the command follows the job to its
 * end, and runs the worker itself when no node is running on that data folder.
 */
import type { Command } from 'commander';
import { IpexError } from '../../../protocol/errors/index.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import type { NodeContext } from '../../runtime/node-context.js';
import { copyView, jobView, proveCopyLogged, RetrievalJobs, workerIsRunning, type JobRow } from '../../services/retrieval/index.js';
import type { Output } from '../output.js';
import { withNodeContext } from '../workspace.js';
import type { CliContext } from '../main.js';

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
    .option('--kind <kind>', 'priorityDocument (default), searchReport, examinationReport, writtenOpinion or officeAction')
    .option('--wait', 'follow the job until it is done or failed'))
    .action(async (opts: DataOptions & { office: string; application: string; filingDate: string; ipRight: string; accessCode?: string; kind?: string; wait?: boolean }) => {
      const out = context.output();
      await withRetrievalJobs(opts, out, async (jobs, ctx) => {
        const job = await jobs.enqueue({
          ipOfficeCode: opts.office, applicationNumberText: opts.application, filingDate: opts.filingDate,
          ipRightType: opts.ipRight as 'patent', ...(opts.accessCode === undefined ? {} : { accessCode: opts.accessCode }),
          ...(opts.kind === undefined ? {} : { documentKind: opts.kind as 'priorityDocument' }),
        }, { createdBy: 'cli' });
        out.progress(`retrieval job ${job.jobId} for ${job.request.ipOfficeCode} ${job.request.applicationNumberText} is ${job.state}`);
        if (opts.wait !== true && !workerIsRunning(ctx)) {
          out.warn('no node is running on this data folder: the job waits until `ipex start` (or run `ipex retrieve … --wait`)');
        }
        const end = opts.wait === true ? await follow(jobs, ctx, job, out) : job;
        report(out, end, jobs);
      });
    });

  const retrievals = program.command('retrievals').description('retrieval jobs of this office');
  common(retrievals.command('show').description('show a retrieval job').argument('<jobId>'))
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

/** Polls the job until it ends; runs the worker here when no node works on this data folder. */
async function follow(jobs: RetrievalJobs, ctx: NodeContext, job: JobRow, out: Output): Promise<JobRow> {
  let last = `${job.state}`;
  for (;;) {
    const now = jobs.get(job.jobId)!;
    if (now.state === 'done' || now.state === 'failed') return now;
    if (!workerIsRunning(ctx)) {
      if (Date.parse(now.nextAttemptAt) <= ctx.clock.now().getTime()) await jobs.runJob(job.jobId);
    }
    const after = jobs.get(job.jobId)!;
    const line = `${after.state}${after.errorCode === null ? '' : ` (last error ${after.errorCode}, next attempt ${after.nextAttemptAt})`}`;
    if (line !== last) out.progress(`job ${job.jobId}: ${line}`);
    last = line;
    if (after.state === 'done' || after.state === 'failed') return after;
    // A ref'd timer: protocol's sleep() is unref'd, and with the node's worker doing the work
    // nothing else keeps this process alive (it would exit with code 13 mid-await).
    await new Promise((resolve) => setTimeout(resolve, after.state === 'pending' ? 5000 : 1000));
  }
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
  if (job.state === 'failed') process.exitCode = 1;
}

/** Opens what a retrieval needs on the data folder (the node's context without listeners). */
async function withRetrievalJobs(opts: DataOptions, out: Output, work: (jobs: RetrievalJobs, ctx: NodeContext) => Promise<void> | void): Promise<void> {
  await withNodeContext(opts, async (ctx) => {
    const jobs = new RetrievalJobs(ctx, { random: systemRandom, onProgress: progressPrinter(out) });
    try {
      await work(jobs, ctx);
    } finally {
      await jobs.stop();
    }
  }, out);
}

function progressPrinter(out: Output): (jobId: string, part: string, received: number, total: number) => void {
  const shown = new Map<string, number>();
  return (_jobId, part, received, total) => {
    const step = Math.max(1, Math.floor(total / 10));
    const last = shown.get(part) ?? -1;
    if (received === total || Math.floor(received / step) > Math.floor(last / step)) {
      shown.set(part, received);
      out.progress(`${part}: ${received} of ${total} bytes`);
    }
  };
}
