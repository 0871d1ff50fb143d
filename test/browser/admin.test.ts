/**
 * The administrator's pages in a real Chromium (issue 11): an administrator at EP signs in to the
 * overview; makes a staff token (shown once) with the keyboard alone, sees it work, and revokes it
 * behind a confirmation, which ends the sessions signed in with it; reads the directory and its
 * expiry, the peers with their last contact and the witnesses; acknowledges an alert and sends a
 * dead letter again; adds a webhook without scripts (secret shown once) and removes it. A forged
 * CSRF token changes nothing. Then axe-core over every administrator page in every language,
 * the Arabic layout, and the administrator's and auditor's first pages weighed and photographed.
 */
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DemoNetwork } from '../../scripts/demo/network.js';
import { StaffTokens } from '../../node/services/staff/staff-tokens.js';
import { staffAlertsFor } from '../../node/services/staff/staff-alerts.js';
import { WitnessRound } from '../../node/services/audit/witness-round.js';
import { exchangeClientFor } from '../../node/services/retrieval/index.js';
import { LANGUAGES } from '../../node/portal/i18n/languages.js';
import { systemRandom } from '../../protocol/runtime/clock.js';
import { depositPriorityDocument, EP_APP } from '../integration/network-fixture.js';
import { AxeTally, FIRST_PAGE_BUDGET, launchChromium, screenshot, signInStaff, tabTo, weigh } from './browser-fixture.js';

