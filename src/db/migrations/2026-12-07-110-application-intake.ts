/**
 * Intake aids of 依申请公开 (applications/intake/): the links from a case to the proactive publications its
 * reply's information became (第四十四条), the per-agency retention period of applicants' personal data after
 * archiving and the record of each erasure, and the go-live imports of cases from an old system with the old
 * system's numbers (one case is never imported twice). Portable types only (ADR 0003): text UUID ids,
 * ISO-8601 UTC text instants, YYYY-MM-DD text legal dates, 0/1 integer flags.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_publication_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('application_cases.id'))
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('ground', 'text', (c) => c.notNull()) // repeatedRequests | publicInterest (第四十四条)
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('application_publication_links_uq', ['case_id', 'publication_id'])
    .execute();
  await db.schema
    .createIndex('application_publication_links_publication_idx')
    .on('application_publication_links')
    .column('publication_id')
    .execute();

  await db.schema
    .createTable('application_retention_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('retention_years', 'integer', (c) => c.notNull()) // after archiving
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application_personal_data_erasures')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('application_cases.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('archived_on', 'text', (c) => c.notNull()) // legal date the period ran from
    .addColumn('retention_years', 'integer', (c) => c.notNull())
    .addColumn('erased_on', 'text', (c) => c.notNull()) // legal date of the erasure
    .addColumn('attachments_deleted', 'integer', (c) => c.notNull())
    .addColumn('letter_files_deleted', 'integer', (c) => c.notNull())
    .addColumn('erased_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('application_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull()) // utf-8 | gb18030
    .addColumn('cases', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('application_imported_cases')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('application_cases.id'))
    .addColumn('import_id', 'text', (c) => c.notNull().references('application_imports.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('legacy_no', 'text', (c) => c.notNull()) // the old system's tracking number
    .addColumn('line', 'integer', (c) => c.notNull()) // line of the CSV file
    .addUniqueConstraint('application_imported_cases_legacy_uq', ['agency_id', 'legacy_no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'application_imported_cases',
    'application_imports',
    'application_personal_data_erasures',
    'application_retention_settings',
    'application_publication_links',
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
