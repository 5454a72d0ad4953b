/**
 * The full-text search index (src/modules/search): `search_items`, one row per live item, and its
 * tokens — on SQLite an FTS5 table over our own pre-segmented tokens (the `ascii` tokenizer only
 * splits on ASCII spaces and punctuation, which our tokens never contain), on PostgreSQL two
 * tsvector columns built with array_to_tsvector (no text-search parser involved) and GIN indexes.
 * The index is filled by `gongkai search rebuild` and kept current by the publishing commands.
 */
import { type Kysely, PostgresAdapter, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  let table = db.schema
    .createTable('search_items')
    .addColumn('sort_key', postgres ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('publication_id', 'text', (c) => c.notNull().unique().references('publications.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('column_id', 'text')
    .addColumn('visible', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_no', 'text')
    .addColumn('doc_no_prefix', 'text')
    .addColumn('doc_no_year', 'integer')
    .addColumn('doc_no_seq', 'integer')
    .addColumn('index_no', 'text')
    .addColumn('publisher_name', 'text', (c) => c.notNull())
    .addColumn('topic', 'text')
    .addColumn('genre', 'text')
    .addColumn('validity', 'text')
    .addColumn('written_on', 'text')
    .addColumn('published_on', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull());
  if (postgres)
    table = table
      .addColumn('title_tsv', sql`tsvector`, (c) => c.notNull())
      .addColumn('full_tsv', sql`tsvector`, (c) => c.notNull());
  await table.execute();
  // Snippet text apart: every match is checked against search_items, so its rows stay small.
  await db.schema
    .createTable('search_texts')
    .addColumn('sort_key', postgres ? 'bigint' : 'integer', (c) => c.primaryKey())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_items_agency')
    .on('search_items')
    .columns(['agency_id', 'sort_key'])
    .execute();
  await db.schema
    .createIndex('search_items_doc_no')
    .on('search_items')
    .columns(['doc_no_prefix', 'doc_no_year', 'doc_no_seq'])
    .execute();
  if (postgres) {
    await sql`create index search_items_title_tsv on search_items using gin (title_tsv)`.execute(db);
    await sql`create index search_items_full_tsv on search_items using gin (full_tsv)`.execute(db);
  } else {
    // Each token is written once per column, so positions cost about a byte per posting; detail=full
    // stays because bm25 needs it in a contentless table (with detail=column it scores every row 0).
    // `facets` holds hashed filter tokens (agency, column, 主题, 体裁, 有效性): filters become
    // posting-list lookups too.
    await sql`create virtual table search_fts using fts5(
      title, full, facets,
      content='', contentless_delete=1, tokenize='ascii'
    )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter))
    await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_texts').execute();
  await db.schema.dropTable('search_items').execute();
}
