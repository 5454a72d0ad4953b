/**
 * Indexes for the portal's machine-readable output (feeds, sitemap, open API) over a large
 * platform (measured with 200,000 items: a scan of `publications` reads its bodies, ~800 MB).
 *
 *   publications_public_idx          published rows in id order with what a sitemap entry needs,
 *                                    and the rows being amended (state, published_version): read
 *                                    from the index alone, never the rows.
 *   publications_published_order_idx published rows newest first, as the lists order them
 *   publications_agency_order_idx    the same within one agency
 *
 * The live version's 发布日期 and instant are on the row (publishing.ts), so lists need not sort
 * the join with publication_versions.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('publications_public_idx')
    .on('publications')
    .columns([
      'state',
      'id',
      'published_version',
      'agency_id',
      'column_id',
      'published_at',
      'validity_changed_on',
    ])
    .execute();
  await db.schema
    .createIndex('publications_published_order_idx')
    .on('publications')
    .columns(['state', 'published_on desc', 'published_at desc', 'id'])
    .execute();
  await db.schema
    .createIndex('publications_agency_order_idx')
    .on('publications')
    .columns(['state', 'agency_id', 'published_on desc', 'published_at desc', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'publications_agency_order_idx',
    'publications_published_order_idx',
    'publications_public_idx',
  ])
    await db.schema.dropIndex(name).execute();
}
