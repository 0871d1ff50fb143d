/**
 * The portal's foundation without a browser (issue 11), against a real development node: the
 * security headers on every page of the route table, signed in or not; forms from another site
 * refused; the browser's address believed only from the portal's private socket; the language
 * switcher's redirect kept on this site; parts posted without scripts streamed to the office API
 * with their names in any script; and the rule that the portal reaches the node through
 * office-API operations only. The same promises seen from Chromium are in test/browser/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { PAGES } from '../../../node/portal/portal-app.js';
import { officeOperations } from '../../../node/portal/api-client.js';
import { depositServiceFor, type DepositService } from '../../../node/services/deposit/deposit-service.js';
import { StaffTokens } from '../../../node/services/staff/staff-tokens.js';
import type { RunningNode } from '../../../node/runtime/start-node.js';
import { systemRandom } from '../../../protocol/runtime/clock.js';
import { depositPriorityDocument, startTestNetwork, type TestNetwork } from '../../integration/network-fixture.js';
import { PortalClient } from './portal-client.js';
import { Readable } from 'node:stream';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

/** Every portal module, relative to the repository (browser modules included). */
function portalModules(): string[] {
  return readdirSync(join(REPO, 'node/portal'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(REPO, join(e.parentPath, e.name)));
}

describe('portal (issue 11)', function () {
  this.timeout(90_000);
  let t: TestNetwork;
  let n: { node: RunningNode; service: DepositService; clerk: string };
  let base: string;
  let documentId: string;
  let applicantKey: string;
  let depositId: string;
  let clerk: PortalClient;
  let applicant: PortalClient;
  let examiner: PortalClient;
  let auditor: PortalClient;
  let admin: PortalClient;
  let tokenId: number;
  let webhookId: number;
  let jobId: string;
  let copyId: string;

  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    const node = t.net.node('EP');
    n = { node, service: depositServiceFor(node.context), clerk: new StaffTokens(node.context.db, node.context.clock, systemRandom).create('clerk', 'portal test').token };
    base = node.officeApiUrl;
    // an examiner at JP, with one certified copy retrieved from EP
    const jp = t.net.node('JP');
    const code = (await depositPriorityDocument(t.net.api('EP'), 1000, { ipOfficeCode: 'EP', applicationNumberText: '23123472', filingDate: '2023-05-01', ipRightType: 'patent' })).accessCode!;
    jobId = (await t.net.api('JP').retrieve({ ipOfficeCode: 'EP', applicationNumberText: '23123472', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: code })).jobId;
    copyId = (await t.net.api('JP').waitForJob(jobId, 60_000)).copyId!;
    examiner = new PortalClient(jp.officeApiUrl);
    expect((await examiner.signIn('staff', new StaffTokens(jp.context.db, jp.context.clock, systemRandom).create('examiner', 'portal test').token)).headers.get('location')).to.equal('/retrievals');
    const draft = n.service.createDraft({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: '23123456', filingDate: '2023-05-01', ipRightType: 'patent', inventionTitle: 'Écran solaire' } }, { kind: 'cli' });
    await n.service.uploadPart(draft.depositId, 'a.pdf', 'application/pdf', Readable.from([Buffer.from('%PDF-1.7')]));
    const committed = await n.service.commit(draft.depositId, { kind: 'cli' });
    documentId = committed.documentId;
    applicantKey = committed.applicantKey!;
    depositId = n.service.createDraft({ documentKind: 'searchReport', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: '23123464', filingDate: '2023-05-01', ipRightType: 'patent' } }, { kind: 'cli' }).depositId;
    clerk = new PortalClient(base);
    expect((await clerk.signIn('staff', n.clerk)).status).to.equal(303);
    auditor = new PortalClient(base);
    expect((await auditor.signIn('staff', new StaffTokens(node.context.db, node.context.clock, systemRandom).create('auditor', 'portal test').token)).headers.get('location')).to.equal('/audit');
    applicant = new PortalClient(base);
    expect((await applicant.signIn('applicant', applicantKey)).status).to.equal(303);
    const tokens = new StaffTokens(node.context.db, node.context.clock, systemRandom);
    admin = new PortalClient(base);
    expect((await admin.signIn('staff', tokens.create('admin', 'portal test').token)).headers.get('location')).to.equal('/admin');
    tokenId = tokens.create('clerk', 'to revoke').info.id;
    webhookId = (await fetch(`${base}/api/v1/webhooks`, { method: 'POST', headers: { authorization: `Bearer ${t.net.api('EP').token}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', events: ['staff.alert'] }) }).then((r) => r.json()) as { id: number }).id;
  });
  after(() => t?.close());

  /** Who visits a page of the route table, and with which id. */
  function visitorOf(path: string): { client: PortalClient; url: string } {
    const anonymous = new PortalClient(base);
    if (path.startsWith('/my-documents')) return { client: applicant, url: path.replace(':id', documentId) };
    if (path.startsWith('/documents')) return { client: clerk, url: path.replace(':id', documentId) };
    if (path.startsWith('/deposits')) return { client: clerk, url: path.replace(':id', depositId) };
    if (path.startsWith('/retrievals')) return { client: examiner, url: path.replace(':id', jobId) };
    if (path.startsWith('/copies')) return { client: examiner, url: path.replace(':id', copyId) };
    if (path.startsWith('/admin/tokens')) return { client: admin, url: path.replace(':id', String(tokenId)) };
    if (path.startsWith('/admin/webhooks')) return { client: admin, url: path.replace(':id', String(webhookId)) };
    if (path.startsWith('/admin')) return { client: admin, url: path };
    if (path.startsWith('/audit')) return { client: auditor, url: path.replace(':id', '0') };
    if (path.startsWith('/dossiers')) return { client: examiner, url: `${path}?ipOfficeCode=EP&applicationNumberText=23123472&filingDate=2023-05-01&ipRightType=patent` };
    if (path === '/' || path.startsWith('/sign-in')) return { client: anonymous, url: path };
    throw new Error(`the test does not know who visits ${path}: add it here`);
  }

  it('sends the strict Content-Security-Policy and the other security headers on every page, with no inline script or style', async () => {
    const gets = PAGES.filter(([method]) => method === 'get').map(([, path]) => path);
    expect(gets.length).to.be.greaterThan(10);
    for (const path of [...gets, '/no-such-page']) {
      const { client, url } = path === '/no-such-page' ? { client: clerk, url: path } : visitorOf(path);
      const res = await client.get(url);
      expect(res.status, `${url}: ${res.text.slice(0, 300)}`).to.be.oneOf(path === '/no-such-page' ? [404] : [200]);
      const csp = (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
      expect(csp, url).to.include.members(["default-src 'none'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "base-uri 'none'"]);
      expect(csp.join(';'), url).not.to.match(/unsafe-|\*|data:|https?:/);
      expect(res.headers.get('x-content-type-options'), url).to.equal('nosniff');
      expect(res.headers.get('referrer-policy'), url).to.equal('no-referrer');
      expect(res.headers.get('x-frame-options'), url).to.equal('DENY');
      expect(res.text, url).not.to.match(/<script(?![^>]*\ssrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=/i);
      expect(res.text.match(/<h1[\s>]/g), `${url}: one h1`).to.have.length(1);
    }
  });

  it('refuses a form posted from another site before reading it', async () => {
    const visitor = new PortalClient(base);
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { 'sec-fetch-site': '', origin: 'https://evil.example' }]) {
      const res = await visitor.post('/sign-in/staff', { staffToken: n.clerk }, headers);
      expect(res.status, JSON.stringify(headers)).to.equal(403);
      expect(visitor.cookie('__Host-ipex-session')).to.equal(undefined);
    }
    const withdraw = await clerk.post(`/documents/${documentId}/withdraw`, { csrf: await clerk.csrf() }, { 'sec-fetch-site': 'cross-site' });
    expect(withdraw.status).to.equal(403);
    expect(n.node.context.db.prepare('SELECT withdrawn_at FROM documents WHERE document_id = ?').pluck().get(documentId)).to.equal(null);
    // the portal's own forms: same-origin, or an older browser's Origin "null" (Referrer-Policy: no-referrer)
    expect((await visitor.post('/sign-in/staff', { staffToken: 'wrong' })).status).to.equal(400);
    expect((await visitor.post('/sign-in/staff', { staffToken: 'wrong' }, { 'sec-fetch-site': '', origin: 'null' })).status).to.equal(400);
  });

  it('logs the browser\'s address for a portal sign-in, and ignores that header from the network', async () => {
    const refusals = (): (string | Buffer)[] => n.node.context.db.prepare("SELECT entry FROM audit_entries WHERE type = 'session.signed-in' AND outcome = 'refused' ORDER BY idx").pluck().all() as (string | Buffer)[];
    await n.node.context.audit.flush();
    const before = refusals().length;
    const visitor = new PortalClient(base);
    await visitor.signIn('staff', `ipex_${'p'.repeat(43)}`);
    await fetch(`${base}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-ipex-client-address': '203.0.113.9' }, body: JSON.stringify({ staffToken: `ipex_${'q'.repeat(43)}` }) });
    await n.node.context.audit.flush();
    const addresses = refusals().slice(before)
      .map((e) => (JSON.parse(String(e)) as { details: { remoteAddress: string } }).details.remoteAddress);
    expect(addresses).to.have.length(2);
    for (const address of addresses) expect(address).to.match(/^(::ffff:)?127\.0\.0\.1$|^::1$/);
  });

  it('switches the language by a plain link, remembers it, and returns only to a page of this site', async () => {
    const visitor = new PortalClient(base, { 'accept-language': 'ru-RU, fr;q=0.8' });
    expect((await visitor.get('/')).text).to.match(/<html lang="ru" dir="ltr">/);
    const to = await visitor.get(`/language?to=ar&return=${encodeURIComponent('/sign-in/staff')}`);
    expect(to.status).to.equal(303);
    expect(to.headers.get('location')).to.equal('/sign-in/staff');
    expect((await visitor.get('/sign-in/staff')).text).to.match(/<html lang="ar" dir="rtl">/);
    for (const away of ['//evil.example/', '/\\evil.example', 'https://evil.example/']) {
      expect((await visitor.get(`/language?to=fr&return=${encodeURIComponent(away)}`)).headers.get('location'), away).to.equal('/');
    }
  });

  it('streams parts posted without scripts to the office API, with their names in any script', async () => {
    const form = new FormData();
    form.set('csrf', await clerk.csrf());
    form.append('parts', new Blob(['%PDF-1.7 براءة']), 'براءة.pdf');
    form.append('parts', new Blob(['<claims/>'], { type: 'application/xml' }), 'Revendications n°1.xml');
    const res = await clerk.post(`/deposits/${depositId}/parts`, form);
    expect(res.status, res.text.slice(0, 500)).to.equal(303);
    const parts = n.service.draftParts(depositId).map((p) => [p.originalName ?? p.name, p.size]);
    expect(parts).to.have.deep.members([['براءة.pdf', Buffer.byteLength('%PDF-1.7 براءة')], ['Revendications n°1.xml', 9]]);
    const page = await clerk.get(`/deposits/${depositId}`);
    expect(page.text).to.include('<bdi>براءة.pdf</bdi>').and.include('Revendications n°1.xml');
    // without the CSRF token nothing is stored
    const forged = new FormData();
    forged.append('parts', new Blob(['x']), 'x.pdf');
    expect((await clerk.post(`/deposits/${depositId}/parts`, forged)).text).to.include('CSRF_TOKEN_INVALID');
    expect(n.service.draftParts(depositId)).to.have.length(2);
  });

  it('reaches the node through office-API operations only', () => {
    const operations = officeOperations();
    const used = new Set<string>();
    for (const file of portalModules()) {
      const source = readFileSync(join(REPO, file), 'utf8');
      for (const [, target] of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'([^']+)'/g)) {
        const resolved = join(file, '..', target!);
        // a page may use the API's wire constants (cookie and header names), never a service, the database or the trust store
        expect(resolved, `${file} imports ${target}`).not.to.match(/^node\/(services|storage|trust|identity|runtime|audit|cli)\//);
      }
      for (const [, id] of source.matchAll(/\bapi(?:<[^>(]*>)?\('([A-Za-z]+)'/g)) used.add(id!);
    }
    expect(used.size).to.be.greaterThan(10);
    for (const id of used) expect(operations.has(id), `${id} is an operation of openapi/office.yaml`).to.equal(true);
    for (const [method, path] of PAGES) expect(path, `${method} ${path}`).not.to.match(/^\/api\//);
  });
});
