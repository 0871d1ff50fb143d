/**
 * The portal in a real Chromium against two real offices on loopback (issue 11, part 1): a clerk
 * at EP signs in and deposits with a progress bar per part; the applicant signs in, restricts
 * the document to JP by name, gets a new access code, and sees JP's retrieval with its receipt;
 * keyboard-only sign-in and search; axe-core over every page of part 1 in every language; the
 * right-to-left layout in Arabic; and the security promises seen from a browser: cookie flags,
 * CSP on every page, CSRF refused, one document's key never reaching another's pages, no byte
 * from another host and each role's first page under its weight budget.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { Readable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { LANGUAGES } from '../../node/portal/i18n/languages.js';
import { startTestNetwork, type TestNetwork } from '../integration/network-fixture.js';
import { AxeTally, FIRST_PAGE_BUDGET, launchChromium, screenshot, signInStaff, tabTo, weigh } from './browser-fixture.js';


describe('portal in Chromium (issue 11)', function () {
  this.timeout(180_000);
  let t: TestNetwork;
  let browser: Browser;
  let ep: string;
  let clerk: string;
  let auditor: string;
  let jpName: string;
  const deposited: { documentId: string; accessCode: string; applicantKey: string }[] = [];

  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    const node = t.net.node('EP');
    ep = node.officeApiUrl;
    clerk = new StaffTokens(node.context.db, node.context.clock, systemRandom).create('clerk', 'browser test').token;
    auditor = new StaffTokens(node.context.db, node.context.clock, systemRandom).create('auditor', 'browser test').token;
    jpName = t.net.node('JP').context.config.office.name;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function staffPage(context?: BrowserContext): Promise<Page> {
    return signInStaff(context ?? (await browser.newContext()), ep, clerk, '/documents');
  }

  it('lets a clerk deposit a priority document with a progress bar per part, and shows the code once', async () => {
    const context = await browser.newContext();
    const page = await staffPage(context);
    const seen: { name: string; value: number; max: number }[] = [];
    await page.exposeFunction('ipexProgress', (name: string, value: number, max: number) => { seen.push({ name, value, max }); });
    await page.addInitScript(`new MutationObserver(() => {
      for (const p of document.querySelectorAll('#upload-progress progress')) window.ipexProgress(p.getAttribute('aria-label'), Number(p.value), Number(p.max));
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });`);
    const puts: string[] = [];
    page.on('request', (r) => { if (r.method() === 'PUT') puts.push(`${r.url()} ${r.headers()['x-csrf-token'] === undefined ? 'no-csrf' : 'csrf'}`); });

    await page.click('text=Deposit a document');
    await page.fill('#applicationNumberText', 'EP 23 555 666');
    await page.fill('#filingDate', '2023-05-01');
    await page.fill('#inventionTitle', 'طلاء شمسي — solar coating');
    await page.fill('#applicant-0-organisation', 'ACME Solar GmbH');
    await page.fill('#applicant-1-family', '山田');
    await page.fill('#applicant-1-given', '太郎');
    await page.click('button[value="add-applicant"]');
    expect(await page.inputValue('#applicant-1-family')).to.equal('山田'); // kept across "add another"
    await page.fill('#applicant-2-organisation', 'Общество «Ромашка»');
    await page.click('button[value="continue"]');
    await page.waitForURL(/\/deposits\/[A-Za-z0-9_-]+$/);
    expect(await page.textContent('h1')).to.equal('Add the parts of the document');

    await page.setInputFiles('#parts', [
      // Their first bytes are what their media types say (issue 15 checks them).
      { name: 'application.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(300 * 1024 - 9, 0x25)]) },
      { name: 'séquence n°1.xml', mimeType: 'application/xml', buffer: Buffer.concat([Buffer.from('<?xml version="1.0"?>\n<a>'), Buffer.alloc(2 * 1024 * 1024 - 25, 0x20)]) },
    ]);
    await page.click('text=Upload');
    await page.waitForSelector('text=2 parts added');
    expect(puts).to.have.length(2);
    expect(puts.every((p) => p.includes('/api/v1/deposits/') && p.endsWith(' csrf'))).to.equal(true);
    expect(await page.textContent('main table')).to.include('séquence n°1.xml'); // the name as given, in any script
    for (const name of ['application.pdf', 'séquence n°1.xml']) {
      const bars = seen.filter((s) => s.name === name);
      expect(bars.length, name).to.be.greaterThan(0);
      expect(bars.at(-1)!.value, name).to.equal(bars.at(-1)!.max);
    }

    await page.click('button:has-text("Certify and publish")');
    await page.waitForSelector('h1:has-text("Document certified")');
    const accessCode = (await page.textContent('[data-testid="access-code"]'))!.trim();
    const applicantKey = (await page.textContent('[data-testid="applicant-key"]'))!.trim();
    expect(accessCode).to.match(/^[0-9A-Z]{4}(-[0-9A-Z=$*~]{1,4})+$/);
    expect(applicantKey).to.match(/^ipexak_/);
    const documentId = (await page.getAttribute('a:has-text("View the document")', 'href'))!.split('/').pop()!;
    deposited.push({ documentId, accessCode, applicantKey });
    // the letter for the applicant, made now while the code is known
    const [letter] = await Promise.all([page.waitForEvent('download'), page.click('text=Print the access-code letter (PDF)')]);
    const words = execFileSync('pdftotext', [(await letter.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(words).to.include(accessCode.split('-').join(' ')).and.include(applicantKey).and.include(`${ep}/`);

    await page.click('text=View the document');
    expect(await page.textContent('main')).to.include('ACME Solar GmbH').and.include('山田').and.include('طلاء شمسي');
    // the search finds it by an applicant's name in another script
    await page.goto(`${ep}/documents?applicant=${encodeURIComponent('ромашка')}`);
    expect(await page.locator('tbody tr').count()).to.equal(1);
    await context.close();
  });

  it('lets the applicant restrict offices by name, renew the code, and see the other office\'s retrieval', async () => {
    const doc = deposited[0]!;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(ep);
    await page.click('text=Sign in as an applicant');
    await page.fill('#applicantKey', doc.applicantKey);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${ep}/my-documents`);
    await page.click('tbody a');
    await page.waitForURL(`${ep}/my-documents/${doc.documentId}`);
    expect(await page.textContent('main')).to.include('No office has tried to retrieve the document yet.');

    await page.click('text=Change which offices may retrieve it');
    await page.check('#mode-2'); // "Only the offices I choose"
    await page.check(`label:has-text("${jpName}")`);
    await page.click('text=Save');
    await page.waitForSelector('text=The offices that may retrieve the document have been saved.');
    expect(await page.textContent('main')).to.include(jpName);

    await page.click('text=Get a new access code');
    await page.click('button:has-text("Get a new access code")');
    const newCode = (await page.textContent('[data-testid="access-code"]'))!.trim();
    expect(newCode).not.to.equal(doc.accessCode);
    const [letter] = await Promise.all([page.waitForEvent('download'), page.click('text=Print the access-code letter (PDF)')]);
    expect(execFileSync('pdftotext', [(await letter.path())!, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')).to.include(newCode.split('-').join(' ')).and.include('Your applicant key is unchanged');

    // JP's examiner retrieves with the new code (through JP's office API)
    const jp = t.net.api('JP');
    const job = await jp.waitForJob((await jp.retrieve({ ipOfficeCode: 'EP', applicationNumberText: '23555666', filingDate: '2023-05-01', ipRightType: 'patent', accessCode: newCode })).jobId, 60_000);
    expect(job.state, JSON.stringify(job.error)).to.equal('done');

    await page.goto(`${ep}/my-documents/${doc.documentId}`);
    const row = page.locator('tbody tr', { hasText: jpName });
    expect(await row.count()).to.equal(1);
    expect(await row.textContent()).to.include('Retrieved').and.include('Confirmed on');
    await context.close();
  });

  it('lets an auditor filter the log, read an entry decoded, and check its inclusion proof in the browser', async () => {
    const context = await browser.newContext();
    const page = await signInStaff(context, ep, auditor, '/audit');
    await page.fill('#eventType', 'retrieval.attempt');
    await page.click('main form button[type="submit"]');
    await page.waitForURL(/eventType=retrieval.attempt/);
    const types = await page.locator('tbody td:nth-child(3) code').allTextContents();
    expect(types.length).to.be.greaterThan(0);
    expect(types.every((type) => type === 'retrieval.attempt')).to.equal(true);
    await page.click('tbody a');
    await page.waitForURL(/\/audit\/entries\/\d+$/);
    // the signed request of JP, decoded: its members are listed, not JSON inside a string
    expect(await page.locator('dl.entry dt code', { hasText: /^signature$/ }).count()).to.be.greaterThan(0);
    expect(await page.textContent('main')).not.to.include('{"');
    await page.click('button:has-text("Check in this browser")');
    await page.waitForSelector('[data-results] li.check--ok >> nth=1');
    const results = await page.locator('[data-results] li').allTextContents();
    expect(results[0]).to.equal('The checkpoint is signed with the log key of the signed directory.');
    expect(results[1]).to.match(/^The entry is in the log of [\d,]+ entries that the checkpoint signs\.$/);
    // the same check on an entry altered in the page fails
    await page.evaluate(`document.querySelector('[data-inclusion]').dataset.entry = document.querySelector('[data-inclusion]').dataset.entry.replace('"retrieval.attempt"', '"retrieval.attempT"')`);
    await page.click('button:has-text("Check in this browser")');
    await page.waitForSelector('[data-results] li.check--typo');
    expect(await page.locator('[data-results] li').nth(1).textContent()).to.include('does not lead to the checkpoint’s root');
    await page.click('nav.sections >> text=Checkpoint');
    expect(await page.textContent('main')).to.include('Signed by the log:');
    const bundle = await page.request.get(`${ep}/api/v1/audit/bundle`);
    expect(bundle.status()).to.equal(200);
    expect(bundle.headers()['content-type']).to.equal('application/zip');
    await context.close();
  });

  it('can be used with the keyboard alone: sign in and search', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(ep);
    await tabTo(page, 'a[href="/sign-in/staff"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${ep}/sign-in/staff`);
    await tabTo(page, '#staffToken');
    await page.keyboard.type(clerk);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${ep}/documents`);
    await tabTo(page, '#applicationNumberText');
    await page.keyboard.type('EP 23 555 666');
    await page.keyboard.press('Enter');
    await page.waitForURL(/applicationNumberText=/);
    expect(await page.locator('tbody tr').count()).to.equal(1);
    // the skip link is the first stop and leads to the main content
    await page.goto(`${ep}/documents`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.className')).to.equal('skip-link');
    await context.close();
  });

  it('keeps a session with an HttpOnly, Secure, SameSite=Strict cookie and refuses requests without its CSRF token', async () => {
    const context = await browser.newContext();
    const page = await staffPage(context);
    const cookie = (await context.cookies()).find((c) => c.name === '__Host-ipex-session')!;
    expect(cookie).to.include({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate('document.cookie')).not.to.include('ipex-session');
    // a script of this origin without the token is refused, and nothing is created
    const refused = await page.evaluate(`fetch('/api/v1/deposits', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentKind: 'searchReport', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: '23000001', filingDate: '2023-05-01', ipRightType: 'patent' } }) })
      .then(async (r) => ({ status: r.status, code: (await r.json()).code }))`);
    expect(refused).to.deep.equal({ status: 403, code: 'CSRF_TOKEN_INVALID' });
    // a form with a wrong token: the withdrawal is refused and the document stays
    const id = deposited[0]!.documentId;
    await page.goto(`${ep}/documents/${id}/withdraw`);
    await page.evaluate(`document.querySelector('form[action$="/withdraw"] input[name=csrf]').value = 'forged'`);
    await page.click('button:has-text("Withdraw the document")');
    expect(await page.textContent('main')).to.include('CSRF_TOKEN_INVALID');
    await page.goto(`${ep}/documents/${id}`);
    expect(await page.textContent('.summary')).to.include('Available');
    // signing out ends the session at once
    await page.click('text=Sign out');
    await page.goto(`${ep}/documents`);
    expect(page.url()).to.equal(`${ep}/`);
    await context.close();
  });

  it('never shows one document\'s pages to the holder of another document\'s key', async () => {
    const node = t.net.node('EP');
    const other = await t.net.api('EP').deposit({ documentKind: 'priorityDocument', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: '23777888', filingDate: '2023-06-01', ipRightType: 'patent', inventionTitle: 'Secret other title' } },
      [{ name: 'a.pdf', mediaType: 'application/pdf', body: () => Readable.from([Buffer.from('%PDF-1.7')]) }]);
    expect(node.officeApiUrl).to.equal(ep);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${ep}/sign-in/applicant`);
    await page.fill('#applicantKey', deposited[0]!.applicantKey);
    await page.click('button[type="submit"]');
    for (const path of ['', '/offices', '/access-code']) {
      const res = await page.goto(`${ep}/my-documents/${other.documentId}${path}`);
      expect(res!.status(), path).to.equal(401);
      const text = await page.textContent('body');
      expect(text).to.include('AUTH_INVALID');
      expect(text).not.to.include('Secret other title');
      expect(text).not.to.include('23777888');
    }
    // and the forms cannot change it either
    const csrf = await page.getAttribute('input[name=csrf]', 'value');
    const posted = await page.request.post(`${ep}/my-documents/${other.documentId}/access-code`, { form: { csrf: csrf! }, headers: { origin: ep } });
    expect(posted.status()).to.equal(401);
    expect(await posted.text()).not.to.match(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    await context.close();
  });

  it('has no serious or critical axe-core violations on any page of part 1, in any language, and sends the CSP on each', async function () {
    this.timeout(600_000);
    const doc = deposited[0]!;
    const jp = t.net.api('EP');
    const axe = new AxeTally();
    for (const { code } of LANGUAGES) {
      const staff = await browser.newContext();
      await staff.addCookies([{ name: 'ipex-lang', value: code, url: ep }]);
      const page = await staffPage(staff);
      const draft = await fetch(`${ep}/api/v1/deposits`, { method: 'POST', headers: { authorization: `Bearer ${jp.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ documentKind: 'searchReport', bibliographicData: { ipOfficeCode: 'EP', applicationNumberText: `2390000${LANGUAGES.findIndex((l) => l.code === code)}`, filingDate: '2023-05-01', ipRightType: 'patent' } }) }).then((r) => r.json()) as { depositId: string };
      const staffPages: [string, () => Promise<Response | null>][] = [
        ['documents', () => page.goto(`${ep}/documents`)],
        ['search', () => page.goto(`${ep}/documents?title=solar&state=available`)],
        ['document', () => page.goto(`${ep}/documents/${doc.documentId}`)],
        ['withdraw', () => page.goto(`${ep}/documents/${doc.documentId}/withdraw`)],
        ['deposit', () => page.goto(`${ep}/deposits/new`)],
        ['deposit-errors', async () => { await page.goto(`${ep}/deposits/new`); await page.click('button[value="continue"]'); return null; }],
        ['new-version', () => page.goto(`${ep}/deposits/new?supersedes=${doc.documentId}`)],
        ['parts', () => page.goto(`${ep}/deposits/${draft.depositId}`)],
        ['parts-error', async () => { await page.goto(`${ep}/deposits/${draft.depositId}`); await page.evaluate(`document.querySelector('form[data-upload]').removeAttribute('data-upload'); document.querySelector('form[data-upload], form[enctype]').submit()`); await page.waitForLoadState(); return null; }],
        ['committed', async () => { await page.setInputFiles('#parts', [{ name: 'r.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7') }]); await page.click('form[enctype] button[type="submit"]'); await page.waitForSelector('form[action$="/commit"]'); await page.click('form[action$="/commit"] button'); await page.waitForSelector('.panel'); return null; }],
        ['not-found', () => page.goto(`${ep}/no-such-page`)],
      ];
      const applicant = await browser.newContext();
      await applicant.addCookies([{ name: 'ipex-lang', value: code, url: ep }]);
      const ap = await applicant.newPage();
      const applicantPages: [string, () => Promise<Response | null>][] = [
        ['start', () => ap.goto(ep)],
        ['sign-in-staff', () => ap.goto(`${ep}/sign-in/staff`)],
        ['sign-in-applicant', () => ap.goto(`${ep}/sign-in/applicant`)],
        ['sign-in-error', async () => { await ap.click('button[type="submit"]'); return null; }],
        ['my-documents', async () => { await ap.fill('#applicantKey', doc.applicantKey); await ap.click('button[type="submit"]'); await ap.waitForURL(`${ep}/my-documents`); return null; }],
        ['add-document', () => ap.goto(`${ep}/sign-in/applicant`)],
        ['my-document', () => ap.goto(`${ep}/my-documents/${doc.documentId}`)],
        ['offices', () => ap.goto(`${ep}/my-documents/${doc.documentId}/offices`)],
        ['offices-error', async () => { await ap.check('#mode-2'); for (const box of await ap.locator('input[name=offices]:checked').all()) await box.uncheck(); await ap.click('main form button[type="submit"]'); return null; }],
        ['contact', () => ap.goto(`${ep}/my-documents/${doc.documentId}/contact`)],
        ['contact-error', async () => { await ap.fill('#email', 'not an address'); await ap.click('main form button[type="submit"]'); return null; }],
        ['access-code', () => ap.goto(`${ep}/my-documents/${doc.documentId}/access-code`)],
        ['new-code', async () => { await ap.click('form[action$="/access-code"] button'); await ap.waitForSelector('.panel'); return null; }],
      ];
      const audit = await browser.newContext();
      await audit.addCookies([{ name: 'ipex-lang', value: code, url: ep }]);
      const au = await signInStaff(audit, ep, auditor, '/audit');
      const auditorPages: [string, () => Promise<Response | null>][] = [
        ['audit', () => au.goto(`${ep}/audit`)],
        ['audit-search', () => au.goto(`${ep}/audit?eventType=retrieval.attempt&from=2020-01-01`)],
        ['entry', () => au.goto(`${ep}/audit/entries/1`)],
        ['checkpoint', () => au.goto(`${ep}/audit/checkpoint`)],
      ];
      for (const [name, visit] of [...staffPages.map(([n, v]) => [n, v, page] as const), ...applicantPages.map(([n, v]) => [n, v, ap] as const), ...auditorPages.map(([n, v]) => [n, v, au] as const)].map(([n, v, p]) => [n, async () => ({ res: await v(), p })] as const)) {
        const { res, p } = await visit();
        if (res !== null) expect(res.headers()['content-security-policy'], `${code} ${name}`).to.include("default-src 'none'");
        expect(await p.getAttribute('html', 'lang')).to.equal(code);
        expect(await p.locator('h1').count(), `${code} ${name}: one h1`).to.equal(1);
        if (name.includes('error')) expect(await p.locator('.error-summary a').count(), `${code} ${name}: an error summary`).to.be.greaterThan(0);
        await axe.check(p, code, name);
      }
      await staff.close();
      await applicant.close();
      await audit.close();
    }
    console.log(`      ${axe.summary('clerk, applicant and auditor')}`);
  });

  it('mirrors the layout in Arabic through logical properties', async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: 'ipex-lang', value: 'ar', url: ep }]);
    const page = await context.newPage();
    await page.goto(ep);
    expect(await page.getAttribute('html', 'dir')).to.equal('rtl');
    const office = (await page.locator('.header__office').boundingBox())!;
    const languages = (await page.locator('.languages').boundingBox())!;
    expect(office.x, 'the office name starts on the right').to.be.greaterThan(languages.x);
    const main = (await page.locator('main').boundingBox())!;
    const button = (await page.locator('main .button').first().boundingBox())!;
    expect(main.x + main.width - (button.x + button.width), 'buttons align to the right edge').to.be.lessThan(40);
    expect(button.x - main.x, 'and not to the left').to.be.greaterThan(200);
    expect(await page.textContent('h1')).to.equal('استخدم تبادل الوثائق في هذا المكتب');
    await context.close();
  });

  it('loads each role\'s first page from this node alone, under 150 KB, and saves its screenshot in English and Arabic', async () => {
    const results: string[] = [];
    const check = (role: string, w: { bytes: number; hosts: Set<string> }): void => {
      expect([...w.hosts], role).to.deep.equal([new URL(ep).host]);
      expect(w.bytes, role).to.be.lessThan(FIRST_PAGE_BUDGET);
      results.push(`${role} ${w.bytes} B`);
    };
    const anonymous = await (await browser.newContext()).newPage();
    check('start page', await weigh(anonymous, () => anonymous.goto(ep)));
    for (const language of ['en', 'ar']) {
      const clerkContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      await clerkContext.addCookies([{ name: 'ipex-lang', value: language, url: ep }]);
      const clerkPage = await clerkContext.newPage();
      await clerkPage.goto(`${ep}/sign-in/staff`);
      await clerkPage.fill('#staffToken', clerk);
      const clerkWeight = await weigh(clerkPage, () => clerkPage.click('main button[type="submit"]'));
      if (language === 'en') check('clerk: documents', clerkWeight);
      await screenshot(clerkPage, `clerk-${language}`);
      const applicantContext = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      await applicantContext.addCookies([{ name: 'ipex-lang', value: language, url: ep }]);
      const applicantPage = await applicantContext.newPage();
      await applicantPage.goto(`${ep}/sign-in/applicant`);
      await applicantPage.fill('#applicantKey', deposited[0]!.applicantKey);
      const applicantWeight = await weigh(applicantPage, () => applicantPage.click('main button[type="submit"]'));
      if (language === 'en') check('applicant: documents', applicantWeight);
      await applicantPage.goto(`${ep}/my-documents/${deposited[0]!.documentId}`);
      await screenshot(applicantPage, `applicant-${language}`);
      await clerkContext.close();
      await applicantContext.close();
    }
    console.log(`      first pages: ${results.join(', ')}`);
  });
});
