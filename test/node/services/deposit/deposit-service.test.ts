/**
 * The deposit service without HTTP (node/services/deposit): the CLI path, streaming progress,
 * concurrent commits, the access-code key file, and the retrieval history read from the log.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { verifyPartDetached } from '../../../../protocol/certification/index.js';
import { ACCESS_CODE_KEY_FILE } from '../../../../node/identity/access-code-key.js';
import type { DepositService } from '../../../../node/services/deposit/deposit-service.js';
import { startDepositNode, type DepositNode } from './deposit-fixture.js';

const CLI = { kind: 'cli' } as const;
let number = 30000000;
const bib = () => ({ ipOfficeCode: 'EP', applicationNumberText: `EP${number++}`, filingDate: '2023-05-01', ipRightType: 'patent' });

async function deposit(service: DepositService, parts: Record<string, string> = { 'a.pdf': 'A' }) {
  const draft = service.createDraft({ documentKind: 'priorityDocument', bibliographicData: bib() }, CLI);
  // text/plain: these parts are short texts, and a PDF's bytes are checked (issue 15).
  for (const [name, text] of Object.entries(parts)) await service.uploadPart(draft.depositId, name, 'text/plain', Readable.from([Buffer.from(text)]));
  return service.commit(draft.depositId, CLI);
}

describe('deposit service', function () {
  this.timeout(120_000);
  let n: DepositNode;
  before(async () => {
    n = await startDepositNode('EP');
  });
  after(async () => {
    await n?.close();
  });

  it('creates the access-code key on first use, 32 bytes, mode 0600', async () => {
    await deposit(n.service);
    const st = statSync(join(n.dataDir, 'identity', ACCESS_CODE_KEY_FILE));
    expect(st.size).to.equal(32);
    expect(st.mode & 0o777).to.equal(0o600);
  });

  it('reports progress per part as bytes are hashed', async () => {
    const draft = n.service.createDraft({ documentKind: 'searchReport', bibliographicData: bib() }, CLI);
    const seen: number[] = [];
    const chunks = [Buffer.from('%PDF-1.7\n'), ...Array.from({ length: 4 }, () => Buffer.alloc(1000, 1))];
    const part = await n.service.uploadPart(draft.depositId, 'r.pdf', 'application/pdf', Readable.from(chunks), (b) => seen.push(b));
    expect(part.size).to.equal(4009);
    expect(seen[seen.length - 1]).to.equal(4009);
    expect(seen).to.have.length.greaterThan(1);
  });

  // issue 14: a first version's view is built from what the commit wrote, not read back
  it('answers a commit with the view the document reads back: parts in name order, original names, pending until availableFrom', async () => {
    const availableFrom = new Date(Date.now() + 86_400_000).toISOString();
    const draft = n.service.createDraft({ documentKind: 'searchReport', bibliographicData: { ...bib(), inventionTitle: 'Ünïcode title' }, availableFrom }, CLI);
    for (const name of ['z-claims.txt', 'Beschreibung für A.txt', 'a.txt']) {
      await n.service.uploadPart(draft.depositId, name, 'text/plain', Readable.from([Buffer.from(name)]));
    }
    const committed = await n.service.commit(draft.depositId, CLI);
    const read = n.service.get(committed.documentId);
    expect(committed).to.deep.equal(read);
    expect(committed.state).to.equal('pending');
    expect(committed.parts.map((p) => p.originalName)).to.include('Beschreibung für A.txt');
    expect(committed.parts.map((p) => p.name)).to.deep.equal([...committed.parts.map((p) => p.name)].sort());
    // A priority document's view carries its secrets beside the same fields.
    const priority = await deposit(n.service);
    const { accessCode, applicantKey, ...fields } = priority;
    expect(accessCode).to.be.a('string');
    expect(applicantKey).to.be.a('string');
    expect(fields).to.deep.equal(n.service.get(priority.documentId));
  });

  it('lets only one of two concurrent commits of a draft win', async () => {
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: bib() }, CLI);
    await n.service.uploadPart(draft.depositId, 'a.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-1.7 x')]));
    const results = await Promise.allSettled([n.service.commit(draft.depositId, CLI), n.service.commit(draft.depositId, CLI)]);
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason.code).to.equal('DEPOSIT_NOT_DRAFT');
    const docs = n.node.context.db.prepare('SELECT count(*) AS c FROM document_versions WHERE deposit_id = ?').get(draft.depositId) as { c: number };
    expect(docs.c).to.equal(1);
  });

  it('names parts stored with storePart in the commit itself, a name given again replacing its part', async () => {
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: bib() }, CLI);
    await n.service.uploadPart(draft.depositId, 'b.txt', 'text/plain', Readable.from([Buffer.from('uploaded')]));
    const stored = [
      await n.service.storePart(draft.depositId, 'c.txt', 'text/plain', Readable.from([Buffer.from('stored first')])),
      await n.service.storePart(draft.depositId, 'a.txt', 'text/plain', Readable.from([Buffer.from('a')])),
      await n.service.storePart(draft.depositId, 'b.txt', 'text/plain', Readable.from([Buffer.from('stored again')])),
    ];
    expect(n.service.draftParts(draft.depositId).map((p) => p.name), 'stored parts are not named before the commit').to.deep.equal(['b.txt']);
    const doc = await n.service.commit(draft.depositId, CLI, stored);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const rows = n.node.context.db.prepare('SELECT name, sha256 FROM version_parts WHERE document_id = ? ORDER BY name').all(doc.documentId);
    expect(rows).to.deep.equal([{ name: 'a.txt', sha256: sha('a') }, { name: 'b.txt', sha256: sha('stored again') }, { name: 'c.txt', sha256: sha('stored first') }]);
    expect(doc.accessCode).to.be.a('string');
  });

  it('refuses at commit a stored part that collides with an uploaded one, and leaves the draft as it was', async () => {
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: bib() }, CLI);
    const early = await n.service.storePart(draft.depositId, 'Claims.txt', 'text/plain', Readable.from([Buffer.from('stored')]));
    await n.service.uploadPart(draft.depositId, 'claims.txt', 'text/plain', Readable.from([Buffer.from('uploaded meanwhile')]));
    const failed = await n.service.commit(draft.depositId, CLI, [early]).catch((e: { code: string }) => e);
    expect(failed).to.have.property('code', 'DEPOSIT_PART_CONFLICT');
    expect(n.service.draftParts(draft.depositId).map((p) => p.name)).to.deep.equal(['claims.txt']);
    const state = n.node.context.db.prepare('SELECT state FROM deposits WHERE id = ?').get(draft.depositId) as { state: string };
    expect(state.state).to.equal('draft');
    const late = await n.service.commit(draft.depositId, CLI);
    expect(late.documentId).to.be.a('string');
  });

  it('refuses a part upload after commit and a version that changes the application', async () => {
    const doc = await deposit(n.service);
    const committedDraft = n.node.context.db.prepare('SELECT deposit_id FROM document_versions WHERE document_id = ?').get(doc.documentId) as { deposit_id: string };
    let code: string | undefined;
    await n.service.uploadPart(committedDraft.deposit_id, 'late.pdf', 'application/pdf', Readable.from([Buffer.from('late')])).catch((e: { code: string }) => { code = e.code; });
    expect(code).to.equal('DEPOSIT_NOT_DRAFT');
    expect(() => n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: bib(), supersedes: doc.documentId }, CLI))
      .to.throw().with.property('code', 'SUPERSEDES_MISMATCH');
    expect(() => n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: bib(), supersedes: 'EP-PD-NOPE-00000000' }, CLI))
      .to.throw().with.property('code', 'DOCUMENT_NOT_FOUND');
  });

  it('refuses a part whose bytes are not its declared media type, naming both, and stores nothing (issue 15)', async () => {
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: bib() }, CLI);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const err = await n.service.uploadPart(draft.depositId, 'scan.pdf', 'application/pdf', Readable.from([png])).then(() => undefined, (e: Error & { code: string }) => e);
    expect(err?.code).to.equal('PART_MEDIA_TYPE_MISMATCH');
    expect(err?.message).to.include('"scan.pdf"').and.include('application/pdf').and.include('a PNG image (image/png)');
    expect(n.service.draftParts(draft.depositId)).to.deep.equal([]);
    expect(await n.node.context.blobs.has(createHash('sha256').update(png).digest('hex'))).to.equal(false);
    // The same bytes declared for what they are go in; so does a type ipex has no signature for.
    await n.service.uploadPart(draft.depositId, 'scan.png', 'image/png', Readable.from([png]));
    await n.service.uploadPart(draft.depositId, 'notes.txt', 'text/plain', Readable.from([png]));
    expect(n.service.draftParts(draft.depositId).map((p) => p.name)).to.deep.equal(['notes.txt', 'scan.png']);
  });

  it('judges a large part on its first bytes and stops storing it there (issue 15)', async () => {
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: bib() }, CLI);
    const chunks = Array.from({ length: 64 }, (_, i) => Buffer.alloc(65536, i + 1)); // 4 MiB of no known format
    let read = 0;
    const source = Readable.from((function* () { for (const c of chunks) { read += c.length; yield c; } })());
    const seen: number[] = [];
    const code = await n.service.uploadPart(draft.depositId, 'big.pdf', 'application/pdf', source, (b) => seen.push(b)).then(() => 'PASSED', (e: { code: string }) => e.code);
    expect(code).to.equal('PART_MEDIA_TYPE_MISMATCH');
    expect(seen.every((b) => b < 65536)).to.equal(true); // nothing counted as stored past the first chunk
    expect(readdirSync(join(n.dataDir, 'blobs', 'tmp'))).to.deep.equal([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(read).to.equal(64 * 65536); // the source was drained, not left hanging
  });

  it('reads the retrieval history from the audit log, receipts joined, newest first, paged', async () => {
    const doc = await deposit(n.service);
    const audit = n.node.context.audit;
    const subject = { documentId: doc.documentId, version: 1 };
    await audit.append({ type: 'retrieval.attempt', actor: { kind: 'peer', office: 'CN' }, subject, outcome: 'refused', code: 'DOCUMENT_UNAVAILABLE' });
    await audit.append({ type: 'retrieval.attempt', actor: { kind: 'peer', office: 'JP' }, subject: { ...subject, retrievalId: 'RJP0000001' }, outcome: 'ok' });
    await audit.append({ type: 'receipt.received', actor: { kind: 'peer', office: 'JP' }, subject: { ...subject, retrievalId: 'RJP0000001' }, outcome: 'ok' });
    await audit.append({ type: 'retrieval.attempt', actor: { kind: 'peer', office: 'KR' }, subject, outcome: 'refused', code: 'ACCESS_LOCKED' });
    const page1 = n.service.history(doc.documentId, undefined, 2);
    expect(page1.items.map((a) => [a.office, a.outcome])).to.deep.equal([['KR', 'locked'], ['JP', 'success']]);
    expect(page1.items[1]!.receipt?.logIndex).to.be.a('number');
    const page2 = n.service.history(doc.documentId, page1.nextCursor, 2);
    expect(page2.items.map((a) => [a.office, a.outcome])).to.deep.equal([['CN', 'refused']]);
    expect(page2.nextCursor).to.equal(undefined);
  });

  it('serves a part blob and the manifest to the exchange side', async () => {
    const doc = await deposit(n.service, { 'a.pdf': 'hello world' });
    const blob = n.service.partBlob(doc.documentId, 1, 'a.pdf');
    expect(blob?.size).to.equal(11);
    const chunks: Buffer[] = [];
    for await (const c of await blob!.open({ start: 6 })) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).to.equal('world');
    expect(blob!.p7s.length).to.be.greaterThan(100);
    expect(n.service.partBlob(doc.documentId, 1, 'nope.pdf')).to.equal(undefined);
    expect(n.service.manifest(doc.documentId, 1).split('.')).to.have.length(3);
  });

  it('certifies concurrent deposits with verifiable CMS part signatures and leaves synchronous = FULL (issue 5)', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `part ${i} ${'x'.repeat(i * 100)}`);
    const docs = await Promise.all(texts.map((t) => deposit(n.service, { 'a.pdf': t })));
    expect(new Set(docs.map((d) => d.documentId)).size).to.equal(12);
    expect(Number(n.node.context.db.pragma('synchronous', { simple: true }))).to.equal(2);
    for (const [i, doc] of docs.entries()) {
      const blob = n.service.partBlob(doc.documentId, 1, 'a.pdf')!;
      const sha256 = createHash('sha256').update(texts[i]!).digest();
      expect(blob.sha256).to.equal(sha256.toString('hex'));
      const signer = await verifyPartDetached(blob.p7s, { sha256, trustAnchors: [n.node.context.identity.rootPem], at: new Date(), expectedOffice: 'EP' });
      expect(signer.officeCode).to.equal('EP');
    }
  });
});
