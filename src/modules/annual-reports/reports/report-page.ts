/**
 * What the back-office pages show: the agency's reports by year with their state, one report with its
 * freshly computed tables (and the ids each cell counts), the stored findings of its last save, the opening
 * balance and what the viewer may do; the ids behind one cell; a supervisor's overview of the agencies below.
 */
import type { Db, Services } from '../../../platform/services.js';
import type { AgencyKind, Principal } from '../../accounts/accounts.js';
import { canSupervise, readableAgencies } from '../../accounts/accounts.policy.js';
import { listAgencies } from '../../accounts/accounts.repository.js';
import type { ComputedReport } from '../compute/report.js';
import type { OpeningBalance } from '../compute/table3.js';
import {
  type AgencyInfo,
  agencyInfo,
  basisOf,
  type CommandContext,
  loadReport,
  openingBalanceOf,
  publicationOf,
  todayOf,
} from './commands/load.js';
import { evaluateReport } from './report-checks.js';
import {
  type AnnualReport,
  displayState,
  type PublicationStatus,
  type ReportStatus,
  toReport,
} from './reports.js';
import { createReasons, editReasons, submitReasons } from './reports.policy.js';
import { findReportRowByYear, listReportRows, publicationStatuses } from './reports.repository.js';

export interface ReportListItem {
  report: AnnualReport;
  status: ReportStatus;
}

export async function listReports(services: Services, agency: AgencyInfo): Promise<ReportListItem[]> {
  const rows = (await listReportRows(services.db, [agency.id])).map(toReport);
  const pubs = await publicationStatuses(
    services.db,
    rows.flatMap((r) => (r.publicationId ? [r.publicationId] : [])),
  );
  const today = todayOf(services);
  return rows.map((report) => ({
    report,
    status: displayState(
      report,
      report.publicationId ? (pubs.get(report.publicationId) ?? null) : null,
      agency.kind,
      report.year,
      today,
    ),
  }));
}

export interface ReportPageData {
  agency: AgencyInfo;
  report: AnnualReport;
  status: ReportStatus;
  publication: PublicationStatus | null;
  computed: ComputedReport;
  opening: OpeningBalance | null;
  editReasons: string[];
  submitReasons: string[];
  /** Why the opening balance is not this report's to enter (last year on the platform, or entered for another year). */
  openingNotApplicable: string | null;
}

export async function loadReportPage(ctx: CommandContext, id: string): Promise<ReportPageData> {
  const { services } = ctx;
  const report = await loadReport(ctx, id);
  const agency = await agencyInfo(services, report.agencyId);
  const publication = await publicationOf(services, report);
  const opening = await openingBalanceOf(services, report.agencyId);
  const { computed } = await evaluateReport(services.db, await basisOf(services, agency, report, opening));
  const lastYear = await findReportRowByYear(services.db, report.agencyId, report.year - 1);
  const openingNotApplicable =
    opening && opening.year !== report.year
      ? `上年结转数据已在${opening.year}年度报告中填写。`
      : lastYear
        ? `${report.year - 1}年度的报告已在本平台编制，上年结转按平台数据计算，不需要填写。`
        : null;
  return {
    agency,
    report,
    status: displayState(report, publication, agency.kind, report.year, todayOf(services)),
    publication,
    computed,
    opening,
    editReasons: editReasons(ctx.principal, report, publication),
    submitReasons: submitReasons(ctx.principal, report, publication),
    openingNotApplicable,
  };
}

export function mayCreate(p: Principal, agencyId: string): string[] {
  return createReasons(p, agencyId);
}

/** The records one computed cell counts: cases (表三, 表四) or publications (表二), with what identifies them. */
export interface CellSource {
  kind: 'case' | 'publication';
  id: string;
  label: string;
}

export async function cellSources(db: Db, computed: ComputedReport, cellId: string): Promise<CellSource[]> {
  const ids = computed.sources[cellId] ?? [];
  if (ids.length === 0) return [];
  if (cellId.startsWith('T2.')) {
    const rows = await db.selectFrom('publications').select(['id', 'title']).where('id', 'in', ids).execute();
    return rows.map((r) => ({ kind: 'publication', id: r.id, label: r.title }));
  }
  const rows = await db
    .selectFrom('application_cases')
    .select(['id', 'tracking_no', 'received_on'])
    .where('id', 'in', ids)
    .orderBy('received_on')
    .execute();
  return rows.map((r) => ({
    kind: 'case',
    id: r.id,
    label: `${r.tracking_no}（收到日期 ${r.received_on ?? '—'}）`,
  }));
}

export interface OverviewRow {
  agencyId: string;
  agencyName: string;
  kind: AgencyKind;
  report: AnnualReport | null;
  status: ReportStatus;
}

/** For a supervisor (政务公开办): every agency of its subtree and the state of its report for `year`. */
export async function supervisedOverview(
  services: Services,
  p: Principal,
  year: number,
): Promise<OverviewRow[]> {
  const scope = await readableAgencies(services.db, p);
  const agencies = [];
  for (const a of await listAgencies(services.db)) {
    if (a.status !== 'active' || (scope !== 'all' && !scope.includes(a.id))) continue;
    if (p.isPlatformAdmin || (await canSupervise(services.db, p, a.id))) agencies.push(a);
  }
  const reports = new Map(
    (
      await listReportRows(
        services.db,
        agencies.map((a) => a.id),
        year,
      )
    ).map((r) => [r.agency_id, toReport(r)]),
  );
  const pubs = await publicationStatuses(
    services.db,
    [...reports.values()].flatMap((r) => (r.publicationId ? [r.publicationId] : [])),
  );
  const today = todayOf(services);
  return agencies.map((a) => {
    const report = reports.get(a.id) ?? null;
    const pub = report?.publicationId ? (pubs.get(report.publicationId) ?? null) : null;
    return {
      agencyId: a.id,
      agencyName: a.name,
      kind: a.kind as AgencyKind,
      report,
      status: displayState(report, pub, a.kind as AgencyKind, year, today),
    };
  });
}
