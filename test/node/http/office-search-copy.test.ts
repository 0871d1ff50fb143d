/**
 * Issue 15, "Search copies", on the depositing side against a real node: a `searchCopy` must name a
 * searching authority of the signed directory other than this office (and no other kind may name
 * one); a refused deposit leaves no document; the `document.deposited` event tells the office's
 * own systems which authority the copy is for. Retrieval by the authority, and refusal to others,
 * run between real nodes in test/integration/search-copies.test.ts.
 */
import { expect } from 'chai';
import { listDevOffices } from '../../helpers/dev-offices.js';
import { startDepositNode, type DepositNode } from '../services/deposit/deposit-fixture.js';
import { officeCalls } from './office-calls.js';
import { StaffTokens } from '../../../node/services/staff/staff-tokens.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';

const BIB = { ipOfficeCode: 'EP', applicationNumberText: '23444444', filingDate: '2023-05-01', ipRightType: 'patent' };

describe('office API: search copies (issue 15)', function () {
  this.timeout(120_000);
  let n: DepositNode;
  let api: ReturnType<typeof officeCalls>;
  before(async () => {
    n = await startDepositNode('EP');
    await listDevOffices(n.dataDir, ['US']);
    api = officeCalls(n);
  });
  after(async () => {
    await n?.close();
  });

  async function deposit(kind: string, bib: Record<string, unknown>) {
    const draft = await api.call('POST', '/deposits', { documentKind: kind, bibliographicData: { ...BIB, ...bib } });
    if (draft.status !== 201) return draft;
    await api.upload(draft.body.depositId, 'copy.pdf', Buffer.from('%PDF-1.7 c'));
    return api.call('POST', `/deposits/${draft.body.depositId}/commit`);
  }

  it('refuses a search copy without a searching authority, for this office, or not in the directory; and the member on other kinds', async () => {
    const refusals: [string, Record<string, unknown>, string, RegExp][] = [
      ['searchCopy', {}, 'BIBLIOGRAPHIC_INVALID', /searchingAuthority is required for a searchCopy/],
      ['searchCopy', { searchingAuthority: 'EP' }, 'BIBLIOGRAPHIC_INVALID', /is this office/],
      ['searchReport', { searchingAuthority: 'US' }, 'BIBLIOGRAPHIC_INVALID', /only for a searchCopy, not a searchReport/],
      ['searchCopy', { searchingAuthority: 'FR' }, 'SEARCHING_AUTHORITY_UNKNOWN', /FR is not an office of the network directory/],
    ];
    for (const [kind, bib, code, detail] of refusals) {
      const r = await deposit(kind, bib);
      expect(r.body.code, JSON.stringify(bib)).to.equal(code);
      expect(r.body.detail).to.match(detail);
    }
    expect((await api.call('GET', '/documents?applicationNumberText=23444444')).body.items).to.deep.equal([]);
  });

  it('certifies a search copy for a listed office, without access code, and says in its event which office it is for', async () => {
    const admin = new StaffTokens(n.node.context.db, n.node.context.clock, systemRandom).create('admin', 'webhooks').token;
    const hook = await api.call('POST', '/webhooks', { url: 'https://127.0.0.1:9/hook', events: ['document.deposited'] }, {}, admin);
    expect(hook.status, hook.text).to.equal(201);
    const doc = await deposit('searchCopy', { searchingAuthority: 'US' });
    expect(doc.status, doc.text).to.equal(201);
    expect(doc.body).to.include({ documentKind: 'searchCopy' }).and.not.have.property('accessCode');
    expect(doc.body.bibliographicData.searchingAuthority).to.equal('US');
    const entry = n.node.context.db.prepare("SELECT entry FROM audit_entries WHERE type = 'deposit.committed' AND document_id = ?").get(doc.body.documentId) as { entry: Buffer };
    expect(JSON.parse(entry.entry.toString()).details.searchingAuthority).to.equal('US');
    const row = n.node.context.db.prepare("SELECT payload FROM outbox WHERE event_type = 'document.deposited' ORDER BY id DESC LIMIT 1").get() as { payload: string };
    expect(JSON.parse(row.payload).data).to.include({ documentId: doc.body.documentId, documentKind: 'searchCopy', searchingAuthority: 'US' });
  });
});
