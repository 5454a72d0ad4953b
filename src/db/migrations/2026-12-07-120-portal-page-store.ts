/**
 * Rendered item pages kept in the database (ADR 0014), so that a request for any of an agency's
 * items — not only the few thousand a process can hold in memory — is a lookup:
 *
 * - portal_page_store: one finished response per item-page URL (every variant), with the content
 *   revision it was rendered under, the agency and item it shows, and the key of the code and
 *   configuration that rendered it;
 * - portal_page_changes: one row per raise of the content revision, saying what changed — the whole
 *   site (agency_id null), one agency's pages (agency_id, no items) or some items (agency_id and rows
 *   in portal_page_change_items); a stored page is served only when no change after its revision
 *   concerns it.
 *
 * The body is bytes: blob on SQLite, bytea on PostgreSQL (the one type ADR 0003's portable set lacks).
 */
import { type Kysely, PostgresAdapter } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('portal_page_store')
    .addColumn('url', 'text', (c) => c.primaryKey()) // path and query, variant prefix included
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull()) // read before the page was rendered
    .addColumn('render_key', 'text', (c) => c.notNull()) // code and configuration (page-store.ts)
    .addColumn('status', 'integer', (c) => c.notNull()) // 200 or 410
    .addColumn('etag', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text')
    .addColumn('cache_control', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('body', bytes as 'blob', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portal_page_store_item_idx')
    .on('portal_page_store')
    .column('item_id')
    .execute();
  await db.schema
    .createTable('portal_page_changes')
    .addColumn('revision', 'integer', (c) => c.primaryKey()) // the revision this raise made
    .addColumn('agency_id', 'text') // null: every page of the site
    .addColumn('scope', 'text', (c) => c.notNull()) // 'site' | 'agency' | 'items'
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portal_page_changes_scope_idx')
    .on('portal_page_changes')
    .columns(['scope', 'agency_id', 'revision'])
    .execute();
  await db.schema
    .createTable('portal_page_change_items')
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('portal_page_change_items_pk', ['item_id', 'revision'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_page_change_items').execute();
  await db.schema.dropTable('portal_page_changes').execute();
  await db.schema.dropTable('portal_page_store').execute();
}
