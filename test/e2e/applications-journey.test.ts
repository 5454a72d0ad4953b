/**
 * 依申请公开 in Chromium: the public pages pass axe (the form, the form with errors, the 回执, the lookup,
 * the case view) and work without JavaScript; the script shows published items as the 名称 is typed and
 * hides the sections that do not apply. Then the journey: a citizen applies online; a handler asks
 * for a correction; the citizen corrects online; the handler replies 部分公开 with a generated letter that
 * a signer approves; the citizen downloads it.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { docxText } from '../../src/modules/applications/letters/letters.fixtures.js';
import { buildPublication, MZ } from '../../src/modules/publications/publications.fixtures.js';
import { type TestApp, testApp } from '../app.js';
import { axeScan, launchBrowser, newPage } from '../browser.js';
import { describeBrowser } from '../tiers.js';

const PERSON = {
  name: '张三丰',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  email: 'zhangsanfeng@example.cn',
  address: '示例市中山路100号',
};

describeBrowser('applications in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  let code: string;

  beforeAll(async () => {
    t = await testApp('sqlite');
    t.clock.set(new Date().toISOString()); // a browser's cookies expire by real time
    await buildPublication.published(t);
    code = (
      await t.services.db
        .selectFrom('agencies')
        .select('code')
        .where('id', '=', t.agencies[MZ]!)
        .executeTakeFirstOrThrow()
    ).code;
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const main = (page: Page) =>
    page
      .locator('main')
      .textContent()
      .then((s) => s ?? '');

  /** Fills the citizen's form by its labels, as a keyboard or screen-reader user finds the fields. */
  async function fillForm(page: Page, description = '请提供2025年本市调整城乡居民最低生活保障标准的文件。') {
    await page.getByRole('radio', { name: '公民（自然人）' }).check();
    await page.getByLabel('申请人姓名或单位名称').fill(PERSON.name);
    await page.getByLabel(/^证件类型/).selectOption('residentIdCard');
    await page.getByLabel(/^证件号码/).fill(PERSON.idNumber);
    await page.getByLabel(/^联系电话/).fill(PERSON.phone);
    await page.getByLabel('电子邮箱').fill(PERSON.email);
    await page.getByLabel('通信地址').fill(PERSON.address);
    await page.getByLabel('所需信息的内容描述').fill(description);
    const delivery = page.getByRole('group', { name: /获取信息的方式/ });
    await delivery.getByRole('checkbox', { name: '电子邮件' }).check();
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await page.getByRole('checkbox', { name: /本人承诺/ }).check();
  }

  const receiptOf = async (page: Page) => ({
    trackingNo: (await page.locator('.receipt dd.code').nth(0).textContent())!.trim(),
    queryCode: (await page.locator('.receipt dd.code').nth(1).textContent())!.trim(),
  });

  async function lookUp(page: Page, trackingNo: string, queryCode: string) {
    await page.goto(`${base}/apply/lookup`);
    await page.getByLabel('申请编号').fill(trackingNo);
    await page.getByLabel('查询码').fill(queryCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { name: '申请办理情况' }).waitFor();
  }

  it('the public pages pass axe at 1280 and 320 px: form, errors, 回执, lookup, case view', async () => {
    const page = await newPage(browser);
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${base}/apply`);
      expect(await axeScan(page), `/apply @${width}`).toEqual([]);
      await page.goto(`${base}/gk/${code}/apply`);
      expect(await axeScan(page), `form @${width}`).toEqual([]);
      await page.goto(`${base}/apply/lookup`);
      expect(await axeScan(page), `lookup @${width}`).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/gk/${code}/apply`);
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.locator('#error-summary').waitFor();
    expect(await axeScan(page), 'form with errors').toEqual([]);
    // The script moves the focus to the summary, so a screen reader starts with what to fix.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary');
    // The summary's links lead to the fields.
    await page.locator('#error-summary a[href="#f-infoDescription"]').click();
    expect(await page.evaluate(() => location.hash)).toBe('#f-infoDescription');

    await fillForm(page);
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '政府信息公开申请接收回执' }).waitFor();
    expect(await axeScan(page), '回执').toEqual([]);
    const { trackingNo, queryCode } = await receiptOf(page);
    // The script shows the print button; the print stylesheet prints the 回执 without the site's chrome.
    expect(await page.getByRole('button', { name: '打印回执' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.receipt dd.code').nth(1).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(page.url()).not.toContain(queryCode.replace(/-/g, ''));
    await lookUp(page, trackingNo, queryCode);
    expect(await axeScan(page), 'case view').toEqual([]);
    expect(page.url()).toBe(`${base}/apply/lookup`);
    await page.context().close();
  }, 120_000);

  it('without JavaScript: every section shows, 查找已公开的信息 lists matches, submitting gives the 回执', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${base}/gk/${code}/apply`);
    for (const h of ['公民（自然人）填写', '法人或其他组织填写'])
      expect(await page.getByRole('heading', { name: h }).isVisible(), h).toBe(true);
    expect(await page.getByLabel(/^代理人姓名/).isVisible()).toBe(true);
    await fillForm(page);
    await page.getByLabel('所需信息的名称').fill('最低生活保障');
    await page.getByRole('button', { name: '查找已公开的信息' }).click();
    const matches = page.locator('#published-matches');
    await matches.waitFor();
    expect(
      await matches.getByRole('link', { name: '关于调整城乡居民最低生活保障标准的通知' }).isVisible(),
    ).toBe(true);
    // What was typed is still there; submit it.
    expect(await page.getByLabel('申请人姓名或单位名称').inputValue()).toBe(PERSON.name);
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '政府信息公开申请接收回执' }).waitFor();
    expect(await page.getByRole('button', { name: '打印回执' }).isVisible()).toBe(false);
    await context.close();
  }, 60_000);

  it('with JavaScript: sections follow the applicant kind, published items show as the 名称 is typed', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/gk/${code}/apply`);
    await page.getByRole('radio', { name: '公民（自然人）' }).check();
    expect(await page.getByRole('heading', { name: '法人或其他组织填写' }).isVisible()).toBe(false);
    expect(await page.getByLabel(/^代理人姓名/).isVisible()).toBe(false);
    await page.getByRole('radio', { name: '科研机构' }).check();
    expect(await page.getByRole('heading', { name: '法人或其他组织填写' }).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: '公民（自然人）填写' }).isVisible()).toBe(false);
    await page.getByRole('checkbox', { name: /代理人受申请人委托/ }).check();
    expect(await page.getByLabel(/^代理人姓名/).isVisible()).toBe(true);
    await page.getByLabel('所需信息的名称').pressSequentially('最低生活保障');
    await expect
      .poll(() => page.locator('#title-matches a').first().textContent(), { timeout: 10_000 })
      .toBe('关于调整城乡居民最低生活保障标准的通知');
    await page.context().close();
  }, 60_000);

  it('the journey: apply, correction asked and sent online, 部分公开 approved by the signer, letter downloaded', async () => {
    // 1. The citizen applies online.
    const citizen = await newPage(browser);
    await citizen.goto(`${base}/`);
    await citizen.getByRole('link', { name: '依申请公开' }).first().click();
    await citizen.getByRole('link', { name: '示例市民政局' }).click();
    await fillForm(citizen, '请提供本市低保标准文件。');
    await citizen.getByRole('button', { name: '提交申请' }).click();
    await citizen.getByRole('heading', { name: '政府信息公开申请接收回执' }).waitFor();
    const { trackingNo, queryCode } = await receiptOf(citizen);
    const caseId = (
      await t.services.db
        .selectFrom('application_cases')
        .select('id')
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow()
    ).id;

    // 2. The handler confirms, claims and asks for a correction on the case page.
    const handler = await signedIn('mz.handler');
    await handler.goto(`${base}/admin/applications/cases/${caseId}`);
    await handler.getByRole('button', { name: '确认收到申请' }).click();
    await handler.getByRole('button', { name: '认领' }).click();
    await handler.getByLabel('需要补正的事项').fill('请写明所需文件的发布年份和文号');
    await handler.getByRole('button', { name: '告知补正' }).click();
    await expect.poll(() => caseState(caseId)).toBe('awaitingCorrection');

    // 3. The citizen sees the notice, downloads it, and corrects online.
    await lookUp(citizen, trackingNo, queryCode);
    expect(await main(citizen)).toContain('补正申请告知书');
    await citizen
      .getByLabel('所需信息的内容描述')
      .fill('请提供示民发〔2026〕3号《关于调整城乡居民最低生活保障标准的通知》。');
    await citizen.getByLabel('补正说明（选填）').fill('已补充文号');
    await citizen.getByRole('button', { name: '提交补正' }).click();
    await citizen.getByText('补正已提交').waitFor();
    expect(await caseState(caseId)).toBe('inProgress');

    // 4. The handler drafts the reply 部分公开; the signer approves it; the handler sends it.
    await handler.goto(`${base}/admin/applications/cases/${caseId}`);
    const replyForm = handler.locator('form', { has: handler.getByRole('button', { name: '拟写答复' }) });
    await replyForm.getByLabel(/^办理结果/).selectOption('partlyDisclosed');
    await replyForm
      .getByLabel(/^答复内容（理由、获取方式等）/)
      .fill('现提供该通知正文；附件中涉及个人信息的部分不予公开。');
    await replyForm.getByRole('button', { name: '拟写答复' }).click();
    await expect.poll(() => caseState(caseId)).toBe('replyDrafted');
    const signer = await signedIn('mz.signer');
    await signer.goto(`${base}/admin/applications/cases/${caseId}`);
    await signer.getByRole('button', { name: '审签答复' }).click();
    await expect.poll(() => caseState(caseId)).toBe('replyApproved');
    await handler.goto(`${base}/admin/applications/cases/${caseId}`);
    await handler.getByRole('button', { name: '发出答复' }).click();
    await expect.poll(() => caseState(caseId)).toBe('replied');

    // 5. The citizen downloads the 答复书.
    await lookUp(citizen, trackingNo, queryCode);
    expect(await main(citizen)).toContain('部分公开');
    const row = citizen.getByRole('row', { name: /答复书/ });
    const [download] = await Promise.all([
      citizen.waitForEvent('download'),
      row.getByRole('button', { name: /下载/ }).click(),
    ]);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(download.suggestedFilename()).toMatch(/答复书.*\.docx$/);
    // The letter the signer approved, addressed to the applicant, with the handler's text.
    const text = docxText(bytes);
    expect(text).toContain(PERSON.name);
    expect(text).toContain('现提供该通知正文');
    expect(text).toContain(trackingNo);
    await citizen.context().close();
    await handler.context().close();
    await signer.context().close();
  }, 180_000);

  async function caseState(id: string): Promise<string> {
    return (
      await t.services.db
        .selectFrom('application_cases')
        .select('state')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).state;
  }

  async function signedIn(username: string): Promise<Page> {
    const page = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/admin`);
    return page;
  }
});
