/**
 * 第二十六条 timeliness as date tables: dueOn = addWorkdays(formedOn, 20) across the 2025 国庆节、中秋节
 * holiday and its 调休 weekend, the late-publication warning, an amendment's clock from its 变更日期,
 * and the per-agency rate (every dialect).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import { amendPublication } from './commands/amend-publication.js';
import { approvePublication } from './commands/approve-step.js';
import { loadPublication, reviewContext } from './commands/load.js';
import { publishNow } from './commands/publish-now.js';
import { submitPublication } from './commands/submit-publication.js';
import { buildPublication, CZ, ctxOf, MZ } from './publications.fixtures.js';
import { timeliness } from './register.repository.js';

const beijing10am = (date: string) => `${date}T02:00:00Z`;
const autumn = { formedOn: '2025-09-26', writtenOn: '2025-09-25' };

for (const dialect of dialects) {
  describe(`第二十六条 timeliness [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterEach(() => t.clock.set(TEST_NOW));
    afterAll(async () => t?.close());

    const warningCodes = async (id: string) => {
      const pub = await loadPublication(await ctxOf(t, 'mz.signer'), id);
      return (await reviewContext(t.services, pub)).warnings.map((w) => w.code);
    };

    it.each([
      // formed on Friday 2025-09-26; 10-01…10-08 are holidays, Sunday 09-28 and Saturday 10-11 are 调休 working days.
      ['2025-10-30', true],
      ['2025-10-31', false],
    ])('formed 2025-09-26 (due 2025-10-30), published %s: on time = %s', async (publishOn, onTime) => {
      t.clock.set(beijing10am('2025-10-20'));
      const p = await buildPublication.atSignOff(t, autumn);
      expect(p.dueOn).toBe('2025-10-30');
      t.clock.set(beijing10am(publishOn));
      expect((await warningCodes(p.id)).includes('late')).toBe(!onTime);
      const published = await publishNow(await ctxOf(t, 'mz.signer'), p.id);
      expect([published.publishedOn, published.dueOn]).toEqual([publishOn, '2025-10-30']);
    });

    it('counts the rate per agency over publication dates, from the stored columns', async () => {
      const [mz] = await timeliness(t.services.db, [t.agencies[MZ]!], '2025-10-01', '2025-10-31');
      expect(mz).toEqual({ agencyId: t.agencies[MZ], published: 2, onTime: 1, rate: 0.5 });
      const [none] = await timeliness(t.services.db, [t.agencies[CZ]!], '2025-10-01', '2025-10-31');
      expect(none).toMatchObject({ published: 0, onTime: 0, rate: null });
    });

    it('an amendment keeps the 索引号 and its clock runs from the 变更日期', async () => {
      t.clock.set(beijing10am('2025-10-09'));
      const first = await buildPublication.published(t, autumn);
      t.clock.set(beijing10am('2025-12-01'));
      let p = await amendPublication(await ctxOf(t, 'mz.editor'), first.id, { formedOn: '2025-11-28' });
      expect(p.dueOn).toBe('2025-12-26');
      p = await submitPublication(await ctxOf(t, 'mz.editor'), p.id);
      p = await approvePublication(await ctxOf(t, 'mz.reviewer'), p.id);
      p = await approvePublication(await ctxOf(t, 'mz.secrecy'), p.id);
      t.clock.set(beijing10am('2025-12-26'));
      expect(await warningCodes(p.id)).not.toContain('late');
      p = await publishNow(await ctxOf(t, 'mz.signer'), p.id);
      expect([p.indexNo, p.publishedOn, p.dueOn, p.version]).toEqual([
        first.indexNo,
        '2025-12-26',
        '2025-12-26',
        2,
      ]);
      const [dec] = await timeliness(t.services.db, [t.agencies[MZ]!], '2025-12-01', '2025-12-31');
      expect(dec).toMatchObject({ published: 1, onTime: 1, rate: 1 });
    });

    it('warns of a 成文日期 after the publication date and of missing recommended metadata', async () => {
      const p = await buildPublication.draft(t, { writtenOn: '2026-03-10', summary: '', keywords: [] });
      const rc = await reviewContext(t.services, p);
      expect(rc.warnings.map((w) => w.message)).toEqual([
        '建议填写：内容概述、关键词',
        '成文日期（2026年3月10日）晚于发布日期（2026年3月2日）',
      ]);
    });
  });
}
