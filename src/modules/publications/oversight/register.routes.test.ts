/**
 * The 三项清单 pages through the real app, on every dialect: due and overdue entries, the 第十八条
 * re-review (维持不公开 moves the next review date on; 转为主动公开 sends the item back to draft), the
 * Chinese refusals, and supervisors reading without acting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, form, TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { buildPublication, MZ } from '../publications.fixtures.js';
import { findPublication } from '../publications.repository.js';
import { beijing10am, rowHeaders, rowOf } from './oversight.fixtures.js';

const post = (c: Client, url: string, values: Record<string, string>) =>
  c.inject({ method: 'POST', url, ...form({ _csrf: c.csrf, ...values }) });

for (const dialect of dialects) {
  describe(`三项清单 pages [${dialect}]`, () => {
    let t: TestApp;
    let office: Client;
    const overdue = { id: '', title: '2024年度内部审计工作底稿' };
    const fresh = { id: '', title: '关于某企业经营数据的报告' };

    beforeAll(async () => {
      t = await testApp(dialect);
      // Decided 2025-01-10: its re-review fell due 2026-01-10, 51 days before "today" (2026-03-02).
      t.clock.set(beijing10am('2025-01-10'));
      overdue.id = (
        await buildPublication.registered(t, {
          title: overdue.title,
          formedOn: '2025-01-09',
          writtenOn: '2025-01-08',
        })
      ).id;
      t.clock.set(TEST_NOW);
      fresh.id = (
        await buildPublication.registered(t, {
          title: fresh.title,
          disclosureAttribute: 'onRequest',
          withholdGround: 'E4',
          withholdReason: '涉及企业商业秘密',
        })
      ).id;
      office = await t.login('mz.office');
    });
    afterAll(async () => t?.close());

    it('lists the entries due for re-review, with the overdue flag, or all of them', async () => {
      const due = await office.inject({ url: '/admin/publications/register?filter=due' });
      expect(due.statusCode).toBe(200);
      expect(rowHeaders(due.body)).toEqual([overdue.title]);
      expect(rowOf(due.body, overdue.title)).toEqual([
        overdue.title,
        '不予公开',
        'E6 属于四类过程性信息（第十六条第二款）',
        '属于内部讨论稿',
        '2025年1月10日',
        '2026年1月10日',
        '逾期51天',
        '复核',
      ]);
      const all = await office.inject({ url: '/admin/publications/register' });
      expect(rowHeaders(all.body)).toEqual([overdue.title, fresh.title]);
      expect(rowOf(all.body, fresh.title)?.slice(1, 7)).toEqual([
        '依申请公开',
        'E4 保护第三方合法权益（第十五条）',
        '涉及企业商业秘密',
        '2026年3月2日',
        '2027年3月2日',
        '未到期',
      ]);
    });

    it('shows why someone cannot re-review, and refuses them', async () => {
      const editor = await t.login('mz.editor');
      const page = await editor.inject({ url: `/admin/publications/register/${overdue.id}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('您不能复核此事项');
      expect(page.body).toContain('需要“公开办负责人”或“审签领导”角色');
      expect(page.body).not.toContain('name="comment"');
      expect(
        (await post(editor, `/admin/publications/register/${overdue.id}/confirm`, { comment: '维持' }))
          .statusCode,
      ).toBe(403);

      // The supervisor reads the whole scope, with the agency, and cannot act.
      const supervisor = await t.login('city.supervisor');
      const list = await supervisor.inject({ url: '/admin/publications/register?filter=due' });
      expect(rowOf(list.body, '示例市民政局')?.[1]).toBe(overdue.title);
      expect(list.body).toContain('主管部门可以查看，复核由各单位的公开办负责人或审签领导办理。');
      const entry = await supervisor.inject({ url: `/admin/publications/register/${overdue.id}` });
      expect(entry.body).toContain('只有本单位工作人员可以办理');
      expect(
        (await post(supervisor, `/admin/publications/register/${overdue.id}/release`, { comment: '公开' }))
          .statusCode,
      ).toBe(403);

      // Outside the scope, nothing exists.
      const county = await t.login('qh.editor');
      expect((await county.inject({ url: `/admin/publications/register/${overdue.id}` })).statusCode).toBe(
        404,
      );
      expect(
        (await county.inject({ url: `/admin/publications/register?agencyId=${t.agencies[MZ]}` })).statusCode,
      ).toBe(404);
      expect(rowHeaders((await county.inject({ url: '/admin/publications/register' })).body)).toEqual([]);
      const row = await findPublication(t.handle.db, overdue.id);
      expect([row?.state, row?.next_review_on]).toEqual(['registered', '2026-01-10']);
    });

    it('confirms an entry still withheld: a comment is required, the next review date moves on', async () => {
      const page = await office.inject({ url: `/admin/publications/register/${overdue.id}` });
      expect(page.body).toContain('name="comment"');
      expect(page.body).toContain(`formaction="/admin/publications/register/${overdue.id}/release"`);

      const empty = await post(office, `/admin/publications/register/${overdue.id}/confirm`, {
        comment: ' ',
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('请填写复核意见');
      expect((await findPublication(t.handle.db, overdue.id))?.next_review_on).toBe('2026-01-10');

      const res = await post(office, `/admin/publications/register/${overdue.id}/confirm`, {
        comment: '审计工作底稿仍属内部过程性信息',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/publications/register?filter=due&done=confirmed');
      expect((await findPublication(t.handle.db, overdue.id))?.next_review_on).toBe('2027-03-02');
      const due = await office.inject({ url: res.headers.location as string });
      expect(due.body).toContain('已复核：维持不公开，下次复核日期已顺延。');
      expect(due.body).toContain('没有到期待复核的事项。');
      const entry = await office.inject({ url: `/admin/publications/register/${overdue.id}` });
      expect(entry.body).toContain(
        '刘主任（mz.office）：复核后维持不公开。意见：审计工作底稿仍属内部过程性信息',
      );
    });

    it('releases an entry back to draft for publication; acting on it again is refused in Chinese', async () => {
      const signer = await t.login('mz.signer');
      const res = await post(signer, `/admin/publications/register/${fresh.id}/release`, {
        comment: '企业已同意公开',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/publications/register?filter=due&done=released');
      const row = await findPublication(t.handle.db, fresh.id);
      expect([row?.state, row?.disclosure_attribute, row?.next_review_on]).toEqual([
        'draft',
        'proactive',
        null,
      ]);
      expect(rowHeaders((await office.inject({ url: '/admin/publications/register' })).body)).toEqual([
        overdue.title,
      ]);

      const again = await post(office, `/admin/publications/register/${fresh.id}/confirm`, {
        comment: '维持',
      });
      expect(again.statusCode).toBe(422);
      expect(again.body).toContain('不能复核后维持不公开：当前状态为“草稿”，不能复核后维持不公开');
      expect(again.body).toContain('该信息已不在三项清单中（当前状态：草稿）');
    });
  });
}
