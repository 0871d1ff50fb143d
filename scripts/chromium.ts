/**
 * Debian's Chromium driven by playwright-core (no browser download; DEVELOPERS.md), with the
 * flags this machine needs: shared by the browser tests (test/browser/) and the benchmark of the
 * portal on a slow link (bench/scenarios/slow-link.ts), so both drive the same browser the same way.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.IPEX_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
