/**
 * The go-live import on a real database (every dialect), with the sample file of docs/examples (UTF-8 with a
 * BOM) and the same rows in GB18030: open cases land with the clock worked out by hand from the 2026 notice
 * (the comments show the counting), closed ones archived in their 表三 cell; bad rows are reported by line and
 * column without repeating personal values; a failure half-way imports nothing; the command line.
 * Dates are legal dates in China: run under TZ=UTC and TZ=Asia/Shanghai.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { legalDate } from '../../../platform/legal-date.js';
import { computeTable3 } from '../../annual-reports/compute/table3.js';
import { MZ } from '../../publications/publications.fixtures.js';
import { ctxOf, expectNoPersonalData, expectStoredClock } from '../applications.fixtures.js';
import { findCaseByTrackingNo, listEvents } from '../applications.repository.js';
import { importCasesCommand } from '../cli-command.js';
import { reportCell } from '../codes.js';
import { claimCase } from '../commands/assign.js';
import { recordPayment } from '../commands/fee.js';
import { viewApplicant } from '../commands/view-applicant.js';
import { ACTION_LABELS, type CaseAction } from '../workflow.js';
import { type ImportCasesResult, importCases, parseImportDate } from './import-cases.js';

const SAMPLE = new URL('../../../../docs/examples/application-import.csv', import.meta.url);
const SAMPLE_GB = new URL('../../../../test/fixtures/applications/import-cases-gb18030.csv', import.meta.url);
const sample = () => new Uint8Array(readFileSync(SAMPLE));

const NAMES = [
  '赵一明',
  '钱二芳',
  '示例市助老志愿者协会',
  '示例律师事务所',
  '示例科技有限公司',
  '孙六',
  '周七',
];
const PERSONAL = [
  ...NAMES,
  '110105198001010016',
  '510104198506150020',
  '440305199203030033',
  '91440300MA5F00001A',
  '13900139001',
  'qianerfang@example.cn',
  '示例市人民路1号',
];

describe('parseImportDate', () => {
  it('reads the ways spreadsheets write dates, and only real dates', () => {
    expect(parseImportDate('2026-03-02')).toBe('2026-03-02');
    expect(parseImportDate('2026/3/2')).toBe('2026-03-02');
    expect(parseImportDate('2026.3.2')).toBe('2026-03-02');
    expect(parseImportDate('2026年3月2日')).toBe('2026-03-02');
    expect(parseImportDate('２０２６－０３－０２')).toBe('2026-03-02');
    expect(parseImportDate('2026-02-30')).toBeNull();
    expect(parseImportDate('46083')).toBeNull(); // an Excel serial number is not guessed
  });
});

/** What the hand-worked clock gives for each row of the sample (see the file for the dates). */
const EXPECTED = [
  // Line 2, in person on Mon 9 Feb: 20 working days after it — 10–13 Feb, Sat 14 Feb (调休), 24–27 Feb,
  // Sat 28 Feb (调休), 2–6 Mar, 9–13 Mar → 13 March. Handler given: 办理中.
  { line: 2, legacyNo: 'JY2026-0011', state: 'inProgress', receivedOn: '2026-02-09', dueOn: '2026-03-13' },
  // Line 3, online, confirmed Mon 2 Feb; 补正 notice 4 Feb; corrected application Thu 12 Feb: 20 working days
  // again from 13 Feb — 13, 14 (调休), 24–28 (28 调休), 2–6 Mar, 9–13 Mar, 16–18 Mar → 18 March. No handler.
  { line: 3, legacyNo: 'JY2026-0007', state: 'received', receivedOn: '2026-02-02', dueOn: '2026-03-18' },
  // Line 4, signed for Mon 5 Jan; consultation sent 12 Jan (pause from 13 Jan), answered 20 Jan: 6–9 Jan and
  // 12 Jan count (5), then 21 Jan… 10 Feb reaches 20; the extension of 20 more, notified 30 Jan, runs
  // 11–13 Feb, 14 Feb (调休), 24–28 Feb, 2–13 Mar, 16 Mar → 16 March.
  { line: 4, legacyNo: 'JY2026-0002', state: 'inProgress', receivedOn: '2026-01-05', dueOn: '2026-03-16' },
  // Line 5, fax confirmed 25 Feb; fee notice 26 Feb, received 27 Feb, unpaid: paused with no end yet.
  { line: 5, legacyNo: 'JY2026-0015', state: 'awaitingFee', receivedOn: '2026-02-25', dueOn: null },
  { line: 6, legacyNo: 'JY2025-0398', state: 'archived', receivedOn: '2025-12-01', dueOn: null },
  { line: 7, legacyNo: 'JY2026-0009', state: 'archived', receivedOn: '2026-01-20', dueOn: null },
  // Line 8, e-mail confirmed 6 Jan; 补正 notice 8 Jan giving 22 Jan: 视为放弃 on 23 Jan.
  { line: 8, legacyNo: 'JY2026-0003', state: 'archived', receivedOn: '2026-01-06', dueOn: null },
];

