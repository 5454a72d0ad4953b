/** Loading a report for a command or a page: 404 outside the reader's scope (ADR 0007), with what checking it needs. */
import { AppError } from '../../../../platform/errors.js';
import { chinaToday, type LegalDate } from '../../../../platform/legal-date.js';
import type { Services } from '../../../../platform/services.js';
import type { AgencyKind } from '../../../accounts/accounts.js';
import { canRead } from '../../../accounts/accounts.policy.js';
import { findAgency } from '../../../accounts/accounts.repository.js';
import type { CommandContext } from '../../../accounts/commands/context.js';
import type { OpeningBalance } from '../../compute/table3.js';
import type { ReportBasis } from '../report-checks.js';
import { type AnnualReport, type PublicationStatus, toOpeningBalance, toReport } from '../reports.js';
import {
  findOpeningBalanceRow,
  findReportRow,
  findReportRowByYear,
  publicationStatuses,
} from '../reports.repository.js';

export type { CommandContext };

export interface AgencyInfo {
  id: string;
  name: string;
  kind: AgencyKind;
  status: string;
}

export async function agencyInfo(services: Services, agencyId: string): Promise<AgencyInfo> {
  const a = await findAgency(services.db, agencyId);
  if (!a) throw new AppError('not_found', '单位不存在。');
  return { id: a.id, name: a.name, kind: a.kind as AgencyKind, status: a.status };
}

export const todayOf = (services: Services): LegalDate => chinaToday(services.clock.now());

export async function loadReport(ctx: CommandContext, id: string): Promise<AnnualReport> {
  const row = await findReportRow(ctx.services.db, id);
  if (!row || !(await canRead(ctx.services.db, ctx.principal, row.agency_id)))
    throw new AppError('not_found', '该年度报告不存在。');
  return toReport(row);
}

export async function publicationOf(services: Services, r: AnnualReport): Promise<PublicationStatus | null> {
  if (!r.publicationId) return null;
  return (await publicationStatuses(services.db, [r.publicationId])).get(r.publicationId) ?? null;
}

export async function openingBalanceOf(services: Services, agencyId: string): Promise<OpeningBalance | null> {
  const row = await findOpeningBalanceRow(services.db, agencyId);
  return row ? toOpeningBalance(row) : null;
}

/** Last year's report of the agency on the platform (its figures and narrative), if any. */
export async function previousReport(services: Services, agencyId: string, year: number) {
  const row = await findReportRowByYear(services.db, agencyId, year - 1);
  return row ? toReport(row) : null;
}

/** Everything the check needs, for the report's stored inputs with `changes` applied. */
export async function basisOf(
  services: Services,
  agency: AgencyInfo,
  r: Pick<AnnualReport, 'year' | 'table2' | 'sections'>,
  opening?: OpeningBalance | null,
): Promise<ReportBasis> {
  const prev = await previousReport(services, agency.id, r.year);
  return {
    agencyId: agency.id,
    agencyName: agency.name,
    year: r.year,
    table2: r.table2,
    sections: r.sections,
    openingBalance: opening === undefined ? await openingBalanceOf(services, agency.id) : opening,
    previous: prev ? { table2: prev.table2, sections: prev.sections } : null,
    asOf: todayOf(services),
  };
}
