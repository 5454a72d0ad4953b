/**
 * The reports' commands on a real database (every dialect): create with the first check and the prefill from
 * last year's published report, saves that recompute and store the findings, hard errors that block
 * submission, the publication a submission creates and its review by other people up to publication, the
 * opening balance, and 上年结转 = last year's 结转下年度.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { AppError } from '../../../platform/errors.js';
import { build } from '../../applications/applications.fixtures.js';
import { listAttachmentRows } from '../../publications/attachments.repository.js';
import { approvePublication } from '../../publications/commands/approve-step.js';
import { publishNow } from '../../publications/commands/publish-now.js';
import { sendBackPublication } from '../../publications/commands/send-back.js';
import { readStoredFile } from '../../publications/files.js';
import { ctxOf, MZ, QH } from '../../publications/publications.fixtures.js';
import { findPublication } from '../../publications/publications.repository.js';
import { readReport } from '../checker/check-report.js';
import { isUnreadable } from '../checker/model.js';
import { createReport } from './commands/create-report.js';
import { agencyInfo, basisOf, loadReport, publicationOf } from './commands/load.js';
import { saveReport } from './commands/save-report.js';
import { submitReport } from './commands/submit-report.js';
import { evaluateReport } from './report-checks.js';
import { displayState } from './reports.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

const SIX = (n: { received: number; carried: number }) => ({
  section1: `2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。全年共收到政府信息公开申请${n.received}件。`,
  section2: '本年度主动公开各类政府信息，及时发布政策文件和解读材料，公开栏目运行正常。',
  section3: `本年度结转下年度继续办理${n.carried}件，均在法定期限内办理。`,
  section4: '本年度没有发生政府信息公开行政复议和行政诉讼。',
  section5: '主要问题是政策解读形式较为单一，下一步将丰富解读形式，提高公开质量。',
  section6: '本年度未收取信息处理费。',
});

for (const dialect of dialects) {
  describe(`annual reports: commands [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    const day = (d: string) => t.clock.set(`${d}T02:00:00.000Z`);
    const as = (u: string) => ctxOf(t, u);
    const loadReportOf = async (id: string) => loadReport(await as('mz.admin'), id);

    let y2024 = '';
    it('creates the year’s report with its first check: empty sections are hard errors (V11)', async () => {
      day('2024-06-10');
      await build.received(t, 'mz.handler'); // received 2024, still open on 31 December: 结转
      day('2024-12-20');
      await build.received(t, 'mz.handler');
      day('2025-01-10');
      const r = await createReport(await as('mz.admin'), t.agencies[MZ]!, { year: '2024' });
      y2024 = r.id;
      expect(r.state).toBe('draft');
      expect(r.sections.一).toBe('');
      const v11 = r.findings.filter((f) => f.rule === 'V11' && f.severity === 'error');
      expect(v11).toHaveLength(5);
      const again = await refusal(createReport(await as('mz.editor'), t.agencies[MZ]!, { year: '2024' }));
      expect(again.fields[0]).toMatchObject({ field: 'year', message: expect.stringContaining('已经生成') });
      const late = await refusal(createReport(await as('mz.admin'), t.agencies[MZ]!, { year: '2030' }));
      expect(late.fields[0]?.message).toBe('报告年度不能大于2025');
      const reviewer = await refusal(
        createReport(await as('mz.reviewer'), t.agencies[MZ]!, { year: '2023' }),
      );
      expect(reviewer.code).toBe('refused');
    });

    it('a hard error blocks submission, listing rule and message', async () => {
      const e = await refusal(submitReport(await as('mz.editor'), y2024));
      expect(e.code).toBe('refused');
      expect(e.message).toContain('V11');
      expect(e.message).toContain('一、总体情况');
    });

    it('saves figures with Chinese field errors, and the narrative: each save recomputes and stores the findings', async () => {
      const ctx = await as('mz.admin');
      const bad = await refusal(
        saveReport(ctx, y2024, 'figures', { version: '1', licensing: '十二', feesAmount: '-1' }),
      );
      expect(bad.fields).toEqual([
        { field: 'licensing', message: '行政许可本年处理决定数量必须是整数' },
        { field: 'feesAmount', message: '行政事业性收费金额应为不小于0的数字（单位：万元，最多4位小数）' },
      ]);
      let r = await saveReport(ctx, y2024, 'figures', {
        version: '1',
        licensing: '12',
        penalties: '3',
        enforcement: '0',
        feesAmount: '1.25',
      });
      expect(r.version).toBe(2);
      expect(r.table2).toEqual({ licensing: 12, penalties: 3, enforcement: 0, feesAmount: 1.25 });
      const stale = await refusal(saveReport(ctx, y2024, 'narrative', { version: '1', section1: 'x' }));
      expect(stale.code).toBe('conflict');
      // Quotes a wrong count (V8), every section written: no hard error left.
      r = await saveReport(ctx, y2024, 'narrative', { version: '2', ...SIX({ received: 9, carried: 2 }) });
      expect(r.errors).toBe(0);
      expect(r.state).toBe('checked');
      const v8 = r.findings.find((f) => f.rule === 'V8');
      expect(v8?.severity).toBe('warning');
      expect(v8?.message).toContain('9');
      expect(v8?.cells).toContain('T3.R1.C7');
      r = await saveReport(ctx, y2024, 'narrative', { version: '3', ...SIX({ received: 2, carried: 2 }) });
      expect(r.findings.filter((f) => f.rule === 'V8')).toEqual([]);
    });

    it('submission creates the publication in 政府信息公开年报 with the .docx and .xlsx; others review, sign and publish it', async () => {
      const refused = await refusal(submitReport(await as('mz.admin'), y2024));
      expect(refused.message).toContain('需要“编辑”角色');
      const r = await submitReport(await as('mz.editor'), y2024);
      expect(r.state).toBe('submitted');
      const pub = (await findPublication(t.services.db, r.publicationId!))!;
      expect(pub.state).toBe('firstReview');
      expect(pub.title).toBe('示例市民政局2024年政府信息公开工作年度报告');
      expect(pub.body_html).toContain('<table class="report-table t3">'); // the report's markup survives the body's sanitiser
      expect(pub.body_text).toContain('全年共收到政府信息公开申请2件');
      const column = await t.handle.db
        .selectFrom('catalog_nodes')
        .select('slug')
        .where('id', '=', pub.column_id!)
        .executeTakeFirstOrThrow();
      expect(column.slug).toBe('zfxxgknb');
      const files = await listAttachmentRows(t.services.db, pub.id);
      expect(files.map((f) => f.type).sort()).toEqual(['docx', 'xlsx']);
      // The page body and both downloads carry the same tables as the report computed from the cases.
      const { computed } = await evaluateReport(
        t.services.db,
        await basisOf(t.services, await agencyInfo(t.services, r.agencyId), r),
      );
      const html = await readReport(Buffer.from(`<html><body>${pub.body_html}</body></html>`), 'r.html');
      if (isUnreadable(html)) throw new Error(html.reason);
      expect(html.tables.T3).toEqual(computed.tables.T3);
      expect(html.tables.T4).toEqual(computed.tables.T4);
      const docx = files.find((f) => f.type === 'docx')!;
      const fromDocx = await readReport(
        await readStoredFile(t.services.config.dataDir, docx.sha256),
        docx.file_name,
      );
      if (isUnreadable(fromDocx)) throw new Error(fromDocx.reason);
      expect(fromDocx.tables.T3).toEqual(computed.tables.T3);
      expect(fromDocx.tables.T2.licensing).toEqual({ decisions: 12 });
      const xlsx = files.find((f) => f.type === 'xlsx')!;
      const sheet = await readStoredFile(t.services.config.dataDir, xlsx.sha256);
      expect(sheet.subarray(0, 2).toString()).toBe('PK');
      expect(xlsx.text).toContain('本年新收政府信息公开申请数量');
      // Locked while in review.
      const locked = await refusal(
        saveReport(await as('mz.admin'), y2024, 'narrative', { version: String(r.version) }),
      );
      expect(locked.message).toContain('正在审核中');
      // The submitter cannot review it; each step is someone else.
      expect((await refusal(approvePublication(await as('mz.editor'), pub.id))).code).toMatch(
        /refused|forbidden/,
      );
      await approvePublication(await as('mz.reviewer'), pub.id);
      await approvePublication(await as('mz.secrecy'), pub.id);
      await publishNow(await as('mz.signer'), pub.id);
      const status = await publicationOf(t.services, r);
      expect(displayState(r, status, 'department', 2024, '2025-01-10' as never)).toMatchObject({
        state: 'published',
        late: false,
        label: '已发布',
      });
    });

    it('a published report revised and resubmitted is the same publication’s new version; sent back, it is editable again', async () => {
      const admin = await as('mz.admin');
      let r = await saveReport(admin, y2024, 'narrative', {
        version: String((await loadReportOf(y2024)).version),
        section5: '主要问题是政策解读形式较为单一，下一步将丰富解读形式，提高公开质量，加强培训。',
      });
      const pubId = r.publicationId!;
      expect(r.state).toBe('checked');
      let status = displayState(
        r,
        await publicationOf(t.services, r),
        'department',
        2024,
        '2025-01-10' as never,
      );
      expect(status).toMatchObject({ state: 'checked', online: true });
      r = await submitReport(await as('mz.editor'), y2024);
      expect(r.publicationId).toBe(pubId);
      let pub = (await findPublication(t.services.db, pubId))!;
      expect([pub.state, Number(pub.version), Number(pub.published_version)]).toEqual(['firstReview', 2, 1]);
      expect(pub.body_text).toContain('加强培训');
      await sendBackPublication(await as('mz.reviewer'), pubId, { comment: '请补充培训情况' });
      status = displayState(r, await publicationOf(t.services, r), 'department', 2024, '2025-01-10' as never);
      expect(status.sentBack).toBe(true);
      r = await saveReport(admin, y2024, 'narrative', {
        version: String(r.version),
        section5: '主要问题是政策解读形式较为单一，下一步将丰富解读形式，全年组织培训2次。',
      });
      r = await submitReport(await as('mz.editor'), y2024);
      pub = (await findPublication(t.services.db, pubId))!;
      expect([pub.state, Number(pub.version)]).toEqual(['firstReview', 2]);
      expect(pub.body_text).toContain('全年组织培训2次');
      expect((await listAttachmentRows(t.services.db, pubId)).length).toBe(2);
      await approvePublication(await as('mz.reviewer'), pubId);
      await approvePublication(await as('mz.secrecy'), pubId);
      await publishNow(await as('mz.signer'), pubId);
    });

    it('the next year starts from last year’s published text, years and quoted counts brought up to date', async () => {
      day('2026-01-05');
      await build.received(t, 'mz.handler', { submittedOn: '2025-03-03' });
      day('2026-01-06');
      const r = await createReport(await as('mz.admin'), t.agencies[MZ]!, { year: '2025' });
      expect(r.prefilledFrom).toBe(y2024);
      expect(r.sections.一).toContain('2025年，本机关');
      // 2025: received one case; the two from 2024 carried in (R2 = last year's R25) and still open.
      expect(r.sections.一).toContain('全年共收到政府信息公开申请1件');
      expect(r.sections.三).toContain('结转下年度继续办理3件');
      expect(r.findings.filter((f) => f.rule === 'V6')).toEqual([]);
      expect(r.findings.find((f) => f.rule === 'V12')?.severity).toBe('warning');
      const zeros = Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`carried${i}`, '0']));
      const opening = await refusal(
        saveReport(await as('mz.admin'), r.id, 'openingBalance', { version: '1', ...zeros }),
      );
      expect(opening.message).toContain('2024年度的报告已在本平台编制');
    });

    it('two people generating the same year at once: one report, the other is told it exists', async () => {
      const [a, b] = await Promise.allSettled([
        createReport(await as('qh.editor'), t.agencies[QH]!, { year: '2023' }),
        createReport(await as('qh.editor'), t.agencies[QH]!, { year: '2023' }),
      ]);
      const outcomes = [a.status, b.status].sort();
      expect(outcomes).toEqual(['fulfilled', 'rejected']);
      const failed = [a, b].find((x) => x.status === 'rejected') as PromiseRejectedResult;
      expect((failed.reason as AppError).fields[0]?.field).toBe('year');
    });

    it('an opening balance that the platform’s cases do not account for is a hard error (V1)', async () => {
      const ctx = await as('qh.editor');
      const r = await createReport(ctx, t.agencies[QH]!, { year: '2025' });
      const bad = await refusal(
        saveReport(ctx, r.id, 'openingBalance', { version: '1', carried1: '-2', carried2: '' }),
      );
      expect(bad.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['carried1', 'carried2']));
      expect(bad.fields[0]?.message).toContain('上年结转下年度继续办理（自然人）');
      const saved = await saveReport(ctx, r.id, 'openingBalance', {
        version: '1',
        carried1: '2',
        carried2: '0',
        carried3: '0',
        carried4: '0',
        carried5: '0',
        carried6: '0',
      });
      const v1 = saved.findings.find((f) => f.rule === 'V1');
      expect(v1?.severity).toBe('error');
      expect(v1?.cells).toContain('T3.R2.C1');
      const e = await refusal(submitReport(ctx, r.id));
      expect(e.message).toContain('V1');
      // Entered once: not again from a later year's report.
      const later = await createReport(ctx, t.agencies[QH]!, { year: '2024' });
      const twice = await refusal(
        saveReport(ctx, later.id, 'openingBalance', {
          version: '1',
          ...Object.fromEntries([1, 2, 3, 4, 5, 6].map((i) => [`carried${i}`, '0'])),
        }),
      );
      expect(twice.message).toContain('已在2025年度报告中填写');
    });
  });
}
