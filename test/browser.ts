/**
 * The browser tier: Chromium through playwright-core (no bundled browser download) and axe-core checks.
 * Use inside `describeBrowser` (test/tiers.ts), which skips unless TEST_BROWSER=1.
 */
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumPath } from './tiers.js';

/** Headless Chromium at CHROMIUM_PATH (default /usr/bin/chromium). Close it in afterAll. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`No Chromium at ${chromiumPath} (set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: chromiumPath,
    // Without the background-networking flags Chromium's own calls home stall on a closed network.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page in a context of its own, as a Chinese user sees it (axeScan needs a page from browser.newContext(),
 * not browser.newPage()). Close it with `await page.context().close()`.
 */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  return context.newPage();
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeScanOptions {
  /** Only scan under this selector. */
  include?: string;
  /** Leave this selector out (e.g. a third-party widget). */
  exclude?: string;
  /** Rule ids to switch off; say why next to the call. */
  disableRules?: string[];
}

/**
 * WCAG 2.1 A/AA violations on the page, one readable string each, so that
 * `expect(await axeScan(page)).toEqual([])` prints what is wrong and where.
 */
export async function axeScan(page: Page, options: AxeScanOptions = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (options.include) builder = builder.include(options.include);
  if (options.exclude) builder = builder.exclude(options.exclude);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const { violations } = await builder.analyze();
  return violations.map((v) => {
    const nodes = v.nodes.map((n) => `    at ${n.target.join(' ')}: ${n.html.slice(0, 160)}`).join('\n');
    return `[${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}`;
  });
}
