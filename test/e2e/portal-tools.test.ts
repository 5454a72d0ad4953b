/**
 * The item page's tools and the site footer in Chromium: the script reveals 打印 and 复制链接 (which
 * copies the page address), counts the view with its beacon and shows 浏览次数; without JavaScript
 * the share links and the QR code remain and the script-only controls stay hidden; the print
 * stylesheet keeps the metadata block, the body and the attachment addresses and drops the chrome;
 * the page with its tools and footer passes axe at 1280 and 320 px.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { textPdf } from '../../src/modules/checks/test-files.fixture.js';
import { viewCounterOf } from '../../src/modules/portal/routes/site.routes.js';
import { saveSiteSettingsRow } from '../../src/modules/portal/site-settings.repository.js';
import { siteSettingsStore } from '../../src/modules/portal/site-settings.store.js';
import { approvePublication } from '../../src/modules/publications/commands/approve-step.js';
import { publishNow } from '../../src/modules/publications/commands/publish-now.js';
import { submitPublication } from '../../src/modules/publications/commands/submit-publication.js';
import { uploadAttachment } from '../../src/modules/publications/commands/upload-attachment.js';
import { buildPublication, ctxOf, MZ } from '../../src/modules/publications/publications.fixtures.js';
import { type TestApp, testApp } from '../app.js';
import { axeScan, launchBrowser, newPage } from '../browser.js';
import { describeBrowser } from '../tiers.js';

const BASE_URL = 'https://gk.example.gov.cn';

describeBrowser('item tools and site footer in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let itemPath: string;
  let itemId: string;

  beforeAll(async () => {
    t = await testApp('sqlite');
    const draft = await buildPublication.draft(t, { title: '关于调整城乡居民最低生活保障标准的通知' });
    await uploadAttachment(await ctxOf(t, 'mz.editor'), draft.id, {
      fileName: '标准表.pdf',
      bytes: textPdf([['Allowance table']]),
    });
    await submitPublication(await ctxOf(t, 'mz.editor'), draft.id);
    await approvePublication(await ctxOf(t, 'mz.reviewer'), draft.id);
    await approvePublication(await ctxOf(t, 'mz.secrecy'), draft.id);
    itemId = (await publishNow(await ctxOf(t, 'mz.signer'), draft.id)).id;
    const code = (
      await t.services.db
        .selectFrom('agencies')
        .select('code')
        .where('id', '=', t.agencies[MZ]!)
        .executeTakeFirstOrThrow()
    ).code;
    itemPath = `/gk/${code}/items/${itemId}`;
    await saveSiteSettingsRow(
      t.services.db,
      {
        siteName: '示例市政府信息公开平台',
        baseUrl: BASE_URL,
        siteIdCode: '3590000001',
        siteDomain: null,
        icpNo: '闽ICP备09032658号-1',
        psbNo: '京公网安备11010202008000号',
        conacId: '0B7D5D5D9E4A0C4B',
        hostOrg: '示例市人民政府办公室',
        operatorOrg: '示例市大数据中心',
        contactPhone: '0000-5551234',
        address: '示例市示例大道1号',
        footerLinks: [{ label: '联系我们', url: `/gk/${code}/zfxxgkzn` }],
      },
      { updatedAt: t.clock.now().toISOString(), updatedBy: null },
    );
    await siteSettingsStore(t.services.db).refresh();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('reveals 打印 and 复制链接, copies the address, counts the view and shows 浏览次数', async () => {
    const page = await newPage(browser);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.goto(`${origin}${itemPath}`);
    const count = page.locator('.view-count');
    await count.waitFor({ state: 'visible' });
    expect(await count.textContent()).toBe('浏览次数：1');
    expect(await viewCounterOf(t.services)!.flush(t.services.db)).toBe(1);
    const rows = await t.services.db.selectFrom('page_views').selectAll().execute();
    expect(rows).toEqual([{ publication_id: itemId, day: '2026-03-02', count: 1 }]);

    await page.getByRole('button', { name: '打印' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

    const share = page.getByRole('group', { name: '分享' });
    expect(await share.getByRole('link', { name: '微博' }).getAttribute('href')).toContain(
      encodeURIComponent(`${BASE_URL}${itemPath}`),
    );
    await share.getByRole('button', { name: '复制链接' }).click();
    await expect.poll(() => share.getByRole('status').textContent()).toBe('链接已复制');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${BASE_URL}${itemPath}`);
    expect(await page.getByRole('img', { name: '扫一扫在手机上查看当前页面' }).isVisible()).toBe(true);

    // The footer: identifiers linked, badges with their text alternatives.
    const footer = page.locator('footer');
    expect(await footer.getByRole('link', { name: '闽ICP备09032658号-1' }).getAttribute('href')).toBe(
      'https://beian.miit.gov.cn/',
    );
    expect(await footer.getByRole('link', { name: /京公网安备11010202008000号/ }).isVisible()).toBe(true);
    expect(await footer.getByRole('link', { name: '党政机关' }).isVisible()).toBe(true);
    const badgesLoaded = await footer
      .locator('img')
      .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).naturalWidth > 0));
    expect(badgesLoaded).toBe(true);
    await page.context().close();
  }, 60_000);

  it('without JavaScript: share links and QR code remain, script-only controls stay hidden, nothing is counted', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    const before = viewCounterOf(t.services)!.pending(itemId);
    await page.goto(`${origin}${itemPath}`);
    expect(await page.getByRole('link', { name: '微博' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'QQ空间' }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: '扫一扫在手机上查看当前页面' }).isVisible()).toBe(true);
    for (const name of ['打印', '关闭', '复制链接'])
      expect(await page.getByRole('button', { name }).isVisible(), name).toBe(false);
    expect(await page.locator('.view-count').isVisible()).toBe(false);
    expect(viewCounterOf(t.services)!.pending(itemId)).toBe(before);
    await context.close();
  });

  it('prints the metadata block, the body and the attachment addresses, without the chrome', async () => {
    const page = await newPage(browser);
    await page.goto(`${origin}${itemPath}`);
    await page.emulateMedia({ media: 'print' });
    for (const selector of ['header.site-header', 'footer', '.item-tools', '.catalog-nav', '.breadcrumb'])
      expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
    for (const selector of ['dl.meta', '.article-body', '.attachments', '.page-address'])
      expect(await page.locator(selector).isVisible(), selector).toBe(true);
    expect(await page.locator('.page-address').textContent()).toBe(`本页地址：${BASE_URL}${itemPath}`);
    const after = await page
      .locator('.attachments a')
      .evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).toContain(`${itemPath}/attachments/`);
    await page.context().close();
  });

  it('the platform admin edits the site settings at /admin/site; the form and its errors pass axe', async () => {
    const page = await newPage(browser);
    await page.goto(`${origin}/login`);
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${origin}/admin`);
    await page.goto(`${origin}/admin/site`);
    expect(await page.getByLabel('网站标识码').inputValue()).toBe('3590000001');
    expect(await axeScan(page)).toEqual([]);
    await page.getByLabel('网站标识码').fill('12345');
    await page.getByLabel('公安备案号').fill('京公网安备123号');
    await page.getByRole('button', { name: '保存站点设置' }).click();
    const summary = page.getByRole('alert');
    expect(await summary.textContent()).toContain('网站标识码应为10位数字');
    expect(await summary.textContent()).toContain('公安备案号格式不正确');
    expect(await axeScan(page)).toEqual([]);
    await page.getByLabel('网站标识码').fill('3590000002');
    await page.getByLabel('公安备案号').fill('京公网安备11010202008000号');
    await page.getByRole('button', { name: '保存站点设置' }).click();
    await page.waitForURL(`${origin}/admin/site?saved=1`);
    expect(await page.getByRole('status').textContent()).toContain('站点设置已保存');
    await page.goto(`${origin}${itemPath}`);
    expect(await page.locator('footer').textContent()).toContain('网站标识码：3590000002');
    await page.context().close();
  }, 60_000);

  for (const width of [1280, 320]) {
    it(`the item page with its tools and footer passes axe at ${width} px`, async () => {
      const page = await newPage(browser);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${origin}${itemPath}`);
      await page.locator('.view-count').waitFor({ state: 'visible' });
      expect(await axeScan(page)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.context().close();
    }, 60_000);
  }
});
