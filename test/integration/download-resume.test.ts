/**
 * A download cut half-way (issue 3): the connection between JP and EP is cut by a proxy in the
 * middle of the large part. JP's retrieval resumes with an HTTP Range request instead of starting
 * over (fewer bytes cross the wire than twice the part), the copy verifies, and nothing is
 * duplicated: one copy at JP, one confirmed retrieval and one receipt at EP.
 */
import { expect } from 'chai';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { exchangeClientFor, RetrievalJobs, stopRetrievalJobs } from '../../node/services/retrieval/index.js';
import { CuttingProxy } from './cutting-proxy.js';
import { EP_APP, depositPriorityDocument, startTestNetwork, type TestNetwork } from './network-fixture.js';

describe('integration: a download cut half-way', function () {
  this.timeout(60_000);
  let t: TestNetwork;
  let proxy: CuttingProxy | undefined;
  before(async () => { t = await startTestNetwork(['EP', 'JP']); });
  after(async () => {
    await proxy?.close();
    await t?.close();
  });

  it('resumes where it was cut, and keeps one copy and one receipt', async () => {
    const partSize = 8 * 2 ** 20;
    const doc = await depositPriorityDocument(t.net.api('EP'), partSize);
    const ep = t.net.office('EP');
    const started = await CuttingProxy.start({ host: '127.0.0.1', port: ep.exchangePort }, partSize / 2);
    proxy = started.proxy;

    // JP's own worker would take the job without the proxy: this test drives the job itself.
    const jpContext = t.net.node('JP').context;
    await stopRetrievalJobs(jpContext);
    const client = exchangeClientFor(jpContext, systemRandom, {
      connect: (url) => (url.port === String(ep.exchangePort) ? { host: '127.0.0.1', port: started.port } : undefined),
      retry: { attempts: 6, baseMs: 50, maxMs: 200 },
    });
    const jobs = new RetrievalJobs(jpContext, { random: systemRandom, client, backoff: { baseMs: 100, maxMs: 500 } });
    try {
      const queued = await jobs.enqueue({ ...EP_APP, accessCode: doc.accessCode! }, { createdBy: 'integration-test' });
      let job = queued;
      const deadline = Date.now() + 40_000;
      while (job.state !== 'done' && job.state !== 'failed' && Date.now() < deadline) {
        job = await jobs.runJob(job.jobId);
        if (job.state !== 'done' && job.state !== 'failed') await new Promise((r) => setTimeout(r, 100));
      }
      expect(job.state, `${job.errorCode ?? ''} ${job.errorDetail ?? ''}`).to.equal('done');
      expect(proxy.cuts).to.equal(1);
      // resumed, not restarted: the part crossed the wire about once, not one and a half times
      expect(proxy.bytesToClient).to.be.lessThan(partSize * 1.25);

      const copies = jobs.copies.list({ ipOfficeCode: 'EP', applicationNumberText: EP_APP.applicationNumberText, limit: 10 });
      expect(copies.filter((c) => c.documentId === doc.documentId)).to.have.length(1);
      const big = copies[0]!.parts.find((p) => p.name === 'data.bin')!;
      expect(big.size).to.equal(partSize);
      expect(big.sha256).to.equal(doc.parts!.find((p) => p.name === 'data.bin')!.sha256);

      const history = await t.net.api('EP').history(doc.documentId);
      const successes = history.items.filter((a) => a.outcome === 'success');
      expect(successes).to.have.length(1);
      expect(successes[0]!.receipt).to.not.equal(undefined);
      const epContext = t.net.node('EP').context;
      const receipts = epContext.db.prepare('SELECT COUNT(*) AS n FROM receipts WHERE document_id = ?').get(doc.documentId) as { n: number };
      expect(receipts.n).to.equal(1);
      // EP logged each part as served once for the grant, however many range requests it took
      await epContext.audit.flush();
      const served = epContext.audit.entries(0, epContext.audit.size())
        .map((b) => JSON.parse(b.toString('utf8')) as { type: string; subject?: { documentId?: string } })
        .filter((e) => e.type === 'part.served' && e.subject?.documentId === doc.documentId);
      expect(served).to.have.length(2);
    } finally {
      await jobs.stop();
    }
  });
});
