/**
 * The back office of the cases in Chromium (TEST_BROWSER=1): the work views, the case page (before and after
 * the audited applicant view, with a failed form), the registration form with its errors, and the home page's
 * reminders pass axe (WCAG 2.1 A/AA) at 1280 and 320 px; a case is handled from the page through its labels
 * and buttons (the back office sends no script).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { axeScan, launchBrowser, newPage } from '../../../../test/browser.js';
import { describeBrowser } from '../../../../test/tiers.js';
import { DEMO_PASSWORD } from '../../../demo/seed.js';
import { MZ } from '../../publications/publications.fixtures.js';
import { build, PERSON } from '../applications.fixtures.js';

describeBrowser('applications back office in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await testApp('sqlite');
    t.clock.set(new Date().toISOString()); // a browser's cookies expire by real time
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(username: string): Promise<Page> {
    // The back office sends no script; axe needs the page's JavaScript to run its checks.
    const page = await newPage(browser);
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/admin`);
    return page;
  }

  async function scanAtWidths(page: Page, what: string) {
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await axeScan(page), `${what} at ${width}px`).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  it('work views, case page, applicant view, failed forms and registration pass axe', async () => {
    const b = await build.inProgress(t, 'mz.handler');
    await build.submitted(t, MZ);
    const page = await signedIn('mz.handler');
    await scanAtWidths(page, 'home with reminders');
    await page.getByRole('link', { name: '依申请公开' }).first().click();
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
    await scanAtWidths(page, 'work views');
    await page.getByRole('link', { name: '全部未办结' }).click();
    await page.getByRole('link', { name: b.trackingNo }).click();
    await page.getByRole('heading', { name: '期限计算说明' }).waitFor();
    await scanAtWidths(page, 'case page');

    await page.getByRole('button', { name: '查看申请人信息' }).click();
    await page.getByText(PERSON.name).waitFor();
    await scanAtWidths(page, 'case page with the applicant');

    // A 补正 without items: the error summary links to the field; the typed deadline stays.
    const form = page.locator('form', { has: page.getByRole('button', { name: '告知补正' }) });
    await form.getByLabel(/^补正期限/).fill('2099-01-01');
    // The browser's own check of required fields would stop it first: the server's answer is what is tested.
    await form.evaluate((f) => {
      (f as HTMLFormElement).noValidate = true;
    });
    await form.getByRole('button', { name: '告知补正' }).click();
    await page.getByRole('heading', { name: '提交未成功，请修改以下内容：' }).waitFor();
    expect(await page.getByRole('link', { name: '请填写需要补正的事项' }).getAttribute('href')).toBe(
      '#f-correction-items',
    );
    await scanAtWidths(page, 'case page with a failed form');
    // Now with the item: the case waits for the correction.
    await page.getByLabel(/^需要补正的事项/).fill('请写明所需文件的年份');
    await page.getByLabel(/^补正期限/).fill('');
    await page
      .locator('form', { has: page.getByRole('button', { name: '告知补正' }) })
      .getByRole('button')
      .click();
    await page.getByText('已告知补正').first().waitFor();

    await page.goto(`${base}/admin/applications/new`);
    await scanAtWidths(page, 'registration form');
    await page.getByLabel(/^申请渠道/).selectOption('mailSigned');
    await page.getByLabel(/^姓名或单位名称/).fill('王五');
    await page.locator('form', { has: page.getByRole('button', { name: '登记申请' }) }).evaluate((f) => {
      (f as HTMLFormElement).noValidate = true;
    });
    await page.getByRole('button', { name: '登记申请' }).click();
    await page.getByRole('heading', { name: '提交未成功，请修改以下内容：' }).waitFor();
    expect(await page.getByRole('link', { name: '请填写签收日期' }).isVisible()).toBe(true);
    expect(await page.getByLabel(/^姓名或单位名称/).inputValue()).toBe('王五');
    await scanAtWidths(page, 'registration form with errors');
    await page.context().close();
  }, 180_000);

  it('a supervisor picks an agency; the signer signs off from the page', async () => {
    const b = await build.inProgress(t, 'mz.handler');
    const handler = await signedIn('mz.handler');
    await handler.goto(`${base}/admin/applications/cases/${b.id}`);
    const reply = handler.locator('form', { has: handler.getByRole('button', { name: '拟写答复' }) });
    await reply.getByLabel(/^办理结果/).selectOption('disclosed');
    await reply.getByLabel(/^答复内容/).fill('经审查，予以公开。');
    await reply.getByRole('button', { name: '拟写答复' }).click();
    await handler.getByText('已保存答复稿，待审签。').waitFor();
    await handler.context().close();

    const signer = await signedIn('mz.signer');
    await signer.goto(`${base}/admin/applications/cases/${b.id}`);
    await signer.getByRole('button', { name: '审签答复' }).click();
    await signer.getByText('已审签答复，答复书已编号。').waitFor();
    await signer.context().close();

    const sup = await signedIn('city.supervisor');
    await sup.goto(`${base}/admin/applications`);
    await sup.getByLabel('查看单位').selectOption({ label: MZ });
    await sup.getByRole('button', { name: '查看' }).first().click();
    await sup.getByRole('link', { name: b.trackingNo }).waitFor();
    await scanAtWidths(sup, 'supervisor work views');
    await sup.context().close();
  }, 180_000);
});
