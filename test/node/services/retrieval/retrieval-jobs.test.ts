// The OSF retrieval job end to end (issue 3): a JP node retrieves a priority document from a real
// EP node (W4's exchange routes) over mutual TLS and signed requests, verifies it, keeps the
// certified copy with its provenance, and sends a receipt that EP logs.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, type RunningNode } from '../../../../node/runtime/start-node.js';
import { thisProcess } from '../../../../node/runtime/process-holder.js';
import { staffAlertsFor } from '../../../../node/services/staff/staff-alerts.js';
import { peerOutagesFor } from '../../../../node/services/peers/peer-outages.js';
import { RetrievalJobs, exchangeClientFor, stopRetrievalJobs, workerIsRunning, writeCopyBundle, copyView, jobView } from '../../../../node/services/retrieval/index.js';
import { verifyBundle } from '../../../../protocol/certification/index.js';
import { systemRandom } from '../../../../protocol/runtime/clock.js';
import { auditEntries, quiet, startExchangeNetwork, type ExchangeNetwork } from '../../http/exchange-peer-fixture.js';

describe('node/services/retrieval: RetrievalJobs against a real EP node', function () {
  this.timeout(120_000);
  let net: ExchangeNetwork;
  let jp: RunningNode;
  let jobs: RetrievalJobs;

  before(async () => {
    net = await startExchangeNetwork();
    jp = await startNode({ dataDir: join(net.root, 'jp'), output: quiet, clock: net.clock, ports: { exchange: 0, officeApi: 0 } });
    await stopRetrievalJobs(jp.context); // the node's own worker would dial the directory URL; this test runs its own
    // EP's directory entry says https://localhost:18443; its listener is on a free port.
    const epPort = Number(new URL(net.ep.exchangeUrl).port);
    const publicPort = new URL(net.publicUrl).port;
    const client = exchangeClientFor(jp.context, systemRandom, {
      connect: (url) => (url.port === publicPort ? { host: '127.0.0.1', port: epPort } : undefined),
      retry: { attempts: 3, baseMs: 1 },
      sleep: async () => undefined,
    });
    jobs = new RetrievalJobs(jp.context, { random: systemRandom, client });
  });
  after(async () => {
    await jobs?.stop();
    await jp?.close();
    await net?.close();
  });

  it('refuses a mistyped access code before any request leaves the node', async () => {
    const err = await jobs.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: 'ABCD-EFGH-JKMN-Q' }, { createdBy: 'cli' })
      .catch((e: unknown) => e);
    expect((err as { code?: string }).code).to.equal('ACCESS_CODE_MALFORMED');
  });

  it('retrieves, verifies and keeps the copy, then sends a receipt that EP logs', async () => {
    const { documentId, accessCode } = await net.depositPriority({ application: 'EP 23 200 001.8' });
    const job = await jobs.enqueue({ ipOfficeCode: 'EP', applicationNumberText: 'EP 23 200 001.8', filingDate: '2023-05-01', ipRightType: 'patent', accessCode }, { createdBy: 'cli' });
    expect(job.state).to.equal('queued');
    const again = await jobs.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23200001', filingDate: '2023-05-01', ipRightType: 'patent', accessCode }, { createdBy: 'cli' });
    expect(again.jobId).to.equal(job.jobId); // the same request while running is the same job

    const done = await jobs.runJob(job.jobId);
    expect(done.errorDetail, done.errorDetail ?? '').to.equal(null);
    expect(done.state).to.equal('done');
    expect(done.accessCode).to.equal(null); // the secret is not kept after the job
    const copy = jobs.copies.get(done.copyId!)!;
    expect(copy.documentId).to.equal(documentId);
    expect(copy.sourceOffice).to.equal('EP');
    expect(copy.receiptSentAt).to.be.a('string');
    expect((copy.provenance.request as { signature: string }).signature).to.match(/^ipex=:/);
    expect(copyView(copy).verified).to.equal(true);
    expect(jobView(done).copyId).to.equal(copy.copyId);
    expect(await jp.context.blobs.has(copy.parts[0]!.sha256)).to.equal(true);

    const ep = auditEntries(net);
    expect(ep.some((e) => e.type === 'receipt.received' && e.entry.subject?.documentId === documentId)).to.equal(true);
    const own = jp.context.db.prepare("SELECT type, outcome FROM audit_entries WHERE type IN ('retrieval.requested', 'retrieval.completed', 'receipt.sent') ORDER BY idx").all() as { type: string; outcome: string }[];
    expect(own.map((e) => `${e.type}:${e.outcome}`)).to.include.members(['retrieval.requested:ok', 'retrieval.completed:ok', 'receipt.sent:ok']);

    // The copy leaves the node as a bundle that verifies against the network root.
    const dir = mkdtempSync(join(tmpdir(), 'ipex-bundle-'));
    try {
      const zip = join(dir, 'copy.zip');
      await writeCopyBundle(copy, jp.context.blobs, zip);
      const report = await verifyBundle(zip, { trustAnchors: jp.context.store.trustAnchors(), at: net.clock.now(), expectedOffice: 'EP' });
      expect(report.ok, JSON.stringify(report)).to.equal(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the job with the peer\'s answer for a wrong access code, and keeps no copy', async () => {
    await net.depositPriority({ application: 'EP 23 200 002.6' });
    const job = await jobs.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23200002', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: '0000-0000-0000-0' }, { createdBy: 'cli' });
    const end = await jobs.runJob(job.jobId);
    expect(end.state).to.equal('failed');
    expect(end.errorCode).to.not.equal(null);
    expect(end.copyId).to.equal(null);
    expect(existsSync(join(jp.context.config.dataDir, 'retrievals', job.jobId, 'parts'))).to.equal(false);
    // Issue 12: staff are told (the alert becomes a staff e-mail and a staff.alert webhook).
    expect(staffAlertsFor(jp.context).flush()).to.equal(true);
    const alert = staffAlertsFor(jp.context).list().find((a) => a.kind === 'retrieval.failed' && a.subject === `retrieval job ${job.jobId}`);
    expect(alert?.detail).to.contain(`[${end.errorCode!}]`).and.to.contain('EP 23200002').and.to.contain(`ipex retrievals show ${job.jobId}`);
  });

  it('waits while the document is not available yet (202), then retrieves it', async () => {
    const later = new Date(net.clock.now().getTime() + 3600_000).toISOString();
    const { accessCode } = await net.depositPriority({ application: 'EP 23 200 003.4', availableFrom: later });
    const job = await jobs.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23200003', filingDate: '2023-05-01', ipRightType: 'patent', accessCode }, { createdBy: 'cli' });
    const waiting = await jobs.runJob(job.jobId);
    expect(waiting.state).to.equal('pending');
    expect(Date.parse(waiting.nextAttemptAt)).to.be.greaterThan(net.clock.now().getTime());
    expect(await jobs.runDue()).to.equal(0); // not due yet
    net.clock.advance(3600_000 + 1000);
    expect(await jobs.runDue()).to.equal(1);
    const end = jobs.get(job.jobId)!;
    expect(end.state, end.errorDetail ?? '').to.equal('done');
  });

  it('retries an unreachable peer with backoff, then fails the job after the last attempt', async () => {
    const { accessCode } = await net.depositPriority({ application: 'EP 23 200 004.2' });
    const offline = new RetrievalJobs(jp.context, {
      random: systemRandom, maxAttempts: 2,
      client: exchangeClientFor(jp.context, systemRandom, { connect: () => ({ host: '127.0.0.1', port: 1 }) }),
    });
    try {
      const job = await offline.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23200004', filingDate: '2023-05-01', ipRightType: 'patent', accessCode }, { createdBy: 'cli' });
      const first = await offline.runJob(job.jobId);
      expect(first.state).to.equal('queued');
      expect(first.attempts).to.equal(1);
      expect(first.errorCode).to.equal('PEER_UNREACHABLE');
      expect(Date.parse(first.nextAttemptAt)).to.be.greaterThan(net.clock.now().getTime());
      expect(first.accessCode).to.not.equal(null); // still needed for the next attempt
      net.clock.advance(20 * 60_000);
      await offline.runDue();
      const last = offline.get(job.jobId)!;
      expect(last.state).to.equal('failed');
      expect(last.errorCode).to.equal('PEER_UNREACHABLE');
      expect(last.accessCode).to.equal(null);
      expect(jobView(last).error?.code).to.equal('PEER_UNREACHABLE');
      // Issue 12: each attempt without an answer is a failed contact with EP (peer.unreachable) …
      const failing = peerOutagesFor(jp.context).failing().find((f) => f.office === 'EP');
      expect(failing).to.include({ lastCode: 'PEER_UNREACHABLE', lastFailureAt: net.clock.now().toISOString() });
      expect(failing!.failures).to.be.at.least(2);
    } finally {
      await offline.stop();
    }
    // … and the next job that reaches EP ends the episode.
    const { accessCode: code } = await net.depositPriority({ application: '23200090' });
    const back = await jobs.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23200090', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: code }, { createdBy: 'cli' });
    expect((await jobs.runJob(back.jobId)).state).to.equal('done');
    expect(peerOutagesFor(jp.context).failing().map((f) => f.office)).to.not.include('EP');
  });

  it('runs enqueued jobs from its own loop once started, and shows a heartbeat meanwhile', async () => {
    const { accessCode } = await net.depositPriority({ application: 'EP 23 200 005.9' });
    jobs.start();
    try {
      const job = await jobs.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23200005', filingDate: '2023-05-01', ipRightType: 'patent', accessCode }, { createdBy: 'cli' });
      let state = job.state;
      for (let i = 0; i < 200 && state !== 'done' && state !== 'failed'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        state = jobs.get(job.jobId)!.state;
      }
      expect(state).to.equal('done');
      expect(workerIsRunning(jp.context)).to.equal(true);
    } finally {
      await jobs.stop();
    }
  });

  it('never takes a job leased by a live process; takes it at once when that process is gone (issue 10, item 5)', async () => {
    const { accessCode } = await net.depositPriority({ application: 'EP 23 200 007.5' });
    const job = await jobs.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23200007', filingDate: '2023-05-01', ipRightType: 'patent', accessCode }, { createdBy: 'cli' });
    // Another process of this host (an `ipex retrieve --wait`, say) holds the job for ten minutes.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const lease = new Date(net.clock.now().getTime() + 600_000).toISOString();
      expect(jobs.jobs.claim(job.jobId, job.nextAttemptAt, lease, { ...thisProcess(), pid: other.pid!, instance: 'other' })).to.equal(true);
      expect(jobs.get(job.jobId)!.leaseHolder?.pid).to.equal(other.pid);
      expect(await jobs.runDue()).to.equal(0);
      const left = await jobs.runJob(job.jobId);
      expect([left.state, left.nextAttemptAt]).to.deep.equal(['queued', lease]);

      other.kill('SIGKILL');
      await once(other, 'exit');
      const end = await jobs.runJob(job.jobId); // no clock moved: the dead process's lease is ended, not waited out
      expect(end.state, end.errorDetail ?? '').to.equal('done');
      expect(end.leaseHolder).to.equal(null);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('continues a job from its stored state after a restart (downloads failed, a new worker finishes)', async () => {
    const { accessCode } = await net.depositPriority({ application: 'EP 23 200 006.7' });
    const epPort = Number(new URL(net.ep.exchangeUrl).port);
    const broken = new RetrievalJobs(jp.context, {
      random: systemRandom,
      client: exchangeClientFor(jp.context, systemRandom, {
        connect: (url) => ({ host: '127.0.0.1', port: url.pathname.includes('/parts/') ? 1 : epPort }),
        retry: { attempts: 2, baseMs: 1 }, sleep: async () => undefined,
      }),
    });
    const job = await broken.enqueue({ ipOfficeCode: 'EP', applicationNumberText: '23200006', filingDate: '2023-05-01', ipRightType: 'patent', accessCode }, { createdBy: 'cli' });
    const stuck = await broken.runJob(job.jobId);
    await broken.stop();
    expect(stuck.state).to.equal('downloading');
    expect(stuck.errorCode).to.equal('PEER_UNREACHABLE');
    expect(stuck.remoteRetrievalId).to.be.a('string');

    net.clock.advance(20 * 60_000); // past the backoff; a fresh worker, as after a restart
    expect(await jobs.runDue()).to.be.greaterThan(0);
    const end = jobs.get(job.jobId)!;
    expect(end.state, end.errorDetail ?? '').to.equal('done');
    expect(end.remoteRetrievalId).to.equal(stuck.remoteRetrievalId); // the same retrieval, not a new request
  });
});
