/**
 * 年报体检 in Chromium (TEST_BROWSER=1): a reader reaches the page from the portal header, uploads a report
 * and gets the result without JavaScript; the form and the results (pass, fail, unreadable) pass axe (WCAG
 * 2.1 A/AA) in every site variant at 1280 and 320 px, and the page never scrolls sideways — the wide tables
 * scroll inside their own labelled regions. The standalone report file (render/html.tsx) passes too.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { axeScan, launchBrowser } from '../../../../test/browser.js';
import { describeBrowser } from '../../../../test/tiers.js';
import { FIXTURES, seedText } from '../checker/checker.fixture.js';
import { reportHtmlFile } from '../render/html.js';
import { sampleReport } from '../render/render.fixture.js';
import { CHECK_PATH } from '../routes/checker-page.routes.js';

describeBrowser('年报体检 in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    t = await testApp('sqlite');
    t.clock.set(new Date().toISOString()); // the CSRF cookie is checked against real time
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function page(javaScriptEnabled = true): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const p = await context.newPage();
    p.setDefaultTimeout(20_000);
    return p;
  }

  const reflows = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  async function scan(p: Page, what: string) {
    for (const width of [1280, 320]) {
      await p.setViewportSize({ width, height: 900 });
      expect(await axeScan(p), `${what} at ${width}px`).toEqual([]);
      expect(await reflows(p), `${what} reflows at ${width}px`).toBe(true);
    }
  }

  it('from the header to a result, without JavaScript', async () => {
    const p = await page(false);
    await p.goto(`${origin}/`);
    await p.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '年报体检' }).click();
    await p.waitForURL(`${origin}${CHECK_PATH}`);
    await p.getByLabel('报告文件').setInputFiles(path.join(FIXTURES, 'report-2021.docx'));
    await p.getByRole('button', { name: '开始体检' }).click();
    await p.getByRole('heading', { name: '年报体检结果' }).waitFor();
    expect(await p.locator('.verdict-word').textContent()).toBe('通过');
    expect(await p.locator('main').textContent()).toContain('江北市生态环境局');
    await p.context().close();
  }, 60_000);

  it('the form and every kind of result pass axe in every variant at 1280 and 320 px', async () => {
    const p = await page();
    const tampered = seedText('seed-003-2019').replace(
      /(\|\s*一、本年新收政府信息公开申请数量[^\n]*?\|\s*)6(\s*\|)/,
      '$17$2',
    );
    for (const prefix of ['', '/lb', '/ft', '/lb/ft']) {
      await p.goto(`${origin}${prefix}${CHECK_PATH}`);
      await scan(p, `${prefix} form`);
      await p.setViewportSize({ width: 1280, height: 900 });
      const inputs = [
        { file: path.join(FIXTURES, 'rendered-2021.html'), what: 'pass' },
        { text: tampered, what: 'fail' },
        { text: '今天天气很好。', what: 'unreadable' },
      ];
      for (const input of inputs) {
        await p.goto(`${origin}${prefix}${CHECK_PATH}`);
        if (input.file) await p.locator('#check-file').setInputFiles(input.file);
        else await p.locator('#check-text').fill(input.text!);
        await p.locator('form.report-check-form button[type=submit]').click();
        await p.locator('.verdict-word').waitFor();
        await scan(p, `${prefix} ${input.what}`);
        await p.setViewportSize({ width: 1280, height: 900 });
      }
    }
    // An empty submission: the form again with its message.
    await p.goto(`${origin}${CHECK_PATH}`);
    await p.locator('form.report-check-form button[type=submit]').click();
    await p.getByRole('alert').waitFor();
    await scan(p, 'form with a problem');
    await p.context().close();
  }, 240_000);

  it('the standalone report file passes axe and scrolls its tables, not the page, at 320 px', async () => {
    const p = await page();
    await p.setContent(reportHtmlFile(sampleReport()));
    await scan(p, 'standalone report');
    await p.setViewportSize({ width: 320, height: 900 });
    const regions = await p.evaluate(() =>
      Array.from(document.querySelectorAll('section.table-wrap')).map((s) => ({
        label: s.getAttribute('aria-label'),
        scrolls: s.scrollWidth > s.clientWidth,
      })),
    );
    expect(regions.map((r) => r.label)).toEqual([
      '表二　主动公开政府信息情况',
      '表三　收到和处理政府信息公开申请情况',
      '表四　政府信息公开行政复议、行政诉讼情况',
    ]);
    expect(regions.every((r) => r.scrolls)).toBe(true);
    await p.context().close();
  }, 60_000);
});
