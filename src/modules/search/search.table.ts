/**
 * Row types of the search index (migration 2026-11-22-030-search). One `search_items` row per live
 * item (published, not withdrawn), with what the portal shows of its live version — narrow, since
 * every match is checked against it — and one `search_texts` row with its text for snippets. The tokens are
 * not columns Kysely sees: SQLite keeps them in the FTS5 table `search_fts` (rowid = sort_key),
 * PostgreSQL in the tsvector columns `title_tsv` and `full_tsv` of this table (see search.repository.ts).
 */
export interface SearchItemTable {
  /**
   * Orders the index by date: day of publication × 2^36 + second of that day × 2^19 + 19 bits of a
   * hash of the id (+1 on the rare clash), so `ORDER BY sort_key DESC` is newest first on both
   * databases and a 发布日期 range is a key range. SQLite: the rowid of this table and of search_fts.
   */
  sort_key: number;
  publication_id: string;
  agency_id: string;
  /** The live version's column. */
  column_id: string | null;
  /** 1 while the public sees the column (it and its ancestors active; no column counts as seen). */
  visible: number;
  /** The live version indexed. */
  version: number;
  title: string;
  /** 文号 as the live version shows it. */
  doc_no: string | null;
  /** 代字 as matched (Simplified, NFKC, no spaces), 年份, 序号. */
  doc_no_prefix: string | null;
  doc_no_year: number | null;
  doc_no_seq: number | null;
  index_no: string | null;
  publisher_name: string;
  topic: string | null;
  genre: string | null;
  validity: string | null;
  written_on: string | null;
  published_on: string;
  published_at: string;
  indexed_at: string;
}

/** Text for snippets, read only for the hits of a page (kept apart so match checks stay cheap). */
export interface SearchTextTable {
  sort_key: number;
  /** 内容概述, 关键词 (joined with 、), body and attachment text (cut at CONTENT_MAX_CHARS). */
  summary: string;
  keywords: string;
  content: string;
}

export interface SearchTables {
  search_items: SearchItemTable;
  search_texts: SearchTextTable;
}
