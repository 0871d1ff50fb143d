/**
 * The registration certificate (issue 12) of a deposited version, from a running node: the office
 * API gives it to staff and to the applicant holding the document's key (not to another
 * document's), as JSON with the JWS or as a PDF that pdftotext reads; `ipex documents
 * certificate` writes both; `ipex verify` checks the JWS against the network root and refuses a
 * changed one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import type { components } from '../../../../protocol/generated/office.js';
import { runCli } from '../../cli/run-cli.js';
import { startDepositNode, type DepositNode } from '../../services/deposit/deposit-fixture.js';

type Registration = components['schemas']['RegistrationCertificate'];

describe('office API and CLI: the registration certificate (issue 12)', function () {
  this.timeout(60_000);
  let n: DepositNode;
  let dir: string;
  let documentId: string;
  let applicantKey: string;
  let otherKey: string;

  async function deposit(number: string): Promise<{ documentId: string; applicantKey: string }> {
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: number, filingDate: '2023-05-01', ipRightType: 'patent' } }, { kind: 'cli' });
    await n.service.uploadPart(draft.depositId, 'a.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-1.7 registration')]));
    const c = await n.service.commit(draft.depositId, { kind: 'cli' });
    return { documentId: c.documentId, applicantKey: c.applicantKey! };
  }
  const get = (path: string, bearer: string) => fetch(`${n.api}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

  before(async () => {
    n = await startDepositNode();
    dir = mkdtempSync(join(tmpdir(), 'ipex-registration-'));
    ({ documentId, applicantKey } = await deposit('23123456'));
    otherKey = (await deposit('23999999')).applicantKey;
  });
  after(async () => {
    await n?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('states office, document, version, application, dates and digests, for staff and the document\'s applicant only', async () => {
    const res = await get(`/documents/${documentId}/registration-certificate`, n.clerk);
    expect(res.status).to.equal(200);
    const body = await res.json() as Registration;
    const doc = n.service.get(documentId);
    expect(body.certificate).to.deep.include({ format: 'ipex-registration/1', office: 'EP', documentId, version: 1, documentKind: 'priorityDocument', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent', depositedAt: doc.depositedAt });
    expect(body.certificate.parts).to.deep.equal(doc.parts!.map((p) => ({ name: p.name, size: p.size, sha256: p.sha256 })));
    expect(JSON.parse(Buffer.from(body.jws.split('.')[1]!, 'base64url').toString('utf8'))).to.deep.equal(body.certificate);
    expect((await get(`/documents/${documentId}/registration-certificate`, applicantKey)).status).to.equal(200);
    expect((await get(`/documents/${documentId}/registration-certificate`, otherKey)).status).to.equal(401);
    expect((await get(`/documents/${documentId}/registration-certificate?version=2`, n.clerk)).status).to.equal(404);
  });

  it('renders a PDF that carries the statement and the JWS', async () => {
    const res = await get(`/documents/${documentId}/registration-certificate?format=pdf`, n.clerk);
    expect(res.headers.get('content-type')).to.equal('application/pdf');
    writeFileSync(join(dir, 'c.pdf'), Buffer.from(await res.arrayBuffer()));
    const words = execFileSync('pdftotext', [join(dir, 'c.pdf'), '-'], { encoding: 'utf8' });
    expect(words).to.include('Registration certificate').and.include(documentId).and.include('EP 23123456, filed 2023-05-01');
    expect(words).to.include(n.service.get(documentId).parts![0]!.sha256);
  });

  it('`ipex documents certificate` writes the JWS and the PDF; `ipex verify` checks the JWS and refuses a changed one', async () => {
    const jws = join(dir, 'c.jws');
    const pdf = join(dir, 'cli.pdf');
    const cli = await runCli(['documents', 'certificate', documentId, '--out', jws, '--pdf', pdf, '--data', n.dataDir]);
    expect(cli.code, cli.err).to.equal(0);
    expect(cli.out).to.include(`registration certificate of ${documentId} version 1`);
    expect(readFileSync(pdf).subarray(0, 5).toString()).to.equal('%PDF-');
    const ok = await runCli(['verify', jws, '--data', n.dataDir, '--office', 'EP']);
    expect(ok.code, ok.err).to.equal(0);
    expect(ok.out).to.include('VERIFIED').and.include(`registration certificate of ${documentId} version 1`);
    const [h, p, s] = readFileSync(jws, 'utf8').trim().split('.') as [string, string, string];
    const changed = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'changed.jws'), `${h}.${Buffer.from(JSON.stringify({ ...changed, version: 2 })).toString('base64url')}.${s}`);
    const bad = await runCli(['verify', join(dir, 'changed.jws'), '--data', n.dataDir]);
    expect(bad.code).to.equal(3);
    expect(bad.err).to.include('REGISTRATION_CERTIFICATE_INVALID');
    expect((await runCli(['documents', 'certificate', documentId, '--out', jws, '--data', n.dataDir])).err).to.include('ALREADY_EXISTS');
  });
});
