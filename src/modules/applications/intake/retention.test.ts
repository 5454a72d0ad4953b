/**
 * Retention of applicants' personal data on a real database (every dialect), dates as legal dates in China
 * whatever the server's time zone (run under TZ=UTC and TZ=Asia/Shanghai): archived cases keep it until the
 * period's last day and lose it the next day — envelope, blind indexes, attachments and their files — while the
 * case facts the annual report counts stay; pending appeals hold the erasure back; the audit has no personal
 * data.
 */
import { existsSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { AppError } from '../../../platform/errors.js';
import { legalDate } from '../../../platform/legal-date.js';
import { computeTable3 } from '../../annual-reports/compute/table3.js';
import { textPdf } from '../../checks/test-files.fixture.js';
import { filePath } from '../../publications/files.js';
import { MZ } from '../../publications/publications.fixtures.js';
import { build, ctxOf, expectNoPersonalData, inPersonForm, PERSON } from '../applications.fixtures.js';
import { findCase, listAttachments, listEvents, listLetters } from '../applications.repository.js';
import { reportCell } from '../codes.js';
import { recordAppeal } from '../commands/appeal.js';
import { archiveCase } from '../commands/delivery.js';
import { runApplicationJobs } from '../commands/jobs.js';
import { registerOffline } from '../commands/register-offline.js';
import { viewApplicant } from '../commands/view-applicant.js';
import { withdrawCase } from '../commands/withdraw.js';
import { renderLetter } from '../letters/render.js';
import { sealedPath } from '../sealed-files.js';
import { INTAKE_EVENT_LABELS } from './events.js';
import {
  DEFAULT_RETENTION_YEARS,
  ERASED_NOTICE,
  findErasure,
  getRetentionYears,
  purgeExpiredPersonalData,
  retentionLastDay,
  saveRetentionYears,
} from './retention.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe('retentionLastDay', () => {
  it('the same month and day years later, or the month’s last day when there is none', () => {
    expect(retentionLastDay(legalDate('2026-03-03'), 10)).toBe('2036-03-03');
    expect(retentionLastDay(legalDate('2028-02-29'), 1)).toBe('2029-02-28');
    expect(retentionLastDay(legalDate('2028-02-29'), 4)).toBe('2032-02-29');
    expect(retentionLastDay(legalDate('2026-12-31'), 3)).toBe('2029-12-31');
  });
});

