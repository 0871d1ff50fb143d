/**
 * A full disk (issue 10, item 1), on real file systems that run out of space: EP's data folder on
 * a small tmpfs, and JP's `retrievals/` (where downloads land) on another. Every write on either
 * API is refused with 507 STORAGE_FULL, one log line and one staff alert, nothing half-written;
 * reads go on; writes work again once space is freed, without a restart. A retrieval job whose
 * download meets a full disk waits instead of failing, and finishes when space returns.
 */
import { expect } from 'chai';
import { warnRecords } from '../helpers/log-records.js';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { createOutput } from '../../node/cli/output.js';
import { EXIT } from '../../node/cli/exit-codes.js';
import { dataPaths } from '../../node/config/data-dir.js';
import type { NodeContext } from '../../node/runtime/node-context.js';
import { exchangeClientFor, RetrievalJobs, stopRetrievalJobs } from '../../node/services/retrieval/index.js';
import { staffAlertsFor } from '../../node/services/staff/staff-alerts.js';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { PeerError } from '../../protocol/exchange-client/index.js';
import { signReceipt } from '../../protocol/exchange-client/receipt.js';
import { FixedClock, systemRandom } from '../../protocol/runtime/clock.js';
import { DemoNetwork } from '../../scripts/demo/network.js';
import { ApiProblem, OfficeApi } from '../../scripts/demo/office-api.js';
import { SmallDisk } from '../helpers/small-disk.js';
import { runCli } from '../node/cli/run-cli.js';
import { EP_APP, depositPriorityDocument } from './network-fixture.js';

const MiB = 2 ** 20;

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)))
    .sort();
}

/**
 * PUTs `size` bytes in 64 KiB chunks, as a client streaming a large part does, and reports the
 * answer and any error of the request itself (a reset while it was still sending).
 */
function put(url: string, token: string, size: number): Promise<{ status: number; code?: string; detail?: string; clientError: string | undefined }> {
  return new Promise((resolve) => {
    let clientError: string | undefined;
    const req = request(url, { method: 'PUT', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => setTimeout(() => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { code?: string; detail?: string };
        resolve({ status: res.statusCode ?? 0, ...(body.code === undefined ? {} : { code: body.code }), ...(body.detail === undefined ? {} : { detail: body.detail }), clientError });
      }, 100)); // a reset of the request arrives just after the answer
    });
    req.on('error', (err: NodeJS.ErrnoException) => { clientError = err.code ?? err.message; });
    const block = Buffer.alloc(64 * 1024, 7);
    block.write('%PDF-1.7\n'); // declared application/pdf: its first bytes are checked (issue 15)
    let sent = 0;
    const write = (): void => {
      while (sent < size) {
        sent += block.length;
        if (!req.write(block)) {
          req.once('drain', write);
          return;
        }
      }
      req.end();
    };
    write();
  });
}

async function problemOf(work: Promise<unknown>): Promise<{ status: number; code: string | undefined; message: string }> {
  try {
    await work;
  } catch (err) {
    if (err instanceof ApiProblem) return { status: err.status, code: err.code, message: err.message };
    if (err instanceof PeerError) return { status: err.peerStatus, code: err.code, message: err.message };
    throw err;
  }
  throw new Error('the write was accepted');
}

