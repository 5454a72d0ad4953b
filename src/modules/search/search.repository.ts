/**
 * Answers a SearchQuery from the index — the only file with dialect-specific search SQL.
 *
 * Both databases get the same terms (segment.ts), the same filters and the same order key, so the
 * SET of hits is the same and date order is identical:
 *   SQLite      FTS5 `search_fts` MATCH '{title full} : ("t1" AND "t2")' joined on rowid = sort_key,
 *               always read first (CROSS JOIN); filters also as hashed tokens of its `facets`
 *               column, so FTS5 intersects them.
 *   PostgreSQL  `full_tsv @@ 't1' & 't2'` (or title_tsv), a tsquery of quoted lexemes, GIN indexes.
 * Date sort: sort_key DESC. Relevance: bm25 (SQLite) / ts_rank (PostgreSQL) of the newest
 * SEARCH_COUNT_CAP matches, ties and the rest by sort_key DESC. Counting stops after SEARCH_COUNT_CAP.
 * SQLite's bm25 is FTS5's own formula computed here (`Bm25`, ADR 0011): FTS5's bm25() re-counts
 * every term's documents on each query, a scan of whole posting lists.
 */
import { type RawBuilder, sql } from 'kysely';
import type { LegalDate } from '../../platform/legal-date.js';
import type { Db } from '../../platform/services.js';
import type { Genre, Topic, Validity } from '../publications/vocabulary.js';
import { dialectOf } from './dialect.js';
import { canonicalDocNo, findDocNo, normalizeDocNoPrefix, restOfQuery } from './doc-no.js';
import { highlight, snippet } from './highlight.js';
import { facetToken, sortKeyRange } from './keys.js';
import {
  MAX_QUERY_CHARS,
  SEARCH_COUNT_CAP,
  type SearchField,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
  type TermHits,
} from './search.js';
import { documentTokens, prepareText, queryTerms } from './segment.js';

/** Longest page served, whatever the caller asks. */
const MAX_PAGE_SIZE = 100;

/** The query as the SQL sees it: terms, the recognised 文号 and the filters. */
export interface Plan {
  terms: string[];
  field: SearchField;
  docNo: { prefix: string; year: number; seq: number | null } | null;
  filters: Filters;
}

type Filters = Pick<
  SearchQuery,
  | 'agencyIds'
  | 'columnIds'
  | 'topic'
  | 'genre'
  | 'validity'
  | 'publishedFrom'
  | 'publishedTo'
  | 'writtenFrom'
  | 'writtenTo'
  | 'docNoPrefix'
  | 'docNoYear'
  | 'docNoSeq'
>;

const NO_FILTERS: Filters = {
  agencyIds: null,
  columnIds: null,
  topic: null,
  genre: null,
  validity: null,
  publishedFrom: null,
  publishedTo: null,
  writtenFrom: null,
  writtenTo: null,
  docNoPrefix: null,
  docNoYear: null,
  docNoSeq: null,
};

function filtersOf(q: SearchQuery): Filters {
  const f = { ...NO_FILTERS };
  for (const k of Object.keys(NO_FILTERS) as (keyof Filters)[])
    (f as Record<string, unknown>)[k] = q[k] ?? null;
  return f;
}

const hasFilters = (f: Filters) => Object.values(f).some((v) => v !== null);

/** Cuts the text to MAX_QUERY_CHARS characters (the page says so; see search.ts). */
export function clipQueryText(text: string): string {
  const chars = [...text];
  return chars.length > MAX_QUERY_CHARS ? chars.slice(0, MAX_QUERY_CHARS).join('') : text;
}

/**
 * Terms and 文号 of the text. A 文号 counts as such only if the index knows its 代字 in that year
 * (the longest tail of the letters before the year that it knows); otherwise it is searched as words.
 */
