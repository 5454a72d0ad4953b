/**
 * Browser journeys of the portal's site variants: a reader switches to 长辈版 or 繁體 on the home
 * and follows links to an agency, a column and an item without ever leaving the variant — with
 * JavaScript off, since every switch is a plain link. Every page type passes an axe scan (WCAG 2.1
 * A/AA) in the standard, 长辈版, 繁體 and 长辈版+繁體 versions at 1280 and 320 px, and reflows.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findNodeBySlugPath } from '../../src/modules/catalog/catalog.repository.js';
import { approvePublication } from '../../src/modules/publications/commands/approve-step.js';
import { publishNow } from '../../src/modules/publications/commands/publish-now.js';
import { setValidity } from '../../src/modules/publications/commands/set-validity.js';
import { submitPublication } from '../../src/modules/publications/commands/submit-publication.js';
import { withdrawPublication } from '../../src/modules/publications/commands/withdraw-publication.js';
import { buildPublication, ctxOf, MZ } from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { type TestApp, testApp } from '../app.js';
import { axeScan, launchBrowser } from '../browser.js';
import { describeBrowser } from '../tiers.js';

describeBrowser('portal site variants in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let section: string;
  const ids = { policy: '', repealed: '', withdrawn: '' };

  async function publish(p: Publication): Promise<Publication> {
    await submitPublication(await ctxOf(t, 'mz.editor'), p.id);
    await approvePublication(await ctxOf(t, 'mz.reviewer'), p.id);
    await approvePublication(await ctxOf(t, 'mz.secrecy'), p.id);
    return publishNow(await ctxOf(t, 'mz.signer'), p.id);
  }

  beforeAll(async () => {
    t = await testApp('sqlite');
    const db = t.services.db;
    const column = async (path: string[]) => (await findNodeBySlugPath(db, t.agencies[MZ]!, path))!.id;
    ids.policy = (
      await publish(
        await buildPublication.draft(t, {
          title: '示例市最低生活保障办法',
          columnId: await column(['fdzdgknr', 'xzgfxwj']),
          genre: 'normativeDocument',
          validity: 'effective',
          docNoPrefix: '示民规',
          docNoNumber: 1,
          body: '## 第一章 总则\n\n第一条 为保障城乡居民基本生活，制定本办法。\n\n| 类别 | 标准（元/月） |\n| --- | --- |\n| 城市 | 800 |\n| 农村 | 650 |',
        }),
      )
    ).id;
    const repealed = await publish(
      await buildPublication.draft(t, {
        title: '旧版低保审批规程',
        columnId: await column(['fdzdgknr', 'xzgfxwj']),
        genre: 'normativeDocument',
        validity: 'effective',
        docNoNumber: 2,
      }),
    );
    await setValidity(await ctxOf(t, 'mz.signer'), repealed.id, { validity: 'repealed', note: '已废止' });
    ids.repealed = repealed.id;
    const withdrawn = await publish(await buildPublication.draft(t, { title: '误发的名单公示' }));
    await withdrawPublication(await ctxOf(t, 'mz.signer'), withdrawn.id, { reason: '依法撤回' });
    ids.withdrawn = withdrawn.id;
    const code = (
      await db
        .selectFrom('agencies')
        .select('code')
        .where('id', '=', t.agencies[MZ]!)
        .executeTakeFirstOrThrow()
    ).code;
    section = `/gk/${code}`;
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A reader without JavaScript: the variants are links, nothing else. */
  async function noScriptPage(): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    return context.newPage();
  }

  const switchNav = (page: Page) => page.getByRole('navigation', { name: /版本切[换換]/ });

  it('长辈版: home → switch → agency → column → item, staying in the variant, large and in one column', async () => {
    const page = await noScriptPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${origin}/`);
    await switchNav(page).getByRole('link', { name: '长辈版' }).click();
    await page.waitForURL(`${origin}/lb/`);
    await page.getByRole('link', { name: MZ, exact: true }).click();
    await page.waitForURL(`${origin}/lb${section}`);
    const nav = page.getByRole('navigation', { name: '政府信息公开目录' });
    await nav.getByRole('link', { name: '法定主动公开内容' }).click();
    await page.waitForURL(`${origin}/lb${section}/fdzdgknr`);
    await nav.getByRole('link', { name: '行政规范性文件' }).click();
    await page.waitForURL(`${origin}/lb${section}/fdzdgknr/xzgfxwj`);
    await page.getByRole('link', { name: '示例市最低生活保障办法' }).click();
    await page.waitForURL(`${origin}/lb${section}/items/${ids.policy}`);

    const looks = await page.evaluate(() => {
      const px = (el: Element | null, prop: string) =>
        el ? Number.parseFloat(getComputedStyle(el).getPropertyValue(prop)) : 0;
      const body = document.body;
      const main = document.querySelector('main')!.getBoundingClientRect();
      const catalog = document.querySelector('.catalog-nav')!.getBoundingClientRect();
      const listLinks = Array.from(
        document.querySelectorAll(
          '.catalog-nav li a, .site-nav a, .variant-switch a, .breadcrumb a, main li > a, .site-footer li > a',
        ),
      );
      return {
        fontSize: px(body, 'font-size'),
        lineHeight: px(body, 'line-height') / px(body, 'font-size'),
        h1: px(document.querySelector('h1'), 'font-size'),
        smallest: Math.min(
          ...Array.from(document.querySelectorAll('main *, .catalog-nav *, header *, footer *'))
            .filter((el) => Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim()))
            .map((el) => px(el, 'font-size')),
        ),
        catalogAfterMain: catalog.top >= main.bottom,
        shortestTarget: Math.min(...listLinks.map((a) => a.getBoundingClientRect().height)),
      };
    });
    expect(looks.fontSize).toBeGreaterThanOrEqual(20);
    expect(looks.lineHeight).toBeGreaterThanOrEqual(1.8);
    expect(looks.h1).toBeGreaterThan(looks.fontSize * 1.5);
    expect(looks.smallest).toBeGreaterThanOrEqual(20);
    expect(looks.catalogAfterMain).toBe(true);
    expect(looks.shortestTarget).toBeGreaterThanOrEqual(44);

    // Back to the standard page, the same item.
    await switchNav(page).getByRole('link', { name: '标准版' }).click();
    await page.waitForURL(`${origin}${section}/items/${ids.policy}`);
    await page.context().close();
  }, 60_000);

  it('繁體: home → switch → agency → column → item, in Traditional characters all the way', async () => {
    const page = await noScriptPage();
    await page.goto(`${origin}/`);
    await switchNav(page).getByRole('link', { name: '繁體' }).click();
    await page.waitForURL(`${origin}/ft/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('政府信息公開');
    await page.getByRole('link', { name: MZ, exact: true }).click();
    await page.waitForURL(`${origin}/ft${section}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('示例市民政局政府信息公開');
    const nav = page.getByRole('navigation', { name: '政府信息公開目錄' });
    await nav.getByRole('link', { name: '法定主動公開內容' }).click();
    await page.waitForURL(`${origin}/ft${section}/fdzdgknr`);
    await nav.getByRole('link', { name: '行政規範性文件' }).click();
    await page.waitForURL(`${origin}/ft${section}/fdzdgknr/xzgfxwj`);
    await page.getByRole('link', { name: '示例市最低生活保障辦法' }).click();
    await page.waitForURL(`${origin}/ft${section}/items/${ids.policy}`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hant');
    expect(await page.title()).toMatch(/^示例市最低生活保障辦法_行政規範性文件_/);
    expect(await page.locator('main').textContent()).toContain('第一條 為保障城鄉居民基本生活，制定本辦法。');

    // 长辈版 of the same 繁體 page, then back to 简体.
    await switchNav(page).getByRole('link', { name: '長輩版' }).click();
    await page.waitForURL(`${origin}/lb/ft${section}/items/${ids.policy}`);
    await switchNav(page).getByRole('link', { name: '简体' }).click();
    await page.waitForURL(`${origin}/lb${section}/items/${ids.policy}`);
    await page.context().close();
  }, 60_000);

  const reflows = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  for (const width of [1280, 320]) {
    it(`every page type passes axe in every variant at ${width} px`, async () => {
      const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      const pages: [string, number][] = [
        ['/', 200],
        [section, 200],
        [`${section}/fdzdgknr/xzgfxwj`, 200],
        [`${section}/items/${ids.policy}`, 200],
        [`${section}/invalid`, 200],
        [`${section}/items/${ids.withdrawn}`, 410],
        [`${section}/no-such-column`, 404],
      ];
      for (const prefix of ['', '/lb', '/ft', '/lb/ft']) {
        for (const [path, status] of pages) {
          const url = `${prefix}${path}`;
          const res = await page.goto(`${origin}${url}`);
          expect(res?.status(), url).toBe(status);
          expect(await axeScan(page), url).toEqual([]);
          expect(await reflows(page), url).toBe(true);
        }
      }
      const unknown = await page.goto(`${origin}/lb/anything`);
      expect(unknown?.status()).toBe(404);
      expect(await axeScan(page), '/lb/anything').toEqual([]);
      await context.close();
    }, 240_000);
  }
});
