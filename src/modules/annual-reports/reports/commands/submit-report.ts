/**
 * 提交发布审核: a checked report (no hard error) becomes a publication in the agency's 政府信息公开年报 column —
 * body: the report as HTML; attachments: the .docx and the .xlsx — and enters the publications' own workflow
 * (初审 → 保密审查 → 领导审签 → 发布, different people at each step, publications.policy.ts). On resubmission the
 * same publication is reused: a draft (sent back) is updated, a published one is revised (修订, a new version
 * reviewed again while the published one stays online), a withdrawn one is replaced by a new publication.
 *
 * The publication is written through the publications' commands (create/amend, update, attachments, submit),
 * each its own transaction; the report records the publication as soon as it exists, so a step that fails
 * (e.g. the body checks find a sensitive word) leaves a draft that the next submission picks up.
 */
import { AppError } from '../../../../platform/errors.js';
import { auditActor } from '../../../accounts/commands/context.js';
import { listAttachmentRows } from '../../../publications/attachments.repository.js';
import { amendPublication } from '../../../publications/commands/amend-publication.js';
import { createPublication } from '../../../publications/commands/create-publication.js';
import { deleteAttachment } from '../../../publications/commands/delete-attachment.js';
import { submitPublication } from '../../../publications/commands/submit-publication.js';
import { updatePublication } from '../../../publications/commands/update-publication.js';
import { uploadAttachment } from '../../../publications/commands/upload-attachment.js';
import { reportDocument } from '../document.js';
import { reportDocx, reportHtml, reportXlsx, titleOf } from '../render-adapter.js';
import { evaluateReport } from '../report-checks.js';
import { type AnnualReport, toReport } from '../reports.js';
import { assertAllowed, submitReasons } from '../reports.policy.js';
import { annualReportsColumn, findReportRow, updateReportIf } from '../reports.repository.js';
import { agencyInfo, basisOf, type CommandContext, loadReport, publicationOf, todayOf } from './load.js';

const CONFLICT = '年度报告刚刚已被他人修改，请刷新后重试。';

export async function submitReport(ctx: CommandContext, id: string): Promise<AnnualReport> {
  const { services } = ctx;
  let r = await loadReport(ctx, id);
  const pub = await publicationOf(services, r);
  assertAllowed('submit', submitReasons(ctx.principal, r, pub));
  const agency = await agencyInfo(services, r.agencyId);
  // The cases may have moved since the last save: check again on today's figures.
  const today = todayOf(services);
  const fresh = await evaluateReport(services.db, await basisOf(services, agency, r));
  const errors = fresh.findings.filter((f) => f.severity === 'error').length;
  if (errors > 0) {
    const now = services.clock.now().toISOString();
    const patch = { state: 'draft', findings_json: JSON.stringify(fresh.findings), errors, checked_at: now };
    await updateReportIf(services.db, id, r.version, { ...patch, warnings: fresh.findings.length - errors });
    assertAllowed('submit', submitReasons(ctx.principal, { ...r, findings: fresh.findings }, pub));
  }
  const column = await annualReportsColumn(services.db, r.agencyId);
  if (column?.status !== 'active')
    throw new AppError(
      'refused',
      '不能提交发布审核：本单位的“政府信息公开年报”栏目不存在或已停用，请先在公开目录中恢复该栏目。',
    );

  const doc = reportDocument(r, agency.name, fresh.computed.tables, today);
  const fields = {
    title: titleOf(doc),
    body: reportHtml(doc, { headingLevel: 2 }),
    bodyFormat: 'html',
    columnId: column.id,
    formedOn: today,
    topic: 'generalAffairs',
    genre: 'report',
    summary: `${agency.name}${r.year}年政府信息公开工作年度报告（附Word、Excel版本）`,
  };

  let publicationId = pub && pub.state !== 'withdrawn' ? r.publicationId : null;
  if (publicationId && pub?.state === 'published')
    await amendPublication(ctx, publicationId, { formedOn: today, comment: '年度报告修订后重新提交' });
  if (publicationId) await updatePublication(ctx, publicationId, fields);
  else {
    publicationId = (await createPublication(ctx, r.agencyId, fields)).id;
    const now = services.clock.now().toISOString();
    if (
      !(await updateReportIf(services.db, id, r.version, { publication_id: publicationId, updated_at: now }))
    )
      throw new AppError('conflict', CONFLICT);
    r = await loadReport(ctx, id);
  }
  for (const a of await listAttachmentRows(services.db, publicationId))
    await deleteAttachment(ctx, publicationId, a.id);
  const base = `${agency.name}${r.year}年政府信息公开工作年度报告`;
  await uploadAttachment(ctx, publicationId, { fileName: `${base}.docx`, bytes: await reportDocx(doc) });
  await uploadAttachment(ctx, publicationId, {
    fileName: `${base}（表格）.xlsx`,
    bytes: await reportXlsx(doc),
  });
  await submitPublication(ctx, publicationId, {});

  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    const changed = await updateReportIf(trx, id, r.version, {
      state: 'submitted',
      findings_json: JSON.stringify(fresh.findings),
      warnings: fresh.findings.length,
      checked_at: now,
      publication_id: publicationId,
      submitted_version: r.version + 1,
      submitted_by: ctx.principal.userId,
      submitted_at: now,
      updated_at: now,
    });
    if (!changed) throw new AppError('conflict', CONFLICT);
    await services.audit.record(trx, auditActor(ctx), {
      agencyId: r.agencyId,
      action: 'annual_report.submit',
      targetType: 'annual_report',
      targetId: id,
      after: {
        year: r.year,
        publicationId,
        warnings: fresh.findings.map((f) => f.rule),
      },
    });
  });
  return toReport((await findReportRow(services.db, id))!);
}