export async function planOf(db: Db, text: string, field: SearchField, filters: Filters): Promise<Plan> {
  const clipped = clipQueryText(text);
  const found = findDocNo(prepareText(clipped));
  if (found) {
    const known = await db
      .selectFrom('search_items')
      .select('doc_no_prefix')
      .distinct()
      .where('doc_no_prefix', 'in', found.prefixes)
      .where('doc_no_year', '=', found.year)
      .execute();
    const names = new Set(known.map((r) => r.doc_no_prefix));
    const prefix = found.prefixes.find((p) => names.has(p));
    if (prefix)
      return {
        terms: queryTerms(restOfQuery(found, prefix)),
        field,
        docNo: { prefix, year: found.year, seq: found.seq },
        filters,
      };
  }
  return { terms: queryTerms(clipped), field, docNo: null, filters };
}

export async function searchPublications(db: Db, query: SearchQuery): Promise<SearchResult> {
  const plan = await planOf(db, query.text, query.field, filtersOf(query));
  const page = Math.max(1, Math.floor(query.page) || 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize) || 1));
  const { counted, keys } = await pageKeys(sqlFor(db), plan, query.sort, pageSize, (page - 1) * pageSize);
  return {
    total: Math.min(counted, SEARCH_COUNT_CAP),
    totalCapped: counted > SEARCH_COUNT_CAP,
    page,
    pageSize,
    hits: await hydrate(db, keys, plan.terms),
    terms: plan.terms,
    docNo: plan.docNo ? canonicalDocNo(plan.docNo.prefix, plan.docNo.year, plan.docNo.seq) : null,
  };
}

/** For a query without hits: each term alone, the 文号 alone, and the whole text without filters. */
export async function termHits(db: Db, query: SearchQuery): Promise<TermHits> {
  const filters = filtersOf(query);
  const plan = await planOf(db, query.text, query.field, filters);
  const s = sqlFor(db);
  const counted = (n: number) => ({
    total: Math.min(n, SEARCH_COUNT_CAP),
    totalCapped: n > SEARCH_COUNT_CAP,
  });
  const terms = [];
  for (const term of plan.terms)
    terms.push({ term, ...counted(await s.count({ ...plan, terms: [term], docNo: null })) });
  return {
    terms,
    docNo: plan.docNo
      ? {
          docNo: canonicalDocNo(plan.docNo.prefix, plan.docNo.year, plan.docNo.seq),
          ...counted(await s.count({ ...plan, terms: [] })),
        }
      : null,
    withoutFilters: hasFilters(filters) ? counted(await s.count({ ...plan, filters: NO_FILTERS })) : null,
  };
}

/**
 * The keys of one page and the number of matches (up to `cap` + 1). By relevance one query reads
 * the newest `cap` + 1 matches with their scores: it counts them, and the newest `cap` are ranked
 * (ties newest first); positions from `cap` on are the date order's. By date: a count, then the page.
 */
export async function pageKeys(
  s: DialectSql,
  plan: Plan,
  sort: SearchQuery['sort'],
  limit: number,
  offset: number,
  cap = SEARCH_COUNT_CAP,
): Promise<{ counted: number; keys: number[] }> {
  if (wantsNothing(plan)) return { counted: 0, keys: [] };
  if (sort !== 'relevance' || plan.terms.length === 0) {
    const counted = await s.count(plan, cap);
    return { counted, keys: counted > offset ? await s.byDate(plan, limit, offset) : [] };
  }
  const newest = await s.scored(plan, cap + 1);
  const keys = best(newest.slice(0, cap), offset + limit)
    .slice(offset)
    .map((r) => r.k);
  const rest = limit - keys.length;
  if (rest > 0 && newest.length > cap) keys.push(...(await s.byDate(plan, rest, Math.max(offset, cap))));
  return { counted: newest.length, keys };
}

/** Ranking order: score, then newest first. */
const byRank = (a: { k: number; score: number }, b: { k: number; score: number }) =>
  a.score - b.score || b.k - a.k;

/**
 * The first `n` of `items` in ranking order (what a full sort would give): with a short list kept
 * sorted when n is small next to the items (a page among 2,000), else a sort.
 */
export function best<T extends { k: number; score: number }>(items: T[], n: number): T[] {
  if (n <= 0) return [];
  if (n * 8 >= items.length) return [...items].sort(byRank).slice(0, n);
  const out: T[] = [];
  for (const item of items) {
    if (out.length === n && byRank(item, out[n - 1] as T) >= 0) continue;
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byRank(out[mid] as T, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, item);
    if (out.length > n) out.pop();
  }
  return out;
}

