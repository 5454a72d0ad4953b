/**
 * Publishing in Chromium with four people of 示例市民政局: the editor drafts an item in a column and
 * uploads a Word attachment holding a valid ID number, sees the finding, replaces the file with a
 * cleaned one and submits; 初审, 保密审查 and 审签 (立即发布) follow, each by someone else; the item then
 * has its 索引号 and appears in its public column. The queue, editor, detail and preview pages pass an
 * axe scan (WCAG 2.1 A/AA) at 1280 and 320 px, without horizontal scrolling at 320 px.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { toCatalogNode } from '../../src/modules/catalog/catalog.js';
import { listNodes } from '../../src/modules/catalog/catalog.repository.js';
import { buildDocx, wordParagraph } from '../../src/modules/checks/test-files.fixture.js';
import { uploadAttachment } from '../../src/modules/publications/commands/upload-attachment.js';
import { buildPublication, ctxOf, MZ } from '../../src/modules/publications/publications.fixtures.js';
import { chinaToday } from '../../src/platform/legal-date.js';
import { type TestApp, testApp } from '../app.js';
import { axeScan, launchBrowser, newPage } from '../browser.js';
import { describeBrowser } from '../tiers.js';

const ID_NUMBER = '11010519491231002X';
const MASKED_ID = '110***********002X';
const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TITLE = '关于公布2026年第一批临时救助对象的公告';

const docx = (lines: string[]) => Buffer.from(buildDocx(lines.map(wordParagraph).join('')));

describeBrowser('publishing journey in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await testApp('sqlite');
    t.clock.set(new Date().toISOString()); // a browser's cookies expire by real time
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(username: string): Promise<Page> {
    const page = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/admin`);
    return page;
  }

  const main = (page: Page) =>
    page
      .locator('main')
      .textContent()
      .then((s) => s ?? '');

  it('four people take an item from draft to its public column', async () => {
    // 1. The editor drafts it in 社会救助 and attaches a Word file holding an ID number.
    const editor = await signedIn('mz.editor');
    await editor.getByRole('link', { name: '主动公开' }).click();
    await editor.getByRole('link', { name: '新建', exact: true }).click();
    await editor.getByLabel('标题').fill(TITLE);
    const column = await editor.$eval('#f-columnId', (s) => {
      const o = Array.from((s as HTMLSelectElement).options).find((x) => x.text.trim() === '社会救助');
      return o?.value ?? '';
    });
    await editor.selectOption('#f-columnId', column);
    await editor
      .getByLabel('正文', { exact: true })
      .fill('经审核，现将第一批临时救助对象名单公布如下，详见附件。');
    await editor.getByLabel('内容概述（摘要）').fill('公布临时救助对象名单');
    await editor.getByLabel('关键词').fill('临时救助，名单');
    await editor.getByLabel('代字').fill('示民告');
    await editor.getByLabel('年份').fill('2026');
    await editor.getByLabel('序号').fill('5');
    await editor.getByLabel('形成（变更）日期').fill(chinaToday());
    await editor.selectOption('#f-topic', 'civilAffairsRelief');
    await editor.selectOption('#f-genre', 'announcement');
    await editor.getByRole('button', { name: '保存草稿' }).click();
    await editor.waitForURL(/\/admin\/publications\/[0-9a-f-]{36}\?done=created/);
    const detailUrl = editor.url().split('?')[0]!;
    expect(await main(editor)).toContain('示民告〔2026〕5号');

    await editor.setInputFiles('#f-upload-file', {
      name: '临时救助对象名单.docx',
      mimeType: DOCX_MIME,
      buffer: docx(['临时救助对象名单', `张三 身份证号：${ID_NUMBER}`]),
    });
    await editor.getByRole('button', { name: '上传', exact: true }).click();
    await editor.waitForURL(/done=upload/);
    let text = await main(editor);
    expect(text).toContain(`附件“临时救助对象名单.docx”中发现身份证号“${MASKED_ID}”`);
    expect(text).not.toContain(ID_NUMBER);
    await expect(editor.getByRole('button', { name: '提交审核' }).isDisabled()).resolves.toBe(true);

    // 2. They replace the file with the masked one: the finding is gone, and they submit.
    await editor.getByLabel('用新文件更换“临时救助对象名单.docx”').setInputFiles({
      name: '临时救助对象名单（脱敏）.docx',
      mimeType: DOCX_MIME,
      buffer: docx(['临时救助对象名单', `张三 身份证号：${MASKED_ID}`]),
    });
    await editor.getByRole('button', { name: '更换', exact: true }).click();
    await editor.waitForURL(/done=replace/);
    text = await main(editor);
    expect(text).toContain('临时救助对象名单（脱敏）.docx');
    expect(text).not.toContain(MASKED_ID);
    expect(text).toContain('自动检查未在正文和附件中发现身份证号');
    await editor.getByRole('button', { name: '提交审核' }).click();
    await editor.waitForURL(/done=submit/);
    expect(await main(editor)).toContain('待初审');
    await editor.context().close();

    // 3. 初审 and 保密审查, each from their own queue.
    for (const [reviewer, next] of [
      ['mz.reviewer', '待保密审查'],
      ['mz.secrecy', '待领导审签'],
    ] as const) {
      const page = await signedIn(reviewer);
      await page.goto(`${base}/admin/publications?queue=review`);
      await page.getByRole('link', { name: TITLE }).click();
      await page.getByLabel('审核意见（可选）').fill('同意');
      await page.getByRole('button', { name: '审核通过', exact: true }).click();
      await page.waitForURL(/done=approve/);
      expect(await main(page)).toContain(next);
      await page.context().close();
    }

    // 4. 领导审签 → 立即发布: the item gets its 索引号.
    const signer = await signedIn('mz.signer');
    await signer.goto(`${base}/admin/publications?queue=review`);
    await signer.getByRole('link', { name: TITLE }).click();
    await signer.getByRole('button', { name: '审签通过并立即发布' }).click();
    await signer.waitForURL(/done=publish/);
    const code = (
      await t.handle.db.selectFrom('agencies').select('code').where('name', '=', MZ).executeTakeFirstOrThrow()
    ).code;
    const indexNo = new RegExp(`${code}/\\d{4}-\\d{5}`);
    text = await main(signer);
    expect(text).toContain('已发布');
    expect(text).toMatch(indexNo);
    const shown = indexNo.exec(text)![0];
    expect(signer.url().split('?')[0]).toBe(detailUrl);
    const log = await signer
      .locator('#h-log ~ *')
      .first()
      .textContent()
      .then((s) => s ?? '');
    for (const who of [
      '李编辑（mz.editor）',
      '王初审（mz.reviewer）',
      '赵保密（mz.secrecy）',
      '陈局长（mz.signer）',
    ])
      expect(log).toContain(who);
    await signer.context().close();

    // 5. The public column lists it; its public page shows the 索引号.
    const nodes = (await listNodes(t.handle.db, t.agencies[MZ]!)).map(toCatalogNode);
    const node = nodes.find((n) => n.id === column)!;
    const visitor = await newPage(browser);
    const res = await visitor.goto(`${base}/gk/${encodeURIComponent(code)}/${node.slugPath.join('/')}`);
    expect(res?.status()).toBe(200);
    await visitor.getByRole('link', { name: TITLE }).first().click();
    await visitor.waitForURL(/\/items\//);
    expect(
      await visitor
        .locator('main')
        .textContent()
        .then((s) => s ?? ''),
    ).toContain(shown);
    await visitor.context().close();
  }, 180_000);

  for (const width of [1280, 320]) {
    it(`queue, editor, detail and preview pages pass axe at ${width} px`, async () => {
      // An item with a finding in the body and one in an attachment: the fullest detail page.
      const p = await buildPublication.draft(t, {
        title: `无障碍检查样例（${width}）`,
        body: `申请人身份证号 ${ID_NUMBER}，联系电话 13912345678。`,
        genre: 'normativeDocument',
      });
      await uploadAttachment(await ctxOf(t, 'mz.editor'), p.id, {
        fileName: '附件名单.docx',
        bytes: docx([`身份证号：${ID_NUMBER}`]),
      });
      const inReview = await buildPublication.inReview(t, 'firstReview', { title: `待审样例（${width}）` });
      const views: [string, string[]][] = [
        [
          'mz.editor',
          [
            '/admin/publications',
            '/admin/publications/new',
            `/admin/publications/${p.id}`,
            `/admin/publications/${p.id}/edit`,
            `/admin/publications/${p.id}/preview`,
          ],
        ],
        ['mz.reviewer', ['/admin/publications?queue=review', `/admin/publications/${inReview.id}`]],
        ['mz.admin', ['/admin/publications?queue=all']],
      ];
      for (const [user, paths] of views) {
        const page = await signedIn(user);
        await page.setViewportSize({ width, height: 900 });
        for (const path of paths) {
          await page.goto(`${base}${path}`);
          expect(await axeScan(page), `${user} ${path}`).toEqual([]);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
            `${user} ${path} reflows at ${width} px`,
          ).toBe(true);
        }
        await page.context().close();
      }
      // The editor form after a failed submission: every error named, focus target present.
      const page = await signedIn('mz.editor');
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/admin/publications/new`);
      await page.getByLabel('年份').fill('二〇二六');
      await page.getByRole('button', { name: '保存草稿' }).click();
      expect(
        await page
          .locator('#error-summary')
          .textContent()
          .then((s) => s ?? ''),
      ).toContain('请填写标题');
      expect(await axeScan(page), 'editor form with errors').toEqual([]);
      await page.context().close();
    }, 180_000);
  }
});
