/**
 * Deposit → retrieve → verify → receipt → history between two real nodes on loopback (issue 3),
 * and the proof that the depositing office logged the retrieval (issue 4): the OSF keeps the
 * OFF's log index in the copy's provenance, and an inclusion proof from the OFF for that index
 * verifies against the OFF's signed checkpoint.
 */
import { expect } from 'chai';
import { join } from 'node:path';
import { verifyBundle } from '../../protocol/certification/index.js';
import { retrievalJobsFor } from '../../node/services/retrieval/index.js';
import { saveCopyBundle } from '../../scripts/demo/checks.js';
import { proveCopyLogged } from '../../node/services/retrieval/index.js';
import { ApiProblem } from '../../scripts/demo/office-api.js';
import { EP_APP, depositPriorityDocument, startTestNetwork, type TestNetwork } from './network-fixture.js';

describe('integration: a priority document from EP to JP', function () {
  this.timeout(60_000);
  let t: TestNetwork;
  before(async () => { t = await startTestNetwork(['EP', 'JP']); });
  after(async () => { await t?.close(); });

  it('is retrieved, verified, confirmed, shown in EP\'s history and provably logged by EP', async () => {
    const ep = t.net.api('EP');
    const jp = t.net.api('JP');
    const doc = await depositPriorityDocument(ep, 3 * 2 ** 20);
    expect(doc.accessCode).to.be.a('string');

    const { jobId } = await jp.retrieve({ ...EP_APP, accessCode: doc.accessCode! });
    const job = await jp.waitForJob(jobId, 30_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');
    expect(job.error).to.equal(undefined);
    const copy = await jp.copy(job.copyId!);
    expect(copy.documentId).to.equal(doc.documentId);
    expect(copy.receiptSent).to.equal(true);
    expect(copy.parts.map((p) => p.sha256)).to.deep.equal((doc.parts ?? []).map((p) => p.sha256));

    // the retrieving office's export verifies against the network root, as certified by EP
    const dir = join(t.baseDir, 'out', doc.documentId);
    await saveCopyBundle(jp, copy.copyId, dir);
    const jpStore = t.net.node('JP').context.store;
    const verified = await verifyBundle(dir, { trustAnchors: jpStore.trustAnchors(), at: new Date(), expectedOffice: 'EP' });
    expect(verified.ok, JSON.stringify(verified.problems)).to.equal(true);
    expect(verified.document).to.equal(doc.documentId);

    // EP's history: retrieved by JP, confirmed by the receipt
    const history = await ep.history(doc.documentId);
    const success = history.items.filter((a) => a.outcome === 'success');
    expect(success).to.have.length(1);
    expect(success[0]!.office).to.equal('JP');
    expect(success[0]!.receipt?.receivedAt).to.be.a('string');

    // provenance: EP's log index of the retrieval; the inclusion proof verifies against EP's checkpoint
    const row = retrievalJobsFor(t.net.node('JP').context).copies.get(copy.copyId)!;
    const index = (row.provenance.logEntry as { index: number }).index;
    expect(index).to.equal(success[0]!.logIndex);
    const proof = await proveCopyLogged(t.net.node('JP').context, copy.copyId);
    expect(proof.index).to.equal(index);
    expect(proof.entry.type).to.equal('retrieval.attempt');
    expect((proof.entry.actor as { office: string }).office).to.equal('JP');
    expect(proof.entry.outcome).to.equal('ok');
    expect(proof.treeSize).to.be.greaterThan(index);
  });

  it('refuses a wrong code with the same answer as an unknown application', async () => {
    const jp = t.net.api('JP');
    const wrong = await jp.waitForJob((await jp.retrieve({ ...EP_APP, accessCode: '0000-0000-0000-0' })).jobId, 30_000);
    const unknown = await jp.waitForJob((await jp.retrieve({ ...EP_APP, applicationNumberText: '99999999', accessCode: '0000-0000-0000-0' })).jobId, 30_000);
    expect(wrong.state).to.equal('failed');
    expect(wrong.error?.code).to.equal('DOCUMENT_UNAVAILABLE');
    expect(unknown.error?.code).to.equal(wrong.error?.code);
  });

  it('catches a typo in the code at JP, before any request leaves', async () => {
    const jp = t.net.api('JP');
    let caught: unknown;
    try {
      await jp.retrieve({ ...EP_APP, accessCode: '0000-0000-0000-1' });
    } catch (err) {
      caught = err;
    }
    expect(caught).to.be.instanceOf(ApiProblem);
    expect((caught as ApiProblem).code).to.equal('ACCESS_CODE_MALFORMED');
  });
});
