/**
 * The supervisor's pages through the real app, on every dialect: per-agency figures (on time and late
 * across the 2025 国庆/中秋 holiday and its 调休 weekend), worst first, scope, the CSV, the versions behind a
 * figure, and the 待解读 list before and after linking an interpretation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { linkInterpretation } from '../commands/link-interpretation.js';
import { publishNow } from '../commands/publish-now.js';
import { policiesAwaitingInterpretation } from '../interpretation.repository.js';
import { buildPublication, ctxOf, MZ, QH } from '../publications.fixtures.js';
import { registerDue } from '../register.repository.js';
import {
  beijing10am,
  countyReviewers,
  publishInCounty,
  rowHeaders,
  rowOf,
  urge,
} from './oversight.fixtures.js';
import { awaitingInterpretationCounts, registerDueCounts } from './oversight.repository.js';

const autumn = { formedOn: '2025-09-26', writtenOn: '2025-09-25' };
const COUNTY = ['示例市清河县人民政府', '清河县民政局', '清河县自然资源局'];

for (const dialect of dialects) {
  describe(`oversight pages [${dialect}]`, () => {
    let t: TestApp;
    let supervisor: Client;
    let policyId = '';
    const late = { id: '', title: '关于做好2025年国庆节期间困难群众救助工作的通知' };

    beforeAll(async () => {
      t = await testApp(dialect);
      await countyReviewers(t);
      // 示例市民政局: formed Friday 2025-09-26, due 2025-10-30 (10-01…10-08 off, Sunday 09-28 and
      // Saturday 10-11 worked); one published on the due date, one the day after.
      t.clock.set(beijing10am('2025-10-20'));
      const onTime = await buildPublication.atSignOff(t, autumn);
      const lateOne = await buildPublication.atSignOff(t, { ...autumn, title: late.title });
      t.clock.set(beijing10am('2025-10-30'));
      await publishNow(await ctxOf(t, 'mz.signer'), onTime.id);
      t.clock.set(beijing10am('2025-10-31'));
      late.id = (await publishNow(await ctxOf(t, 'mz.signer'), lateOne.id)).id;
      // 清河县民政局: one late (formed 2025-09-01, due 2025-09-29, published 2025-11-03).
      t.clock.set(beijing10am('2025-11-03'));
      await publishInCounty(t, { formedOn: '2025-09-01', writtenOn: '2025-09-01' });
      // A 三项清单 entry decided 2025-01-10: its re-review fell due on 2026-01-10.
      t.clock.set(beijing10am('2025-01-10'));
      await buildPublication.registered(t, { formedOn: '2025-01-09', writtenOn: '2025-01-08' });
      t.clock.set(TEST_NOW);
      // This year: a policy document still without its interpretation, and an overdue 督办.
      policyId = (
        await buildPublication.published(t, {
          genre: 'normativeDocument',
          validity: 'effective',
          title: '示例市最低生活保障办法',
        })
      ).id;
      await urge(t, MZ, '2026-02-20');
      await urge(t, QH, '2026-12-31', '尚未到期的督办');
      supervisor = await t.login('city.supervisor');
    });
    afterAll(async () => t?.close());

    it('shows each agency of the scope with its figures, worst first', async () => {
      const res = await supervisor.inject({ url: '/admin/oversight?period=lastYear' });
      expect(res.statusCode).toBe(200);
      const html = res.body;
      expect(html).toContain('<caption>2025年1月1日至2025年12月31日发布信息的按时公开情况');
      expect(rowOf(html, '示例市民政局')).toEqual([
        '示例市民政局',
        '2',
        '1',
        '50.0%（1/2）',
        '1',
        '1',
        '1',
        '逾期发布1件 · 发督办',
      ]);
      expect(rowOf(html, '清河县民政局')?.slice(0, 7)).toEqual([
        '清河县民政局',
        '1',
        '0',
        '0.0%（0/1）',
        '0',
        '0',
        '0',
      ]);
      expect(rowOf(html, '示例市财政局')?.slice(0, 7)).toEqual([
        '示例市财政局',
        '0',
        '0',
        '本期无发布',
        '0',
        '0',
        '0',
      ]);
      const order = rowHeaders(html);
      expect(order.slice(0, 2)).toEqual(['示例市民政局', '清河县民政局']);
      expect(order).toEqual(
        expect.arrayContaining([...COUNTY, '示例市人民政府', '示例市财政局', '示例市教育局']),
      );
      // Accessible table: column and row headers, numbers marked for right alignment.
      expect(html).toContain('<th scope="col" class="num">及时率</th>');
      expect(html).toContain('<td class="num">50.0%（1/2）</td>');
      const mz = t.agencies[MZ]!;
      expect(html).toContain(
        `href="/admin/supervision?agencyId=${mz}&amp;kind=urge#post-title" aria-label="向示例市民政局发督办"`,
      );
      expect(html).toContain(`href="/admin/publications/register?agencyId=${mz}&amp;filter=due"`);
      expect(html).toContain(`href="/admin/supervision?agencyId=${mz}&amp;overdue=1"`);
      expect(html).toContain(`href="/admin/oversight/interpretations?agencyId=${mz}"`);

      const thisYear = await supervisor.inject({ url: '/admin/oversight' });
      expect(rowOf(thisYear.body, '示例市民政局')?.slice(0, 4)).toEqual([
        '示例市民政局',
        '1',
        '1',
        '100.0%（1/1）',
      ]);
      const custom = await supervisor.inject({
        url: '/admin/oversight?period=custom&from=2025-10-31&to=2025-11-30',
      });
      expect(rowOf(custom.body, '示例市民政局')?.slice(0, 4)).toEqual([
        '示例市民政局',
        '1',
        '0',
        '0.0%（0/1）',
      ]);
    });

    it('counts exactly what the lists behind the figures show', async () => {
      const ids = Object.values(t.agencies);
      const today = '2026-03-02';
      const awaiting = await awaitingInterpretationCounts(t.handle.db, ids);
      const due = await registerDueCounts(t.handle.db, ids, today);
      for (const id of ids) {
        expect(awaiting.get(id) ?? 0).toBe((await policiesAwaitingInterpretation(t.handle.db, [id])).length);
        expect(due.get(id) ?? 0).toBe((await registerDue(t.handle.db, [id], today)).length);
      }
    });

    it('refuses a wrong custom period, naming the field', async () => {
      const res = await supervisor.inject({
        url: '/admin/oversight?period=custom&from=2025-12-01&to=2025-11-01',
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('截止日期不能早于开始日期');
      expect(res.body).toContain('value="2025-12-01"');
      const csv = await supervisor.inject({ url: '/admin/oversight.csv?period=custom&from=2025-02-30&to=' });
      expect(csv.statusCode).toBe(400);
    });

    it('limits each supervisor to its own subtree; staff cannot open the table', async () => {
      const county = await t.login('county.supervisor');
      const html = (await county.inject({ url: '/admin/oversight?period=lastYear' })).body;
      expect(rowHeaders(html).sort()).toEqual([...COUNTY].sort());
      expect(html).not.toContain('示例市民政局');
      for (const who of ['mz.editor', 'mz.admin', 'qh.editor']) {
        const c = await t.login(who);
        const res = await c.inject({ url: '/admin/oversight' });
        expect(res.statusCode).toBe(403);
        expect(res.body).toContain('只有主管部门（政务公开办）和平台管理员可以查看各单位的监督统计。');
        expect((await c.inject({ url: '/admin/oversight.csv' })).statusCode).toBe(403);
      }
      // The platform admin sees every agency but sends no 督办.
      const admin = await t.login('admin');
      const all = (await admin.inject({ url: '/admin/oversight' })).body;
      expect(rowHeaders(all)).toHaveLength(Object.keys(t.agencies).length);
      expect(all).not.toContain('kind=urge');
      // An agency outside the scope is not found.
      expect(
        (await county.inject({ url: `/admin/oversight/interpretations?agencyId=${t.agencies[MZ]}` }))
          .statusCode,
      ).toBe(404);
    });

    it('exports the same table as CSV with a BOM, worst first', async () => {
      const res = await supervisor.inject({ url: '/admin/oversight.csv?period=lastYear' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="oversight_2025-01-01_2025-12-31.csv"; filename*=UTF-8''${encodeURIComponent(
          '政务公开监督统计_2025-01-01_2025-12-31.csv',
        )}`,
      );
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe(
        '单位,本期发布数,按时发布数,及时率,待解读政策数,三项清单到期未复核数,逾期督办数,统计起始日期,统计截止日期',
      );
      expect(lines[1]).toBe('示例市民政局,2,1,50.0%,1,1,1,2025-01-01,2025-12-31');
      expect(lines[2]).toBe('清河县民政局,1,0,0.0%,0,0,0,2025-01-01,2025-12-31');
      expect(lines).toContain('示例市财政局,0,0,本期无发布,0,0,0,2025-01-01,2025-12-31');
      expect(lines.at(-1)).toBe('');
      expect(lines).toHaveLength(Object.keys(t.agencies).length + 2);
    });

    it('lists the versions behind the timeliness figure, late ones first', async () => {
      const mz = t.agencies[MZ]!;
      const res = await supervisor.inject({
        url: `/admin/oversight/timeliness?agencyId=${mz}&period=lastYear&late=1`,
      });
      expect(res.statusCode).toBe(200);
      expect(rowOf(res.body, late.title)).toEqual([
        late.title,
        '示民发〔2026〕3号',
        '首次发布',
        '2025年9月26日',
        '2025年10月30日',
        '2025年10月31日',
        '逾期',
      ]);
      expect(rowHeaders(res.body)).toHaveLength(1);
      const all = await supervisor.inject({
        url: `/admin/oversight/timeliness?agencyId=${mz}&period=lastYear`,
      });
      expect(rowHeaders(all.body)).toEqual([late.title, '关于调整城乡居民最低生活保障标准的通知']);
      // Staff see their own agency's, and nobody else's.
      const editor = await t.login('mz.editor');
      const own = (await editor.inject({ url: '/admin/oversight/timeliness?period=lastYear' })).body;
      expect(own).toContain(late.title);
      expect(own).not.toContain('返回政务公开监督');
      const qh = await t.login('qh.editor');
      expect((await qh.inject({ url: `/admin/oversight/timeliness?agencyId=${mz}` })).statusCode).toBe(404);
    });

    it('lists policies awaiting interpretation until one is linked', async () => {
      const res = await supervisor.inject({ url: '/admin/oversight/interpretations' });
      expect(res.statusCode).toBe(200);
      expect(rowOf(res.body, '示例市民政局')).toEqual([
        '示例市民政局',
        '示例市最低生活保障办法',
        '示民发〔2026〕3号',
        '行政规范性文件',
        '2026年3月2日',
        '0天',
      ]);
      t.clock.set(beijing10am('2026-03-12'));
      const editor = await t.login('mz.editor');
      const own = await editor.inject({ url: '/admin/oversight/interpretations' });
      expect(rowOf(own.body, '示例市最低生活保障办法')?.at(-1)).toBe('10天');
      const county = await t.login('qh.editor');
      expect((await county.inject({ url: '/admin/oversight/interpretations' })).body).toContain(
        '没有待解读的政策文件。',
      );

      const interpretation = await buildPublication.draft(t, {
        genre: 'interpretation',
        title: '《示例市最低生活保障办法》解读',
      });
      await linkInterpretation(await ctxOf(t, 'mz.editor'), interpretation.id, { policyId });
      supervisor = await t.login('city.supervisor'); // the earlier session went idle while the clock moved on
      const after = await supervisor.inject({ url: '/admin/oversight/interpretations' });
      expect(after.body).not.toContain('示例市最低生活保障办法</a>');
      expect(after.body).toContain('没有待解读的政策文件。');
      const table = (await supervisor.inject({ url: '/admin/oversight?period=lastYear' })).body;
      expect(rowOf(table, '示例市民政局')?.[4]).toBe('0');
      t.clock.set(TEST_NOW);
    });
  });
}