// ── SQL ──

export interface DialectSql {
  /** Matches, counted up to cap + 1. */
  count(plan: Plan, cap?: number): Promise<number>;
  /** The sort keys of matches, newest first. */
  byDate(plan: Plan, limit: number, offset: number): Promise<number[]>;
  /** The newest `limit` matches, newest first, with their relevance (lower is better). */
  scored(plan: Plan, limit: number): Promise<{ k: number; score: number }[]>;
}

export function sqlFor(db: Db): DialectSql {
  return dialectOf(db) === 'postgres' ? postgres(db) : sqlite(db);
}

type Frag = RawBuilder<unknown>;
const all = (parts: Frag[]): Frag => (parts.length ? sql.join(parts, sql` and `) : sql`1 = 1`);
const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`));

/** The filters on search_items `i`; `key` is the expression holding the sort key. */
function rowFilters(plan: Plan, key: Frag): Frag[] {
  const f = plan.filters;
  const w: Frag[] = [sql`i.visible = 1`];
  if (f.agencyIds) w.push(f.agencyIds.length ? sql`i.agency_id in (${list(f.agencyIds)})` : sql`1 = 0`);
  if (f.columnIds) w.push(f.columnIds.length ? sql`i.column_id in (${list(f.columnIds)})` : sql`1 = 0`);
  if (f.topic) w.push(sql`i.topic = ${f.topic}`);
  if (f.genre) w.push(sql`i.genre = ${f.genre}`);
  if (f.validity) w.push(sql`i.validity = ${f.validity}`);
  const [lo, hi] = sortKeyRange(f.publishedFrom, f.publishedTo);
  if (lo !== null) w.push(sql`${key} >= ${lo}`);
  if (hi !== null) w.push(sql`${key} <= ${hi}`);
  if (f.writtenFrom) w.push(sql`i.written_on >= ${f.writtenFrom}`);
  if (f.writtenTo) w.push(sql`i.written_on <= ${f.writtenTo}`);
  if (f.docNoPrefix) w.push(sql`i.doc_no_prefix = ${normalizeDocNoPrefix(f.docNoPrefix)}`);
  if (f.docNoYear !== null) w.push(sql`i.doc_no_year = ${f.docNoYear}`);
  if (f.docNoSeq !== null) w.push(sql`i.doc_no_seq = ${f.docNoSeq}`);
  if (plan.docNo) {
    w.push(sql`i.doc_no_prefix = ${plan.docNo.prefix}`, sql`i.doc_no_year = ${plan.docNo.year}`);
    if (plan.docNo.seq !== null) w.push(sql`i.doc_no_seq = ${plan.docNo.seq}`);
  }
  return w;
}

const wantsNothing = (plan: Plan) =>
  (plan.filters.agencyIds !== null && plan.filters.agencyIds.length === 0) ||
  (plan.filters.columnIds !== null && plan.filters.columnIds.length === 0);

// SQLite: FTS5 drives whenever it has something to match; its rowid is the sort key, so
// ORDER BY rowid DESC LIMIT n stops after n rows, and a 发布日期 range is a rowid range.

/** The FTS5 query: the terms in the chosen columns, AND the filters' facet tokens. */
export function ftsQuery(plan: Plan): string | null {
  const q = (t: string) => `"${t.replaceAll('"', '""')}"`;
  const parts: string[] = [];
  if (plan.terms.length) {
    const cols = plan.field === 'title' ? 'title' : '{title full}';
    parts.push(`${cols} : (${plan.terms.map(q).join(' AND ')})`);
  }
  const f = plan.filters;
  const facet = (tokens: string[]) => parts.push(`facets : (${tokens.map(q).join(' OR ')})`);
  // Facets help only without a 文号 (its b-tree index is more selective) and are exact copies of the
  // row filters, which are applied as well.
  if (parts.length || !(plan.docNo || f.docNoPrefix)) {
    if (f.agencyIds?.length) facet(f.agencyIds.map((a) => facetToken('agency', a)));
    if (f.columnIds?.length) facet(f.columnIds.map((c) => facetToken('column', c)));
    if (f.topic) facet([facetToken('topic', f.topic)]);
    if (f.genre) facet([facetToken('genre', f.genre)]);
    if (f.validity) facet([facetToken('validity', f.validity)]);
    const years = writtenYears(f.writtenFrom, f.writtenTo);
    if (years) facet(years.map((y) => facetToken('writtenYear', String(y))));
    const prefix = plan.docNo?.prefix ?? (f.docNoPrefix ? normalizeDocNoPrefix(f.docNoPrefix) : null);
    if (prefix) facet([facetToken('docNoPrefix', prefix)]);
    if (plan.docNo) facet([facetToken('docNoYear', String(plan.docNo.year))]);
    if (f.docNoYear !== null) facet([facetToken('docNoYear', String(f.docNoYear))]);
  }
  return parts.length ? parts.join(' AND ') : null;
}

