/**
 * 保存年度报告: the 表二 figures, the narrative, or the opening balance. Every save recomputes the tables,
 * runs the checks and stores their findings, with the audit event, in one transaction; a save based on an
 * older version of the report is refused (409) so nobody overwrites another's work unseen. Saving a report
 * that was sent back, or whose published version is being revised, makes it a draft again.
 */
import { diff } from '../../../../platform/audit/audit.js';
import { AppError, FieldErrors } from '../../../../platform/errors.js';
import type { Input } from '../../../../platform/validate.js';
import { auditActor } from '../../../accounts/commands/context.js';
import type { OpeningBalance } from '../../compute/table3.js';
import { evaluateReport } from '../report-checks.js';
import { readOpeningBalance, readSections, readTable2, readVersion } from '../report-input.js';
import { type AnnualReport, toReport } from '../reports.js';
import { assertAllowed, editReasons } from '../reports.policy.js';
import { findReportRow, updateReportIf, upsertOpeningBalanceRow } from '../reports.repository.js';
import {
  agencyInfo,
  basisOf,
  type CommandContext,
  loadReport,
  openingBalanceOf,
  publicationOf,
} from './load.js';

export type SavePart = 'figures' | 'narrative' | 'openingBalance';

const CONFLICT = '年度报告已被他人修改（或已提交），请刷新页面后重新填写；您填写的内容仍在表单中。';

/**
 * The opening balance is entered once, for the agency's first year on the platform: not when last year's report
 * is on the platform (its 结转下年度 is computed), nor for another year than the one it was entered for.
 */
async function assertOpeningYear(ctx: CommandContext, r: AnnualReport, before: OpeningBalance | null) {
  if (before && before.year !== r.year)
    throw new AppError(
      'refused',
      `上年结转数据已在${before.year}年度报告中填写（本单位在本平台的第一个年度），只能在该年度报告中修改`,
    );
  const earlier = await ctx.services.db
    .selectFrom('annual_reports')
    .select('id')
    .where('agency_id', '=', r.agencyId)
    .where('year', '=', r.year - 1)
    .executeTakeFirst();
  if (earlier)
    throw new AppError(
      'refused',
      `本单位${r.year - 1}年度的报告已在本平台编制，上年结转按平台数据计算，不需要填写`,
    );
}

export async function saveReport(
  ctx: CommandContext,
  id: string,
  part: SavePart,
  input: Input,
): Promise<AnnualReport> {
  const { services } = ctx;
  const r = await loadReport(ctx, id);
  assertAllowed('edit', editReasons(ctx.principal, r, await publicationOf(services, r)));
  const fe = new FieldErrors();
  const version = readVersion(fe, input);
  const table2 = part === 'figures' ? readTable2(fe, input) : r.table2;
  const sections = part === 'narrative' ? readSections(fe, input, r.sections) : r.sections;
  const before = await openingBalanceOf(services, r.agencyId);
  const opening: OpeningBalance | null =
    part === 'openingBalance' ? readOpeningBalance(fe, input, r.year) : before;
  fe.throwIfAny();
  if (version !== r.version) throw new AppError('conflict', CONFLICT);
  if (part === 'openingBalance') await assertOpeningYear(ctx, r, before);

  const agency = await agencyInfo(services, r.agencyId);
  const evaluated = await evaluateReport(
    services.db,
    await basisOf(services, agency, { year: r.year, table2, sections }, opening),
  );
  const errors = evaluated.findings.filter((f) => f.severity === 'error').length;
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    const changed = await updateReportIf(trx, id, r.version, {
      state: errors > 0 ? 'draft' : 'checked',
      table2_json: JSON.stringify(table2),
      sections_json: JSON.stringify(sections),
      findings_json: JSON.stringify(evaluated.findings),
      errors,
      warnings: evaluated.findings.length - errors,
      checked_at: now,
      updated_by: ctx.principal.userId,
      updated_at: now,
    });
    if (!changed) throw new AppError('conflict', CONFLICT);
    if (part === 'openingBalance' && opening)
      await upsertOpeningBalanceRow(trx, {
        agency_id: r.agencyId,
        year: opening.year,
        carried_over_json: JSON.stringify(opening.carriedOver),
        pending_appeals_json: opening.pendingAppeals ? JSON.stringify(opening.pendingAppeals) : null,
        updated_by: ctx.principal.userId,
        updated_at: now,
      });
    const d =
      part === 'figures'
        ? diff({ ...r.table2 }, { ...table2 })
        : part === 'openingBalance'
          ? diff(
              { openingBalance: before ? JSON.stringify(before) : null },
              { openingBalance: JSON.stringify(opening) },
            )
          : {
              before: null,
              after: { sectionLengths: Object.values(sections).map((s) => s.length) },
            };
    await services.audit.record(trx, auditActor(ctx), {
      agencyId: r.agencyId,
      action: part === 'openingBalance' ? 'annual_report.opening_balance' : `annual_report.save_${part}`,
      targetType: 'annual_report',
      targetId: id,
      before: d.before,
      after: { ...d.after, errors, warnings: evaluated.findings.length - errors },
    });
  });
  return toReport((await findReportRow(services.db, id))!);
}