describe('integration: a full disk', function () {
  this.timeout(120_000);
  let baseDir: string;
  let net: DemoNetwork | undefined;
  const disks: SmallDisk[] = [];
  const warnings: string[] = [];

  before(async function () {
    baseDir = mkdtempSync(join(tmpdir(), 'ipex-full-disk-'));
    for (const [dir, size] of [[join(baseDir, 'EP'), 32 * MiB], [join(baseDir, 'JP', 'retrievals'), 8 * MiB]] as const) {
      const disk = SmallDisk.mount(dir, size);
      if (typeof disk === 'string') {
        process.stderr.write(`      skipped: ${disk}\n`);
        this.skip();
      }
      disks.push(disk as SmallDisk);
    }
    const output = createOutput(false, { stdout: { write: () => true }, stderr: { write: (line: string) => warnings.push(line) } }, true);
    net = await DemoNetwork.create({ baseDir, offices: ['EP', 'JP'], output });
    await net.startAll();
  });
  after(async () => {
    await net?.stopAll();
    for (const disk of disks.reverse()) disk.unmount();
    rmSync(baseDir, { recursive: true, force: true });
  });

  // issue 10, item 1
  it('answers every write on both APIs with 507 STORAGE_FULL, keeps nothing of it, serves reads, and writes again once space is freed', async () => {
    const [epDisk] = disks as [SmallDisk];
    const ep = net!.api('EP');
    const epContext = net!.node('EP').context;
    const jpContext = net!.node('JP').context;
    const epDir = resolve(net!.office('EP').dataDir);
    const clerk = new OfficeApi(ep.baseUrl, new StaffTokens(epContext.db, epContext.clock, systemRandom).create('clerk', 'test').token);
    const peer = exchangeClientFor(jpContext, systemRandom, { retry: { attempts: 1 } });
    const exchange = `${epContext.config.exchange.publicUrl}/exchange/v1`;

    // Before the disk fills: a document, a draft with a part, and a grant JP has downloaded from.
    const doc = await depositPriorityDocument(ep, 64 * 1024);
    const draft = await ep.json<{ depositId: string }>('POST', '/deposits', { documentKind: 'searchReport', bibliographicData: EP_APP });
    const part = (name: string): string => `/deposits/${draft.depositId}/parts/${name}?mediaType=application%2Fpdf`;
    await ep.upload(part('report.pdf'), Readable.from([Buffer.from('%PDF-1.7 report\n')]));
    const ask = (): Promise<{ json<T>(): T }> => peer.request({
      method: 'POST', url: `${exchange}/retrievals`, json: { ...EP_APP, accessCode: doc.accessCode, requestId: randomUUID() },
    });
    const granted = (await ask()).json<{ retrievalId: string; document: { documentId: string; version: number; parts: { name: string; sha256: string }[] } }>();
    const partUrl = `${exchange}/retrievals/${granted.retrievalId}/parts/application.pdf`;
    expect((await peer.request({ method: 'GET', url: partUrl, accept: '*/*' })).status).to.equal(200);

    const rows = (): unknown => epContext.db.prepare(`SELECT (SELECT count(*) FROM deposits) AS deposits, (SELECT count(*) FROM deposit_parts) AS parts,
      (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM receipts) AS receipts, (SELECT count(*) FROM retrieval_grants) AS grants,
      (SELECT count(*) FROM audit_entries) AS audit`).get();
    const before = { rows: rows(), blobs: filesUnder(dataPaths(epDir).blobs) };
    // Every later commit must grow the WAL file, so that SQLite meets the full disk too.
    epContext.db.pragma('wal_checkpoint(TRUNCATE)');
    epDisk.fill();

    // The office API: a part upload (the blob store), a new draft and a commit (SQLite).
    const upload = await put(`${ep.baseUrl}/api/v1${part('more.pdf')}`, ep.token, 16 * MiB);
    expect(upload).to.deep.include({ status: 507, code: 'STORAGE_FULL', clientError: undefined }); // answered, not reset
    expect(upload.detail).to.contain('Free space');
    expect(await problemOf(ep.json('POST', '/deposits', { documentKind: 'searchReport', bibliographicData: EP_APP }))).to.include({ status: 507, code: 'STORAGE_FULL' });
    expect(await problemOf(ep.json('POST', `/deposits/${draft.depositId}/commit`))).to.include({ status: 507, code: 'STORAGE_FULL' });
    // The exchange API: a retrieval decision (grant and audit entry) and a receipt.
    expect(await problemOf(ask())).to.include({ status: 507, code: 'STORAGE_FULL' });
    const receipt = await signReceipt({
      retrievalId: granted.retrievalId, documentId: granted.document.documentId, version: granted.document.version,
      parts: granted.document.parts.map((p) => ({ name: p.name, sha256: p.sha256 })), receivedAt: new Date().toISOString(),
    }, { privateKey: jpContext.identity.signing.privateKey, chain: [jpContext.identity.signing.certificate.raw] });
    const sendReceipt = () => peer.request({ method: 'POST', url: `${exchange}/receipts`, json: { retrievalId: granted.retrievalId, receipt } });
    expect(await problemOf(sendReceipt())).to.include({ status: 507, code: 'STORAGE_FULL' });
    // The command line: exit status 1, saying to free space.
    const cli = await runCli(['token', 'create', '--role', 'clerk', '--data', epDir]);
    expect(cli.code).to.equal(EXIT.failure);
    expect(cli.err).to.match(/^ipex: .*Free space.*\[STORAGE_FULL\]\n$/);

    // Nothing half-written: no row, no blob, no temporary file, no audit entry.
    expect(rows()).to.deep.equal(before.rows);
    expect(filesUnder(dataPaths(epDir).blobs)).to.deep.equal(before.blobs);
    // Reads go on, on both APIs.
    expect((await clerk.json<{ documentId: string }>('GET', `/documents/${doc.documentId}`)).documentId).to.equal(doc.documentId);
    expect((await clerk.json<{ office: string }>('GET', '/status')).office).to.equal('EP');
    expect((await peer.request({ method: 'GET', url: partUrl, accept: '*/*' })).status).to.equal(200);
    expect((await peer.request({ method: 'GET', url: `${exchange}/retrievals/${granted.retrievalId}/manifest`, accept: 'application/jose' })).status).to.equal(200);
    // One log line for all of it, naming the data folder, without a stack trace.
    // (A `warn` record of the node's log, issue 13; each refused request has its own `info` record.)
    const lines = warnRecords(warnings, 'STORAGE_FULL');
    expect(lines, warnings.join('')).to.have.length(1);
    expect(lines[0]!.msg).to.match(/^the disk of the data folder .* is full/).and.contain(epDir);
    expect(warnings.join('')).to.not.match(/(\n|\\n)\s+at /);

    // Space returns: the same writes succeed, without a restart.
    epDisk.free();
    expect((await ep.upload(part('more.pdf'), Readable.from([Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(256 * 1024 - 9, 7)])])) as { size: number }).size).to.equal(256 * 1024);
    expect(await ep.json<{ state: string }>('POST', '/deposits', { documentKind: 'searchReport', bibliographicData: EP_APP })).to.include({ state: 'draft' });
    expect(await ep.json<{ version: number }>('POST', `/deposits/${draft.depositId}/commit`)).to.include({ version: 1 });
    expect((await ask()).json<{ retrievalId: string }>().retrievalId).to.be.a('string');
    expect((await sendReceipt()).status).to.equal(200);

    // The alert that could not be written while the disk was full lands now: one, counting each refusal.
    expect(staffAlertsFor(epContext).flush()).to.equal(true);
    const { items } = await clerk.json<{ items: { id: number; kind: string; subject: string; occurrences: number }[] }>('GET', '/alerts');
    expect(items.map((a) => [a.kind, a.subject])).to.deep.equal([['storage.full', epDir]]);
    expect(items[0]!.occurrences).to.be.at.least(5); // and the retrieval worker's heartbeat, if it beat meanwhile
    expect((await problemOf(clerk.json('POST', `/alerts/${items[0]!.id}/acknowledge`))).code).to.equal('ROLE_NOT_ALLOWED');
    expect(await ep.json('POST', `/alerts/${items[0]!.id}/acknowledge`)).to.include({ id: items[0]!.id });
    expect((await clerk.json<{ items: unknown[] }>('GET', '/alerts')).items).to.have.length(0);
    peer.close();
  });

  // issue 10, item 1: the OSF side
  it('keeps a retrieval job whose download meets a full disk waiting, without using up its attempts, and finishes it once space is freed', async () => {
    const jpDisk = disks[1]!;
    const jpContext = net!.node('JP').context;
    await stopRetrievalJobs(jpContext); // this test drives the job itself, on its own clock
    const doc = await depositPriorityDocument(net!.api('EP'), 3 * MiB, { ...EP_APP, applicationNumberText: '23123457' });
    const clock = new FixedClock(Date.now());
    const context: NodeContext = { ...jpContext, clock };
    const jobs = new RetrievalJobs(context, {
      random: systemRandom, storageFullRetryMs: 1000, client: exchangeClientFor(jpContext, systemRandom, { retry: { attempts: 1 } }),
    });
    try {
      jpDisk.fill();
      const queued = await jobs.enqueue({ ...EP_APP, applicationNumberText: '23123457', accessCode: doc.accessCode! }, { createdBy: 'test' });
      let job = await jobs.runJob(queued.jobId);
      for (let round = 0; round < 10; round += 1) { // more than the 8 attempts a failing job has
        expect(job).to.include({ state: 'downloading', errorCode: 'STORAGE_FULL', attempts: 0 });
        expect(Date.parse(job.nextAttemptAt) - clock.now().getTime()).to.equal(1000);
        clock.advance(1000);
        job = await jobs.runJob(job.jobId);
      }
      expect(staffAlertsFor(context).flush()).to.equal(true);
      expect(staffAlertsFor(context).list().map((a) => [a.kind, a.subject])).to.deep.equal([['storage.full', resolve(net!.office('JP').dataDir)]]);

      jpDisk.free();
      clock.advance(1000);
      job = await jobs.runJob(job.jobId);
      expect(job.state, `${job.errorCode ?? ''} ${job.errorDetail ?? ''}`).to.equal('done');
      expect(jobs.copies.get(job.copyId!)!.parts.map((p) => p.size).sort((a, b) => a - b)).to.deep.equal([...doc.parts!.map((p) => p.size)].sort((a, b) => a - b));
    } finally {
      await jobs.stop();
    }
  });
});
