/**
 * 年度报告 written on the platform (issue 6, annual-reports/reports/): one report per agency and year with the
 * 表二 figures the agency enters, the narrative sections 一 to 六, the findings of its last check and the
 * publication it became; the opening balance an agency enters once when its previous year was not on the
 * platform (compute/table3.ts OpeningBalance); and the index on cases by closing day that lets the computed
 * 表三 read only the year's and the carried cases (annual-reports README, "Cost"). Portable types only
 * (ADR 0003): text UUID ids, ISO-8601 UTC text instants, JSON as text, integer counters.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull()) // draft | checked | submitted
    .addColumn('table2_json', 'text', (c) => c.notNull()) // entered figures: licensing, penalties, enforcement, feesAmount
    .addColumn('sections_json', 'text', (c) => c.notNull()) // { 一: text, …, 六: text }
    .addColumn('prefilled_from', 'text') // the report whose published narrative was the starting text
    .addColumn('findings_json', 'text', (c) => c.notNull()) // the last check's findings
    .addColumn('errors', 'integer', (c) => c.notNull()) // hard errors among them
    .addColumn('warnings', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'text')
    .addColumn('publication_id', 'text', (c) => c.references('publications.id'))
    .addColumn('submitted_version', 'integer') // the report version handed to the publication workflow
    .addColumn('submitted_by', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull()) // optimistic concurrency
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('annual_reports_agency_year_uq', ['agency_id', 'year'])
    .execute();
  await db.schema.createIndex('annual_reports_year_idx').on('annual_reports').column('year').execute();

  await db.schema
    .createTable('annual_report_opening_balances')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('year', 'integer', (c) => c.notNull()) // the first year computed on the platform
    .addColumn('carried_over_json', 'text', (c) => c.notNull()) // [C1…C6] of last year's 结转下年度
    .addColumn('pending_appeals_json', 'text') // { reconsideration, litigationDirect, litigationAfterReconsideration }
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createIndex('application_cases_agency_closed_idx')
    .on('application_cases')
    .columns(['agency_id', 'closed_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('application_cases_agency_closed_idx').ifExists().execute();
  await db.schema.dropTable('annual_report_opening_balances').ifExists().execute();
  await db.schema.dropTable('annual_reports').ifExists().execute();
}
