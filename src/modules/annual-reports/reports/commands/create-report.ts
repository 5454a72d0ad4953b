/**
 * 生成年度报告: an editor or the admin of an agency starts the year's report. The tables are computed, the
 * narrative is prefilled from last year's published report of the agency (prefill.ts), and the first check
 * runs and is stored, all with the audit event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { AppError, FieldErrors } from '../../../../platform/errors.js';
import { yearOf } from '../../../../platform/legal-date.js';
import { type Input, readInt } from '../../../../platform/validate.js';
import { auditActor } from '../../../accounts/commands/context.js';
import { prefillSections } from '../prefill.js';
import { evaluateReport } from '../report-checks.js';
import { type AnnualReport, emptySections, toReport } from '../reports.js';
import { assertAllowed, createReasons } from '../reports.policy.js';
import {
  findReportRow,
  findReportRowByYear,
  insertReportRow,
  publicationStatuses,
} from '../reports.repository.js';
import { agencyInfo, basisOf, type CommandContext, previousReport, todayOf } from './load.js';

/** The first year of the 2021 format (国办公开办函〔2021〕30号), the only one the platform writes. */
export const FIRST_REPORT_YEAR = 2021;

export async function createReport(
  ctx: CommandContext,
  agencyId: string,
  input: Input,
): Promise<AnnualReport> {
  const { services } = ctx;
  const agency = await agencyInfo(services, agencyId);
  assertAllowed('create', createReasons(ctx.principal, agencyId));
  if (agency.status !== 'active') throw new AppError('refused', '该单位已合并或撤销，不能生成年度报告。');
  const fe = new FieldErrors();
  const thisYear = yearOf(todayOf(services));
  const year = readInt(fe, input, 'year', '报告年度', {
    required: true,
    min: FIRST_REPORT_YEAR,
    max: thisYear,
  });
  fe.throwIfAny();
  if (await findReportRowByYear(services.db, agencyId, year!))
    throw AppError.validation([{ field: 'year', message: `${year}年度的报告已经生成，请在列表中打开它` }]);

  const prev = await previousReport(services, agencyId, year!);
  const prevPub = prev?.publicationId
    ? (await publicationStatuses(services.db, [prev.publicationId])).get(prev.publicationId)
    : undefined;
  const from = prev && prevPub && prevPub.publishedVersion !== null ? prev : null;
  const basis = await basisOf(services, agency, { year: year!, table2: {}, sections: emptySections() });
  const evaluated = await evaluateReport(services.db, basis, (tables) =>
    from ? prefillSections(from.sections, year!, tables) : emptySections(),
  );
  const errors = evaluated.findings.filter((f) => f.severity === 'error').length;
  const now = services.clock.now().toISOString();
  const id = randomUUID();
  const taken = () =>
    AppError.validation([{ field: 'year', message: `${year}年度的报告已经生成，请在列表中打开它` }]);
  // Two people generating the same year at once: the unique (agency, year) keeps one; the other is told so.
  const write = services.db.transaction().execute(async (trx) => {
    await insertReportRow(trx, {
      id,
      agency_id: agencyId,
      year: year!,
      state: errors > 0 ? 'draft' : 'checked',
      table2_json: '{}',
      sections_json: JSON.stringify(evaluated.sections),
      prefilled_from: from?.id ?? null,
      findings_json: JSON.stringify(evaluated.findings),
      errors,
      warnings: evaluated.findings.length - errors,
      checked_at: now,
      publication_id: null,
      submitted_version: null,
      submitted_by: null,
      submitted_at: null,
      version: 1,
      created_by: ctx.principal.userId,
      created_at: now,
      updated_by: ctx.principal.userId,
      updated_at: now,
    });
    await services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'annual_report.create',
      targetType: 'annual_report',
      targetId: id,
      after: {
        year: year!,
        prefilledFrom: from?.id ?? null,
        errors,
        warnings: evaluated.findings.length - errors,
      },
    });
  });
  try {
    await write;
  } catch (e) {
    if (await findReportRowByYear(services.db, agencyId, year!)) throw taken();
    throw e;
  }
  return toReport((await findReportRow(services.db, id))!);
}
