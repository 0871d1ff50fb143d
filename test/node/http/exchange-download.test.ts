/**
 * Downloads, receipts and dossiers on the depositing office's exchange listener (issue 3):
 * parts bound to the grant and the office, HTTP Range resume (RFC 9110 §14), receipts that are
 * verified against the directory and idempotent, and CASE-model dossier access without a code.
 */
import { createHash, randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { signReceipt } from '../../../protocol/exchange-client/receipt.js';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from './exchange-peer-fixture.js';

describe('exchange API: downloads, receipts and dossiers (OFF side)', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;
  const big = randomBytes(100_000);
  const bigSha = createHash('sha256').update(big).digest('hex');
  let retrievalId: string;
  let documentId: string;

  before(async () => {
    net = await startExchangeNetwork();
    const deposit = await net.depositPriority({
      application: 'EP 23 200 001.8',
      parts: [
        { name: 'application.pdf', bytes: Buffer.from('%PDF-1.7 small\n'), mediaType: 'application/pdf' },
        { name: 'sequence.xml', bytes: big, mediaType: 'application/octet-stream' }, // random bytes (issue 15 checks XML)
      ],
    });
    documentId = deposit.documentId;
    const res = await net.send('POST', '/exchange/v1/retrievals', {
      json: { ipOfficeCode: 'EP', applicationNumberText: '23200001', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: deposit.accessCode, requestId: randomUUID() },
    });
    expect(res.status).to.equal(200);
    retrievalId = res.json().retrievalId;
  });
  after(async () => {
    await net?.close();
  });

  const base = () => `/exchange/v1/retrievals/${retrievalId}`;

  it('serves the manifest JWS and the signing chain of the version', async () => {
    const manifest = await net.send('GET', `${base()}/manifest`);
    expect(manifest.status).to.equal(200);
    expect(manifest.headers['content-type']).to.match(/^application\/jose/);
    expect(manifest.body.toString().split('.')).to.have.length(3);
    const chain = await net.send('GET', `${base()}/chain`);
    expect(chain.status).to.equal(200);
    const leaf = new X509Certificate(chain.body.toString());
    expect(leaf.fingerprint256).to.equal(net.ep.context.identity.signing.certificate.fingerprint256);
  });

  it('streams a whole part with a strong ETag, and a Range as 206 with Content-Range', async () => {
    const whole = await net.send('GET', `${base()}/parts/sequence.xml`);
    expect(whole.status).to.equal(200);
    expect(whole.headers.etag).to.equal(`"${bigSha}"`);
    expect(whole.headers['accept-ranges']).to.equal('bytes');
    expect(whole.body.equals(big)).to.equal(true);

    const tail = await net.send('GET', `${base()}/parts/sequence.xml`, { headers: { Range: 'bytes=60000-', 'If-Range': `"${bigSha}"` } });
    expect(tail.status).to.equal(206);
    expect(tail.headers['content-range']).to.equal(`bytes 60000-99999/${big.length}`);
    expect(tail.body.equals(big.subarray(60000))).to.equal(true);

    const stale = await net.send('GET', `${base()}/parts/sequence.xml`, { headers: { Range: 'bytes=60000-', 'If-Range': `"${'0'.repeat(64)}"` } });
    expect(stale.status).to.equal(200);
    expect(stale.body.length).to.equal(big.length);
  });

  it('answers 416 with the size for a range beyond the part, and HEAD with the size and no body', async () => {
    const beyond = await net.send('GET', `${base()}/parts/sequence.xml`, { headers: { Range: 'bytes=200000-' } });
    expect(beyond.status).to.equal(416);
    expect(beyond.headers['content-range']).to.equal(`bytes */${big.length}`);
    expect(beyond.json().code).to.equal('RANGE_NOT_SATISFIABLE');
    const head = await net.send('HEAD', `${base()}/parts/sequence.xml`);
    expect(head.status).to.equal(200);
    expect(head.headers['content-length']).to.equal(String(big.length));
    expect(head.body.length).to.equal(0);
  });

  it('logs part.served once per part and grant, however many Range requests', async () => {
    const served = auditEntries(net).filter((e) => e.type === 'part.served' && e.entry.subject.retrievalId === retrievalId);
    expect(served.map((e) => e.entry.details.part)).to.deep.equal(['sequence.xml']);
  });

  it('serves the detached CMS signature of a part, and 404 for unknown parts and retrievals', async () => {
    const p7s = await net.send('GET', `${base()}/parts/application.pdf/signature`);
    expect(p7s.status).to.equal(200);
    expect(p7s.body[0]).to.equal(0x30); // DER SEQUENCE
    expect((await net.send('GET', `${base()}/parts/missing.pdf`)).json().code).to.equal('PART_NOT_FOUND');
    // Bound to the office it was granted to: KR is a network member but gets nothing of JP's grant.
    const otherOffice = await net.send('GET', `${base()}/parts/application.pdf`, { as: net.kr });
    expect(otherOffice.status).to.equal(404);
    expect(otherOffice.json().code).to.equal('RETRIEVAL_NOT_FOUND');
    const unknown = await net.send('GET', '/exchange/v1/retrievals/AAAAAAAAAAAAAAAAAAAAAA/manifest');
    expect(unknown.status).to.equal(404);
    expect(unknown.json().code).to.equal('RETRIEVAL_NOT_FOUND');
  });

  it('accepts a signed receipt once: a repeat returns the same log entry and stores nothing new', async () => {
    const parts = [
      { name: 'application.pdf', sha256: createHash('sha256').update('%PDF-1.7 small\n').digest('hex') },
      { name: 'sequence.xml', sha256: bigSha },
    ];
    const signing = net.jp.signing;
    const receipt = await signReceipt({ retrievalId, documentId, version: 1, parts, receivedAt: net.clock.now().toISOString() },
      { privateKey: signing.privateKey, chain: [signing.certificate.raw] });
    const first = await net.send('POST', '/exchange/v1/receipts', { json: { retrievalId, receipt } });
    expect(first.status).to.equal(200);
    expect(first.headers.signature).to.be.a('string');
    const again = await net.send('POST', '/exchange/v1/receipts', { json: { retrievalId, receipt } });
    expect(again.json().logEntry.index).to.equal(first.json().logEntry.index);
    const entry = auditEntries(net).find((e) => e.idx === first.json().logEntry.index)!;
    expect([entry.type, entry.outcome, entry.entry.subject.documentId]).to.deep.equal(['receipt.received', 'ok', documentId]);
    expect(auditEntries(net).filter((e) => e.type === 'receipt.received' && e.outcome === 'ok')).to.have.length(1);
    // Receipts are evidence: the schema refuses rewriting them.
    expect(() => net.ep.context.db.prepare("UPDATE receipts SET received_at = 'x'").run()).to.throw(/append-only/);
    const history = net.deposits.history(documentId).items.find((i) => i.retrievalId === retrievalId);
    expect(history?.receipt?.logIndex).to.equal(first.json().logEntry.index);
  });

  it('refuses a receipt whose parts differ from the version, and one signed by another office', async () => {
    const other = await net.depositPriority({ application: 'EP 23 200 002.6' });
    const granted = (await net.send('POST', '/exchange/v1/retrievals', {
      json: { ipOfficeCode: 'EP', applicationNumberText: '23200002', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: other.accessCode, requestId: randomUUID() },
    })).json();
    const signing = net.jp.signing;
    const wrongParts = await signReceipt({ retrievalId: granted.retrievalId, documentId: other.documentId, version: 1,
      parts: [{ name: 'application.pdf', sha256: '0'.repeat(64) }], receivedAt: net.clock.now().toISOString() },
    { privateKey: signing.privateKey, chain: [signing.certificate.raw] });
    const mismatch = await net.send('POST', '/exchange/v1/receipts', { json: { retrievalId: granted.retrievalId, receipt: wrongParts } });
    expect(mismatch.status).to.equal(409);
    expect(mismatch.json().code).to.equal('RECEIPT_MISMATCH');

    const ep = net.ep.context.identity.signing;
    const forged = await signReceipt({ retrievalId: granted.retrievalId, documentId: other.documentId, version: 1,
      parts: granted.document.parts.map((p: { name: string; sha256: string }) => ({ name: p.name, sha256: p.sha256 })), receivedAt: net.clock.now().toISOString() },
    { privateKey: ep.privateKey, chain: [ep.certificate.raw] });
    const refused = await net.send('POST', '/exchange/v1/receipts', { json: { retrievalId: granted.retrievalId, receipt: forged } });
    expect(refused.status).to.equal(400);
    expect(refused.json().code).to.equal('RECEIPT_INVALID');
    expect(net.ep.context.db.prepare('SELECT COUNT(*) AS n FROM receipts WHERE retrieval_id = ?').get(granted.retrievalId)).to.deep.equal({ n: 0 });
    const refusedReceipts = auditEntries(net).filter((e) => e.type === 'receipt.received' && e.outcome === 'refused');
    expect(refusedReceipts.length).to.be.at.least(2);
  });

  it('lists dossier documents without an access code and grants one for download', async () => {
    const report = await net.depositPriority({
      kind: 'searchReport', application: 'EP 23 200 001.8', patentFamilyId: 'FAM-1',
      parts: [{ name: 'search-report.pdf', bytes: Buffer.from('%PDF-1.7 search report\n'), mediaType: 'application/pdf' }],
    });
    const list = await net.send('GET', '/exchange/v1/dossiers?ipOfficeCode=EP&applicationNumberText=23200001');
    expect(list.status).to.equal(200);
    expect(list.json().documents.map((d: { documentId: string }) => d.documentId)).to.deep.equal([report.documentId]);
    const byFamily = await net.send('GET', '/exchange/v1/dossiers?patentFamilyId=FAM-1');
    expect(byFamily.json().documents).to.have.length(1);
    const bad = await net.send('GET', '/exchange/v1/dossiers?patentFamilyId=FAM-1&ipOfficeCode=EP');
    expect(bad.json().code).to.equal('DOSSIER_QUERY_INVALID');

    const grant = await net.send('GET', `/exchange/v1/dossiers/${report.documentId}`);
    expect(grant.status).to.equal(200);
    const part = await net.send('GET', `/exchange/v1/retrievals/${grant.json().retrievalId}/parts/search-report.pdf`);
    expect(part.body.toString()).to.equal('%PDF-1.7 search report\n');
    // A priority document is never a dossier document.
    const priority = await net.send('GET', `/exchange/v1/dossiers/${documentId}`);
    expect(priority.status).to.equal(404);
    expect(priority.json().code).to.equal('DOCUMENT_UNAVAILABLE');
  });
});
