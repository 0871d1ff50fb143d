/**
 * A crashed OSF resumes its own jobs (issue 10, item 5): JP's node runs as a real child process
 * (`ipex start`), is caught half-way through a download and killed with SIGKILL. Started again,
 * it takes the job over at once — the lease of the dead process does not hold it for the ten
 * minutes a lease lasts — and finishes the download from the bytes it kept.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { ensureDevNode } from '../../node/cli/dev-network.js';
import { startNode, type RunningNode } from '../../node/runtime/start-node.js';
import { depositServiceFor } from '../../node/services/deposit/deposit-service.js';
import { JobStore, type JobRow } from '../../node/services/retrieval/job-store.js';
import { partsProgress } from '../../node/services/retrieval/index.js';
import { withNodeContext } from '../../node/cli/workspace.js';
import { openDatabase } from '../../node/storage/database.js';
import { dataPaths } from '../../node/config/data-dir.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { quiet } from '../node/http/exchange-peer-fixture.js';
import { runCli } from '../node/cli/run-cli.js';
import { StallingProxy } from './stalling-proxy.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PART = 8 * 2 ** 20;

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('integration: an OSF killed mid-download resumes its job at restart (issue 10, item 5)', function () {
  this.timeout(120_000);
  let root: string;
  let ep: RunningNode | undefined;
  let jp: RunningNode | undefined;
  let proxy: StallingProxy | undefined;
  let child: ChildProcess | undefined;

  after(async () => {
    child?.kill('SIGKILL');
    await jp?.close();
    await ep?.close();
    await proxy?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('takes over the lease of the killed process at once and finishes the download', async () => {
    root = mkdtempSync(join(tmpdir(), 'ipex-crash-resume-'));
    const networkDir = join(root, 'network');
    const epDir = join(root, 'ep');
    const jpDir = join(root, 'jp');
    // EP's directory entry names the proxy's port; EP listens behind it.
    const epPublicPort = await freePort();
    await ensureDevNode(epDir, { officeCode: 'EP', exchangePort: epPublicPort, officeApiPort: 0, networkDir, output: quiet });
    await ensureDevNode(jpDir, { officeCode: 'JP', exchangePort: await freePort(), officeApiPort: 0, networkDir, output: quiet });
    await ensureDevNode(epDir, { officeCode: 'EP', exchangePort: epPublicPort, officeApiPort: 0, networkDir, output: quiet });
    ep = await startNode({ dataDir: epDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    proxy = await StallingProxy.start(epPublicPort, { host: '127.0.0.1', port: Number(new URL(ep.exchangeUrl).port) }, PART / 4);

    const deposits = depositServiceFor(ep.context);
    const draft = deposits.createDraft({
      documentKind: 'priorityDocument',
      bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: 'EP 23 500 001.5', filingDate: '2023-05-01', ipRightType: 'patent' },
    }, { kind: 'cli' });
    await deposits.uploadPart(draft.depositId, 'data.bin', 'application/octet-stream', Readable.from([Buffer.alloc(PART, 7)]));
    const { accessCode } = await deposits.commit(draft.depositId, { kind: 'cli' });

    const queued = await runCli(['--json', 'retrieve', '--data', jpDir, '--office', 'EP', '--application', 'EP 23 500 001.5',
      '--filing-date', '2023-05-01', '--ip-right', 'patent', '--access-code', accessCode!]);
    expect(queued.code, queued.err).to.equal(0);
    const jobId = (JSON.parse(queued.out) as { jobId: string }).jobId;

    // JP's node, as its own process; its worker takes the job and is caught mid-download.
    child = spawn(process.execPath, [join(REPO, 'bin/ipex.js'), 'start', '--data', jpDir], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let childErr = '';
    child.stderr!.on('data', (chunk: Buffer) => { childErr += chunk.toString('utf8'); });
    await Promise.race([proxy.stalled, once(child, 'exit').then(() => { throw new Error(`the JP node ended: ${childErr}`); })]);
    const partial = join(jpDir, 'retrievals', jobId, 'parts', 'data.bin.partial');
    await until('bytes of the part on disk', () => (existsSync(partial) && statSync(partial).size > 0 ? true : undefined), 20_000);

    const db = openDatabase(dataPaths(jpDir).database);
    let leased: JobRow;
    try {
      leased = new JobStore(db).get(jobId)!;
    } finally {
      db.close();
    }
    expect(leased.state).to.equal('downloading');
    expect(leased.leaseHolder?.pid).to.equal(child.pid);
    expect(Date.parse(leased.nextAttemptAt) - Date.now()).to.be.greaterThan(5 * 60_000); // the lease would hold it for minutes

    child.kill('SIGKILL');
    await once(child, 'exit');
    const kept = statSync(partial).size;
    // What `ipex retrieve --wait` shows of a download that another process does: the bytes on disk.
    const held = await withNodeContext({ data: jpDir }, (ctx) => partsProgress(ctx, new JobStore(ctx.db).get(jobId)!));
    expect(held).to.deep.equal([{ name: 'data.bin', received: kept, total: PART }]);

    // The restart: the job is taken over at its first tick, and resumed where it stopped.
    jp = await startNode({ dataDir: jpDir, output: quiet, ports: { exchange: 0, officeApi: 0 }, witnessIntervalMs: 0 });
    const jobs = new JobStore(jp.context.db);
    const end = await until('the job to end', () => {
      const job = jobs.get(jobId)!;
      return job.state === 'done' || job.state === 'failed' ? job : undefined;
    }, 30_000);
    expect(end.state, `${end.errorCode ?? ''} ${end.errorDetail ?? ''}`).to.equal('done');
    expect(end.leaseHolder).to.equal(null);
    expect(kept).to.be.greaterThan(0);
    expect(proxy.bytesToClient).to.be.lessThan(PART * 1.5); // resumed with a Range, not started over
  });
});
