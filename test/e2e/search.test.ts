/**
 * Browser journeys of the public search: from an agency's section, words typed into the header's
 * search box go to the whole platform; a filter chosen in 高级搜索 narrows the hits; a hit opens its
 * item page. The search pages (hits, no hits, bad input) pass an axe scan (WCAG 2.1 A/AA) at 1280
 * and 320 px and reflow without horizontal scrolling at 320 px; the form works without JavaScript.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findNodeBySlugPath } from '../../src/modules/catalog/catalog.repository.js';
import { approvePublication } from '../../src/modules/publications/commands/approve-step.js';
import { publishNow } from '../../src/modules/publications/commands/publish-now.js';
import { submitPublication } from '../../src/modules/publications/commands/submit-publication.js';
import {
  countyReviewers,
  publishInCounty,
} from '../../src/modules/publications/oversight/oversight.fixtures.js';
import { buildPublication, ctxOf, MZ, QH } from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { type TestApp, testApp } from '../app.js';
import { axeScan, launchBrowser, newPage } from '../browser.js';
import { describeBrowser } from '../tiers.js';

describeBrowser('public search in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let mzCode: string;
  let qhCode: string;
  const ids = { policy: '', notice: '', county: '' };

  async function publish(p: Publication): Promise<Publication> {
    await submitPublication(await ctxOf(t, 'mz.editor'), p.id);
    await approvePublication(await ctxOf(t, 'mz.reviewer'), p.id);
    await approvePublication(await ctxOf(t, 'mz.secrecy'), p.id);
    return publishNow(await ctxOf(t, 'mz.signer'), p.id);
  }

  beforeAll(async () => {
    t = await testApp('sqlite');
    const db = t.services.db;
    const codeOf = async (name: string) =>
      (
        await db
          .selectFrom('agencies')
          .select('code')
          .where('id', '=', t.agencies[name]!)
          .executeTakeFirstOrThrow()
      ).code;
    mzCode = await codeOf(MZ);
    qhCode = await codeOf(QH);
    await countyReviewers(t);
    ids.policy = (
      await publish(
        await buildPublication.draft(t, {
          title: '示例市最低生活保障办法',
          body: '第一条 为保障城乡居民基本生活，制定本办法。\n\n第二条 最低生活保障标准按月计算。',
          summary: '规定本市城乡居民最低生活保障的对象、标准和审批程序。',
          columnId: (await findNodeBySlugPath(db, t.agencies[MZ]!, ['fdzdgknr', 'xzgfxwj']))!.id,
          genre: 'normativeDocument',
          validity: 'effective',
          docNoPrefix: '示民规',
          docNoNumber: 1,
        }),
      )
    ).id;
    t.clock.advance(86_400_000);
    ids.notice = (
      await publish(
        await buildPublication.draft(t, {
          title: '关于做好最低生活保障年度核查工作的通知',
          body: '各区民政局：请做好最低生活保障对象年度核查。',
          summary: '部署最低生活保障年度核查。',
          genre: 'notice',
          docNoNumber: 8,
        }),
      )
    ).id;
    t.clock.advance(86_400_000);
    ids.county = (
      await publishInCounty(t, {
        title: '清河县最低生活保障资金发放情况公示',
        summary: '一季度最低生活保障资金发放情况。',
        docNoPrefix: '清民发',
        docNoNumber: 2,
      })
    ).id;
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const reflows = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
  const hitTitles = (page: Page) => page.locator('li.hit h3').allTextContents();

  it('header box → whole platform → filter in 高级搜索 → item page', async () => {
    const page = await newPage(browser);
    await page.goto(`${origin}/gk/${mzCode}`);
    const box = page.getByRole('search', { name: '搜索本机关信息' });
    await box.getByLabel('搜索本机关信息').fill('最低生活保障');
    await box.getByRole('button', { name: '搜全平台' }).click();
    await page.waitForURL(/\/search\?q=/);
    expect(new URL(page.url()).pathname).toBe('/search');
    expect((await hitTitles(page)).sort()).toEqual(
      [
        '示例市最低生活保障办法',
        '关于做好最低生活保障年度核查工作的通知',
        '清河县最低生活保障资金发放情况公示',
      ].sort(),
    );
    expect(await page.locator('main mark').first().isVisible()).toBe(true);

    const form = page.getByRole('search', { name: '搜索条件' });
    await form.getByText('高级搜索（筛选条件与排序）').click();
    await form.getByLabel('发布机构').selectOption(mzCode);
    await form.getByLabel('体裁').selectOption({ label: '行政规范性文件' });
    await form.locator('details').getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/genre=normativeDocument/);
    const url = new URL(page.url());
    expect(url.searchParams.get('agency')).toBe(mzCode);
    expect(url.searchParams.get('q')).toBe('最低生活保障');
    expect(await hitTitles(page)).toEqual(['示例市最低生活保障办法']);
    // The form keeps what was chosen.
    expect(await form.getByLabel('体裁').inputValue()).toBe('normativeDocument');

    await page.getByRole('link', { name: '示例市最低生活保障办法' }).click();
    await page.waitForURL(`${origin}/gk/${mzCode}/items/${ids.policy}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('示例市最低生活保障办法');
    await page.context().close();
  }, 60_000);

  it('works without JavaScript: typing, choosing 标题 and pressing Enter', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${origin}/gk/${mzCode}/search`);
    await page.getByLabel('关键词').fill('年度核查');
    await page.getByRole('radio', { name: '标题' }).check();
    await page.getByLabel('关键词').press('Enter');
    await page.waitForURL(/field=title/);
    expect(await hitTitles(page)).toEqual(['关于做好最低生活保障年度核查工作的通知']);
    await context.close();
  });

  it('shows each error next to its field, and the summary link moves there', async () => {
    const page = await newPage(browser);
    const res = await page.goto(`${origin}/search?q=${encodeURIComponent('低保')}&from=2026-13-01`);
    expect(res?.status()).toBe(400);
    await page
      .getByRole('alert')
      .getByRole('link', { name: /发布日期（起）格式应为/ })
      .click();
    expect(await page.evaluate(() => location.hash)).toBe('#f-from');
    expect(await page.getByLabel('发布日期（起）').getAttribute('aria-invalid')).toBe('true');
    await page.context().close();
  });

  for (const width of [1280, 320]) {
    it(`the search pages pass axe at ${width} px and reflow`, async () => {
      const page = await newPage(browser);
      await page.setViewportSize({ width, height: 900 });
      const q = encodeURIComponent('最低生活保障');
      const pages: [string, number][] = [
        ['/search', 200],
        [`/search?q=${q}`, 200], // hits from two agencies
        [`/search?q=${q}&sort=date&topic=civilAffairsRelief`, 200], // filters: 高级搜索 open
        [`/gk/${mzCode}/search?q=${q}`, 200], // within an agency's section
        [`/search?q=${encodeURIComponent('无此内容的检索词')}`, 200], // no hits
        [`/gk/${qhCode}/search?q=${encodeURIComponent('年度核查')}`, 200], // no hits here, some elsewhere
        [`/search?q=${q}&genre=decision`, 200], // no hits with a filter
        [`/search?q=${q}&from=2026-13-01&docSeq=x`, 400], // bad input
      ];
      for (const [path, status] of pages) {
        const res = await page.goto(`${origin}${path}`);
        expect(res?.status(), path).toBe(status);
        expect(await axeScan(page), path).toEqual([]);
        expect(await reflows(page), path).toBe(true);
      }
      await page.context().close();
    }, 120_000);
  }
});
