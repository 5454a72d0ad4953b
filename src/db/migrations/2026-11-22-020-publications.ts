/**
 * 主动公开 publications and their review workflow: the working copy, a snapshot per
 * published version, workflow events, attachments, finding overrides, the 索引号
 * counters and the 政策解读 links. Portable types only (ADR 0003): text UUID ids,
 * ISO-8601 UTC text instants, YYYY-MM-DD text legal dates, 0/1 integer flags.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('column_id', 'text', (c) => c.references('catalog_nodes.id')) // an active 'column' of the same agency
    .addColumn('state', 'text', (c) => c.notNull()) // see publications/workflow.ts
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)) // the working version
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0)) // +1 on every submit
    .addColumn('steps', 'text', (c) => c.notNull().defaultTo('')) // review steps of this round, comma separated
    .addColumn('published_version', 'integer') // the live version; null until first published
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]')) // JSON array of strings
    .addColumn('body_format', 'text', (c) => c.notNull()) // markdown | html
    .addColumn('body_source', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull()) // sanitised rendering of the source
    .addColumn('body_text', 'text', (c) => c.notNull()) // plain text, for checks and search
    .addColumn('doc_no_prefix', 'text') // 文号: 代字, year, number kept apart
    .addColumn('doc_no_year', 'integer')
    .addColumn('doc_no_number', 'integer')
    .addColumn('written_on', 'text') // 成文日期
    .addColumn('formed_on', 'text') // 形成/变更日期: starts the 第二十六条 clock
    .addColumn('due_on', 'text') // addWorkdays(formed_on, 20)
    .addColumn('publisher_name', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('genre', 'text')
    .addColumn('validity', 'text') // rule / normativeDocument only
    .addColumn('validity_note', 'text')
    .addColumn('validity_changed_on', 'text')
    .addColumn('disclosure_attribute', 'text', (c) => c.notNull().defaultTo('proactive'))
    .addColumn('withhold_ground', 'text') // E1–E8
    .addColumn('withhold_reason', 'text')
    .addColumn('decided_on', 'text') // 三项清单: date the attribute was confirmed
    .addColumn('next_review_on', 'text') // 第十八条 re-review due
    .addColumn('index_no', 'text') // 索引号, assigned at first publication, never reused
    .addColumn('index_imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scheduled_at', 'text')
    .addColumn('scheduled_by', 'text')
    .addColumn('first_published_at', 'text')
    .addColumn('published_at', 'text') // the live version's publication instant
    .addColumn('published_on', 'text') // …and its legal date (Beijing)
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('authored')) // authored | imported
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const idx = (name: string, columns: string[]) =>
    db.schema.createIndex(name).on('publications').columns(columns).execute();
  await idx('publications_agency_state_idx', ['agency_id', 'state']);
  await idx('publications_state_scheduled_idx', ['state', 'scheduled_at']);
  await idx('publications_agency_review_idx', ['agency_id', 'next_review_on']);
  await idx('publications_column_idx', ['column_id']);
  await db.schema
    .createIndex('publications_index_no_uq')
    .on('publications')
    .column('index_no')
    .unique()
    .execute();

  await db.schema
    .createTable('publication_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('formed_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addUniqueConstraint('publication_versions_uq', ['publication_id', 'version'])
    .execute();
  await db.schema
    .createIndex('publication_versions_agency_on_idx')
    .on('publication_versions')
    .columns(['agency_id', 'published_on'])
    .execute();

  await db.schema
    .createTable('publication_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text') // null: the system (scheduled publication)
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // order within the publication
    .execute();
  await db.schema
    .createIndex('publication_events_pub_idx')
    .on('publication_events')
    .columns(['publication_id', 'seq'])
    .execute();

  await db.schema
    .createTable('publication_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('sha256', 'text', (c) => c.notNull()) // the stored file: <dataDir>/files/<sha256>
    .addColumn('file_name', 'text', (c) => c.notNull()) // the original name, for download only
    .addColumn('type', 'text', (c) => c.notNull()) // sniffed from the content
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull()) // extracted at upload
    .addColumn('extract_error', 'text')
    .addColumn('findings_json', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('publication_attachments_pub_idx')
    .on('publication_attachments')
    .column('publication_id')
    .execute();

  await db.schema
    .createTable('publication_finding_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('finding_key', 'text', (c) => c.notNull()) // kind + keyed hash of the clear value
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('publication_finding_overrides_uq', ['publication_id', 'finding_key'])
    .execute();

  await db.schema
    .createTable('publication_index_counters')
    .addColumn('agency_id', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull()) // the year when the pattern has {YYYY}, else ''
    .addColumn('last_serial', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_index_counters_pk', ['agency_id', 'scope'])
    .execute();

  await db.schema
    .createTable('publication_interpretation_links')
    .addColumn('interpretation_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('policy_id', 'text', (c) => c.notNull().references('publications.id'))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_interpretation_links_pk', ['interpretation_id', 'policy_id'])
    .execute();
  await db.schema
    .createIndex('publication_interpretation_links_policy_idx')
    .on('publication_interpretation_links')
    .column('policy_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'publication_interpretation_links',
    'publication_index_counters',
    'publication_finding_overrides',
    'publication_attachments',
    'publication_events',
    'publication_versions',
    'publications',
  ])
    await db.schema.dropTable(table).execute();
}
