/**
 * The public pages' content revision: one row (id 'portal') whose counter every change that
 * affects a public page raises in its own transaction (publications, catalogue, site settings,
 * agencies). Each process keeps rendered portal pages in memory under the revision it read before
 * rendering; a page cached under an older revision is never served again (ADR 0010). Portable
 * types only (ADR 0003).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_content_revision')
    .addColumn('id', 'text', (c) => c.primaryKey()) // always 'portal': one row per platform
    .addColumn('revision', 'integer', (c) => c.notNull()) // +1 in every transaction that changes public pages
    .addColumn('changed_at', 'text', (c) => c.notNull()) // when it was last raised (ISO instant)
    .execute();
  await db
    .insertInto('portal_content_revision')
    .values({ id: 'portal', revision: 1, changed_at: new Date().toISOString() })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_content_revision').execute();
}
