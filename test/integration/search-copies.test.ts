/**
 * Issue 15, "Search copies" (PCT eSearchCopy), between real nodes on loopback: EP, as receiving
 * office, deposits a search copy for US as searching authority. US learns of it from EP's signed
 * listing (`GET /search-copies`, via its office API and `ipex dossier search-copies`) and retrieves
 * and verifies it without an access code; JP, another participating office, neither sees it nor
 * gets it — refused as a document that does not exist, and EP's audit log keeps the refusal.
 */
import { expect } from 'chai';
import { Readable } from 'node:stream';
import type { components } from '../../protocol/generated/office.js';
import { minimalPdf } from '../../scripts/demo/sample-parts.js';
import { runCli } from '../node/cli/run-cli.js';
import { startTestNetwork, type TestNetwork } from './network-fixture.js';

type Schemas = components['schemas'];
const APP = { ipOfficeCode: 'EP', applicationNumberText: '23555555', filingDate: '2023-06-01', ipRightType: 'patent' } as const;

describe('integration: a search copy for one searching authority (issue 15)', function () {
  this.timeout(120_000);
  let t: TestNetwork;
  let copy: Schemas['CommittedDocument'];

  before(async () => {
    t = await startTestNetwork(['EP', 'US', 'JP']);
    copy = await t.net.api('EP').deposit({ documentKind: 'searchCopy', bibliographicData: { ...APP, searchingAuthority: 'US', inventionTitle: 'Widget' } },
      [{ name: 'application.pdf', mediaType: 'application/pdf', body: () => Readable.from([minimalPdf(['search copy'])]) }]);
  });
  after(async () => { await t?.close(); });

  async function officeGet(office: string, path: string): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field
    const api = t.net.api(office);
    const res = await fetch(`${api.baseUrl}/api/v1${path}`, { headers: { Authorization: `Bearer ${api.token}` } });
    return { status: res.status, body: await res.json() };
  }

  it('is certified as a searchCopy naming its searching authority', () => {
    expect(copy.documentId).to.match(/^EP-SC-23555555-/);
    expect(copy.documentKind).to.equal('searchCopy');
    expect(copy.bibliographicData.searchingAuthority).to.equal('US');
    expect(copy).to.not.have.property('accessCode');
  });

  it('is listed to the searching authority, and to it only', async () => {
    const us = await officeGet('US', '/offices/EP/search-copies');
    expect(us.status, JSON.stringify(us.body)).to.equal(200);
    expect(us.body.documents.map((d: { documentId: string }) => d.documentId)).to.deep.equal([copy.documentId]);
    const later = await officeGet('US', `/offices/EP/search-copies?since=${encodeURIComponent(us.body.documents[0].depositedAt)}`);
    expect(later.body.documents).to.deep.equal([]);
    expect((await officeGet('JP', '/offices/EP/search-copies')).body.documents).to.deep.equal([]);
    // in the application's dossier too, for US only
    expect((await officeGet('US', '/offices/EP/dossier?applicationNumberText=23555555')).body.documents.map((d: { documentKind: string }) => d.documentKind)).to.deep.equal(['searchCopy']);
    expect((await officeGet('JP', '/offices/EP/dossier?applicationNumberText=23555555')).body.documents).to.deep.equal([]);
    const cli = await runCli(['dossier', 'search-copies', '--office', 'EP', '--data', t.net.office('US').dataDir]);
    expect(cli.code, cli.err).to.equal(0);
    expect(cli.out).to.include(copy.documentId).and.to.include('--kind searchCopy --document');
  });

  it('is retrieved and verified by the searching authority without an access code', async () => {
    const us = t.net.api('US');
    const { jobId } = await us.retrieve({ ...APP, documentKind: 'searchCopy', documentId: copy.documentId });
    const job = await us.waitForJob(jobId, 30_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');
    const kept = await us.copy(job.copyId!);
    expect(kept).to.include({ documentId: copy.documentId, documentKind: 'searchCopy', verified: true });
    const history = await t.net.api('EP').history(copy.documentId);
    expect(history.items.some((h) => h.office === 'US' && h.outcome === 'success')).to.equal(true);
  });

  it('is refused to any other office as a document that does not exist, and the refusal is logged', async () => {
    const jp = t.net.api('JP');
    const { jobId } = await jp.retrieve({ ...APP, documentKind: 'searchCopy', documentId: copy.documentId });
    const job = await jp.waitForJob(jobId, 30_000);
    expect(job.state).to.equal('failed');
    expect(job.error?.code).to.equal('DOCUMENT_UNAVAILABLE');
    const log = await officeGet('EP', '/audit/entries?eventType=retrieval.attempt&office=JP&outcome=refused');
    const refused = (log.body.items as { entry: string }[]).map((i) => JSON.parse(i.entry) as { code?: string; details: { requestedDocumentId?: string } });
    expect(refused.map((e) => [e.code, e.details.requestedDocumentId])).to.deep.include(['DOCUMENT_UNAVAILABLE', copy.documentId]);
  });
});
