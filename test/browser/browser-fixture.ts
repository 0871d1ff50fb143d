/**
 * The browser tests' set-up (issue 11): Debian's Chromium driven by playwright-core (no browser
 * download), with the flags this machine needs, and small helpers: keyboard navigation, axe-core
 * run inside a page, and the bytes a page load transferred.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page, Response } from 'playwright-core';

export { CHROMIUM, launchChromium } from '../../scripts/chromium.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: { readonly target: unknown[] }[];
}

/** Runs axe-core (WCAG 2.x A and AA rules, 2.2 included) on the page; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate() is not subject to the page's CSP, which (rightly) refuses injected scripts.
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page: the test code itself is compiled without the DOM's types.
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
}

/** Presses Tab until the focused element matches `selector` (keyboard-only use); fails after `max`. */
export async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(`document.activeElement !== null && document.activeElement.matches(${JSON.stringify(selector)})`)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Violations by language and impact, over a test's page views (reported in the test output). */
export class AxeTally {
  readonly impacts: Record<string, Record<string, number>> = {};
  views = 0;

  /** Runs axe-core on the page, counts its violations, and fails on a serious or critical one. */
  async check(page: Page, language: string, name: string): Promise<void> {
    const counts = (this.impacts[language] ??= {});
    const violations = await axeViolations(page);
    for (const v of violations) counts[v.impact ?? 'none'] = (counts[v.impact ?? 'none'] ?? 0) + 1;
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, `${language} ${name}: ${JSON.stringify(serious)}`).to.deep.equal([]);
    this.views++;
  }

  summary(what: string): string {
    return `axe-core (${what}): ${this.views} page views in ${Object.keys(this.impacts).length} languages; violations by impact: ${JSON.stringify(this.impacts)}`;
  }
}

/** Signs a member of staff in with their token through the form, and waits for their first page. */
export async function signInStaff(context: BrowserContext, base: string, token: string, firstPage: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/sign-in/staff`);
  await page.fill('#staffToken', token);
  await page.click('main button[type="submit"]');
  await page.waitForURL(`${base}${firstPage}`);
  return page;
}

/** Each role's first page must weigh less than this (issue 11: a slow link). */
export const FIRST_PAGE_BUDGET = 150 * 1024;

/**
 * What loading a page costs (deterministic, never a time): the bytes of every response's body and
 * headers as Chromium received them (the node sends no compression), and the hosts they came from.
 */
export async function weigh(page: Page, go: () => Promise<unknown>): Promise<{ bytes: number; hosts: Set<string> }> {
  const bodies: Promise<number>[] = [];
  const hosts = new Set<string>();
  const listener = (r: Response): void => {
    hosts.add(new URL(r.url()).host);
    bodies.push(r.body().then((b) => b.length + JSON.stringify(r.headers()).length, () => 0));
  };
  page.on('response', listener);
  await go();
  await page.waitForLoadState('load');
  page.off('response', listener);
  return { bytes: (await Promise.all(bodies)).reduce((a, b) => a + b, 0), hosts };
}

/** Where the test run saves screenshots (the current ones are copied to docs/portal/ by hand). */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Saves a full-page screenshot of a role's page as `<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
