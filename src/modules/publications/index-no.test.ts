/**
 * 索引号: format from the agency's pattern, assigned at publication, unique and never reused, serial per
 * year, continuing above imported numbers, and distinct under concurrent publication (every dialect).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import { AppError } from '../../platform/errors.js';
import { upsertSettingsRow } from '../catalog/settings.repository.js';
import { publishNow } from './commands/publish-now.js';
import { withdrawPublication } from './commands/withdraw-publication.js';
import { parseIndexNo, registerImportedIndexNo } from './index-no.js';
import { buildPublication, ctxOf, MZ, QH } from './publications.fixtures.js';

const MZ_CODE = '11510100DEMO00002X';

describe('parseIndexNo', () => {
  it.each([
    ['{code}/{YYYY}-{serial5}', `${MZ_CODE}/2026-00042`, { year: 2026, serial: 42 }],
    ['{code}/{YYYY}-{serial5}', `${MZ_CODE}/2026-123456`, { year: 2026, serial: 123456 }],
    ['{code}/{YYYY}{MM}-{serial5}', `${MZ_CODE}/202110-00013`, { year: 2021, serial: 13 }],
    ['{code}/{YYYY}-{serial5}', `${MZ_CODE}/2026-0042`, null], // too few digits
    ['{code}/{YYYY}-{serial5}', `OTHER/2026-00042`, null], // another agency's code
    ['{code}/{YYYY}-{serial5}', 'sggzyjyzx/2024-00002', null], // non-standard numbers are kept but do not move the serial
  ])('%s reads %s as %j', (pattern, indexNo, parsed) => {
    expect(parseIndexNo(pattern, MZ_CODE, indexNo)).toEqual(parsed);
  });
});

for (const dialect of dialects) {
  describe(`索引号 assignment [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());

    const serialOf = (indexNo: string | null) => Number(indexNo!.split('-').pop());

    it('is assigned at publication, per year, never reused after withdrawal, above imported numbers', async () => {
      const first = await buildPublication.published(t);
      expect(first.indexNo).toBe(`${MZ_CODE}/2026-00001`);
      const withdrawn = await withdrawPublication(await ctxOf(t, 'mz.signer'), first.id, { reason: '有误' });
      expect(withdrawn.indexNo).toBe(first.indexNo);
      expect((await buildPublication.published(t)).indexNo).toBe(`${MZ_CODE}/2026-00002`);

      // An imported item keeps its number; the serial continues above it.
      await t.services.db
        .transaction()
        .execute((trx) => registerImportedIndexNo(trx, t.agencies[MZ]!, `${MZ_CODE}/2026-00040`));
      expect((await buildPublication.published(t)).indexNo).toBe(`${MZ_CODE}/2026-00041`);
      // A lower imported number, or one outside the pattern, does not move it back.
      await t.services.db.transaction().execute(async (trx) => {
        await registerImportedIndexNo(trx, t.agencies[MZ]!, `${MZ_CODE}/2026-00007`);
        await registerImportedIndexNo(trx, t.agencies[MZ]!, 'mzj/2019-00999');
      });
      expect((await buildPublication.published(t)).indexNo).toBe(`${MZ_CODE}/2026-00042`);

      // Another year has its own serial.
      t.clock.set('2027-01-05T02:00:00Z');
      try {
        expect((await buildPublication.published(t, { formedOn: '2027-01-04' })).indexNo).toBe(
          `${MZ_CODE}/2027-00001`,
        );
      } finally {
        t.clock.set('2026-03-02T02:00:00.000Z');
      }
    });

    it('refuses an imported number already in use anywhere on the platform', async () => {
      const taken = (await buildPublication.published(t)).indexNo!;
      const err = await t.services.db
        .transaction()
        .execute((trx) => registerImportedIndexNo(trx, t.agencies[QH]!, taken))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('conflict');
      expect((err as AppError).message).toContain('已被使用');
    });

    it("follows the agency's own pattern", async () => {
      const agencyId = t.agencies[QH]!;
      await upsertSettingsRow(t.services.db, {
        agency_id: agencyId,
        index_no_pattern: '{code}/{YYYY}{MM}-{serial4}',
        sensitive_words_json: '[]',
        extra_contacts_json: '[]',
        workflow_steps_json: JSON.stringify(['secrecyReview']),
        withheld_review_months: 12,
        updated_at: t.clock.now().toISOString(),
        updated_by: null,
      });
      const { createPublication } = await import('./commands/create-publication.js');
      const { submitPublication } = await import('./commands/submit-publication.js');
      const { approvePublication } = await import('./commands/approve-step.js');
      const { addStaff, columnOf, completeInput } = await import('./publications.fixtures.js');
      await addStaff(t, `qh.secrecy.${dialect}`, QH, ['secrecyReviewer']);
      const editor = await ctxOf(t, 'qh.editor');
      let p = await createPublication(editor, agencyId, completeInput(await columnOf(t, QH)));
      p = await submitPublication(editor, p.id);
      expect(p.state).toBe('secrecyReview');
      // With 保密审查 as the only (and so last) step, its reviewer publishes.
      await expect(approvePublication(await ctxOf(t, `qh.secrecy.${dialect}`), p.id)).rejects.toThrow();
      p = await publishNow(await ctxOf(t, `qh.secrecy.${dialect}`), p.id);
      expect(p.indexNo).toBe('11510121DEMO00002X/202603-0001');
    });

    it('20 publications at once get 20 distinct serials', async () => {
      const ready = [];
      for (let i = 0; i < 20; i++)
        ready.push(await buildPublication.atSignOff(t, { title: `并发发布 ${i}` }));
      const signer = await ctxOf(t, 'mz.signer');
      const published = await Promise.all(ready.map((p) => publishNow(signer, p.id)));
      const serials = published.map((p) => serialOf(p.indexNo));
      expect(new Set(serials).size).toBe(20);
      const max = Math.max(...serials);
      expect(Math.min(...serials)).toBe(max - 19); // consecutive: no number skipped or drawn twice
      const rows = await t.services.db
        .selectFrom('publications')
        .select('index_no')
        .where('index_no', 'is not', null)
        .execute();
      expect(new Set(rows.map((r) => r.index_no)).size).toBe(rows.length);
    }, 60_000);
  });
}
