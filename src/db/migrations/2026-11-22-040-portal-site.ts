/**
 * The portal's own tables: the site identity of the platform (one row: name, public address,
 * 网站标识码, ICP备案号, 公安备案号, 党政机关 标识, 主办/承办单位, contacts, footer links) and the view
 * counters of published items, aggregated per item and legal day (never one row per view, never
 * the reader's address). Portable types only (ADR 0003).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('portal_site_settings')
    .addColumn('id', 'text', (c) => c.primaryKey()) // always 'site': one row per platform
    .addColumn('site_name', 'text') // null: the configured PLATFORM_NAME
    .addColumn('base_url', 'text') // https://gk.example.gov.cn, no trailing slash
    .addColumn('site_id_code', 'text') // 网站标识码, 10 characters
    .addColumn('site_domain', 'text')
    .addColumn('icp_no', 'text') // ICP备案号, e.g. 闽ICP备09032658号-1
    .addColumn('psb_no', 'text') // 公安备案号, e.g. 京公网安备11010202008000号
    .addColumn('conac_id', 'text') // 党政机关 标识 id at bszs.conac.cn
    .addColumn('host_org', 'text') // 主办单位
    .addColumn('operator_org', 'text') // 承办单位
    .addColumn('contact_phone', 'text') // 运维/联系电话
    .addColumn('address', 'text')
    .addColumn('footer_links_json', 'text', (c) => c.notNull().defaultTo('[]')) // [{label, url}]
    .addColumn('revision', 'integer', (c) => c.notNull()) // +1 on every save: what other processes' caches compare
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  await db.schema
    .createTable('page_views')
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('day', 'text', (c) => c.notNull()) // legal date (Beijing) the views were counted on
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_views_pk', ['publication_id', 'day'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_views').execute();
  await db.schema.dropTable('portal_site_settings').execute();
}
