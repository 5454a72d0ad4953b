/**
 * The open API's `since` (items changed since a moment, for clients that keep a copy in sync):
 * published rows by their last change, so a daily sync reads the few changed rows, not all of them
 * (measured at 200,000 items on SQLite: counting them through the date order took 2.5 s).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('publications_changed_idx')
    .on('publications')
    .columns(['state', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('publications_changed_idx').execute();
}
