/**
 * The reports' back-office pages through app.inject() on every dialect: list and generate, the report page
 * with its computed tables and forms, field errors in Chinese that keep what was typed, who may do what,
 * submission, the records behind a cell, and the supervisors' overview and workbook.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { build } from '../../applications/applications.fixtures.js';
import { MZ } from '../../publications/publications.fixtures.js';

const NARRATIVE = {
  section1: '2025年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全年共收到政府信息公开申请1件。',
  section2: '本年度主动公开各类政府信息，及时发布政策文件和解读材料。',
  section3: '本年度依法办理政府信息公开申请，均在法定期限内答复。',
  section4: '本年度没有发生政府信息公开行政复议和行政诉讼。',
  section5: '政策解读形式较为单一，下一步将丰富解读形式。',
  section6: '本年度未收取信息处理费。',
};

for (const dialect of dialects) {
  describe(`annual reports: back-office pages [${dialect}]`, () => {
    let t: TestApp;
    let reportUrl = '';
    let tracking = '';
    beforeAll(async () => {
      t = await testApp(dialect);
      tracking = (await build.received(t, 'mz.handler', { submittedOn: '2025-05-06' })).trackingNo;
    });
    afterAll(async () => t?.close());

    it('lists the agency’s reports and generates one; a bad year is answered in Chinese', async () => {
      const admin = await t.login('mz.admin');
      const list = await admin.inject({ url: '/admin/annual-reports' });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('尚未生成年度报告');
      expect(list.body).toContain('href="/admin/annual-reports"');
      const bad = await admin.inject({
        method: 'POST',
        url: '/admin/annual-reports',
        ...form({ year: '两千' }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('报告年度必须是整数');
      const ok = await admin.inject({
        method: 'POST',
        url: '/admin/annual-reports',
        ...form({ year: '2025', agencyId: t.agencies[MZ]! }),
      });
      expect(ok.statusCode).toBe(303);
      reportUrl = String(ok.headers.location).split('?')[0]!;
      const again = await admin.inject({ url: '/admin/annual-reports' });
      expect(again.body).toContain('2025年度');
      expect(again.body).toContain('草稿（逾期）'); // 2026-03-02: a department's deadline was 2026-01-31
    });

    it('the report page shows the computed tables with links to what each cell counts, and the findings', async () => {
      const admin = await t.login('mz.admin');
      const page = await admin.inject({ url: reportUrl });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('三、收到和处理政府信息公开申请情况');
      expect(page.body).toContain('缺少“一、总体情况”部分');
      expect(page.body).toContain(`${reportUrl}/cells/T3.R1.C7`);
      const cell = await admin.inject({ url: `${reportUrl}/cells/T3.R1.C7` });
      expect(cell.statusCode).toBe(200);
      expect(cell.body).toContain(tracking);
      expect(cell.body).toContain('/admin/applications/cases/');
      expect((await admin.inject({ url: `${reportUrl}/cells/T9.nope` })).statusCode).toBe(404);
    });

    it('a bad figure re-renders the form with the Chinese message and what was typed; a good one saves', async () => {
      const admin = await t.login('mz.admin');
      const bad = await admin.inject({
        method: 'POST',
        url: `${reportUrl}/figures`,
        ...form({ version: '1', licensing: '十二', penalties: '3', enforcement: '', feesAmount: '1.5' }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('行政许可本年处理决定数量必须是整数');
      expect(bad.body).toContain('value="十二"');
      expect(bad.body).toContain('value="1.5"');
      const ok = await admin.inject({
        method: 'POST',
        url: `${reportUrl}/figures`,
        ...form({ version: '1', licensing: '12', penalties: '3', enforcement: '0', feesAmount: '1.5' }),
      });
      expect(ok.statusCode).toBe(303);
      const stale = await admin.inject({
        method: 'POST',
        url: `${reportUrl}/narrative`,
        ...form({ version: '1', ...NARRATIVE }),
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('已被他人修改');
      expect(stale.body).toContain('全年共收到政府信息公开申请1件'); // the typed text is kept
      const saved = await admin.inject({
        method: 'POST',
        url: `${reportUrl}/narrative`,
        ...form({ version: '2', ...NARRATIVE }),
      });
      expect(saved.statusCode).toBe(303);
      const page = await admin.inject({ url: reportUrl });
      expect(page.body).toContain('已检查（无错误）（逾期）');
    });

    it('only the agency’s editors and admin write; only an editor submits; the report then is in review', async () => {
      const reviewer = await t.login('mz.reviewer');
      const denied = await reviewer.inject({
        method: 'POST',
        url: `${reportUrl}/narrative`,
        ...form({ version: '3', ...NARRATIVE }),
      });
      expect(denied.statusCode).toBe(403);
      const admin = await t.login('mz.admin');
      expect(
        (await admin.inject({ method: 'POST', url: `${reportUrl}/submit`, ...form({}) })).statusCode,
      ).toBe(403);
      const other = await t.login('qh.editor');
      expect((await other.inject({ url: reportUrl })).statusCode).toBe(404);
      const editor = await t.login('mz.editor');
      const sent = await editor.inject({ method: 'POST', url: `${reportUrl}/submit`, ...form({}) });
      expect(sent.statusCode).toBe(303);
      const page = await editor.inject({ url: reportUrl });
      expect(page.body).toContain('审核中（逾期）');
      expect(page.body).toContain('/admin/publications/');
      const locked = await admin.inject({
        method: 'POST',
        url: `${reportUrl}/narrative`,
        ...form({ version: '4', ...NARRATIVE }),
      });
      expect(locked.statusCode).toBe(422);
      expect(locked.body).toContain('正在审核中');
    });

    it('a supervisor sees every agency below with its report’s state and exports their tables', async () => {
      const sup = await t.login('city.supervisor');
      const page = await sup.inject({ url: '/admin/annual-reports/overview?year=2025' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('示例市民政局');
      expect(page.body).toContain('审核中（逾期）');
      expect(page.body).toContain('未编写（逾期）');
      const xlsx = await sup.inject({ url: '/admin/annual-reports/overview.xlsx?year=2025' });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      const editor = await t.login('mz.editor');
      expect((await editor.inject({ url: '/admin/annual-reports/overview' })).statusCode).toBe(403);
    });
  });
}
