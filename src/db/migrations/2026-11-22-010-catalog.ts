/**
 * The 政府信息公开 section of each agency: its column tree (主动公开基本目录), its
 * 指南 and its disclosure settings. Portable types only (ADR 0003).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('parent_id', 'text', (c) => c.references('catalog_nodes.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('slug_path', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // section | column | guide | page
    .addColumn('statutory_item', 'text') // '20.1' … '20.15', '21.city.N', '21.township.N'
    .addColumn('template_key', 'text') // default-template nodes only
    .addColumn('holds_documents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('body', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active')) // active | retired
    .addColumn('retired_reason', 'text')
    .addColumn('retired_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('catalog_nodes_path_uq')
    .on('catalog_nodes')
    .columns(['agency_id', 'slug_path'])
    .unique()
    .execute();
  // NULLs are distinct on both engines: custom nodes (template_key null) do not collide.
  await db.schema
    .createIndex('catalog_nodes_template_uq')
    .on('catalog_nodes')
    .columns(['agency_id', 'template_key'])
    .unique()
    .execute();
  await db.schema.createIndex('catalog_nodes_parent_idx').on('catalog_nodes').column('parent_id').execute();

  await db.schema
    .createTable('catalog_guides')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('disclosure_settings')
    .addColumn('agency_id', 'text', (c) => c.primaryKey().references('agencies.id'))
    .addColumn('index_no_pattern', 'text')
    .addColumn('sensitive_words_json', 'text', (c) => c.notNull())
    .addColumn('extra_contacts_json', 'text', (c) => c.notNull())
    .addColumn('workflow_steps_json', 'text', (c) => c.notNull())
    .addColumn('withheld_review_months', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('disclosure_settings').execute();
  await db.schema.dropTable('catalog_guides').execute();
  await db.schema.dropTable('catalog_nodes').execute();
}
