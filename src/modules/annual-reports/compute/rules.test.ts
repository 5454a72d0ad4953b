/**
 * Single lines of docs/legal/report-counting.md on a real database (every dialect): 表二 from publications
 * (2.1–2.4 and the entered figures), an unconfirmed online application (3.3), a missed 补正 deadline before
 * the daily job ran (3.12), the opening balance (3.18, 4.8), a proceeding spanning a year end (4.5) and the
 * cell → ids lists.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import type { LegalDate } from '../../../platform/legal-date.js';
import { build, ctxOf } from '../../applications/applications.fixtures.js';
import { recordAppeal } from '../../applications/commands/appeal.js';
import { claimCase } from '../../applications/commands/assign.js';
import { requestCorrection } from '../../applications/commands/correction.js';
import { closeOverdue } from '../../applications/commands/jobs.js';
import { approveReply, draftReply, sendReply } from '../../applications/commands/reply.js';
import { setValidity } from '../../publications/commands/set-validity.js';
import { buildPublication, MZ, QH } from '../../publications/publications.fixtures.js';
import { computeAnnualReport } from './report.js';
import { computeTable2 } from './table2.js';
import { computeTable3 } from './table3.js';
import { computeTable4 } from './table4.js';

for (const dialect of dialects) {
  describe(`annual report computed tables [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    let agency: string;
    beforeEach(() => {
      agency = t.agencies[MZ]!;
    });
    const day = (d: string) => t.clock.set(`${d}T02:00:00.000Z`);
    const as = (u: string) => ctxOf(t, u);

    it('表二: 规章 and 行政规范性文件 made, repealed (废止 or 失效) and in force; the entered figures as given', async () => {
      day('2025-12-01');
      const doc = (genre: string, writtenOn: string, n: number) =>
        buildPublication.published(t, {
          genre,
          writtenOn,
          formedOn: writtenOn,
          docNoYear: Number(writtenOn.slice(0, 4)),
          docNoNumber: n,
          title: `测试文件${n}`,
        });
      const rule = await doc('rule', '2024-05-06', 101);
      const b = await doc('normativeDocument', '2025-02-03', 102);
      const c = await doc('normativeDocument', '2025-06-02', 103);
      await doc('notice', '2025-06-03', 104); // not 表二's
      day('2026-01-12');
      await setValidity(await as('mz.editor'), c.id, { validity: 'repealed', note: '已被新文件废止' });
      await setValidity(await as('mz.editor'), rule.id, { validity: 'amended', note: '已修改' });

      const y2025 = await computeTable2(t.services.db, agency, 2025, { licensing: 12, feesAmount: 1.25 });
      expect(y2025.T2.regulations).toEqual({ made: 0, repealed: 0, inForce: 1 });
      expect(y2025.T2.normativeDocuments).toEqual({ made: 2, repealed: 0, inForce: 2 });
      expect(y2025.T2.licensing).toEqual({ decisions: 12 });
      expect(y2025.T2.penalties).toEqual({ decisions: null });
      expect(y2025.T2.fees).toEqual({ amount: 1.25 });
      expect(y2025.publications['T2.normativeDocuments.made']!.sort()).toEqual([b.id, c.id].sort());
      const y2026 = await computeTable2(t.services.db, agency, 2026);
      expect(y2026.T2.regulations).toEqual({ made: 0, repealed: 0, inForce: 1 }); // 已修改 stays in force
      expect(y2026.T2.normativeDocuments).toEqual({ made: 0, repealed: 1, inForce: 1 });
      expect(y2026.publications['T2.normativeDocuments.repealed']).toEqual([c.id]);
      expect((await computeTable2(t.services.db, agency, 2024)).T2.regulations).toEqual({
        made: 1,
        repealed: 0,
        inForce: 1,
      });
    });

    it('a missed 补正 deadline counts the day after it even before the job runs; unconfirmed applications are not counted', async () => {
      const other = t.agencies[QH]!;
      day('2025-12-01');
      const handler = await as('qh.editor');
      const p = await build.received(t, 'qh.editor');
      await claimCase(handler, p.id);
      await requestCorrection(handler, p.id, { items: '请明确所需信息', deadline: '2025-12-10' });
      day('2025-12-30');
      const online = await build.submitted(t, QH);

      const before = await computeTable3(t.services.db, other, 2025, { asOf: '2025-12-10' as LegalDate });
      expect(before.cases['T3.R25.C1']).toContain(p.id);
      expect(before.pendingClosures).toEqual([]);
      const after = await computeTable3(t.services.db, other, 2025, { asOf: '2026-01-05' as LegalDate });
      expect(after.cases['T3.R21.C1']).toContain(p.id);
      expect(after.pendingClosures).toEqual([p.id]);
      expect(after.unconfirmed).toEqual([online.id]);
      expect(Object.values(after.cases).flat()).not.toContain(online.id);
      expect(after.notes.join('')).toContain('尚未确认收到');
      // The job then closes it on the same day: the same cells.
      day('2026-01-05');
      await closeOverdue(t.services, '2026-01-05' as LegalDate);
      const closed = await computeTable3(t.services.db, other, 2025, { asOf: '2026-01-05' as LegalDate });
      expect(closed.T3).toEqual(after.T3);
      expect(closed.pendingClosures).toEqual([]);
    });

    it('the opening balance is 上年结转 in its year; V1 then fails until the carried cases are registered', async () => {
      const carried = [2, 0, 0, 0, 0, 1];
      const report = await computeAnnualReport(t.services.db, agency, 2024, {
        asOf: '2025-01-31' as LegalDate,
        openingBalance: {
          year: 2024,
          carriedOver: carried,
          pendingAppeals: { reconsideration: 1, litigationDirect: 0, litigationAfterReconsideration: 0 },
        },
      });
      expect(report.tables.T3.R2).toEqual([2, 0, 0, 0, 0, 1, 3]);
      expect(report.notes.join('\n')).toContain('上年结转3件（录入数），其中3件未在平台登记');
      expect(report.notes.join('\n')).toContain('上年末尚未审结的行政复议1件（录入数）中，平台上只登记了0件');
      expect(report.findings.filter((f) => f.rule === 'V1').flatMap((f) => f.cells)).toContain('T3.R2.C1');
      // Another year is not affected.
      const next = await computeAnnualReport(t.services.db, agency, 2023, {
        openingBalance: { year: 2024, carriedOver: carried },
      });
      expect(next.tables.T3.R2).toEqual([0, 0, 0, 0, 0, 0, 0]);
    });

    it('a reconsideration pending on 31 December is 尚未审结 that year and counts with its result when decided', async () => {
      day('2025-11-03');
      const q = await build.inProgress(t, 'mz.handler');
      await draftReply(await as('mz.handler'), q.id, {
        outcome: 'withheld.processInformation',
        text: '过程性信息。',
      });
      await approveReply(await as('mz.signer'), q.id);
      await sendReply(await as('mz.handler'), q.id);
      day('2025-12-15');
      await recordAppeal(await as('mz.handler'), q.id, {
        kind: 'reconsideration',
        bodyName: '示例市人民政府',
        filedOn: '2025-12-15',
        result: 'pending',
      });
      const appealId = (
        await t.services.db
          .selectFrom('application_appeals')
          .select('id')
          .where('case_id', '=', q.id)
          .executeTakeFirstOrThrow()
      ).id;
      day('2026-02-02');
      await recordAppeal(await as('mz.handler'), q.id, {
        appealId,
        kind: 'reconsideration',
        bodyName: '示例市人民政府',
        filedOn: '2025-12-15',
        decidedOn: '2026-02-02',
        result: 'corrected',
      });
      const y2025 = await computeTable4(t.services.db, agency, 2025);
      expect([y2025.T4.K2, y2025.T4.K4, y2025.T4.K5]).toEqual([0, 1, 1]);
      expect(y2025.cases['T4.K4']).toEqual([q.id]);
      expect(y2025.appeals['T4.K4']).toEqual([appealId]);
      const y2026 = await computeTable4(t.services.db, agency, 2026);
      expect([y2026.T4.K2, y2026.T4.K4, y2026.T4.K5]).toEqual([1, 0, 1]);
      const t3 = await computeTable3(t.services.db, agency, 2025, { asOf: '2026-02-02' as LegalDate });
      expect(t3.cases['T3.R10.C1']).toContain(q.id);
      expect(t3.cases['T3.R10.C7']).toContain(q.id);
    });
  });
}
