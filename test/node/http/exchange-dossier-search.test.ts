/**
 * Issue 12: one round of a family search on the depositing office's exchange listener
 * (`POST /exchange/v1/dossier-searches`, docs/exchange.md §5): the live dossier documents of the
 * applications asked about, of the applications that claim them as priority and of the families
 * asked about — never a priority document, never a withdrawn one — signed, and logged with the
 * keys and the signed request.
 */
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { auditEntries, startExchangeNetwork, type ExchangeNetwork } from './exchange-peer-fixture.js';

describe('exchange API: one round of a family search (issue 12)', function () {
  this.timeout(60_000);
  let net: ExchangeNetwork;
  const ids: Record<string, string> = {};

  async function deposit(kind: 'priorityDocument' | 'searchReport' | 'examinationReport', number: string, claims: string[], family?: string): Promise<string> {
    const draft = net.deposits.createDraft({
      documentKind: kind,
      bibliographicData: {
        ipOfficeCode: 'EP', applicationNumberText: number, filingDate: '2024-03-01', ipRightType: 'patent',
        ...(claims.length === 0 ? {} : { priorityClaimBag: { priorityClaim: claims.map((c) => ({ ipOfficeCode: c.slice(0, 2), applicationNumberText: c.slice(3), filingDate: '2023-05-01' })) } }),
        ...(family === undefined ? {} : { patentFamilyId: family }),
      },
    }, { kind: 'cli' });
    await net.deposits.uploadPart(draft.depositId, 'report.pdf', 'application/pdf', Readable.from([Buffer.from(`%PDF ${number}`)]));
    return (await net.deposits.commit(draft.depositId, { kind: 'cli' })).documentId;
  }

  before(async () => {
    net = await startExchangeNetwork();
    ids.own = await deposit('searchReport', '23300001', []);
    ids.claims = await deposit('examinationReport', '23300002', ['US 18123456', 'JP 2023001234']);
    ids.family = await deposit('searchReport', '23300003', [], 'FAM-9');
    ids.priority = await deposit('priorityDocument', '23300004', ['US 18123456']);
    ids.withdrawn = await deposit('searchReport', '23300005', ['US 18123456']);
    net.deposits.withdraw(ids.withdrawn, 'test', { kind: 'cli' });
  });
  after(async () => { await net?.close(); });

  it('lists the documents of the applications, of those that claim them and of the families, signed', async () => {
    const res = await net.send('POST', '/exchange/v1/dossier-searches', {
      json: { applications: [{ ipOfficeCode: 'EP', applicationNumberText: '23300001' }, { ipOfficeCode: 'US', applicationNumberText: '18123456' }], patentFamilyIds: ['FAM-9'] },
    });
    expect(res.status, res.body.toString()).to.equal(200);
    const documents = res.json().documents as { documentId: string; priorityClaimBag?: unknown; filingDate: string; ipRightType: string }[];
    expect(documents.map((d) => d.documentId).sort()).to.deep.equal([ids.own, ids.claims, ids.family].sort());
    const claiming = documents.find((d) => d.documentId === ids.claims)!;
    expect(claiming).to.deep.include({ filingDate: '2024-03-01', ipRightType: 'patent' });
    expect(claiming.priorityClaimBag).to.deep.equal({ priorityClaim: [
      { ipOfficeCode: 'US', applicationNumberText: '18123456', filingDate: '2023-05-01' },
      { ipOfficeCode: 'JP', applicationNumberText: '2023001234', filingDate: '2023-05-01' },
    ] });
    expect(String(res.headers['signature-input'])).to.include('tag="ipex-exchange-response-v1"');
    expect(res.headers['content-digest']).to.be.a('string');

    const logged = auditEntries(net).filter((e) => e.type === 'dossier.searched').at(-1)!.entry;
    expect(logged.actor).to.include({ kind: 'peer', office: 'JP' });
    expect(logged.details.applications).to.deep.equal(['EP 23300001', 'US 18123456']);
    expect(logged.details.patentFamilyIds).to.deep.equal(['FAM-9']);
    expect(logged.details.documents.sort()).to.deep.equal([ids.own, ids.claims, ids.family].sort());
    expect(logged.details.request.signature).to.be.a('string');
  });

  it('refuses an empty query by its schema, and an office without the accessing role', async () => {
    const empty = await net.send('POST', '/exchange/v1/dossier-searches', { json: {} });
    expect(empty.status).to.equal(400);
    expect(empty.json().code).to.equal('INVALID_INPUT');
    const none = await net.send('POST', '/exchange/v1/dossier-searches', { json: { applications: [] } });
    expect(none.json().code).to.equal('INVALID_INPUT');
    const kr = await net.send('POST', '/exchange/v1/dossier-searches', { as: net.kr, json: { patentFamilyIds: ['FAM-9'] } });
    expect(kr.status).to.equal(403);
    expect(kr.json().code).to.equal('OFFICE_ROLE_NOT_ALLOWED');
  });
});
