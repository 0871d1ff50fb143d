/**
 * The whole of issue 11 in one run (its "Tests" section), each step through the portal in a real
 * Chromium against two real offices on loopback, each step asserting what the person sees:
 * a clerk at EP deposits and prints the access-code letter (the PDF is read back to find the
 * code and the key); the applicant signs in with the key from the letter, restricts the document
 * to JP by name and gets a new code; an examiner at JP retrieves with the new code and sees the
 * copy verified check by check; the applicant sees JP's retrieval in the history; an auditor at
 * EP checks that retrieval's inclusion proof in the browser.
 */
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { startTestNetwork, type TestNetwork } from '../integration/network-fixture.js';
import { launchChromium, signInStaff } from './browser-fixture.js';

describe('portal in Chromium: one journey across roles and offices (issue 11)', function () {
  this.timeout(300_000);
  let t: TestNetwork;
  let browser: Browser;

  before(async () => {
    t = await startTestNetwork(['EP', 'JP']);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('deposit and letter at EP, the applicant\'s offices and new code, JP\'s verified retrieval, the history, and the auditor\'s proof', async () => {
    const ep = t.net.node('EP');
    const jp = t.net.node('JP');
    const staff = (node: typeof ep, role: string): string => new StaffTokens(node.context.db, node.context.clock, systemRandom).create(role, 'journey').token;
    const epName = ep.context.config.office.name;
    const jpName = jp.context.config.office.name;

    // 1. The clerk at EP deposits a priority document and prints the letter.
    const clerk = await signInStaff(await browser.newContext(), ep.officeApiUrl, staff(ep, 'clerk'), '/documents');
    await clerk.click('text=Deposit a document');
    await clerk.fill('#applicationNumberText', 'EP 24 100 200');
    await clerk.fill('#filingDate', '2024-02-01');
    await clerk.fill('#inventionTitle', 'Wärmepumpe mit Eisspeicher');
    await clerk.fill('#applicant-0-organisation', 'Kältetechnik AG');
    await clerk.click('button[value="continue"]');
    await clerk.waitForURL(/\/deposits\/[A-Za-z0-9_-]+$/);
    await clerk.setInputFiles('#parts', [{ name: 'priority.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 the priority application') }]);
    await clerk.click('text=Upload');
    await clerk.waitForSelector('text=1 part added');
    await clerk.click('button:has-text("Certify and publish")');
    await clerk.waitForSelector('h1:has-text("Document certified")');
    const shownCode = (await clerk.textContent('[data-testid="access-code"]'))!.trim();
    const [download] = await Promise.all([clerk.waitForEvent('download'), clerk.click('text=Print the access-code letter (PDF)')]);
    const letter = execFileSync('pdftotext', ['-layout', (await download.path())!, '-'], { encoding: 'utf8' });
    const key = /ipexak_[A-Za-z0-9_-]+/.exec(letter)?.[0];
    const groups = shownCode.split('-');
    const printed = new RegExp(groups.map((g) => g.replace(/[$*]/g, (c) => `\\${c}`)).join('\\s+')).exec(letter)?.[0];
    expect(key, 'the applicant key is on the letter').to.be.a('string');
    expect(printed, 'the code is on the letter in groups').to.be.a('string');
    const codeFromLetter = printed!.split(/\s+/).join('-');
    expect(codeFromLetter).to.equal(shownCode);
    expect(letter).to.include(epName).and.include('24100200');
    await clerk.context().close();

    // 2. The applicant signs in with the key from the letter, allows JP only, and gets a new code.
    const applicant: Page = await (await browser.newContext()).newPage();
    await applicant.goto(ep.officeApiUrl);
    await applicant.click('text=Sign in as an applicant');
    await applicant.fill('#applicantKey', key!);
    await applicant.click('button[type="submit"]');
    await applicant.waitForURL(`${ep.officeApiUrl}/my-documents`);
    await applicant.click('tbody a');
    expect(await applicant.textContent('main')).to.include('Wärmepumpe mit Eisspeicher').and.include('No office has tried to retrieve the document yet.');
    const documentUrl = applicant.url();
    await applicant.click('text=Change which offices may retrieve it');
    await applicant.check('#mode-2');
    await applicant.check(`label:has-text("${jpName}")`);
    await applicant.click('text=Save');
    await applicant.waitForSelector('text=The offices that may retrieve the document have been saved.');
    await applicant.click('text=Get a new access code');
    await applicant.click('button:has-text("Get a new access code")');
    const newCode = (await applicant.textContent('[data-testid="access-code"]'))!.trim();
    expect(newCode).not.to.equal(codeFromLetter);

    // 3. An examiner at JP retrieves with the new code and sees the copy verified check by check.
    const examiner = await signInStaff(await browser.newContext(), jp.officeApiUrl, staff(jp, 'examiner'), '/retrievals');
    await examiner.click('text=Retrieve a document');
    await examiner.selectOption('#ipOfficeCode', { label: `${epName} (EP)` });
    await examiner.fill('#applicationNumberText', 'EP 24 100 200');
    await examiner.fill('#filingDate', '2024-02-01');
    await examiner.fill('#accessCode', newCode);
    expect(await examiner.textContent('#accessCode-check')).to.equal('The check character matches: no typo found.');
    await examiner.click('main button[type="submit"]');
    await examiner.waitForSelector('a:has-text("Open the certified copy")', { timeout: 60_000 });
    await examiner.click('text=Open the certified copy');
    expect(await examiner.textContent('main')).to.include('Wärmepumpe mit Eisspeicher');
    await examiner.click('text=Verify this copy again, check by check');
    await examiner.waitForSelector('h1:has-text("Verification of the certified copy")');
    expect(await examiner.textContent('[role="status"]')).to.include('Every check passed.');
    const checks = await examiner.locator('tbody tr').allTextContents();
    for (const check of ['The manifest’s signature', 'The part’s size and SHA-256 match the manifest', 'The receipt reached the office', 'That office’s signed log holds this retrieval']) {
      expect(checks.some((r) => r.includes(check) && r.includes('Passed')), check).to.equal(true);
    }
    await examiner.context().close();

    // 4. The applicant sees JP's retrieval, confirmed by its receipt.
    await applicant.goto(documentUrl);
    const row = applicant.locator('tbody tr', { hasText: jpName });
    expect(await row.count()).to.equal(1);
    expect(await row.textContent()).to.include('Retrieved').and.include('Confirmed on');
    const logIndex = /Audit log entry ([\d,]+)/.exec((await row.textContent())!)?.[1]?.replace(/,/g, '');
    expect(logIndex, 'the history names the audit-log entry').to.be.a('string');
    await applicant.context().close();

    // 5. An auditor at EP checks that entry's inclusion proof in the browser.
    const auditor = await signInStaff(await browser.newContext(), ep.officeApiUrl, staff(ep, 'auditor'), '/audit');
    await auditor.goto(`${ep.officeApiUrl}/audit/entries/${logIndex}`);
    expect(await auditor.textContent('main')).to.include('retrieval.attempt');
    await auditor.click('button:has-text("Check in this browser")');
    await auditor.waitForSelector('[data-results] li.check--ok >> nth=1');
    const results = await auditor.locator('[data-results] li').allTextContents();
    expect(results[0]).to.equal('The checkpoint is signed with the log key of the signed directory.');
    expect(results[1]).to.match(/^The entry is in the log of [\d,]+ entries that the checkpoint signs\.$/);
    await auditor.context().close();
  });
});
