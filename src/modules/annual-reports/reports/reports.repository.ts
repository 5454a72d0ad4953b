/** All SQL of the reports: the report rows, the opening balance, and the state of the publications they became. */
import { chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import type { Db } from '../../../platform/services.js';
import type { PublicationStatus } from './reports.js';
import type { AnnualReportOpeningBalanceTable, AnnualReportTable } from './reports.table.js';

export function findReportRow(db: Db, id: string) {
  return db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findReportRowByYear(db: Db, agencyId: string, year: number) {
  return db
    .selectFrom('annual_reports')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export function listReportRows(db: Db, agencyIds: readonly string[], year?: number) {
  if (agencyIds.length === 0) return Promise.resolve([] as AnnualReportTable[]);
  let q = db.selectFrom('annual_reports').selectAll().where('agency_id', 'in', agencyIds);
  if (year !== undefined) q = q.where('year', '=', year);
  return q.orderBy('year', 'desc').execute();
}

export async function insertReportRow(db: Db, row: AnnualReportTable): Promise<void> {
  await db.insertInto('annual_reports').values(row).execute();
}

/** Changes the row only if nobody saved it meanwhile (optimistic concurrency on `version`). */
export async function updateReportIf(
  db: Db,
  id: string,
  version: number,
  patch: Partial<AnnualReportTable>,
): Promise<boolean> {
  const res = await db
    .updateTable('annual_reports')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function agencyOfReport(db: Db, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('annual_reports')
    .select('agency_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.agency_id ?? null;
}

export function findOpeningBalanceRow(db: Db, agencyId: string) {
  return db
    .selectFrom('annual_report_opening_balances')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
}

export async function upsertOpeningBalanceRow(db: Db, row: AnnualReportOpeningBalanceTable): Promise<void> {
  const { agency_id, ...rest } = row;
  await db
    .insertInto('annual_report_opening_balances')
    .values(row)
    .onConflict((oc) => oc.column('agency_id').doUpdateSet(rest))
    .execute();
}

/** The state of each publication a report became. */
export async function publicationStatuses(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, PublicationStatus>> {
  const out = new Map<string, PublicationStatus>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('publications')
    .select(['id', 'state', 'published_version', 'first_published_at'])
    .where('id', 'in', ids)
    .execute();
  for (const r of rows)
    out.set(r.id, {
      state: r.state,
      publishedVersion: r.published_version === null ? null : Number(r.published_version),
      firstPublishedOn: r.first_published_at
        ? (chinaToday(new Date(r.first_published_at)) as LegalDate)
        : null,
    });
  return out;
}

/** The agency's active column 政府信息公开年报 (template key 'annualReports'). */
export function annualReportsColumn(db: Db, agencyId: string) {
  return db
    .selectFrom('catalog_nodes')
    .select(['id', 'name', 'status'])
    .where('agency_id', '=', agencyId)
    .where('template_key', '=', 'annualReports')
    .executeTakeFirst();
}
