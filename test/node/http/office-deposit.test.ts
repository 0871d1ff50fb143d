/**
 * The deposit and document operations of the office API against a real development node on
 * loopback (issue 3, OFF side): streamed parts, certification, access codes at rest, applicant
 * control, versions, withdrawal, and bad input that changes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { verifyBundle, verifyManifestJws } from '../../../protocol/certification/index.js';
import { startDepositNode, type DepositNode } from '../services/deposit/deposit-fixture.js';
import { listDevOffices } from '../../helpers/dev-offices.js';
import { citationsXml } from '../../../protocol/st96/citation-xml.js';
import { SAMPLE } from '../../protocol/st96/sample-citations.js';

const BIB = { ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent' };
const BIG = 20 * 1024 * 1024;

/** A deterministic stream of `size` bytes made in 64 KiB chunks (never whole in memory). */
function bigStream(size: number): { stream: Readable; sha256: string } {
  const hash = createHash('sha256');
  // The first bytes are a PDF header: a part declared application/pdf is checked against them (issue 15).
  const chunk = (i: number): Buffer => {
    const bytes = Buffer.alloc(Math.min(65536, size - i * 65536), i % 251);
    if (i === 0) bytes.write('%PDF-1.7\n');
    return bytes;
  };
  for (let i = 0; i * 65536 < size; i++) hash.update(chunk(i));
  let i = 0;
  const stream = new Readable({
    read() {
      if (i * 65536 >= size) this.push(null);
      else this.push(chunk(i++));
    },
  });
  return { stream, sha256: hash.digest('hex') };
}

