/**
 * The office API for retrieving staff (issue 11, the examiner's journey), between two real
 * offices on loopback: the `examiner` role's least privilege, the job list with the bytes
 * received, a certified copy verified again check by check (and a tampered part caught), one part
 * downloaded safely, and the dossier of an application at the peer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { StaffTokens } from '../../../../node/services/staff/staff-tokens.js';
import { FsBlobStore } from '../../../../node/storage/fs-blob-store.js';
import { dataPaths } from '../../../../node/config/data-dir.js';
import { systemRandom } from '../../../../protocol/runtime/clock.js';
import { depositPriorityDocument, startTestNetwork, EP_APP, type TestNetwork } from '../../../integration/network-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field

describe('office API for examiners (issue 11)', function () {
  this.timeout(120_000);
  let t: TestNetwork;
  let jpApi: string;
  let examiner: string;
  let accessCode: string;
  let copyId: string;

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json; headers: Headers; bytes: Buffer }> {
    const res = await fetch(`${jpApi}${path}`, {
      method, headers: { authorization: `Bearer ${examiner}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(bytes.toString('utf8')) as Json : {};
    return { status: res.status, body: json, headers: res.headers, bytes };
  }

  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    const jp = t.net.node('JP');
    jpApi = `${jp.officeApiUrl}/api/v1`;
    examiner = new StaffTokens(jp.context.db, jp.context.clock, systemRandom).create('examiner', 'examiner test').token;
    const ep = t.net.api('EP');
    accessCode = (await depositPriorityDocument(ep, 200_000)).accessCode!;
    await ep.deposit({ documentKind: 'searchReport', bibliographicData: { ...EP_APP, inventionTitle: 'Search report' } },
      [{ name: 'report.pdf', mediaType: 'application/pdf', body: () => Readable.from([Buffer.from('%PDF-1.7 report')]) }]);
  });
  after(() => t?.close());

  it('lets an examiner retrieve and follow the job with the bytes received, and nothing of the office\'s own', async () => {
    const accepted = await call('POST', '/retrievals', { ...EP_APP, accessCode });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(202);
    const job = await t.net.api('JP').waitForJob(accepted.body.jobId as string, 60_000);
    expect(job.state).to.equal('done');
    copyId = job.copyId!;
    const list = await call('GET', '/retrievals');
    expect(list.status).to.equal(200);
    const listed = (list.body.items as Json[]).find((j) => j.jobId === accepted.body.jobId)!;
    expect(listed.progress).to.deep.equal({ receivedBytes: listed.progress.totalBytes, totalBytes: listed.progress.totalBytes });
    expect(listed.progress.totalBytes).to.be.greaterThan(200_000);
    // least privilege: no deposits, no documents, no audit log
    for (const [method, path, body] of [['POST', '/deposits', { documentKind: 'searchReport', bibliographicData: { ...EP_APP, ipOfficeCode: 'JP' } }], ['GET', '/documents'], ['GET', '/audit/entries']] as const) {
      const refused = await call(method, path, body);
      expect(refused.status, path).to.equal(403);
      expect(refused.body.code).to.equal('ROLE_NOT_ALLOWED');
    }
  });

  it('verifies a copy again check by check, and names the part that no longer matches', async () => {
    const verified = await call('GET', `/copies/${copyId}/verification`);
    expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
    const checks = verified.body.checks as Json[];
    expect(checks.filter((c) => !c.ok), JSON.stringify(checks)).to.deep.equal([]);
    expect(verified.body.ok).to.equal(true);
    const kinds = checks.map((c) => c.check as string);
    for (const kind of ['manifest', 'chain', 'layout', 'receipt', 'log-proof']) expect(kinds).to.include(kind);
    expect(kinds.filter((k) => k === 'part-digest')).to.have.length(2);
    expect(kinds.filter((k) => k === 'part-signature')).to.have.length(2);
    expect(checks.find((c) => c.check === 'log-proof')!.detail.logIndex).to.be.a('number');

    // a part's bytes changed on disk after retrieval: that part's check fails, the others pass
    const copy = (await call('GET', `/copies/${copyId}`)).body;
    const part = (copy.parts as Json[]).find((p) => p.name === 'data.bin')!;
    const path = new FsBlobStore(dataPaths(t.net.office('JP').dataDir).blobs).pathOf(part.sha256 as string);
    const original = readFileSync(path);
    try {
      writeFileSync(path, Buffer.concat([original.subarray(0, -1), Buffer.from([original.at(-1)! ^ 1])]));
      const again = await call('GET', `/copies/${copyId}/verification`);
      expect(again.body.ok).to.equal(false);
      const failed = (again.body.checks as Json[]).filter((c) => !c.ok);
      expect(failed.map((c) => [c.check, c.where, c.code])).to.deep.include(['part-digest', 'parts/data.bin', 'PART_DIGEST_MISMATCH']);
      expect(failed.map((c) => c.where as string), JSON.stringify(failed)).to.have.members(['parts/data.bin', 'parts/data.bin.p7s']);
    } finally {
      writeFileSync(path, original);
    }
  });

  it('serves a part as an attachment, sandboxed, and inline only for types a browser shows without running them', async () => {
    const pdf = await call('GET', `/copies/${copyId}/parts/application.pdf?disposition=inline`);
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(pdf.headers.get('content-disposition')).to.equal('inline; filename="application.pdf"');
    expect(pdf.headers.get('content-security-policy')).to.match(/^sandbox;/);
    expect(pdf.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(pdf.bytes.subarray(0, 5).toString()).to.equal('%PDF-');
    const bin = await call('GET', `/copies/${copyId}/parts/data.bin?disposition=inline`);
    expect(bin.headers.get('content-disposition')).to.equal('attachment; filename="data.bin"');
    expect(bin.bytes.length).to.equal(200_000);
    expect((await call('GET', `/copies/${copyId}/parts/other.pdf`)).body.code).to.equal('PART_NOT_FOUND');
  });

  it('lists the dossier of an application at the peer, and refuses this office\'s own', async () => {
    const dossier = await call('GET', `/offices/EP/dossier?applicationNumberText=${encodeURIComponent('EP 23 123 456')}`);
    expect(dossier.status, JSON.stringify(dossier.body)).to.equal(200);
    expect(dossier.body.applicationNumberText).to.equal(EP_APP.applicationNumberText);
    expect((dossier.body.documents as Json[]).map((d) => d.documentKind)).to.deep.equal(['searchReport']);
    expect((await call('GET', '/offices/JP/dossier?applicationNumberText=2023123456')).body.code).to.equal('INVALID_INPUT');
  });
});
