/**
 * A depositing office that is down when the accessing office asks (issue 3, "a peer that is
 * down"): JP's node records the failure, keeps the job and retries it with backoff; once EP is
 * up again, the job finishes, with one copy at JP and one confirmed retrieval in EP's history.
 */
import { expect } from 'chai';
import { EP_APP, depositPriorityDocument, startTestNetwork, type TestNetwork } from './network-fixture.js';

describe('integration: a peer that is down, then comes up', function () {
  this.timeout(60_000);
  let t: TestNetwork;
  before(async () => { t = await startTestNetwork(['EP', 'JP']); });
  after(async () => { await t?.close(); });

  it('retries the job until the peer answers, without duplicates', async () => {
    const doc = await depositPriorityDocument(t.net.api('EP'), 64 * 1024);
    await t.net.stop('EP');
    const jp = t.net.api('JP');
    const { jobId } = await jp.retrieve({ ...EP_APP, accessCode: doc.accessCode! });

    // the first attempt fails for a transient reason: the job stays alive and shows why
    const deadline = Date.now() + 15_000;
    let job = await jp.job(jobId);
    while (job.error === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      job = await jp.job(jobId);
    }
    expect(job.error?.code).to.equal('PEER_UNREACHABLE');
    expect(job.state).to.be.oneOf(['queued', 'pending']);

    await t.net.start('EP');
    const done = await jp.waitForJob(jobId, 40_000);
    expect(done.state, JSON.stringify(done.error)).to.equal('done');
    expect(done.error).to.equal(undefined);

    const copies = await jp.json<{ items: { documentId: string }[] }>('GET', `/copies?ipOfficeCode=EP&applicationNumberText=${EP_APP.applicationNumberText}`);
    expect(copies.items.filter((c) => c.documentId === doc.documentId)).to.have.length(1);
    const history = await t.net.api('EP').history(doc.documentId);
    const successes = history.items.filter((a) => a.outcome === 'success');
    expect(successes).to.have.length(1);
    expect(successes[0]!.receipt).to.not.equal(undefined);
  });
});
