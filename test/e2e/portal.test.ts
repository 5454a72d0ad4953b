/**
 * Browser journeys of the public portal: from the platform home to an agency's section, a column,
 * an item and its attachment, by clicking links as a reader does; every public page type passes an
 * axe scan (WCAG 2.1 A/AA) at 1280 and 320 px and reflows without horizontal scrolling at 320 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findNodeBySlugPath } from '../../src/modules/catalog/catalog.repository.js';
import { textPdf } from '../../src/modules/checks/test-files.fixture.js';
import { approvePublication } from '../../src/modules/publications/commands/approve-step.js';
import { linkInterpretation } from '../../src/modules/publications/commands/link-interpretation.js';
import { publishNow } from '../../src/modules/publications/commands/publish-now.js';
import { setValidity } from '../../src/modules/publications/commands/set-validity.js';
import { submitPublication } from '../../src/modules/publications/commands/submit-publication.js';
import { uploadAttachment } from '../../src/modules/publications/commands/upload-attachment.js';
import { withdrawPublication } from '../../src/modules/publications/commands/withdraw-publication.js';
import { buildPublication, ctxOf, MZ } from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { type TestApp, testApp } from '../app.js';
import { axeScan, launchBrowser, newPage } from '../browser.js';
import { describeBrowser } from '../tiers.js';

const ATTACHMENT_NAME = '示例市最低生活保障办法（全文）.pdf';

describeBrowser('public portal in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let section: string;
  const ids: Record<'policy' | 'interpretation' | 'repealed' | 'withdrawn', string> = {
    policy: '',
    interpretation: '',
    repealed: '',
    withdrawn: '',
  };

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
    const editor = await ctxOf(t, 'mz.editor');
    const policyDraft = await buildPublication.draft(t, {
      title: '示例市最低生活保障办法',
      columnId: await column(['fdzdgknr', 'xzgfxwj']),
      genre: 'normativeDocument',
      validity: 'effective',
      docNoPrefix: '示民规',
      docNoNumber: 1,
      body: '## 第一章 总则\n\n第一条 为保障城乡居民基本生活，制定本办法。\n\n| 类别 | 标准（元/月） |\n| --- | --- |\n| 城市 | 800 |\n| 农村 | 650 |',
    });
    await uploadAttachment(editor, policyDraft.id, {
      fileName: ATTACHMENT_NAME,
      bytes: textPdf([['Minimum living allowance measures']]),
    });
    ids.policy = (await publish(policyDraft)).id;
    t.clock.advance(86_400_000);
    const interp = await buildPublication.draft(t, {
      title: '《示例市最低生活保障办法》政策解读',
      columnId: await column(['zcjd']),
      genre: 'interpretation',
      docNoPrefix: null,
      docNoYear: null,
      docNoNumber: null,
    });
    await linkInterpretation(editor, interp.id, { policyId: ids.policy });
    ids.interpretation = (await publish(interp)).id;
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
    await withdrawPublication(await ctxOf(t, 'mz.signer'), withdrawn.id, {
      reason: '含有个人信息，依法撤回',
    });
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

  const reflows = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  it('home → agency → column → item → attachment, by following links', async () => {
    const page = await newPage(browser);
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: MZ, exact: true }).click();
    await page.waitForURL(`${origin}${section}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('示例市民政局政府信息公开');

    const nav = page.getByRole('navigation', { name: '政府信息公开目录' });
    await nav.getByRole('link', { name: '法定主动公开内容' }).click();
    await page.waitForURL(`${origin}${section}/fdzdgknr`);
    await nav.getByRole('link', { name: '行政规范性文件' }).click();
    await page.waitForURL(`${origin}${section}/fdzdgknr/xzgfxwj`);
    const row = page.getByRole('row', { name: /示例市最低生活保障办法/ });
    expect(await row.textContent()).toContain('示民规〔2026〕1号');

    await row.getByRole('link', { name: '示例市最低生活保障办法' }).click();
    await page.waitForURL(`${origin}${section}/items/${ids.policy}`);
    expect(await page.title()).toMatch(/^示例市最低生活保障办法_行政规范性文件_/);
    expect(await page.locator('dl.meta').textContent()).toMatch(
      /索引号.*主题分类.*发文机关.*成文日期.*标题.*发文字号.*发布日期.*有效性/,
    );
    // The script reveals 打印 and 关闭.
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '关闭' }).isVisible()).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: ATTACHMENT_NAME }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(ATTACHMENT_NAME);

    await page.getByRole('link', { name: '《示例市最低生活保障办法》政策解读' }).click();
    await page.waitForURL(`${origin}${section}/items/${ids.interpretation}`);
    expect(await page.getByRole('heading', { name: '解读的政策文件' }).isVisible()).toBe(true);
    await page.context().close();
  }, 60_000);

  /** Presses Tab until the focused element's accessible text matches, as a keyboard user does. */
  async function tabTo(page: Page, match: RegExp, limit = 80): Promise<void> {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const text = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return '';
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return `${el.getAttribute('aria-label') ?? ''} ${label ?? ''} ${el.textContent ?? ''}`.trim();
      });
      if (match.test(text)) return;
    }
    throw new Error(`no focusable element matching ${match} within ${limit} Tab presses`);
  }

  it('keyboard only: home → agency → search → item → attachment', async () => {
    const page = await newPage(browser);
    await page.goto(`${origin}/`);
    await tabTo(page, new RegExp(`^${MZ}$`));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}${section}`);
    // The header search box searches this agency.
    await tabTo(page, /搜索本机关/);
    await page.keyboard.type('最低生活保障');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?/);
    expect(await page.getByRole('main').textContent()).toContain('共找到');
    await tabTo(page, /^示例市最低生活保障办法$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}${section}/items/${ids.policy}`);
    await tabTo(page, new RegExp(ATTACHMENT_NAME.replace(/[()（）]/g, '.')));
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe(ATTACHMENT_NAME);
    await page.context().close();
  }, 90_000);

  it('works without JavaScript: the same links, the tools that need a script stay hidden', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${origin}${section}/items/${ids.policy}`);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await page.getByRole('link', { name: '返回行政规范性文件' }).click();
    await page.waitForURL(`${origin}${section}/fdzdgknr/xzgfxwj`);
    await context.close();
  });

  for (const width of [1280, 320]) {
    it(`every public page type passes axe at ${width} px`, async () => {
      const page = await newPage(browser);
      await page.setViewportSize({ width, height: 900 });
      const pages: [string, number][] = [
        ['/', 200],
        [section, 200],
        [`${section}/zfxxgkzn`, 200], // 指南
        [`${section}/fdzdgknr`, 200], // a section of columns
        [`${section}/fdzdgknr/xzgfxwj`, 200], // a 文件类 column
        [`${section}/zcjd`, 200], // a column of other items
        [`${section}/zfxxgknb`, 200], // an empty column
        [`${section}/zfxxgksq`, 200], // a section of pages
        [`${section}/zfxxgksq/sfbz`, 200], // a page
        [`${section}/items/${ids.policy}`, 200],
        [`${section}/items/${ids.interpretation}`, 200],
        [`${section}/items/${ids.repealed}`, 200],
        [`${section}/invalid`, 200],
        [`${section}/items/${ids.withdrawn}`, 410],
        [`${section}/items/no-such-item`, 404],
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