describe('office API: deposits and documents', function () {
  this.timeout(120_000);
  let n: DepositNode;

  before(async () => {
    n = await startDepositNode('EP');
    await listDevOffices(n.dataDir, ['JP', 'US']);
  });
  after(async () => {
    await n?.close();
  });

  async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field below
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}` } };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const res = await fetch(`${n.api}${path}`, init);
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text) };
  }

  async function upload(depositId: string, name: string, body: Buffer | Readable, mediaType = 'application/pdf'): Promise<{ status: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field below
    const res = await fetch(`${n.api}/deposits/${depositId}/parts/${name}?mediaType=${mediaType}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${n.clerk}`, 'content-type': 'application/octet-stream' },
      body: Buffer.isBuffer(body) ? body : (Readable.toWeb(body) as ReadableStream),
      duplex: 'half',
    } as RequestInit);
    return { status: res.status, body: await res.json() };
  }

  async function depositPriority(bib: Record<string, unknown> = BIB, extra: Record<string, unknown> = {}): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field below
    const draft = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: bib, ...extra });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    expect((await upload(draft.body.depositId, 'application.pdf', Buffer.from('%PDF-1.7 small'))).status).to.equal(200);
    const committed = await call('POST', `/deposits/${draft.body.depositId}/commit`, n.clerk);
    expect(committed.status, JSON.stringify(committed.body)).to.equal(201);
    return committed.body;
  }

  let doc: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, asserted field by field below

  it('deposits a 3-part document with a 20 MB part streamed, and certifies it', async () => {
    const draft = await call('POST', '/deposits', n.clerk, {
      documentKind: 'priorityDocument', bibliographicData: { ...BIB, inventionTitle: 'Widget', applicantName: [{ organizationName: 'ACME' }] },
    });
    expect(draft.status).to.equal(201);
    const big = bigStream(BIG);
    const parts = [
      await upload(draft.body.depositId, 'application.pdf', Buffer.from('%PDF-1.7 application')),
      await upload(draft.body.depositId, 'drawings.pdf', big.stream),
      await upload(draft.body.depositId, 'sequence.xml', Buffer.from('<ST26SequenceListing/>'), 'application/xml'),
    ];
    expect(parts.map((p) => p.status)).to.deep.equal([200, 200, 200]);
    expect(parts[1]!.body).to.include({ size: BIG, sha256: big.sha256 });

    const committed = await call('POST', `/deposits/${draft.body.depositId}/commit`, n.clerk);
    expect(committed.status).to.equal(201);
    doc = committed.body;
    expect(doc.documentId).to.match(/^EP-PD-23123456-[0-9A-Z]{8}$/);
    expect(doc).to.include({ version: 1, state: 'available', documentKind: 'priorityDocument' });
    expect(doc.bibliographicData.applicationNumberText).to.equal('23123456');
    expect(doc.accessCode).to.match(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/);
    expect(doc.applicantKey).to.be.a('string');

    const at = new Date();
    const verified = await verifyManifestJws(n.service.manifest(doc.documentId, 1), { trustAnchors: [n.node.context.identity.rootPem], at });
    expect(verified.manifest.documentId).to.equal(doc.documentId);
    expect(verified.manifest.parts.find((p) => p.name === 'drawings.pdf')).to.include({ size: BIG, sha256: big.sha256 });

    const out = join(mkdtempSync(join(tmpdir(), 'ipex-export-')), 'bundle');
    await n.service.exportBundle(doc.documentId, out);
    const report = await verifyBundle(out, { trustAnchors: [n.node.context.identity.rootPem], at });
    expect(report.problems).to.deep.equal([]);
    expect(report.ok).to.equal(true);
    const zip = `${out}.zip`;
    await n.service.exportBundle(doc.documentId, zip, { zip: true });
    expect((await verifyBundle(zip, { trustAnchors: [n.node.context.identity.rootPem], at })).ok).to.equal(true);
  });

  // Issue 10, item 12: such names were refused; the original is kept, a safe name derived.
  it('accepts Unicode file names: the original goes into the manifest, the derived safe name into the bundle', async () => {
    const draft = await call('POST', '/deposits', n.clerk, { documentKind: 'searchReport', bibliographicData: { ...BIB, applicationNumberText: '23000777' } });
    const arabic = await upload(draft.body.depositId, encodeURIComponent('براءة.pdf'), Buffer.from('%PDF-arabic'));
    expect(arabic.status, JSON.stringify(arabic.body)).to.equal(200);
    expect(arabic.body.originalName).to.equal('براءة.pdf');
    expect(arabic.body.name).to.match(/^part-[0-9a-f]{8}\.pdf$/);
    const french = await upload(draft.body.depositId, encodeURIComponent('Demande n°123 (copie).pdf'), Buffer.from('%PDF-french'));
    expect(french.body).to.include({ originalName: 'Demande n°123 (copie).pdf' });
    expect(french.body.name).to.match(/^Demande_n_123_copie-[0-9a-f]{8}\.pdf$/);
    const again = await upload(draft.body.depositId, encodeURIComponent('براءة.pdf'), Buffer.from('%PDF-arabic, second scan'));
    expect([again.status, again.body.name]).to.deep.equal([200, arabic.body.name]);
    const bidi = await upload(draft.body.depositId, encodeURIComponent('fdp\u202Eexe.pdf'), Buffer.from('x'));
    expect([bidi.status, bidi.body.code]).to.deep.equal([400, 'PART_NAME_INVALID']);
    expect(bidi.body.detail).to.include('U+202E');

    const committed = await call('POST', `/deposits/${draft.body.depositId}/commit`, n.clerk);
    expect(committed.status, JSON.stringify(committed.body)).to.equal(201);
    expect(committed.body.parts.map((p: { name: string; originalName?: string }) => [p.name, p.originalName]).sort()).to.deep.equal(
      [[arabic.body.name, 'براءة.pdf'], [french.body.name, 'Demande n°123 (copie).pdf']].sort());
    const at = new Date();
    const { manifest } = await verifyManifestJws(n.service.manifest(committed.body.documentId, 1), { trustAnchors: [n.node.context.identity.rootPem], at });
    expect(manifest.parts.find((p) => p.name === arabic.body.name)).to.include({ originalName: 'براءة.pdf', size: 24 });
    const out = join(mkdtempSync(join(tmpdir(), 'ipex-export-')), 'bundle');
    await n.service.exportBundle(committed.body.documentId, out);
    expect(readdirSync(join(out, 'parts')).sort()).to.deep.equal([arabic.body.name, `${arabic.body.name}.p7s`, french.body.name, `${french.body.name}.p7s`].sort());
    expect((await verifyBundle(out, { trustAnchors: [n.node.context.identity.rootPem], at })).problems).to.deep.equal([]);
  });

  it('keeps only a keyed hash of the access code and applicant key', () => {
    const db = n.node.context.db;
    const canonical = doc.accessCode.replaceAll('-', '');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of tables) {
      const dump = JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all(), (_k, v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v));
      expect(dump, table).not.to.include(canonical);
      expect(dump, table).not.to.include(doc.applicantKey);
    }
    expect(n.service.accessCodeMatches(doc.documentId, doc.accessCode)).to.equal(true);
    expect(n.service.accessCodeMatches(doc.documentId, doc.accessCode.toLowerCase())).to.equal(true);
  });

  it('lets the applicant key read and change the policy and regenerate the code, on its own document only', async () => {
    const key = doc.applicantKey as string;
    const state = await call('GET', `/documents/${doc.documentId}/access`, key);
    expect(state.status).to.equal(200);
    expect(state.body.policy).to.deep.equal({ anyParticipatingOffice: true });

    const set = await call('PUT', `/documents/${doc.documentId}/access`, key, { allowedOffices: ['JP', 'US'] });
    expect(set.status).to.equal(200);
    expect(set.body.policy).to.deep.equal({ allowedOffices: ['JP', 'US'] });

    // Issue 10, item 11: an office that is not in the signed directory cannot be allowed.
    const stranger = await call('PUT', `/documents/${doc.documentId}/access`, key, { allowedOffices: ['JP', 'FR'] });
    expect([stranger.status, stranger.body.code]).to.deep.equal([400, 'ACCESS_OFFICE_UNKNOWN']);
    expect(stranger.body.detail).to.include('FR');
    expect((await call('GET', `/documents/${doc.documentId}/access`, key)).body.policy).to.deep.equal({ allowedOffices: ['JP', 'US'] });

    const regen = await call('POST', `/documents/${doc.documentId}/access-code`, key);
    expect(regen.status).to.equal(200);
    expect(n.service.accessCodeMatches(doc.documentId, doc.accessCode)).to.equal(false);
    expect(n.service.accessCodeMatches(doc.documentId, regen.body.accessCode)).to.equal(true);
    doc.accessCode = regen.body.accessCode;

    const other = await depositPriority({ ...BIB, applicationNumberText: '23999999' });
    expect((await call('GET', `/documents/${other.documentId}/access`, key)).status).to.equal(401);
    expect((await call('PUT', `/documents/${other.documentId}/access`, key, { allowedOffices: ['CN'] })).status).to.equal(401);
    expect((await call('POST', `/documents/${other.documentId}/access-code`, key)).status).to.equal(401);
    expect((await call('POST', `/documents/${other.documentId}/withdraw`, 'ipexak_not-a-key-at-all')).status).to.equal(401);
  });

  it('tells an applicant key used on a staff operation that it is an applicant key, not an unknown one (issue 10, item 10)', async () => {
    const key = doc.applicantKey as string;
    for (const [method, path] of [['POST', `/documents/${doc.documentId}/withdraw`], ['GET', '/documents'], ['POST', '/deposits']] as const) {
      const r = await call(method, path, key, method === 'POST' && path === '/deposits' ? { documentKind: 'searchReport', bibliographicData: BIB } : undefined);
      expect([r.status, r.body.code], `${method} ${path}`).to.deep.equal([403, 'ROLE_NOT_ALLOWED']);
      expect(r.body.detail).to.match(/^this is an applicant key: it is valid only on the applicant operations of its own document/);
      expect(r.body.detail).to.contain(`${method} ${path} needs a staff token`);
      if (!path.includes(doc.documentId)) expect(r.body.detail).to.not.contain(doc.documentId); // which document it opens is not said
    }
    expect(n.service.get(doc.documentId).state).to.equal('available');
    // an unknown key, even one shaped like an applicant key, is still AUTH_INVALID
    const unknown = await call('GET', '/documents', `ipexak_${'A'.repeat(43)}`);
    expect([unknown.status, unknown.body.code]).to.deep.equal([401, 'AUTH_INVALID']);
  });

  it('refuses a part whose bytes are not its declared media type with PART_MEDIA_TYPE_MISMATCH, small or large (issue 15)', async () => {
    const draft = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: { ...BIB, applicationNumberText: '23999991' } });
    const tiff = await upload(draft.body.depositId, 'scan.pdf', Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]));
    expect([tiff.status, tiff.body.code]).to.deep.equal([400, 'PART_MEDIA_TYPE_MISMATCH']);
    expect(tiff.body.detail).to.include('"scan.pdf"').and.include('a TIFF image (image/tiff)');
    // 20 MB that is not a PDF: refused on its first bytes, answered (not a reset connection).
    let sent = 0;
    const zeros = new Readable({ read() { this.push(sent++ < 320 ? Buffer.alloc(65536) : null); } });
    const big = await upload(draft.body.depositId, 'big.pdf', zeros);
    expect([big.status, big.body.code]).to.deep.equal([400, 'PART_MEDIA_TYPE_MISMATCH']);
    const xml = await upload(draft.body.depositId, 'biblio.xml', Buffer.from('\ufeff<?xml version="1.0"?><a/>'), 'application/xml');
    expect(xml.status).to.equal(200);
    const parts = await call('GET', `/deposits/${draft.body.depositId}`, n.clerk);
    expect(parts.body.parts.map((p: { name: string }) => p.name)).to.deep.equal(['biblio.xml']);
  });

  it('answers a part upload without Content-Type with the media type it needs (issue 10, item 10)', async () => {
    const draft = await call('POST', '/deposits', n.clerk, { documentKind: 'searchReport', bibliographicData: BIB });
    const put = (headers: Record<string, string>): Promise<Response> => fetch(`${n.api}/deposits/${draft.body.depositId}/parts/report.pdf?mediaType=application/pdf`, {
      method: 'PUT', headers: { authorization: `Bearer ${n.clerk}`, ...headers }, body: new Uint8Array([37, 80, 68, 70]),
    });
    const bare = await put({});
    expect(bare.status).to.equal(415);
    const problem = await bare.json() as { code: string; detail?: string };
    expect(problem.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    expect(problem.detail).to.equal('the request has a body but no Content-Type header: send Content-Type: application/octet-stream');
    const wrong = await (await put({ 'content-type': 'application/pdf' })).json() as { detail?: string };
    expect(wrong.detail).to.equal('Content-Type application/pdf is not accepted here: send Content-Type: application/octet-stream');
    expect(n.service.draftParts(draft.body.depositId)).to.deep.equal([]);
  });

  it('logs deposits, codes and policy changes in the audit log, and reads the history', async () => {
    const types = (n.node.context.db.prepare('SELECT type FROM audit_entries WHERE document_id = ? ORDER BY idx').all(doc.documentId) as { type: string }[]).map((r) => r.type);
    expect(types).to.deep.equal(['deposit.committed', 'access-code.issued', 'access.changed', 'access-code.regenerated']);
    const history = await call('GET', `/documents/${doc.documentId}/history`, doc.applicantKey);
    expect(history.status).to.equal(200);
    expect(history.body.items).to.deep.equal([]);
  });

  it('shows the applicant the log entries about their own document, and no other (issue 4)', async () => {
    const log = await call('GET', `/documents/${doc.documentId}/log`, doc.applicantKey);
    expect(log.status).to.equal(200);
    expect(log.body.items.map((i: { eventType: string }) => i.eventType)).to.deep.equal(['deposit.committed', 'access-code.issued', 'access.changed', 'access-code.regenerated']);
    expect(log.body.items.every((i: { documentId: string }) => i.documentId === doc.documentId)).to.equal(true);
    expect(JSON.parse(log.body.items[0].entry)).to.include({ type: 'deposit.committed', index: log.body.items[0].index });
    const other = await depositPriority({ ...BIB, applicationNumberText: '23999998' });
    expect((await call('GET', `/documents/${other.documentId}/log`, doc.applicantKey)).status).to.equal(401);
    expect((await call('GET', `/documents/${other.documentId}/log`, n.auditor)).status).to.equal(200);
  });

  it('makes a correction version n+1 of the same document; code and policy carry over', async () => {
    const draft = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: BIB, supersedes: doc.documentId });
    expect(draft.status).to.equal(201);
    await upload(draft.body.depositId, 'application.pdf', Buffer.from('%PDF-1.7 corrected'));
    const v2 = await call('POST', `/deposits/${draft.body.depositId}/commit`, n.clerk);
    expect(v2.status).to.equal(201);
    expect(v2.body).to.include({ documentId: doc.documentId, version: 2, supersedes: doc.documentId });
    expect(v2.body).not.to.have.property('accessCode');
    expect(v2.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([1, 2]);
    expect(n.service.accessCodeMatches(doc.documentId, doc.accessCode)).to.equal(true);
    expect((await call('GET', `/documents/${doc.documentId}/access`, n.clerk)).body.policy).to.deep.equal({ allowedOffices: ['JP', 'US'] });
    const found = n.service.findForRetrieval({ office: 'EP', applicationNumber: 'EP 23123456.8', filingDate: '2023-05-01', ipRightType: 'patent' });
    expect(found?.version.version).to.equal(2);
    const verified = await verifyManifestJws(found!.version.manifest_jws, { trustAnchors: [n.node.context.identity.rootPem], at: new Date() });
    expect(verified.manifest.supersedes).to.deep.equal({ documentId: doc.documentId, version: 1 });
  });

  it('refuses a second priority document for the same application, at draft and at commit', async () => {
    const early = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: BIB });
    expect([early.status, early.body.code]).to.deep.equal([409, 'DOCUMENT_EXISTS']);
    // Two drafts for one new application: the second commit loses.
    const bib = { ...BIB, applicationNumberText: '23555555' };
    const a = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: bib });
    const b = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: bib });
    await upload(a.body.depositId, 'a.pdf', Buffer.from('%PDF-a'));
    await upload(b.body.depositId, 'b.pdf', Buffer.from('%PDF-b'));
    expect((await call('POST', `/deposits/${a.body.depositId}/commit`, n.clerk)).status).to.equal(201);
    const before = (n.node.context.db.prepare('SELECT count(*) AS c FROM documents').get() as { c: number }).c;
    const res = await call('POST', `/deposits/${b.body.depositId}/commit`, n.clerk);
    expect([res.status, res.body.code]).to.deep.equal([409, 'DOCUMENT_EXISTS']);
    expect((n.node.context.db.prepare('SELECT count(*) AS c FROM documents').get() as { c: number }).c).to.equal(before);
    expect((n.node.context.db.prepare('SELECT state FROM deposits WHERE id = ?').get(b.body.depositId) as { state: string }).state).to.equal('draft');
  });

  it('refuses bad input with problem codes and writes nothing', async () => {
    const db = n.node.context.db;
    const count = (table: string): number => (db.prepare(`SELECT count(*) AS c FROM ${table}`).get() as { c: number }).c;
    const deposits = count('deposits');
    const documents = count('documents');
    const wrongOffice = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: { ...BIB, ipOfficeCode: 'JP' } });
    expect([wrongOffice.status, wrongOffice.body.code]).to.deep.equal([400, 'DEPOSIT_OFFICE_MISMATCH']);
    const badDate = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: { ...BIB, filingDate: '2023-02-30' } });
    expect(badDate.status).to.equal(400);
    const unknownKind = await call('POST', '/deposits', n.clerk, { documentKind: 'letter', bibliographicData: BIB });
    expect([unknownKind.status, unknownKind.body.code]).to.deep.equal([400, 'INVALID_INPUT']);
    // Issue 10, item 11: each with its code, and nothing written.
    const future = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: { ...BIB, filingDate: '2999-01-01' } });
    expect([future.status, future.body.code]).to.deep.equal([400, 'BIBLIOGRAPHIC_INVALID']);
    expect(future.body.detail).to.include('future');
    const foreign = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: { ...BIB, applicationNumberText: 'JP 2023-123456' } });
    expect([foreign.status, foreign.body.code]).to.deep.equal([400, 'APPLICATION_NUMBER_OFFICE_MISMATCH']);
    const typo = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: { ...BIB, applicationNumberText: 'EP 23 123 456.7' } });
    expect([typo.status, typo.body.code]).to.deep.equal([400, 'CHECK_DIGIT_MISMATCH']);
    // Issue 10, item 12: a title with U+202E was accepted, signed and printed raw.
    const bidi = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: { ...BIB, inventionTitle: 'Widget\u202Efdp.exe' } });
    expect([bidi.status, bidi.body.code]).to.deep.equal([400, 'BIBLIOGRAPHIC_INVALID']);
    expect(bidi.body.detail).to.include('U+202E');
    const auditorDeposit = await call('POST', '/deposits', n.auditor, { documentKind: 'priorityDocument', bibliographicData: BIB });
    expect([auditorDeposit.status, auditorDeposit.body.code]).to.deep.equal([403, 'ROLE_NOT_ALLOWED']);
    expect(count('deposits')).to.equal(deposits);

    const draft = await call('POST', '/deposits', n.clerk, { documentKind: 'searchReport', bibliographicData: BIB });
    const empty = await call('POST', `/deposits/${draft.body.depositId}/commit`, n.clerk);
    expect([empty.status, empty.body.code]).to.deep.equal([400, 'DEPOSIT_EMPTY']);
    const badName = await upload(draft.body.depositId, encodeURIComponent('bell\u0007.pdf'), Buffer.from('x'));
    expect([badName.status, badName.body.code]).to.deep.equal([400, 'PART_NAME_INVALID']);
    const slash = await upload(draft.body.depositId, encodeURIComponent('a\\b.pdf'), Buffer.from('x'));
    expect([slash.status, slash.body.code]).to.deep.equal([400, 'INVALID_INPUT']); // the OpenAPI pattern refuses it first
    await upload(draft.body.depositId, 'Report.pdf', Buffer.from('%PDF-x'));
    const clash = await upload(draft.body.depositId, 'report.PDF', Buffer.from('y'));
    expect([clash.status, clash.body.code]).to.deep.equal([409, 'DEPOSIT_PART_CONFLICT']);
    expect((await call('POST', '/deposits/DNOSUCHDRAFT0000/commit', n.clerk)).body.code).to.equal('DEPOSIT_NOT_FOUND');
    expect(count('documents')).to.equal(documents);

    const ok = await call('POST', `/deposits/${draft.body.depositId}/commit`, n.clerk);
    expect(ok.status).to.equal(201);
    expect(ok.body).not.to.have.property('accessCode');
    const again = await call('POST', `/deposits/${draft.body.depositId}/commit`, n.clerk);
    expect([again.status, again.body.code]).to.deep.equal([409, 'DEPOSIT_NOT_DRAFT']);
    const access = await call('GET', `/documents/${ok.body.documentId}/access`, n.clerk);
    expect([access.status, access.body.code]).to.deep.equal([409, 'NOT_PRIORITY_DOCUMENT']);
  });

  // Issue 10, item 11: `EP 23 123 456.7` lost its `.7`; the digit is now checked and kept.
  it('keeps the check digit in the document and in the signed manifest', async () => {
    const kept = await depositPriority({ ...BIB, applicationNumberText: 'EP 99 403 122.7' });
    expect(kept.bibliographicData).to.include({ applicationNumberText: '99403122', applicationNumberCheckDigit: '7' });
    const verified = await verifyManifestJws(n.service.manifest(kept.documentId, 1), { trustAnchors: [n.node.context.identity.rootPem], at: new Date() });
    expect(verified.manifest.bibliographicData).to.include({ applicationNumberText: '99403122', applicationNumberCheckDigit: '7' });
    const shown = await call('GET', `/documents/${kept.documentId}`, n.clerk);
    expect(shown.body.bibliographicData.applicationNumberCheckDigit).to.equal('7');
  });

  // Issue 12: priority claims are checked, normalised, certified in the manifest and shown.
  it('certifies priority claims in the signed manifest, normalised, and refuses a bad one naming it', async () => {
    const priorityClaimBag = { priorityClaim: [{ ipOfficeCode: 'US', applicationNumberText: 'US 18/123,456', filingDate: '2023-01-10' }] };
    const kept = await depositPriority({ ...BIB, applicationNumberText: '23555111', priorityClaimBag });
    const normalised = { priorityClaim: [{ ipOfficeCode: 'US', applicationNumberText: '18123456', filingDate: '2023-01-10' }] };
    expect(kept.bibliographicData.priorityClaimBag).to.deep.equal(normalised);
    const verified = await verifyManifestJws(n.service.manifest(kept.documentId, 1), { trustAnchors: [n.node.context.identity.rootPem], at: new Date() });
    expect(verified.manifest.bibliographicData.priorityClaimBag).to.deep.equal(normalised);
    expect((await call('GET', `/documents/${kept.documentId}`, n.clerk)).body.bibliographicData.priorityClaimBag).to.deep.equal(normalised);

    const before = (await call('GET', '/documents?limit=500', n.auditor)).body.items.length;
    const late = { priorityClaim: [...priorityClaimBag.priorityClaim, { ipOfficeCode: 'JP', applicationNumberText: '2023-000001', filingDate: '2023-06-01' }] };
    const refused = await call('POST', '/deposits', n.clerk, { documentKind: 'searchReport', bibliographicData: { ...BIB, applicationNumberText: '23555112', priorityClaimBag: late } });
    expect(refused.status).to.equal(400);
    expect(refused.body.code).to.equal('PRIORITY_CLAIM_INVALID');
    expect(refused.body.detail).to.match(/priorityClaim\[1\]\.filingDate 2023-06-01 is after the filing date 2023-05-01/);
    const shape = await call('POST', '/deposits', n.clerk, { documentKind: 'searchReport', bibliographicData: { ...BIB, priorityClaimBag: { priorityClaim: [{ ipOfficeCode: 'US' }] } } });
    expect(shape.status).to.equal(400);
    expect(shape.body.code).to.equal('INVALID_INPUT');
    expect(shape.body.errors[0].path).to.match(/priorityClaimBag\/priorityClaim\/0\//);
    expect((await call('GET', '/documents?limit=500', n.auditor)).body.items.length).to.equal(before);
  });

  // Issue 12: a search report's citations are certified, exported as ST.96 XML or JSON, refused precisely.
  it('certifies a search report\'s citations and exports them as ST.96 XML and JSON', async () => {
    const draft = await call('POST', '/deposits', n.clerk, { documentKind: 'searchReport', bibliographicData: { ...BIB, applicationNumberText: '23555200', referenceCitationBag: SAMPLE } });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    expect((await upload(draft.body.depositId, 'report.pdf', Buffer.from('%PDF-1.7 search report'))).status).to.equal(200);
    const report = (await call('POST', `/deposits/${draft.body.depositId}/commit`, n.clerk)).body;
    const verified = await verifyManifestJws(n.service.manifest(report.documentId, 1), { trustAnchors: [n.node.context.identity.rootPem], at: new Date() });
    expect(verified.manifest.bibliographicData.referenceCitationBag).to.deep.equal(SAMPLE);

    const json = await call('GET', `/documents/${report.documentId}/citations`, n.auditor);
    expect(json.body).to.deep.equal({ documentId: report.documentId, version: 1, ipOfficeCode: 'EP', applicationNumberText: '23555200', referenceCitationBag: SAMPLE });
    const xml = await fetch(`${n.api}/documents/${report.documentId}/citations?format=xml`, { headers: { authorization: `Bearer ${n.auditor}` } });
    expect(xml.headers.get('content-type')).to.match(/^application\/xml/);
    expect(await xml.text()).to.equal(citationsXml(SAMPLE));
    expect((await call('GET', `/documents/${report.documentId}/citations?format=pdf`, n.auditor)).body.code).to.equal('INVALID_INPUT');

    const onPriority = await call('POST', '/deposits', n.clerk, { documentKind: 'priorityDocument', bibliographicData: { ...BIB, applicationNumberText: '23555201', referenceCitationBag: SAMPLE } });
    expect(onPriority.status).to.equal(400);
    expect(onPriority.body.code).to.equal('CITATION_INVALID');
    const future = { referenceCitation: [{ ...SAMPLE.referenceCitation[0], patentCitation: { ...SAMPLE.referenceCitation[0]!.patentCitation, patentDocumentDate: '2099-01-01' } }] };
    const late = await call('POST', '/deposits', n.clerk, { documentKind: 'searchReport', bibliographicData: { ...BIB, referenceCitationBag: future } });
    expect(late.body.code).to.equal('CITATION_INVALID');
    expect(late.body.detail).to.match(/referenceCitation\[0\]\.patentCitation\.patentDocumentDate 2099-01-01 is in the future/);
    const category = { referenceCitation: [{ ...SAMPLE.referenceCitation[0], citedPassage: [{ citationCategoryCode: ['Q'] }] }] };
    const shape = await call('POST', '/deposits', n.clerk, { documentKind: 'searchReport', bibliographicData: { ...BIB, referenceCitationBag: category } });
    expect(shape.body.code).to.equal('INVALID_INPUT');
    expect(shape.body.errors[0].path).to.equal('/body/bibliographicData/referenceCitationBag/referenceCitation/0/citedPassage/0/citationCategoryCode/0');
  });

  it('lists documents with filters and pages', async () => {
    const all = await call('GET', '/documents?limit=2', n.auditor);
    expect(all.status).to.equal(200);
    expect(all.body.items).to.have.length(2);
    expect(all.body.nextCursor).to.be.a('string');
    const rest = await call('GET', `/documents?limit=50&cursor=${all.body.nextCursor}`, n.auditor);
    const ids = [...all.body.items, ...rest.body.items].map((d: { documentId: string }) => d.documentId);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(ids).to.include(doc.documentId);
    const reports = await call('GET', '/documents?documentKind=searchReport', n.auditor);
    expect(reports.body.items.every((d: { documentKind: string }) => d.documentKind === 'searchReport')).to.equal(true);
  });

  it('withdraws a document: not served any more, withdrawal is final, the log keeps it', async () => {
    const res = await call('POST', `/documents/${doc.documentId}/withdraw`, n.clerk, { reason: 'applicant request' });
    expect(res.status).to.equal(200);
    expect(res.body.state).to.equal('withdrawn');
    expect(n.service.findForRetrieval({ office: 'EP', applicationNumber: '23123456', filingDate: '2023-05-01', ipRightType: 'patent' })).to.equal(undefined);
    const twice = await call('POST', `/documents/${doc.documentId}/withdraw`, n.clerk);
    expect([twice.status, twice.body.code]).to.deep.equal([409, 'DOCUMENT_WITHDRAWN']);
    expect((await call('POST', `/documents/${doc.documentId}/access-code`, doc.applicantKey)).body.code).to.equal('DOCUMENT_WITHDRAWN');
    expect(() => n.node.context.db.prepare('UPDATE documents SET withdrawn_at = NULL WHERE document_id = ?').run(doc.documentId)).to.throw(/final/);
    expect(() => n.node.context.db.prepare('DELETE FROM document_versions WHERE document_id = ?').run(doc.documentId)).to.throw(/never deleted/);
  });

  it('answers pending before the availability date', async () => {
    const later = await depositPriority({ ...BIB, applicationNumberText: '24000001' }, { availableFrom: '2999-01-01T00:00:00Z' });
    expect(later.state).to.equal('pending');
    expect(later.availableFrom).to.equal('2999-01-01T00:00:00.000Z');
    const found = n.service.findForRetrieval({ office: 'EP', applicationNumber: '24000001', filingDate: '2023-05-01', ipRightType: 'patent' });
    expect(found?.state).to.equal('pending');
  });
});
