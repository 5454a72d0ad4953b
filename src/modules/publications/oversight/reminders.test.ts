/**
 * The 待办提醒 panel on the back-office home, per role, on every dialect: review queue, 三项清单 due,
 * 待解读, overdue 督办, and a supervisor's scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { submitPublication } from '../commands/submit-publication.js';
import { buildPublication, ctxOf, MZ, QH } from '../publications.fixtures.js';
import { beijing10am, urge } from './oversight.fixtures.js';

/** The panel's lines as `key: text → link`. */
async function panel(t: TestApp, username: string): Promise<string[]> {
  const res = await (await t.login(username)).inject({ url: '/admin' });
  expect(res.statusCode).toBe(200);
  const section = /<h2 id="reminders-title">待办提醒<\/h2>([\s\S]*?)<\/section>/.exec(res.body)?.[1] ?? '';
  if (section.includes('暂无待办事项。')) return [];
  return [...section.matchAll(/<li data-reminder="([^"]+)"><a href="([^"]+)">([^<]+)<\/a><\/li>/g)].map(
    (m) => `${m[1]}: ${m[3]} → ${m[2]!.replaceAll('&amp;', '&')}`,
  );
}

for (const dialect of dialects) {
  describe(`待办提醒 [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
      t.clock.set(beijing10am('2025-01-10'));
      await buildPublication.registered(t, { formedOn: '2025-01-09', writtenOn: '2025-01-08' });
      t.clock.set(TEST_NOW);
      await buildPublication.published(t, {
        genre: 'rule',
        validity: 'effective',
        title: '示例市社会救助办法',
      });
      // Two items at 初审 (mz.reviewer's queue), one at 审签 (mz.signer's).
      await buildPublication.inReview(t, 'firstReview');
      await submitPublication(await ctxOf(t, 'mz.editor'), (await buildPublication.draft(t)).id);
      await buildPublication.atSignOff(t);
      await urge(t, MZ, '2026-02-27');
      await urge(t, QH, '2026-03-01', '清河县逾期督办');
      await urge(t, MZ, '2026-04-30', '尚未到期');
    });
    afterAll(async () => t?.close());

    it('shows each person what waits for them', async () => {
      expect(await panel(t, 'mz.reviewer')).toEqual([
        'review: 待我审核的信息：2件 → /admin/publications?queue=review',
      ]);
      expect(await panel(t, 'mz.signer')).toEqual([
        'review: 待我审核的信息：1件 → /admin/publications?queue=review',
        'registerDue: 三项清单到期待复核：1项（第十八条） → /admin/publications/register?filter=due',
      ]);
      expect(await panel(t, 'mz.office')).toEqual([
        'registerDue: 三项清单到期待复核：1项（第十八条） → /admin/publications/register?filter=due',
        'overdueNotes: 逾期未答复的督办：1项 → /admin/supervision?overdue=1',
      ]);
      expect(await panel(t, 'mz.editor')).toEqual([
        'awaitingInterpretation: 待解读的政策文件：1件 → /admin/oversight/interpretations',
      ]);
      expect(await panel(t, 'mz.admin')).toEqual([
        'overdueNotes: 逾期未答复的督办：1项 → /admin/supervision?overdue=1',
      ]);
      expect(await panel(t, 'qh.editor')).toEqual([]);
      expect(await panel(t, 'city.supervisor')).toEqual([
        'scopeOverdueNotes: 监督范围内逾期未答复的督办：2项 → /admin/supervision?overdue=1',
        'scopeRegisterDue: 监督范围内三项清单到期未复核：1项 → /admin/oversight',
        'scopeAwaitingInterpretation: 监督范围内待解读的政策文件：1件 → /admin/oversight/interpretations',
        'oversight: 查看各单位政务公开监督统计 → /admin/oversight',
      ]);
      expect(await panel(t, 'county.supervisor')).toEqual([
        'scopeOverdueNotes: 监督范围内逾期未答复的督办：1项 → /admin/supervision?overdue=1',
        'oversight: 查看各单位政务公开监督统计 → /admin/oversight',
      ]);
    });

    it('says so when nothing waits', async () => {
      const res = await (await t.login('qh.editor')).inject({ url: '/admin' });
      expect(res.body).toContain('<h2 id="reminders-title">待办提醒</h2><p class="muted">暂无待办事项。</p>');
    });
  });
}