describe('portal in Chromium: the administrator (issue 11)', function () {
  this.timeout(240_000);
  let baseDir: string;
  let net: DemoNetwork;
  let browser: Browser;
  let ep: string;
  let admin: string;
  let jpName: string;
  let webhookId = 0;

  /** A dead letter: a webhook that nobody answers, three fast attempts. */
  async function deadLetter(): Promise<void> {
    const api = net.api('EP');
    const hook = await fetch(`${ep}/api/v1/webhooks`, { method: 'POST', headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://127.0.0.1:9/gone', events: ['document.deposited'] }) }).then((r) => r.json()) as { id: number };
    webhookId = hook.id;
    await depositPriorityDocument(api, 1000, { ...EP_APP, applicationNumberText: '23600001' });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const dead = await fetch(`${ep}/api/v1/outbox`, { headers: { authorization: `Bearer ${api.token}` } }).then((r) => r.json()) as { items: unknown[] };
      if (dead.items.length > 0) return;
      if (Date.now() > deadline) throw new Error('no dead letter after 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  before(async () => {
    baseDir = mkdtempSync(join(tmpdir(), 'ipex-browser-admin-'));
    net = await DemoNetwork.create({ baseDir, offices: ['EP', 'JP'] });
    const config = join(net.office('EP').dataDir, 'ipex.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), notifications: { outbox: { maxAttempts: 3, retryBaseSeconds: 1, retryMaxMinutes: 1 } } }));
    await net.startAll();
    const node = net.node('EP');
    ep = node.officeApiUrl;
    admin = new StaffTokens(node.context.db, node.context.clock, systemRandom).create('admin', 'browser test').token;
    jpName = net.node('JP').context.config.office.name;
    // JP retrieves from EP, and EP's log is witnessed by JP: the peers and witnesses pages have something to show
    const { accessCode } = await depositPriorityDocument(net.api('EP'), 1000);
    await net.api('JP').waitForJob((await net.api('JP').retrieve({ ...EP_APP, accessCode: accessCode! })).jobId, 60_000);
    node.context.audit.checkpointNow();
    await new WitnessRound(node.context, { client: () => exchangeClientFor(node.context, systemRandom) }).run();
    await deadLetter();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await net?.stopAll();
    if (baseDir !== undefined) rmSync(baseDir, { recursive: true, force: true });
  });

  const signIn = async (language = 'en', options: { javaScriptEnabled?: boolean } = {}): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, ...options });
    await context.addCookies([{ name: 'ipex-lang', value: language, url: ep }]);
    return signInStaff(context, ep, admin, '/admin');
  };

  it('makes a staff token with the keyboard alone, shows it once, and revokes it behind a confirmation that ends its sessions', async () => {
    const page = await signIn();
    expect(await page.textContent('h1')).to.equal('Administration');
    expect(await page.textContent('main')).to.match(/\d+ days left/).and.include('open alert');
    await page.click('nav.subnav >> text=Staff tokens');
    await tabTo(page, '#role');
    await page.keyboard.press('ArrowDown'); // clerk → examiner
    await tabTo(page, '#label');
    await page.keyboard.type('Ana Pérez — فاحصة');
    const [made] = await Promise.all([page.waitForResponse((r) => r.url() === `${ep}/admin/tokens` && r.request().method() === 'POST'), page.keyboard.press('Enter')]);
    expect(made.headers()['cache-control']).to.equal('no-store');
    expect(await page.textContent('h1')).to.equal('Staff token made');
    expect(await page.textContent('main')).to.include('The examiner token “Ana Pérez — فاحصة”');
    const token = (await page.textContent('[data-testid="staff-token"]'))!.trim();
    expect(token).to.match(/^ipex_[A-Za-z0-9_-]{43}$/);

    // the token works: an examiner signs in with it
    const examinerContext = await browser.newContext();
    const examiner = await signInStaff(examinerContext, ep, token, '/retrievals');
    // the list shows it without its value; revoking it says what it does first
    await page.goto(`${ep}/admin/tokens`);
    expect(await page.textContent('main')).not.to.include(token);
    await page.click('a:has-text("Revoke “Ana Pérez — فاحصة”")');
    expect(await page.textContent('h1')).to.equal('Revoke a staff token');
    expect(await page.textContent('main')).to.include('everyone signed in with it is signed out').and.include('cannot be undone');
    // a forged CSRF token is refused and the token still works
    await page.evaluate(`document.querySelector('main form input[name=csrf]').value = 'forged'`);
    await page.click('button:has-text("Revoke the token")');
    expect(await page.textContent('main')).to.include('CSRF_TOKEN_INVALID');
    await examiner.goto(`${ep}/retrievals`);
    expect(examiner.url()).to.equal(`${ep}/retrievals`);
    await page.goBack();
    await page.reload();
    await page.click('button:has-text("Revoke the token")');
    await page.waitForURL(/\/admin\/tokens\?revoked=\d+$/);
    expect(await page.textContent('[role=status]')).to.match(/Token \d+ has been revoked/);
    expect(await page.locator('tr', { hasText: 'Ana Pérez' }).textContent()).to.include('Revoked on');
    await examiner.goto(`${ep}/retrievals`);
    expect(examiner.url()).to.equal(`${ep}/?ended=1`);
    await examinerContext.close();
    await page.context().close();
  });

  it('shows the directory and its expiry, the peers with their last contact, and the witnesses', async () => {
    const page = await signIn();
    await page.click('nav.subnav >> text=Directory');
    const { directory } = await net.node('EP').context.trust.refresh();
    const summary = await page.textContent('.summary');
    expect(summary).to.include(directory.network).and.include(String(directory.serial)).and.match(/\d+ days left/);
    expect(await page.locator('tbody tr').count()).to.equal(directory.offices.length);
    await page.click('nav.subnav >> text=Peers');
    const row = page.locator('tbody tr', { hasText: jpName });
    expect(await row.textContent()).to.include('Active').and.include('HTTP status 200');
    expect(await row.locator('td').nth(2).textContent()).not.to.include('Not since');
    await page.click('nav.subnav >> text=Witnesses');
    expect(await page.textContent('main')).to.include('No inconsistency has been found').and.include(jpName);
    await page.context().close();
  });

  it('acknowledges an alert and sends an undelivered message again', async () => {
    staffAlertsFor(net.node('EP').context).raise({ kind: 'part.damaged', subject: 'sha256:0000', detail: 'a stored part no longer matches its digest; restore it from a backup' });
    const page = await signIn();
    await page.click('nav.subnav >> text=Alerts');
    await page.waitForSelector('text=part.damaged');
    await page.click('button:has-text("Acknowledge part.damaged")');
    await page.waitForURL(`${ep}/admin/alerts`);
    expect(await page.locator('button:has-text("Acknowledge part.damaged")').count()).to.equal(0);
    await page.click('text=Show acknowledged alerts too');
    expect(await page.locator('tr', { hasText: 'part.damaged' }).textContent()).to.include('Acknowledged on');

    await page.click('nav.subnav >> text=Undelivered messages');
    const retry = page.locator('button:has-text("Send message")').first();
    await retry.click();
    await page.waitForURL(/\/admin\/outbox\?retried=\d+$/);
    expect(await page.textContent('[role=status]')).to.include('queued again');
    await page.context().close();
  });

  it('adds a webhook without scripts, shows its secret once, and removes it behind a confirmation', async () => {
    const page = await signIn('en', { javaScriptEnabled: false });
    await page.goto(`${ep}/admin/webhooks`);
    await page.click('button:has-text("Add the webhook")');
    expect(await page.locator('.error-summary a').allTextContents()).to.deep.equal(['Enter an address that starts with https:// (or http:// on this computer)', 'Choose at least one event']);
    await page.fill('#url', 'https://erp.office.example/ipex-events');
    await page.check('label:has-text("document.retrieved")');
    await page.fill('#description', 'ERP — نظام التخطيط');
    await page.click('button:has-text("Add the webhook")');
    expect(await page.textContent('h1')).to.equal('Webhook added');
    expect((await page.textContent('[data-testid="webhook-secret"]'))!.trim()).to.match(/^whsec_/);
    await page.click('text=Back to the webhooks');
    await page.click('a:has-text("Remove https://erp.office.example/ipex-events")');
    expect(await page.textContent('main')).to.include('no more events are sent to this address');
    await page.click('button:has-text("Remove the webhook")');
    await page.waitForURL(`${ep}/admin/webhooks`);
    expect(await page.textContent('main')).not.to.include('erp.office.example');
    await page.context().close();
  });

  it('has no serious or critical axe-core violations on any administrator page, in any language, and mirrors in Arabic', async function () {
    this.timeout(600_000);
    const axe = new AxeTally();
    const tokenId = new StaffTokens(net.node('EP').context.db, net.node('EP').context.clock, systemRandom).create('clerk', 'axe').info.id;
    for (const { code } of LANGUAGES) {
      const page = await signIn(code);
      const pages: [string, () => Promise<unknown>][] = [
        ['overview', () => page.goto(`${ep}/admin`)],
        ['tokens', () => page.goto(`${ep}/admin/tokens`)],
        ['token-error', () => page.click('main form button[type="submit"]')],
        ['token-made', async () => { await page.fill('#label', `axe ${code}`); await page.click('main form button[type="submit"]'); }],
        ['revoke', () => page.goto(`${ep}/admin/tokens/${tokenId}/revoke`)],
        ['directory', () => page.goto(`${ep}/admin/directory`)],
        ['peers', () => page.goto(`${ep}/admin/peers`)],
        ['witnesses', () => page.goto(`${ep}/admin/witnesses`)],
        ['alerts', () => page.goto(`${ep}/admin/alerts?state=all`)],
        ['outbox', () => page.goto(`${ep}/admin/outbox`)],
        ['webhooks', () => page.goto(`${ep}/admin/webhooks`)],
        ['webhook-error', () => page.click('main form button[type="submit"]')],
        ['remove-webhook', () => page.goto(`${ep}/admin/webhooks/${webhookId}/remove`)],
      ];
      for (const [name, visit] of pages) {
        await visit();
        await page.waitForLoadState();
        expect(await page.getAttribute('html', 'lang')).to.equal(code);
        expect(await page.locator('h1').count(), `${code} ${name}: one h1`).to.equal(1);
        if (name.endsWith('error')) expect(await page.locator('.error-summary a').count(), `${code} ${name}: an error summary`).to.be.greaterThan(0);
        await axe.check(page, code, name);
      }
      if (code === 'ar') {
        await page.goto(`${ep}/admin`);
        expect(await page.getAttribute('html', 'dir')).to.equal('rtl');
        const first = (await page.locator('nav.subnav li').first().boundingBox())!;
        const second = (await page.locator('nav.subnav li').nth(1).boundingBox())!;
        expect(first.x, 'the administration\'s links run right to left').to.be.greaterThan(second.x);
      }
      await page.context().close();
    }
    console.log(`      ${axe.summary('administrator')}`);
  });

  it('loads the administrator\'s and auditor\'s first pages from this node alone, under 150 KB, and saves their screenshots', async () => {
    const auditor = new StaffTokens(net.node('EP').context.db, net.node('EP').context.clock, systemRandom).create('auditor', 'weights').token;
    const results: string[] = [];
    for (const [role, token, first] of [['administrator', admin, '/admin'], ['auditor', auditor, '/audit']] as const) {
      for (const language of ['en', 'ar']) {
        const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
        await context.addCookies([{ name: 'ipex-lang', value: language, url: ep }]);
        const page = await context.newPage();
        await page.goto(`${ep}/sign-in/staff`);
        await page.fill('#staffToken', token);
        const weight = await weigh(page, () => page.click('main button[type="submit"]'));
        expect(page.url()).to.equal(`${ep}${first}`);
        if (language === 'en') {
          expect([...weight.hosts], role).to.deep.equal([new URL(ep).host]);
          expect(weight.bytes, role).to.be.lessThan(FIRST_PAGE_BUDGET);
          results.push(`${role} ${weight.bytes} B`);
        }
        await screenshot(page, `${role === 'administrator' ? 'admin' : 'auditor'}-${language}`);
        await context.close();
      }
    }
    console.log(`      first pages: ${results.join(', ')}`);
  });
});