/**
 * The years a closed 成文日期 range touches, if few enough to list. The facet must find a superset of
 * what the row filter keeps, so an open range gets none.
 */
function writtenYears(from: string | null, to: string | null): number[] | null {
  if (!from || !to) return null;
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  if (last < first) return [first];
  if (last - first > 40) return null;
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function sqlite(db: Db): DialectSql {
  /**
   * FROM … WHERE … of the matches, selecting the key as `k` (and `extra`). FTS5 is always read
   * first (CROSS JOIN fixes the order): left to choose, SQLite may walk an agency's rows in
   * search_items and probe FTS5 once per row, re-evaluating the whole MATCH each time (measured:
   * 土地征收 in one agency and year, 53 ms instead of 0.6 ms on 30,000 items).
   */
  const matches = (plan: Plan, extra: Frag = sql``, join: Frag = sql``): Frag => {
    const match = ftsQuery(plan);
    if (match === null)
      return sql`select i.sort_key as k from search_items i where ${all(rowFilters(plan, sql`i.sort_key`))}`;
    return sql`select f.rowid as k${extra} from search_fts f cross join search_items i on i.sort_key = f.rowid
      ${join} where search_fts match ${match} and ${all(rowFilters(plan, sql`f.rowid`))}`;
  };
  const keyOrder = (plan: Plan) => (ftsQuery(plan) === null ? sql`i.sort_key desc` : sql`f.rowid desc`);
  return {
    async count(plan, cap = SEARCH_COUNT_CAP) {
      if (wantsNothing(plan)) return 0;
      const r = await sql<{ n: number }>`select count(*) as n from (${matches(plan)}
        limit ${cap + 1}) m`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    async byDate(plan, limit, offset) {
      const r = await sql<{ k: number }>`${matches(plan)} order by ${keyOrder(plan)}
        limit ${limit} offset ${offset}`.execute(db);
      return r.rows.map((x) => Number(x.k));
    },
    async scored(plan, limit) {
      // One read transaction: the index state the cached counts belong to is the one read.
      // (The scores are computed after it, not holding the connection.)
      const read = await inReadTransaction(db, async (tx) => {
        const stats = await ftsStats(tx, db);
        const r = await sql<{ k: number }>`${matches(plan)} order by ${keyOrder(plan)}
          limit ${limit}`.execute(tx);
        const keys = r.rows.map((x) => Number(x.k));
        if (keys.length === 0 || plan.terms.length === 0)
          return { scored: keys.map((k) => ({ k, score: 0 })) };
        const rows = stats && (await rowsOf(tx, stats, keys));
        if (!stats || !rows) return { scored: await builtinScored(tx, plan, limit) };
        return { keys, rows, bm25: await Bm25.of(tx, stats, plan) };
      });
      if (read.scored) return read.scored;
      const { keys = [], rows = [], bm25 } = read;
      return keys.map((k, i) => ({ k, score: (bm25 as Bm25).score(rows[i] as RowStats) }));
    },
  };
  /** The same through FTS5's bm25() (for an index without per-row sizes: not one this code writes). */
  async function builtinScored(tx: Db, plan: Plan, limit: number) {
    const r = await sql<{ k: number; score: number }>`${matches(
      plan,
      sql`, bm25(search_fts, 10.0, 1.0, 0.0) as score`,
    )} order by f.rowid desc limit ${limit}`.execute(tx);
    return r.rows.map((x) => ({ k: Number(x.k), score: Number(x.score) }));
  }
}

function inReadTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

// ── SQLite relevance: FTS5's bm25 without its per-query scans ──

/** Column weights of the ranking: a term in the title counts ten times one in the text. */
const TITLE_WEIGHT = 10;
const FULL_WEIGHT = 1;
/** FTS5's bm25 constants (fts5_aux.c). */
const K1 = 1.2;
const B = 0.75;

/**
 * bm25(search_fts, 10, 1, 0) exactly as FTS5 computes it (fts5_aux.c, fts5Bm25Function), from
 * the same inputs read more cheaply:
 *
 *   score = −Σ_terms idf · f·(k1+1) / (f + k1·(1 − b + b·D/avgdl))
 *
 * - idf = ln((N − n + 0.5)/(n + 0.5)), at least 1e-6, where N is the number of rows and n the rows
 *   holding the term in the searched columns. FTS5 counts n by reading the term's whole posting
 *   list on every query — for a term in most of 200,000 items about as long as the rest of the
 *   search together, and once per term. Here n is counted once and kept while the index is
 *   unchanged (FtsStats), and counting stops at N/2, from which on idf is 1e-6 whatever n is.
 * - f = the weighted occurrences of the term in the row: each token is written once per column,
 *   and the text column (`full`) holds every title token too, so f is 10 + 1 when the term is a
 *   title token and 1 otherwise (title-only search: 10). A row's title tokens are
 *   documentTokens(title), which is what the indexer wrote (indexDocument).
 * - D = the row's tokens over all columns (search_fts_docsize), avgdl = all tokens / N (FTS5's
 *   totals record). Facet phrases have weight 0 and add nothing.
 *
 * search.repository.test.ts checks the scores against bm25() itself.
 */
export class Bm25 {
  private constructor(
    private readonly terms: string[],
    private readonly idf: number[],
    private readonly avgdl: number,
    private readonly titleOnly: boolean,
  ) {}

  static async of(db: Db, stats: FtsStats, plan: Plan): Promise<Bm25> {
    const idf: number[] = [];
    for (const term of plan.terms) {
      const key = `${plan.field} ${term}`;
      let v = stats.idf.get(key);
      if (v === undefined) {
        v = idfOf(stats.rows, await documentsWith(db, plan.field, term, Math.ceil(stats.rows / 2)));
        if (stats.idf.size >= IDF_CACHE_MAX) stats.idf.clear();
        stats.idf.set(key, v);
      }
      idf.push(v);
    }
    return new Bm25(plan.terms, idf, stats.tokens / stats.rows, plan.field === 'title');
  }

  /** bm25 of a row (lower is better). */
  score(row: RowStats): number {
    const norm = K1 * (1 - B + (B * row.size) / this.avgdl);
    let score = 0.0;
    for (let i = 0; i < this.terms.length; i++) {
      const f = this.titleOnly
        ? TITLE_WEIGHT
        : row.titleTokens.has(this.terms[i] as string)
          ? TITLE_WEIGHT + FULL_WEIGHT
          : FULL_WEIGHT;
      score += ((this.idf[i] as number) * (f * (K1 + 1.0))) / (f + norm);
    }
    return -1.0 * score;
  }
}

/** ln((N − n + 0.5)/(n + 0.5)), at least 1e-6 (FTS5: a term in half of the rows or more). */
function idfOf(rows: number, n: number): number {
  const idf = Math.log((rows - n + 0.5) / (n + 0.5));
  return idf <= 0.0 ? 1e-6 : idf;
}

/** Rows holding the term in the searched columns, counted up to `stop`. */
async function documentsWith(db: Db, field: SearchField, term: string, stop: number): Promise<number> {
  const match = `${field === 'title' ? 'title' : '{title full}'} : "${term.replaceAll('"', '""')}"`;
  const r = await sql<{ n: number }>`select count(*) as n from (select rowid from search_fts
    where search_fts match ${match} limit ${stop}) m`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** What bm25 needs of a row besides the query: its size in tokens and its title tokens. */
interface RowStats {
  size: number;
  titleTokens: ReadonlySet<string>;
}

/**
 * What is kept of one state of the index, per database handle. `version` is FTS5's structure and
 * totals records as read: every write to search_fts changes them (a new segment, a tombstone, the
 * row and token counts), and then all of it is dropped.
 */
interface FtsStats {
  version: string;
  rows: number;
  tokens: number;
  /** idf by "field term". */
  idf: Map<string, number>;
  /** By sort key. */
  rowStats: Map<number, RowStats>;
}

/** Terms whose idf is kept per database handle (a few hundred KB at most). */
const IDF_CACHE_MAX = 10_000;
/** Rows whose size and title tokens are kept (with their titles' tokens, ~1.5 KB each). */
const ROW_CACHE_MAX = 20_000;
const statsByDb = new WeakMap<object, FtsStats>();

/**
 * Rows and tokens of the index (FTS5's totals record, rowid 1 of search_fts_data: varint row
 * count, then a varint token count per column), with what is kept of this index state; `owner` is
 * the handle it is kept for.
 */
async function ftsStats(db: Db, owner: object): Promise<FtsStats | null> {
  const r = await sql<{ id: number; block: Uint8Array }>`select id, block from search_fts_data
    where id in (1, 10) order by id`.execute(db);
  const totals = r.rows.find((x) => Number(x.id) === 1)?.block;
  if (!totals) return null;
  const version = r.rows.map((x) => Buffer.from(x.block).toString('base64')).join(' ');
  const held = statsByDb.get(owner);
  if (held?.version === version) return held;
  const [rows, ...columns] = varints(totals);
  if (!rows) return null;
  const stats: FtsStats = {
    version,
    rows,
    tokens: columns.reduce((a, b) => a + b, 0),
    idf: new Map(),
    rowStats: new Map(),
  };
  statsByDb.set(owner, stats);
  return stats;
}

/** The RowStats of these rows, in order (read for those not kept); null if a row has no size record. */
async function rowsOf(db: Db, stats: FtsStats, keys: number[]): Promise<RowStats[] | null> {
  const out: (RowStats | undefined)[] = keys.map((k) => stats.rowStats.get(k));
  const missing = keys.filter((_, i) => out[i] === undefined);
  if (missing.length === 0) return out as RowStats[];
  const read = new Map<number, RowStats>();
  for (let i = 0; i < missing.length; i += 1000) {
    // The size record in hex: a string costs a tenth of the Buffer the driver makes of a blob.
    const r = await sql<{ k: number; title: string; sz: string | null }>`select i.sort_key as k,
      i.title as title, hex(d.sz) as sz from search_items i
      left join search_fts_docsize d on d.id = i.sort_key
      where i.sort_key in (${sql.join(missing.slice(i, i + 1000))})`.execute(db);
    for (const x of r.rows) {
      if (x.sz === null) return null;
      read.set(Number(x.k), { size: sumOfVarints(hexBytes(x.sz)), titleTokens: titleTokens(x.title) });
    }
  }
  if (stats.rowStats.size + read.size > ROW_CACHE_MAX) stats.rowStats.clear();
  for (const [k, row] of read) stats.rowStats.set(k, row);
  for (const [i, k] of keys.entries()) {
    const row = out[i] ?? read.get(k);
    if (!row) return null;
    out[i] = row;
  }
  return out as RowStats[];
}

/** SQLite/FTS5 varints (big-endian, 7 bits a byte, high bit set on all but the last; 9th byte whole). */
function varints(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let v = 0;
    for (let n = 0; ; n++) {
      const byte = bytes[i++] as number;
      if (n === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      if (byte < 0x80) break;
    }
    out.push(v);
  }
  return out;
}

const sumOfVarints = (bytes: Uint8Array) => varints(bytes).reduce((a, b) => a + b, 0);

function hexBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Titles whose tokens are kept apart from the index state (a publication changes that, not titles). */
const TITLE_CACHE_MAX = 20_000;
const titleCache = new Map<string, ReadonlySet<string>>();

/** The distinct tokens of a title, as the indexer wrote them to search_fts.title. */
function titleTokens(title: string): ReadonlySet<string> {
  let tokens = titleCache.get(title);
  if (tokens === undefined) {
    tokens = new Set(documentTokens(title));
    if (titleCache.size >= TITLE_CACHE_MAX) titleCache.delete(titleCache.keys().next().value as string);
    titleCache.set(title, tokens);
  }
  return tokens;
}

// PostgreSQL: a tsquery of quoted lexemes (no parser, no stemming), AND-ed.

/** 't1' & 't2' — quotes doubled and backslashes escaped, though our tokens have neither. */
export function tsQuery(terms: readonly string[]): string {
  return terms.map((t) => `'${t.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`).join(' & ');
}

function postgres(db: Db): DialectSql {
  const matches = (plan: Plan, score: boolean): Frag => {
    const w = rowFilters(plan, sql`i.sort_key`);
    let rank: Frag = sql``;
    if (plan.terms.length) {
      const q = sql`${tsQuery(plan.terms)}::tsquery`;
      w.unshift(plan.field === 'title' ? sql`i.title_tsv @@ ${q}` : sql`i.full_tsv @@ ${q}`);
      // Negated: lower is better, as bm25 on SQLite.
      if (score) rank = sql`, -(ts_rank(i.title_tsv, ${q}) * 10 + ts_rank(i.full_tsv, ${q})) as score`;
    }
    return sql`select i.sort_key as k${rank} from search_items i where ${all(w)}`;
  };
  return {
    async count(plan, cap = SEARCH_COUNT_CAP) {
      if (wantsNothing(plan)) return 0;
      const r = await sql<{ n: string }>`select count(*) as n from (${matches(plan, false)}
        limit ${cap + 1}) m`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },
    async byDate(plan, limit, offset) {
      const r = await sql<{ k: string }>`${matches(plan, false)} order by i.sort_key desc
        limit ${limit} offset ${offset}`.execute(db);
      return r.rows.map((x) => Number(x.k));
    },
    async scored(plan, limit) {
      const r = await sql<{ k: string; score: number }>`${matches(plan, true)} order by i.sort_key desc
        limit ${limit}`.execute(db);
      return r.rows.map((x) => ({ k: Number(x.k), score: Number(x.score) }));
    },
  };
}

/** The hits of one page, in the order of `keys`, with their agency and marked title and snippet. */
async function hydrate(db: Db, keys: number[], terms: string[]): Promise<SearchHit[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('search_items as i')
    .innerJoin('agencies as a', 'a.id', 'i.agency_id')
    .innerJoin('search_texts as x', 'x.sort_key', 'i.sort_key')
    .select([
      'i.sort_key',
      'i.publication_id',
      'i.agency_id',
      'a.code',
      'a.name',
      'i.column_id',
      'i.title',
      'i.doc_no',
      'i.index_no',
      'i.publisher_name',
      'i.topic',
      'i.genre',
      'i.validity',
      'i.written_on',
      'i.published_on',
      'x.summary',
      'x.content',
    ])
    .where('i.sort_key', 'in', keys)
    .execute();
  const byKey = new Map(rows.map((r) => [Number(r.sort_key), r]));
  return keys.flatMap((k) => {
    const r = byKey.get(k);
    if (!r) return [];
    return [
      {
        id: r.publication_id,
        agencyId: r.agency_id,
        agencyCode: r.code,
        agencyName: r.name,
        columnId: r.column_id,
        title: r.title,
        titleHighlighted: highlight(r.title, terms),
        snippet: snippet([r.summary, r.content], terms),
        docNo: r.doc_no,
        indexNo: r.index_no,
        publisherName: r.publisher_name,
        topic: r.topic as Topic | null,
        genre: r.genre as Genre | null,
        validity: r.validity as Validity | null,
        writtenOn: r.written_on as LegalDate | null,
        publishedOn: r.published_on as LegalDate,
      },
    ];
  });
}
