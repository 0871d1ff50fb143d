/**
 * Damaged parts between two real nodes (issue 10, item 4). When EP finds a stored part damaged it
 * sends none of it and answers 503 PART_DAMAGED: JP's job waits as EP asks (Retry-After) and
 * finishes once EP has restored the part. When bytes arrive that do not match the digest EP
 * certified (an office that sends them anyway, played by a proxy), JP fails the job at once with
 * PART_DIGEST_MISMATCH instead of downloading it again and again. A certified-copy bundle is never
 * made of a damaged part either.
 */
import { expect } from 'chai';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NodeContext } from '../../node/runtime/node-context.js';
import { exchangeClientFor, RetrievalJobs, stopRetrievalJobs } from '../../node/services/retrieval/index.js';
import { staffAlertsFor } from '../../node/services/staff/staff-alerts.js';
import type { FsBlobStore } from '../../node/storage/fs-blob-store.js';
import { FixedClock, systemRandom } from '../../protocol/runtime/clock.js';
import type { ApiProblem } from '../../scripts/demo/office-api.js';
import { EP_APP, depositPriorityDocument, startTestNetwork, type TestNetwork } from './network-fixture.js';
import { TamperingProxy } from './tampering-proxy.js';

describe('integration: damaged parts', function () {
  this.timeout(60_000);
  let t: TestNetwork;
  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    await stopRetrievalJobs(t.net.node('JP').context); // the tests drive JP's jobs themselves
  });
  after(async () => { await t?.close(); });

  /** JP's retrieval jobs on a clock of their own, so that a Retry-After of an hour can pass. */
  function jpJobs(extra: Parameters<typeof exchangeClientFor>[2] = {}): { jobs: RetrievalJobs; clock: FixedClock } {
    const jp = t.net.node('JP').context;
    const clock = new FixedClock(Date.now());
    const context: NodeContext = { ...jp, clock };
    return { clock, jobs: new RetrievalJobs(context, { random: systemRandom, client: exchangeClientFor(jp, systemRandom, { retry: { attempts: 1 }, ...extra }) }) };
  }

  // issue 10, item 4
  it('waits while EP refuses a damaged part, and finishes once EP has restored it', async () => {
    const app = { ...EP_APP, applicationNumberText: '23400001' };
    const doc = await depositPriorityDocument(t.net.api('EP'), 400_000, app);
    const ep = t.net.node('EP').context;
    const sha = doc.parts!.find((p) => p.name === 'data.bin')!.sha256;
    const path = (ep.blobs as FsBlobStore).pathOf(sha);
    const original = readFileSync(path);
    const damaged = Buffer.from(original);
    damaged[200_000] ^= 0x01;
    chmodSync(path, 0o644);
    writeFileSync(path, damaged);

    const { jobs, clock } = jpJobs();
    try {
      let job = await jobs.runJob((await jobs.enqueue({ ...app, accessCode: doc.accessCode! }, { createdBy: 'test' })).jobId);
      expect(job).to.include({ state: 'downloading', errorCode: 'PART_DAMAGED', copyId: null });
      expect(Date.parse(job.nextAttemptAt) - clock.now().getTime()).to.be.at.least(3600_000);
      expect(staffAlertsFor(ep).flush()).to.equal(true);
      expect(staffAlertsFor(ep).list().find((a) => a.subject === sha)).to.include({ kind: 'part.damaged' });

      writeFileSync(path, original); // EP's staff restore the part from a backup
      clock.advance(3600_000 + 60_000);
      job = await jobs.runJob(job.jobId);
      expect(job.state, `${job.errorCode ?? ''} ${job.errorDetail ?? ''}`).to.equal('done');
      expect(jobs.copies.get(job.copyId!)!.parts.find((p) => p.name === 'data.bin')!.sha256).to.equal(sha);

      // JP's own copy of it damaged on disk: its bundle is refused too, and JP's staff alerted.
      const jp = t.net.node('JP').context;
      const copyPath = (jp.blobs as FsBlobStore).pathOf(sha);
      chmodSync(copyPath, 0o644);
      writeFileSync(copyPath, damaged);
      const bundle = await t.net.api('JP').saveCopyBundle(job.copyId!, join(t.baseDir, 'bundle.zip')).then(() => undefined, (err: ApiProblem) => err);
      expect(bundle).to.include({ status: 503, code: 'PART_DAMAGED' });
      expect(existsSync(join(t.baseDir, 'bundle.zip'))).to.equal(false);
      staffAlertsFor(jp).flush();
      expect(staffAlertsFor(jp).list().find((a) => a.subject === sha)?.detail).to.contain('"data.bin"').and.contain(doc.documentId);
    } finally {
      await jobs.stop();
    }
  });

  // issue 10, item 4
  it('fails a job at once with PART_DIGEST_MISMATCH when the bytes received are not the ones certified, keeping nothing', async () => {
    const app = { ...EP_APP, applicationNumberText: '23400002' };
    const doc = await depositPriorityDocument(t.net.api('EP'), 400_000, app);
    const ep = t.net.office('EP');
    const proxy = await TamperingProxy.start(t.net.node('EP').context.identity, t.net.node('JP').context.identity, { host: '127.0.0.1', port: ep.exchangePort });
    const { jobs } = jpJobs({ connect: (url) => (url.port === String(ep.exchangePort) ? { host: '127.0.0.1', port: proxy.port } : undefined) });
    try {
      const job = await jobs.runJob((await jobs.enqueue({ ...app, accessCode: doc.accessCode! }, { createdBy: 'test' })).jobId);
      expect(job).to.include({ state: 'failed', errorCode: 'PART_DIGEST_MISMATCH', attempts: 1, copyId: null });
      expect(proxy.partRequests).to.equal(1); // not downloaded again
      const folder = join(t.net.office('JP').dataDir, 'retrievals', job.jobId, 'parts');
      expect(existsSync(folder) ? readdirSync(folder).filter((f) => !f.endsWith('.p7s')) : []).to.deep.equal([]);
    } finally {
      await jobs.stop();
      await proxy.close();
    }
  });
});
