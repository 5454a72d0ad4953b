/**
 * Supervision notes (督办/意见): a supervisor's comment or 督办 addressed to an
 * agency of its supervised subtree, and that agency's answer. Portable types
 * only (ADR 0003): text UUID ids, ISO-8601 UTC instants, YYYY-MM-DD legal
 * dates. `due_on` is a column so "overdue" is one indexed query.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('supervision_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id')) // the supervised agency
    .addColumn('author_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('author_agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // comment | urge
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text') // required for urge
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open')) // open | answered | closed
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text', (c) => c.references('users.id'))
    .addColumn('answered_at', 'text')
    .addColumn('closed_by', 'text', (c) => c.references('users.id'))
    .addColumn('closed_at', 'text')
    .addColumn('close_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_notes_agency_status_due_idx')
    .on('supervision_notes')
    .columns(['agency_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('supervision_notes_author_agency_idx')
    .on('supervision_notes')
    .column('author_agency_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_notes').execute();
}
