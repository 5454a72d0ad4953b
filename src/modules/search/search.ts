/**
 * Full-text search over what the portal shows (live, public items), the same on SQLite and
 * PostgreSQL. This file is the module's public contract: the portal's search pages and the open
 * API build a `SearchQuery` and render a `SearchResult`; `search.repository.ts` answers it.
 */
import type { LegalDate } from '../../platform/legal-date.js';
import type { Genre, Topic, Validity } from '../publications/vocabulary.js';

export type SearchSort = 'relevance' | 'date';
/** 搜索范围: 全文 (title, 文号, summary, keywords, body, attachment text) or 标题 only. */
export type SearchField = 'all' | 'title';

/** Longest query text kept (characters); longer input is cut and the page says so. */
export const MAX_QUERY_CHARS = 100;
export const SEARCH_PAGE_SIZE = 10;
/** Deepest page served (offset paging; deeper pages ask the user to narrow the query). */
export const MAX_SEARCH_PAGE = 100;
/**
 * Counting stops here: a query matching more items reports `total = SEARCH_COUNT_CAP` with
 * `totalCapped` (the page says 超过 2000 条). Relevance ranks the newest SEARCH_COUNT_CAP matches
 * (all of them when fewer match); the rest follow by date. Counting or scoring every match of a
 * term like 政府 (most of the index) costs far more than the page, and a query specific enough to
 * need ranking matches fewer items than this.
 */
export const SEARCH_COUNT_CAP = 2_000;

/** A parsed, validated query. Empty text with filters lists the filtered items. */
export interface SearchQuery {
  /** The user's words, at most MAX_QUERY_CHARS; Traditional characters and 文号 allowed. */
  text: string;
  field: SearchField;
  /** Search within these agencies only (null: the whole platform). */
  agencyIds: string[] | null;
  /** Within these columns (a column and its descendants, resolved by the caller); null: any. */
  columnIds: string[] | null;
  topic: Topic | null;
  genre: Genre | null;
  validity: Validity | null;
  /** 发布日期 range, inclusive. A year filter becomes YYYY-01-01..YYYY-12-31. */
  publishedFrom: LegalDate | null;
  publishedTo: LegalDate | null;
  /** 成文日期 range, inclusive. */
  writtenFrom: LegalDate | null;
  writtenTo: LegalDate | null;
  /** 文号 parts: 发文机关代字 (exact), 年份, 序号. */
  docNoPrefix: string | null;
  docNoYear: number | null;
  docNoSeq: number | null;
  sort: SearchSort;
  /** 1-based. */
  page: number;
  pageSize: number;
}

/** Text split into plain and highlighted runs (rendered as <mark>). */
export type Highlighted = { text: string; mark: boolean }[];

export interface SearchHit {
  id: string;
  agencyId: string;
  agencyCode: string;
  agencyName: string;
  columnId: string | null;
  title: string;
  titleHighlighted: Highlighted;
  /** A window of the text around the first matched terms (or the summary's start). */
  snippet: Highlighted;
  docNo: string | null;
  indexNo: string | null;
  publisherName: string;
  topic: Topic | null;
  genre: Genre | null;
  validity: Validity | null;
  writtenOn: LegalDate | null;
  publishedOn: LegalDate;
}

export interface SearchResult {
  /** Matching items, at most SEARCH_COUNT_CAP. */
  total: number;
  /** More than `total` items match (counting stopped at SEARCH_COUNT_CAP). */
  totalCapped: boolean;
  page: number;
  pageSize: number;
  hits: SearchHit[];
  /** The terms the text was segmented into (after Traditional→Simplified), for display. */
  terms: string[];
  /** A 文号 recognised in the text, in canonical form (雅办发〔2017〕18号), if any. */
  docNo: string | null;
}

/** For a query without hits: what each part alone would find, so the page can suggest what to try. */
export interface TermHits {
  /** Each term of the text alone, with the query's field and filters. */
  terms: { term: string; total: number; totalCapped: boolean }[];
  /** The recognised 文号 alone, with the filters. */
  docNo: { docNo: string; total: number; totalCapped: boolean } | null;
  /** The whole text without any filter (null when the query has no filter). */
  withoutFilters: { total: number; totalCapped: boolean } | null;
}
