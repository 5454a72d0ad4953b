/**
 * 年度报告 in Chromium (issue 6): an agency admin generates and edits the 2025 report, it is checked; an editor
 * submits it; a first reviewer, a secrecy reviewer and a signer — three other people — pass and publish it;
 * its public page and both downloads (.docx, .xlsx) show the same numbers as the tables computed from the cases.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { readReport } from '../../src/modules/annual-reports/checker/check-report.js';
import { isUnreadable, type ParsedReport } from '../../src/modules/annual-reports/checker/model.js';
import { computeAnnualReport } from '../../src/modules/annual-reports/compute/report.js';
import { build } from '../../src/modules/applications/applications.fixtures.js';
import { MZ } from '../../src/modules/publications/publications.fixtures.js';
import { type TestApp, testApp } from '../app.js';
import { axeScan, launchBrowser, newPage } from '../browser.js';
import { describeBrowser } from '../tiers.js';

const TITLE = '示例市民政局2025年政府信息公开工作年度报告';
const SECTIONS: [string, string][] = [
  [
    '一、总体情况',
    '2025年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请2件。',
  ],
  ['二、主动公开政府信息情况', '本年度主动公开各类政府信息，及时发布政策文件和解读材料。'],
  ['三、收到和处理政府信息公开申请情况', '本年度依法办理政府信息公开申请，均在法定期限内答复。'],
  ['四、政府信息公开行政复议、行政诉讼情况', '本年度没有发生政府信息公开行政复议和行政诉讼。'],
  ['五、存在的主要问题及改进情况', '政策解读形式较为单一，下一步将丰富解读形式。'],
  ['六、其他需要报告的事项', '本年度未收取信息处理费。'],
];

describeBrowser('annual report journey in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    t = await testApp('sqlite');
    t.clock.set(new Date().toISOString()); // a browser's cookies expire by real time
    await build.received(t, 'mz.handler', { submittedOn: '2025-05-06' });
    await build.received(t, 'mz.handler', { submittedOn: '2025-11-12' });
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

  async function signedIn(username: string): Promise<Page> {
    const page = await newPage(browser);
    await page.goto(`${base}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/admin`);
    return page;
  }

  const parsed = (x: ParsedReport | { verdict: 'unreadable'; reason: string }): ParsedReport => {
    if (isUnreadable(x)) throw new Error(x.reason);
    return x;
  };

  it('generated, edited, checked, reviewed and signed by others, published; page and downloads agree', async () => {
    // 1. The agency admin generates the 2025 report from the back office's navigation.
    const admin = await signedIn('mz.admin');
    await admin.getByRole('link', { name: '年度报告' }).click();
    await admin.getByLabel(/报告年度/).selectOption('2025');
    await admin.getByRole('button', { name: '生成' }).click();
    await admin.waitForURL(/done=created/);
    const reportUrl = admin.url().split('?')[0]!;
    expect(await main(admin)).toContain('缺少“一、总体情况”部分');
    expect(await axeScan(admin)).toEqual([]);

    // 2. Writes the six sections and saves: the check passes.
    for (const [label, text] of SECTIONS)
      await admin.getByRole('textbox', { name: label, exact: true }).fill(text);
    await admin.locator('form[action$="/narrative"]').getByRole('button', { name: '保存并检查' }).click();
    await admin.waitForURL(/done=narrative/);
    expect(await main(admin)).toContain('已检查（无错误）');
    // A bad figure: the Chinese message names the field, and what was typed stays.
    await admin.getByRole('textbox', { name: '行政许可本年处理决定数量' }).fill('十二');
    await admin.locator('form[action$="/figures"]').getByRole('button', { name: '保存并检查' }).click();
    expect(await main(admin)).toContain('行政许可本年处理决定数量必须是整数');
    expect(await admin.getByRole('textbox', { name: '行政许可本年处理决定数量' }).inputValue()).toBe('十二');
    expect(await axeScan(admin)).toEqual([]);
    await admin.context().close();

    // 3. An editor submits it for publication.
    const editor = await signedIn('mz.editor');
    await editor.goto(reportUrl);
    await editor.getByRole('button', { name: '提交发布审核' }).click();
    await editor.waitForURL(/done=submit/);
    expect(await main(editor)).toContain('审核中');
    await editor.context().close();

    // 4. 初审 and 保密审查, then 领导审签 with immediate publication: three other people.
    for (const reviewer of ['mz.reviewer', 'mz.secrecy']) {
      const page = await signedIn(reviewer);
      await page.goto(`${base}/admin/publications?queue=review`);
      await page.getByRole('link', { name: TITLE }).click();
      await page.getByRole('button', { name: '审核通过', exact: true }).click();
      await page.waitForURL(/done=approve/);
      await page.context().close();
    }
    const signer = await signedIn('mz.signer');
    await signer.goto(`${base}/admin/publications?queue=review`);
    await signer.getByRole('link', { name: TITLE }).click();
    await signer.getByRole('button', { name: '审签通过并立即发布' }).click();
    await signer.waitForURL(/done=publish/);
    await signer.goto(reportUrl);
    expect(await main(signer)).toMatch(/已发布/);
    await signer.context().close();

    // 5. The public column lists it; page, Word and Excel show the computed numbers.
    const computed = await computeAnnualReport(t.services.db, t.agencies[MZ]!, 2025);
    expect(computed.tables.T3.R1?.[6]).toBe(2);
    const code = (
      await t.handle.db.selectFrom('agencies').select('code').where('name', '=', MZ).executeTakeFirstOrThrow()
    ).code;
    const visitor = await newPage(browser);
    expect((await visitor.goto(`${base}/gk/${encodeURIComponent(code)}/zfxxgknb`))?.status()).toBe(200);
    await visitor.getByRole('link', { name: TITLE }).first().click();
    await visitor.waitForURL(/\/items\//);
    const html = parsed(await readReport(Buffer.from(await visitor.content()), 'page.html'));
    expect(html.tables.T3).toEqual(computed.tables.T3);
    expect(html.tables.T4).toEqual(computed.tables.T4);

    const hrefOf = async (suffix: string) =>
      new URL(
        (await visitor.locator(`main a:text-matches("${suffix}$")`).first().getAttribute('href'))!,
        base,
      ).toString();
    const docx = await visitor.request.get(await hrefOf('\\.docx'));
    expect(docx.status()).toBe(200);
    const word = parsed(await readReport(await docx.body(), 'report.docx'));
    expect(word.tables.T3).toEqual(computed.tables.T3);
    expect(word.tables.T4).toEqual(computed.tables.T4);

    const xlsx = await visitor.request.get(await hrefOf('\\.xlsx'));
    expect(xlsx.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const rowValues = (label: string): number[] => {
      for (const ws of wb.worksheets)
        for (let i = 1; i <= ws.rowCount; i++) {
          const values = (ws.getRow(i).values as unknown[]).slice(1);
          if (values.some((v) => typeof v === 'string' && v.includes(label)))
            return values.filter((v): v is number => typeof v === 'number');
        }
      return [];
    };
    expect(rowValues('本年新收政府信息公开申请数量')).toEqual(computed.tables.T3.R1);
    expect(rowValues('结转下年度继续办理')).toEqual(computed.tables.T3.R25);
  }, 180_000);
});
