/**
 * The applicant's e-mail for notifications through the portal's forms (issue 11, item 2 of the
 * brief; docs/notifications.md): set with a language, shown on the document's page, refused
 * beside the field when it is no address, refused without the session's CSRF token, and removed.
 */
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { startDepositNode, type DepositNode } from '../../services/deposit/deposit-fixture.js';
import { PortalClient } from '../portal-client.js';

describe('portal: the applicant\'s e-mail for notifications (issue 11)', function () {
  this.timeout(60_000);
  let n: DepositNode;
  let documentId: string;
  let applicant: PortalClient;

  before(async () => {
    n = await startDepositNode('EP');
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent' } }, { kind: 'cli' });
    await n.service.uploadPart(draft.depositId, 'a.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-1.7')]));
    const committed = await n.service.commit(draft.depositId, { kind: 'cli' });
    documentId = committed.documentId;
    applicant = new PortalClient(n.node.officeApiUrl);
    expect((await applicant.signIn('applicant', committed.applicantKey!)).status).to.equal(303);
  });
  after(() => n?.close());

  const stored = async (): Promise<unknown> =>
    fetch(`${n.api}/documents/${documentId}/applicant-contact`, { headers: { authorization: `Bearer ${n.clerk}` } }).then((r) => r.json());

  it('sets the address and language, shows it on the document\'s page, and removes it', async () => {
    const page = await applicant.get(`/my-documents/${documentId}`);
    expect(page.text).to.include('No e-mail address given');
    const form = await applicant.get(`/my-documents/${documentId}/contact`);
    expect(form.status).to.equal(200);
    expect(form.headers.get('cache-control')).to.equal('no-store');
    const saved = await applicant.post(`/my-documents/${documentId}/contact`, { csrf: await applicant.csrf(), email: 'yamada@example.jp', language: 'zh' });
    expect(saved.status, saved.text.slice(0, 400)).to.equal(303);
    expect(saved.headers.get('location')).to.equal(`/my-documents/${documentId}?done=contact`);
    expect(await stored()).to.deep.equal({ email: 'yamada@example.jp', language: 'zh' });
    const shown = await applicant.get(`/my-documents/${documentId}?done=contact`);
    expect(shown.text).to.include('The e-mail address has been saved.').and.include('yamada@example.jp');
    expect((await applicant.get(`/my-documents/${documentId}/contact`)).text).to.match(/<option value="zh" selected>/);

    const removed = await applicant.post(`/my-documents/${documentId}/contact/remove`, { csrf: await applicant.csrf() });
    expect(removed.headers.get('location')).to.equal(`/my-documents/${documentId}?done=contact-removed`);
    expect(await stored()).to.deep.equal({});
  });

  it('says beside the field when the address is wrong, and changes nothing', async () => {
    for (const email of ['', 'not an address', 'a@b@c']) {
      const refused = await applicant.post(`/my-documents/${documentId}/contact`, { csrf: await applicant.csrf(), email, language: 'en' });
      expect(refused.status, email).to.equal(400);
      expect(refused.text).to.include('Enter an e-mail address such as name@example.org').and.include('href="#email"');
    }
    expect(await stored()).to.deep.equal({});
  });

  it('refuses the form without the session\'s CSRF token', async () => {
    const forged = await applicant.post(`/my-documents/${documentId}/contact`, { csrf: 'forged', email: 'x@example.org', language: 'en' });
    expect(forged.status).to.equal(403);
    expect(forged.text).to.include('CSRF_TOKEN_INVALID');
    expect(await stored()).to.deep.equal({});
  });
});
