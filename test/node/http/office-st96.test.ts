/**
 * Issue 15, "ST.96": against a real node on loopback, a part deposited as ST.96 bibliographic data
 * (`application/vnd.ipex.st96-bibliographic+xml`) is held to the ST.96 subset and to its deposit,
 * and every document's bibliographic data is exported as ST.96 XML derived from its manifest —
 * valid against the subset schema (xmllint) and the same bytes each time.
 */
import { expect } from 'chai';
import { ST96_BIBLIOGRAPHIC_MEDIA_TYPE } from '../../../protocol/st96/bibliographic-read.js';
import { bibliographicXml } from '../../../protocol/st96/bibliographic-xml.js';
import { startDepositNode, type DepositNode } from '../services/deposit/deposit-fixture.js';
import { validAgainstSubset } from '../../protocol/st96/xmllint.js';
import { SAMPLE } from '../../protocol/st96/sample-citations.js';
import { officeCalls } from './office-calls.js';

const BIB = { ipOfficeCode: 'EP', applicationNumberText: 'EP 23 123 456.8', filingDate: '2023-05-01', ipRightType: 'patent' };

describe('office API: ST.96 bibliographic XML (issue 15)', function () {
  this.timeout(120_000);
  let n: DepositNode;
  let api: ReturnType<typeof officeCalls>;
  before(async () => {
    n = await startDepositNode('EP');
    api = officeCalls(n);
  });
  after(async () => {
    await n?.close();
  });

  const own = bibliographicXml({ ipOfficeCode: 'EP', applicationNumberText: '23123456', applicationNumberCheckDigit: '8', filingDate: '2023-05-01', inventionTitle: 'Widget' });

  it('accepts an ST.96 part that fits the subset and its deposit, and refuses one that does not, changing nothing', async () => {
    const draft = await api.call('POST', '/deposits', { documentKind: 'searchReport', bibliographicData: BIB });
    expect(draft.status).to.equal(201);
    const id = draft.body.depositId as string;
    const good = await api.upload(id, 'bibliographic.xml', Buffer.from(own), ST96_BIBLIOGRAPHIC_MEDIA_TYPE);
    expect(good.status, good.text).to.equal(200);

    const bad = await api.upload(id, 'bad.xml', Buffer.from(own.replace('2023-05-01', '1 May 2023')), ST96_BIBLIOGRAPHIC_MEDIA_TYPE);
    expect(bad.status).to.equal(422);
    expect(bad.body.code).to.equal('ST96_INVALID');
    expect(bad.body.detail).to.match(/part "bad.xml" .*pat:FilingDate "1 May 2023" is not a YYYY-MM-DD date/);

    const other = await api.upload(id, 'other.xml', Buffer.from(own.replace('<com:ApplicationNumberText>23123456.8', '<com:ApplicationNumberText>23999999')), ST96_BIBLIOGRAPHIC_MEDIA_TYPE);
    expect(other.status).to.equal(422);
    expect(other.body.detail).to.match(/describes the application EP 23999999 filed 2023-05-01, but this deposit is for EP 23123456 filed 2023-05-01/);

    const dtd = await api.upload(id, 'dtd.xml', Buffer.from(own.replace('?>', '?><!DOCTYPE x SYSTEM "file:///etc/passwd">')), ST96_BIBLIOGRAPHIC_MEDIA_TYPE);
    expect(dtd.status).to.equal(422);
    expect(dtd.body.detail).to.match(/DOCTYPE/);

    // The same bad bytes as opaque XML are a part like any other: only the media type makes the claim.
    expect((await api.upload(id, 'listing.xml', Buffer.from('<not-st96/>'), 'application/xml')).status).to.equal(200);

    const parts = await api.call('GET', `/deposits/${id}`);
    expect(parts.body.parts.map((p: { name: string }) => p.name).sort()).to.deep.equal(['bibliographic.xml', 'listing.xml']);
    expect((await api.call('POST', `/deposits/${id}/commit`)).status).to.equal(201);
  });

  it('exports every document\'s bibliographic data as ST.96 XML derived from its manifest, valid against the subset', async () => {
    const draft = await api.call('POST', '/deposits', { documentKind: 'searchReport', bibliographicData: {
      ...BIB, applicationNumberText: 'EP 23 000 001', inventionTitle: 'Gadget & co', applicantName: [{ organizationName: 'ACME' }, { lastName: 'Sato', firstName: 'Yu' }],
      priorityClaimBag: { priorityClaim: [{ ipOfficeCode: 'US', applicationNumberText: 'US 18/123,456', filingDate: '2022-05-02' }] },
      referenceCitationBag: SAMPLE,
    } });
    expect(draft.status, draft.text).to.equal(201);
    await api.upload(draft.body.depositId, 'report.pdf', Buffer.from('%PDF-1.7 r'));
    const doc = await api.call('POST', `/deposits/${draft.body.depositId}/commit`);
    expect(doc.status).to.equal(201);

    const xml = await api.call('GET', `/documents/${doc.body.documentId}/st96`);
    expect(xml.status).to.equal(200);
    expect(xml.headers.get('content-type')).to.match(/^application\/xml/);
    expect(validAgainstSubset(xml.text), xml.text).to.equal(true);
    expect(xml.text).to.include('<com:ApplicationNumberText>23000001</com:ApplicationNumberText>');
    expect(xml.text).to.include('<com:ApplicationNumberText>18123456</com:ApplicationNumberText>');
    expect(xml.text).to.include('<pat:InventionTitle>Gadget &amp; co</pat:InventionTitle>');
    expect(xml.text).to.include('<pat:ReferenceCitationBag>');
    expect((await api.call('GET', `/documents/${doc.body.documentId}/st96?version=1`)).text).to.equal(xml.text);
    expect((await api.call('GET', `/documents/${doc.body.documentId}/st96?version=2`)).status).to.equal(404);
    expect((await api.call('GET', '/documents/EP-SR-1-NOPE0000/st96')).body.code).to.equal('DOCUMENT_NOT_FOUND');
  });
});
