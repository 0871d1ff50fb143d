/**
 * The examiner's journey in a real Chromium (issue 11, part 2): an examiner at JP signs in,
 * chooses EP by name, types the access code and sees its check character checked as it is
 * typed, retrieves; the job page follows the job live until the copy is there; the copy is
 * verified again check by check and its parts download; the dossier of the application at EP
 * lists its search report and retrieves it. Then axe-core over every examiner page in every
 * language.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Readable } from 'node:stream';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { LANGUAGES } from '../../node/portal/i18n/languages.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { startTestNetwork, type TestNetwork } from '../integration/network-fixture.js';
import { AxeTally, FIRST_PAGE_BUDGET, launchChromium, screenshot, signInStaff, weigh } from './browser-fixture.js';

const APPLICATION = { ipOfficeCode: 'EP', applicationNumberText: '23444555', filingDate: '2023-04-01', ipRightType: 'patent' } as const;

describe('portal in Chromium: the examiner (issue 11)', function () {
  this.timeout(180_000);
  let t: TestNetwork;
  let browser: Browser;
  let jp: string;
  let examiner: string;
  let epName: string;
  let accessCode: string;
  let copyUrl: string;

  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    const node = t.net.node('JP');
    jp = node.officeApiUrl;
    examiner = new StaffTokens(node.context.db, node.context.clock, systemRandom).create('examiner', 'browser test').token;
    epName = t.net.node('EP').context.config.office.name;
    // Available in a few seconds: the job is still waiting when its page is first shown.
    const ep = t.net.api('EP');
    accessCode = (await ep.deposit({ documentKind: 'priorityDocument', availableFrom: new Date(Date.now() + 6000).toISOString(), bibliographicData: { ...APPLICATION, inventionTitle: 'Kältemittel' } },
      [{ name: 'claims.pdf', mediaType: 'application/pdf', body: () => Readable.from([Buffer.from('%PDF-1.7 claims')]) }])).accessCode!;
    await ep.deposit({ documentKind: 'searchReport', bibliographicData: APPLICATION },
      [{ name: 'search.pdf', mediaType: 'application/pdf', body: () => Readable.from([Buffer.from('%PDF-1.7 search')]) }]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const signIn = (context: BrowserContext): Promise<Page> => signInStaff(context, jp, examiner, '/retrievals');

  it('retrieves with the check character checked as typed, follows the job live, and verifies the copy check by check', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    await page.click('text=Retrieve a document');
    await page.selectOption('#ipOfficeCode', { label: `${epName} (EP)` });
    await page.fill('#applicationNumberText', 'EP 23 444 555');
    await page.fill('#filingDate', APPLICATION.filingDate);
    const plain = accessCode.replace(/-/g, '');
    await page.type('#accessCode', plain.slice(0, 5));
    expect(await page.textContent('#accessCode-check')).to.equal('Characters typed: 5 of 14');
    const wrongLast = plain.at(-1) === '0' ? '1' : '0';
    await page.type('#accessCode', `${plain.slice(5, -1)}${wrongLast}`);
    expect(await page.textContent('#accessCode-check')).to.equal('The check character does not match: there is a typo in the code.');
    await page.fill('#accessCode', accessCode.toLowerCase());
    expect(await page.textContent('#accessCode-check')).to.equal('The check character matches: no typo found.');
    await page.click('main button[type="submit"]');
    await page.waitForURL(/\/retrievals\/[^/]+$/);
    expect(await page.textContent('[data-job-state]')).to.be.oneOf(['Waiting to start', 'Not yet available']);
    // no reload by the test: the page's script follows the job and shows the copy when it is there
    await page.waitForSelector('a:has-text("Open the certified copy")', { timeout: 60_000 });
    expect(await page.textContent('[data-job-state]')).to.equal('Retrieved and verified');
    expect(await page.textContent('[data-job-bytes]')).to.match(/^\d+ bytes of \d+ bytes$/);

    await page.click('text=Open the certified copy');
    copyUrl = page.url();
    expect(await page.textContent('main')).to.include(epName).and.include('Kältemittel');
    const download = await page.request.get(`${jp}${await page.getAttribute('a[download]:has-text("Download")', 'href')}`);
    expect(download.status()).to.equal(200);
    expect((await download.body()).toString()).to.equal('%PDF-1.7 claims');
    await page.click('text=Verify this copy again, check by check');
    await page.waitForSelector('h1:has-text("Verification of the certified copy")');
    expect(await page.textContent('[role="status"]')).to.include('Every check passed.');
    const rows = await page.locator('tbody tr').allTextContents();
    for (const check of ['The manifest’s signature', 'The part’s size and SHA-256 match the manifest', 'The part’s own signature', 'The receipt reached the office', 'That office’s signed log holds this retrieval']) {
      expect(rows.some((r) => r.includes(check) && r.includes('Passed')), check).to.equal(true);
    }
    await context.close();
  });

  it('lists the dossier of the application at the other office and retrieves its search report', async () => {
    const context = await browser.newContext();
    const page = await signIn(context);
    await page.click('nav.sections >> text=Dossiers');
    await page.selectOption('#ipOfficeCode', 'EP');
    await page.fill('#applicationNumberText', APPLICATION.applicationNumberText);
    await page.fill('#filingDate', APPLICATION.filingDate);
    await page.click('button:has-text("Look at the dossier")');
    await page.waitForSelector('text=1 document');
    expect(await page.textContent('tbody')).to.include('Search report');
    await page.click('tbody button:has-text("Retrieve")');
    await page.waitForSelector('a:has-text("Open the certified copy")', { timeout: 60_000 });
    await context.close();
  });

  it('loads the examiner\'s first page from this node alone, under 150 KB, and saves its screenshot in English and Arabic', async () => {
    for (const language of ['en', 'ar']) {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
      await context.addCookies([{ name: 'ipex-lang', value: language, url: jp }]);
      const page = await context.newPage();
      await page.goto(`${jp}/sign-in/staff`);
      await page.fill('#staffToken', examiner);
      const w = await weigh(page, () => page.click('main button[type="submit"]'));
      expect(page.url()).to.equal(`${jp}/retrievals`);
      expect([...w.hosts]).to.deep.equal([new URL(jp).host]);
      expect(w.bytes).to.be.lessThan(FIRST_PAGE_BUDGET);
      if (language === 'en') console.log(`      first page: examiner: retrievals ${w.bytes} B`);
      await screenshot(page, `examiner-${language}`);
      await context.close();
    }
  });

  it('has no serious or critical axe-core violations on any examiner page, in any language', async function () {
    this.timeout(300_000);
    const axe = new AxeTally();
    for (const { code } of LANGUAGES) {
      const context = await browser.newContext();
      await context.addCookies([{ name: 'ipex-lang', value: code, url: jp }]);
      const page = await signIn(context);
      const jobUrl = `${jp}${await page.getAttribute('tbody a', 'href')}`;
      const visits: [string, () => Promise<unknown>][] = [
        ['jobs', async () => undefined],
        ['retrieve', () => page.goto(`${jp}/retrievals/new`)],
        ['retrieve-errors', () => page.click('main button[type="submit"]')],
        ['job', () => page.goto(jobUrl)],
        ['copies', () => page.goto(`${jp}/copies`)],
        ['copy', () => page.goto(copyUrl)],
        ['verification', () => page.goto(`${copyUrl}/verification`)],
        ['dossier', () => page.goto(`${jp}/dossiers?ipOfficeCode=EP&applicationNumberText=${APPLICATION.applicationNumberText}&filingDate=${APPLICATION.filingDate}&ipRightType=patent`)],
      ];
      for (const [name, visit] of visits) {
        await visit();
        await page.waitForLoadState();
        expect(await page.getAttribute('html', 'lang')).to.equal(code);
        expect(await page.locator('h1').count(), `${code} ${name}: one h1`).to.equal(1);
        if (name.includes('error')) expect(await page.locator('.error-summary a').count(), `${code} ${name}`).to.be.greaterThan(0);
        await axe.check(page, code, name);
      }
      await context.close();
    }
    console.log(`      ${axe.summary('examiner')}`);
  });
});