function ok(r: ImportCasesResult) {
  if (!r.ok) throw new Error(`import refused: ${JSON.stringify(r.problems)}`);
  return r;
}

for (const dialect of dialects) {
  describe(`import of cases from an old system [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));
    const as = (u: string) => ctxOf(t, u);
    const count = async (table: 'application_cases' | 'application_imports' | 'application_events') =>
      Number(
        (
          await t.services.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const run = async (bytes: Uint8Array, dryRun: boolean, user = 'mz.admin') => {
      const ctx = await as(user);
      return importCases(
        {
          services: t.services,
          actor: { actorId: ctx.principal.userId, actorLabel: '吴管理', requestId: null },
          principal: ctx.principal,
        },
        { agencyId: t.agencies[MZ]!, file: { name: 'old.csv', bytes }, dryRun },
      );
    };

    it('a dry run of the sample (UTF-8 with BOM, and the same in GB18030) checks every row and writes nothing', async () => {
      const before = await count('application_cases');
      const utf8 = ok(await run(sample(), true));
      expect(utf8.encoding).toBe('utf-8');
      expect(
        utf8.cases.map((c) => ({
          line: c.line,
          legacyNo: c.legacyNo,
          state: c.state,
          receivedOn: c.receivedOn,
          dueOn: c.dueOn,
        })),
      ).toEqual(EXPECTED);
      const gb = ok(await run(new Uint8Array(readFileSync(SAMPLE_GB)), true));
      expect(gb.encoding).toBe('gb18030');
      expect(gb.cases).toEqual(utf8.cases);
      expect(utf8.cases.slice(4).map((c) => [c.outcome, c.closedOn])).toEqual([
        ['予以公开', '2025-12-15'],
        ['其他处理（其他）', '2026-01-22'],
        ['其他处理（逾期不补正）', '2026-01-23'],
      ]);
      expect(await count('application_cases')).toBe(before);
      expect(await count('application_imports')).toBe(0);
    });

    it('imports the sample in one go: clocks stored, timelines, sealed applicants, archived closed cases, audit', async () => {
      const r = ok(await run(sample(), false));
      expect(r.cases.map((c) => c.state)).toEqual(EXPECTED.map((e) => e.state));
      for (const [i, c] of r.cases.entries()) {
        const row = (await findCaseByTrackingNo(t.services.db, c.trackingNo!))!;
        expect([row.state, row.received_on]).toEqual([EXPECTED[i]!.state, EXPECTED[i]!.receivedOn]);
        // Open cases: the due date worked out above (closed ones keep the clock's last one, as a reply does).
        if (row.state !== 'archived') expect(row.due_on).toBe(EXPECTED[i]!.dueOn);
        await expectStoredClock(t.services, row.id);
        const events = await listEvents(t.services.db, row.id);
        expect(events[0]!.note).toBe(`自原系统导入：原申请编号${c.legacyNo}（导入文件第${c.line}行）。`);
        // Every event is one of the workflow's actions, so the case page labels it in Chinese.
        for (const e of events) expect(ACTION_LABELS[e.action as CaseAction]).toBeTruthy();
      }
      const byLegacy = async (no: string) =>
        (await findCaseByTrackingNo(t.services.db, r.cases.find((c) => c.legacyNo === no)!.trackingNo!))!;
      // Tracking numbers by the year the application arrived.
      expect((await byLegacy('JY2025-0398')).tracking_no).toMatch(/^YSQ-2025-\d{6}$/);
      expect((await byLegacy('JY2026-0011')).tracking_no).toMatch(/^YSQ-2026-\d{6}$/);
      // The fee case: payment recorded after go-live resumes the clock. Paused 27 Feb–2 Mar (Fri, Sat 调休,
      // Mon: 3 working days); 26 Feb counted, then 3 Mar… → 20 working days on 27 March.
      const consulted = await listEvents(t.services.db, (await byLegacy('JY2026-0002')).id);
      expect(consulted.map((e) => [e.action, e.kind, e.on_date])).toEqual([
        ['registerOffline', 'importCase', '2026-01-05'],
        ['registerOffline', 'received', '2026-01-05'],
        ['sendConsultation', 'opinionRequestSent', '2026-01-12'],
        ['recordConsultationReached', 'opinionRequestDelivered', '2026-01-13'],
        ['recordConsultationAnswer', 'opinionReceived', '2026-01-20'],
        ['grantExtension', 'extension', '2026-01-30'],
      ]);
      const fee = await byLegacy('JY2026-0015');
      expect(fee.fee_payment_deadline).toBe('2026-03-26');
      const paid = await recordPayment(await as('mz.handler'), fee.id, {
        paymentCode: 'JK1',
        receiptNo: 'PJ1',
      });
      expect([paid.state, paid.clock.dueOn]).toEqual(['inProgress', '2026-03-27']);
      // The unassigned case is claimed as usual; the consultation can still be answered (facts imported).
      expect((await claimCase(await as('mz.handler'), (await byLegacy('JY2026-0007')).id)).state).toBe(
        'inProgress',
      );
      // Closed cases: archived, in their 表三 cell.
      const closed = await Promise.all(['JY2025-0398', 'JY2026-0009', 'JY2026-0003'].map(byLegacy));
      expect(closed.map((c) => [c.outcome, c.closure_reason, c.closed_on, c.archived_at !== null])).toEqual([
        ['disclosed', 'replied', '2025-12-15', true],
        ['otherHandling.other', 'withdrawn', '2026-01-22', true],
        ['otherHandling.correctionOverdue', 'correctionOverdue', '2026-01-23', true],
      ]);
      expect(closed.map((c) => reportCell(c.outcome as never, c.applicant_kind as never))).toEqual([
        { row: 'R3', column: 'C2' },
        { row: 'R23', column: 'C1' },
        { row: 'R21', column: 'C1' },
      ]);
      // The first computed annual report counts them (表三 from the cases' own columns).
      const mz = t.agencies[MZ]!;
      const asOf = legalDate('2026-03-02');
      const ids = async (...nos: string[]) => (await Promise.all(nos.map(byLegacy))).map((c) => c.id).sort();
      const y2026 = await computeTable3(t.services.db, mz, 2026, { asOf });
      expect(y2026.cases['T3.R1.C1']!.sort()).toEqual(
        await ids('JY2026-0011', 'JY2026-0007', 'JY2026-0009', 'JY2026-0003'),
      );
      expect(y2026.cases['T3.R1.C4']).toEqual(await ids('JY2026-0002'));
      expect(y2026.cases['T3.R1.C5']).toEqual(await ids('JY2026-0015'));
      expect(y2026.cases['T3.R21.C1']).toEqual(await ids('JY2026-0003'));
      expect(y2026.cases['T3.R23.C1']).toEqual(await ids('JY2026-0009'));
      expect(y2026.T3.R1![6]).toBe(6);
      const y2025 = await computeTable3(t.services.db, mz, 2025, { asOf });
      expect([y2025.cases['T3.R1.C2'], y2025.cases['T3.R3.C2'], y2025.T3.R1![6]]).toEqual([
        await ids('JY2025-0398'),
        await ids('JY2025-0398'),
        1,
      ]);
      // The applicant's data is sealed and opens for the office head.
      const first = await byLegacy('JY2026-0011');
      const shown = await viewApplicant(await as('mz.office'), first.id);
      expect([shown.name, shown.idNumber, shown.phone, shown.address]).toEqual([
        '赵一明',
        '110105198001010016',
        '13900139001',
        '示例市人民路1号',
      ]);
      expect((await byLegacy('JY2026-0002')).handler_id).toBe(t.users['mz.office']);
      const audits = await t.services.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'in', ['application.import', 'application.import_batch'])
        .execute();
      expect(audits.length).toBe(8);
      await expectNoPersonalData(t.services, PERSONAL);

      // The same file again: every row already imported, nothing written.
      const cases = await count('application_cases');
      const again = await run(sample(), false);
      expect(again.ok).toBe(false);
      if (!again.ok) {
        expect(again.problems.length).toBe(7);
        expect(again.problems[0]).toMatchObject({
          where: '第2行',
          field: '原申请编号',
          message: `已于此前导入（申请编号${first.tracking_no}）`,
        });
      }
      expect(await count('application_cases')).toBe(cases);
    });

    it('reports every bad row by line and column, without the personal values, and imports nothing', async () => {
      const header =
        '原申请编号,申请渠道,申请人类型,申请人姓名或名称,证件号码,联系电话,所需信息描述,收到日期,收到申请之日,承办人,补正告知日期,收到补正日期,办理结果,办结日期';
      const csv = [
        header,
        'X-1,当面提交,自然人,甲,110105198001010017,13900139001,说明,2026-02-09,,,,,,', // bad check digit
        'X-2,飞鸽传书,公民,乙,,13900139002,说明,2026-02-30,,,,,,',
        'X-3,网上申请,自然人,丙,,,说明,2026-02-09,,nobody,,,,',
        'X-1,当面提交,自然人,丁,,13900139004,说明,2026-02-09,,mz.editor,,2026-02-12,,',
        'X-5,当面提交,自然人,戊,,13900139005,说明,2026-02-09,,,2026-02-10,,予以公开,',
        'X-6,当面提交,自然人,己,,13900139006,说明,2026-02-09,,,2026-02-25,,,', // notice after 7 days: a remark only
        'X-7,当面提交,自然人,庚,,13900139007,说明,2026-03-03,,,,,,',
      ].join('\n');
      const before = await count('application_cases');
      const r = await run(new TextEncoder().encode(csv), false);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.rows).toBe(7);
      expect(r.problems.map((p) => [p.where, p.field, p.message])).toEqual([
        ['第2行', '证件号码', expect.stringContaining('证件号码')],
        ['第3行', '申请渠道', '“飞鸽传书”不是可识别的取值（如网上申请、当面提交、信函（平信））'],
        ['第3行', '收到日期', '“2026-02-30”不是有效日期（如2026-03-02）'],
        ['第4行', '联系电话', '联系电话、电子邮箱、通信地址至少填写一项'],
        ['第4行', '收到申请之日', '网上申请须填写双方确认之日（第三十一条）'],
        ['第4行', '承办人', '本单位没有用户名为“nobody”的工作人员'],
        ['第5行', '承办人', '“mz.editor”没有“依申请办理”或“公开办负责人”角色'],
        ['第5行', '补正告知日期', '填写了收到补正日期的，须填写补正告知日期'],
        ['第5行', '原申请编号', '与第2行重复'],
        ['第6行', '办结日期', '已答复或撤回的，须填写办结日期'],
        ['第8行', '收到日期', '2026-03-03晚于今天'],
      ]);
      // No personal value in any message (the wrong 身份证 number included).
      const text = JSON.stringify(r.problems);
      for (const v of ['110105198001010017', '13900139001', '甲', '乙', '丙', '丁'])
        expect(text).not.toContain(v);
      expect(await count('application_cases')).toBe(before);
      // Header problems come first and alone.
      const noHeader = await run(new TextEncoder().encode('原申请编号,颜色\nX,红\n'), false);
      expect(noHeader.ok ? [] : noHeader.problems.map((p) => [p.field, p.message])).toEqual([
        ['颜色', '不是可识别的列名（见“可导入的列”）'],
        ['申请渠道', '缺少必填的列'],
        ['申请人类型', '缺少必填的列'],
        ['申请人姓名或名称', '缺少必填的列'],
        ['所需信息描述', '缺少必填的列'],
        ['收到日期', '缺少必填的列'],
      ]);
      const binary = await run(new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x81]), false);
      expect(binary.ok).toBe(false);
    });

    it('a failure half-way through the writes leaves nothing imported', async () => {
      const csv = readFileSync(SAMPLE, 'utf8').replaceAll('JY20', 'HALF-JY20');
      const cases = await count('application_cases');
      const events = await count('application_events');
      const imports = await count('application_imports');
      const record = t.services.audit.record.bind(t.services.audit);
      let calls = 0;
      t.services.audit.record = async (...args) => {
        if (++calls === 4) throw new Error('disk full');
        return record(...args);
      };
      try {
        await expect(run(new TextEncoder().encode(csv), false)).rejects.toThrow('disk full');
      } finally {
        t.services.audit.record = record;
      }
      expect(calls).toBe(4);
      expect([
        await count('application_cases'),
        await count('application_events'),
        await count('application_imports'),
      ]).toEqual([cases, events, imports]);
    });

    it('only the agency admin or office head imports on the page; the command line acts as the platform', async () => {
      await expect(run(sample(), true, 'mz.handler')).rejects.toThrow(
        '只有本单位的单位管理员或公开办负责人可以导入申请',
      );
      const code = (
        await t.services.db
          .selectFrom('agencies')
          .select('code')
          .where('id', '=', t.agencies[MZ]!)
          .executeTakeFirstOrThrow()
      ).code;
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) };
      const withServices = <T>(fn: (s: typeof t.services) => Promise<T>) => fn(t.services);
      const file = fileURLToPath(SAMPLE);
      // Already imported above: problems, exit 1, each with its line.
      expect(await importCasesCommand(['cases', '--agency', code, file, '--dry-run'], withServices, io)).toBe(
        1,
      );
      expect(err[0]).toBe('未导入：发现7个问题，没有导入任何申请（文件共7件）。');
      expect(err[1]).toMatch(/^第2行 原申请编号：已于此前导入（申请编号YSQ-2026-\d{6}）$/);
      // A fresh copy under other numbers: dry run, then the import.
      const { writeFileSync, mkdtempSync } = await import('node:fs');
      const { tmpdir } = await import('node:os');
      const dir = mkdtempSync(`${tmpdir()}/gk-import-`);
      const copy = `${dir}/cases.csv`;
      writeFileSync(copy, readFileSync(SAMPLE, 'utf8').replaceAll('JY20', 'CLI-JY20'));
      out.length = 0;
      expect(
        await importCasesCommand(['cases', `--agency=${code}`, copy, '--dry-run'], withServices, io),
      ).toBe(0);
      expect(out[0]).toBe('校验通过（utf-8）：7件申请可以导入到示例市民政局。本次仅校验，未写入任何数据。');
      expect(out[1]).toBe('第2行  CLI-JY2026-0011  办理中  收到申请之日2026-02-09  答复期限2026-03-13');
      out.length = 0;
      expect(await importCasesCommand(['cases', '--agency', code, '--file', copy], withServices, io)).toBe(0);
      expect(out[0]).toBe('已导入7件申请到示例市民政局（utf-8）。');
      const imported = await t.services.db
        .selectFrom('application_imports')
        .select(['imported_by', 'cases'])
        .orderBy('imported_at')
        .execute();
      expect(imported.at(-1)).toEqual({ imported_by: null, cases: 7 });
      const noKey = <T>(fn: (s: typeof t.services) => Promise<T>) =>
        fn({ ...t.services, config: { ...t.services.config, personalDataKey: '' } });
      expect(await importCasesCommand(['cases', '--agency', code, copy], noKey, io)).toBe(1);
      expect(err.at(-1)).toContain('PERSONAL_DATA_KEY is required');
      expect(await importCasesCommand(['cases', '--agency', code], withServices, io)).toBe(2);
      expect(await importCasesCommand(['publications'], withServices, io)).toBe(2);
      expect(await importCasesCommand(['cases', '--agency', 'NOPE', copy], withServices, io)).toBe(1);
      expect(
        await importCasesCommand(['cases', '--agency', code, `${dir}/missing.csv`], withServices, io),
      ).toBe(1);
      expect(err.at(-1)).toBe(`gongkai: 无法打开“${dir}/missing.csv”`);
    });
  });
}