for (const dialect of dialects) {
  describe(`retention of personal data [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));
    const as = (u: string) => ctxOf(t, u);
    const caseRow = async (id: string) => (await findCase(t.services.db, id))!;

    /** Registered in person with a scan of the ID, withdrawn, archived at `archivedAt` (an instant). */
    async function archived(archivedAt: string, pdf: Uint8Array, over: Record<string, unknown> = {}) {
      const r = await registerOffline(await as('mz.handler'), inPersonForm(t.services, over), [
        { fileName: '身份证明.pdf', bytes: pdf, purpose: 'identity' },
      ]);
      await withdrawCase(await as('mz.handler'), r.case.id, { reason: '申请人来电撤回' });
      t.clock.set(archivedAt);
      await archiveCase(await as('mz.handler'), r.case.id);
      t.clock.set(TEST_NOW);
      return r.case.id;
    }

    it('erases envelope, indexes and attachments the day after the period; facts and report cell stay', async () => {
      const pdf = textPdf([['身份证明 张三丰']]);
      const shared = textPdf([['两件申请共用的材料']]);
      // Archived at 01:30 in China on 3 March = 17:30 UTC on 2 March: the period runs from the Chinese date.
      const a = await archived('2026-03-02T17:30:00.000Z', pdf);
      const b = await archived('2026-03-02T17:30:00.000Z', shared);
      const later = await archived('2026-03-04T02:00:00.000Z', shared);
      const before = await caseRow(a);
      const dataDir = t.services.config.dataDir;
      const sharedSha = (await listAttachments(t.services.db, b))[0]!.sha256;
      const [fileOf, sharedFileOf, laterFileOf] = await Promise.all(
        [a, b, later].map(async (c) =>
          sealedPath(dataDir, 'attachment', (await listAttachments(t.services.db, c))[0]!.id),
        ),
      );
      expect([fileOf, sharedFileOf, laterFileOf].map((f) => existsSync(f!))).toEqual([true, true, true]);
      // `later` as an earlier install stored it: no sealed file, a clear copy named by its content.
      mkdirSync(path.dirname(filePath(dataDir, sharedSha)), { recursive: true });
      writeFileSync(filePath(dataDir, sharedSha), shared);
      unlinkSync(laterFileOf!);
      expect(await getRetentionYears(t.services.db, t.agencies[MZ]!)).toBe(DEFAULT_RETENTION_YEARS);

      // The last day of the period (2036-03-03): kept.
      expect(await purgeExpiredPersonalData(t.services, legalDate('2036-03-03'))).toEqual([]);
      expect((await viewApplicant(await as('mz.office'), a)).idNumber).toBe(PERSON.idNumber);

      // The next day, through the scheduled jobs' run (the clock at 00:30 in China = 16:30 UTC the day before).
      t.clock.set('2036-03-03T16:30:00.000Z');
      await runApplicationJobs(t.services, t.services.clock.now());
      const after = await caseRow(a);
      expect(after.pii_envelope).not.toBe(before.pii_envelope);
      expect([after.applicant_id_index, after.applicant_contact_index, after.submission_hash]).toEqual([
        null,
        null,
        null,
      ]);
      // The facts the annual report counts are untouched.
      const facts = (r: typeof before) => [
        r.tracking_no,
        r.channel,
        r.applicant_kind,
        r.state,
        r.arrived_on,
        r.received_on,
        r.outcome,
        r.closed_on,
        r.closure_reason,
        r.info_description,
      ];
      expect(facts(after)).toEqual(facts(before));
      expect(reportCell(after.outcome as never, after.applicant_kind as never)).toEqual(
        reportCell(before.outcome as never, before.applicant_kind as never),
      );
      // …and the annual report of the year it was closed still counts it in its cell (R23: withdrawn).
      const report = await computeTable3(t.services.db, t.agencies[MZ]!, 2026, {
        asOf: legalDate('2036-03-04'),
      });
      expect(report.cases['T3.R23.C1']).toContain(a);
      expect(report.cases['T3.R1.C1']).toContain(a);
      // The case shows the notice where the applicant was.
      const shown = await viewApplicant(await as('mz.office'), a);
      expect([shown.name, shown.idNumber, shown.phone, shown.address]).toEqual([
        ERASED_NOTICE,
        null,
        '',
        null,
      ]);
      expect(await findErasure(t.services.db, a)).toMatchObject({
        archived_on: '2026-03-03',
        retention_years: 10,
        erased_on: '2036-03-04',
      });
      const last = (await listEvents(t.services.db, a)).at(-1)!;
      expect(INTAKE_EVENT_LABELS[last.action]).toBe('删除申请人个人信息（保存期限届满）');
      expect([last.action, last.on_date, last.actor_label]).toEqual([
        'erasePersonalData',
        '2036-03-04',
        '系统（个人信息保存期限）',
      ]);
      expect(last.note).toBe(
        `${ERASED_NOTICE}（2026-03-03归档，保存期限10年，至2036-03-03届满；删除附件1个、文书文件0个）。`,
      );
      // Attachments: rows and sealed files gone (one file per attachment, even for equal content); the clear
      // file of an earlier install stays while a row without a sealed file still needs it.
      expect(await listAttachments(t.services.db, a)).toEqual([]);
      expect(existsSync(fileOf!)).toBe(false);
      expect(await listAttachments(t.services.db, b)).toEqual([]);
      expect(existsSync(sharedFileOf!)).toBe(false);
      expect((await listAttachments(t.services.db, later)).map((x) => x.sha256)).toEqual([sharedSha]);
      expect(existsSync(filePath(dataDir, sharedSha))).toBe(true);
      // The case archived on 4 March keeps its data one more day, then goes, file and all.
      expect((await caseRow(later)).applicant_contact_index).not.toBeNull();
      // Its letters, once downloaded, are frozen sealed files (with the applicant's name): erased too.
      const letters = await listLetters(t.services.db, later);
      expect(letters.length).toBeGreaterThan(0);
      for (const l of letters) await renderLetter(t.services, later, l.id);
      const frozen = letters
        .filter((l) => l.status === 'sent')
        .map((l) => sealedPath(dataDir, 'letter', l.id));
      expect(frozen.length).toBeGreaterThan(0);
      expect(frozen.map((f) => existsSync(f))).toEqual(frozen.map(() => true));
      const next = await purgeExpiredPersonalData(t.services, legalDate('2036-03-05'));
      expect(
        next.map((x) => [x.id, x.archivedOn, x.lastDay, x.attachmentsDeleted, x.letterFilesDeleted]),
      ).toEqual([[later, '2026-03-04', '2036-03-04', 1, frozen.length]]);
      expect(frozen.map((f) => existsSync(f))).toEqual(frozen.map(() => false));
      expect(existsSync(filePath(dataDir, sharedSha))).toBe(false);
      // Audited as the platform, with dates and counts only.
      const audit = await t.services.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', a)
        .where('action', '=', 'application.erase_personal_data')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toEqual({
        trackingNo: before.tracking_no,
        archivedOn: '2026-03-03',
        retentionYears: 10,
        lastDay: '2036-03-03',
        erasedOn: '2036-03-04',
        attachmentsDeleted: 1,
        letterFilesDeleted: 0,
      });
      // Nothing left to do; the erased data is nowhere.
      expect(await purgeExpiredPersonalData(t.services, legalDate('2040-01-01'))).toEqual([]);
      await expectNoPersonalData(t.services, Object.values(PERSON));
    });

    it('an agency’s own period; pending appeals and cases not archived are kept', async () => {
      const refused = await refusal(saveRetentionYears(await as('mz.handler'), t.agencies[MZ]!, {}));
      expect(refused.code).toBe('forbidden');
      const bad = await refusal(
        saveRetentionYears(await as('mz.admin'), t.agencies[MZ]!, { retentionYears: 0 }),
      );
      expect(bad.fields).toEqual([
        { field: 'retentionYears', message: '申请人个人信息保存期限（归档后年数）不能小于1' },
      ]);
      expect(await saveRetentionYears(await as('mz.office'), t.agencies[MZ]!, { retentionYears: '2' })).toBe(
        2,
      );
      const pdf = textPdf([['另一份材料']]);
      const appealed = await archived('2026-03-05T02:00:00.000Z', pdf, { name: '李四' });
      t.clock.set('2026-03-06T02:00:00.000Z');
      await recordAppeal(await as('mz.handler'), appealed, {
        kind: 'litigation',
        bodyName: '示例市中级人民法院',
        filedOn: '2026-03-06',
        result: 'pending',
      });
      const open = await build.inProgress(t, 'mz.handler', { name: '王二' });
      expect(
        (await purgeExpiredPersonalData(t.services, legalDate('2028-03-06'))).map((x) => x.id),
      ).not.toContain(appealed);
      const appealId = (
        await t.services.db
          .selectFrom('application_appeals')
          .select('id')
          .where('case_id', '=', appealed)
          .executeTakeFirstOrThrow()
      ).id;
      t.clock.set('2028-03-06T02:00:00.000Z');
      await recordAppeal(await as('mz.handler'), appealed, {
        appealId,
        kind: 'litigation',
        bodyName: '示例市中级人民法院',
        filedOn: '2026-03-06',
        decidedOn: '2028-03-01',
        result: 'upheld',
      });
      const erased = await purgeExpiredPersonalData(t.services, legalDate('2028-03-06'));
      expect(erased.map((x) => [x.id, x.lastDay])).toEqual([[appealed, '2028-03-05']]);
      expect((await caseRow(open.id)).applicant_contact_index).not.toBeNull();
      const audit = await t.services.db
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'application_settings.retention')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toEqual({ retentionYears: 2 });
      await expectNoPersonalData(t.services, ['李四', '王二']);
    });
  });
}
