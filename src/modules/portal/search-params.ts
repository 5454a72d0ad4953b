/**
 * The search pages' query string (pure): reads `?q=…&topic=…` tolerantly into the parts of a
 * `SearchQuery` — every wrong value becomes a Chinese message naming the field, never an exception
 * — and writes it back into links (pager, sort switch, suggestions) that keep every filter.
 *
 * Parameters (gov.cn 政策文件库 style, portal-and-letters.md §4):
 *
 *   q          关键词 (cut to MAX_QUERY_CHARS)      field      all | title (搜索范围)
 *   agency     发布机构: 统一社会信用代码 (platform page only)
 *   column     栏目: slug path, e.g. fdzdgknr/xzgfxwj (agency page only)
 *   topic, genre, validity                       codes of publications/vocabulary.ts
 *   year       发布年份; from, to                  发布日期 range (YYYY-MM-DD)
 *   wfrom, wto 成文日期 range                       docPrefix, docYear, docSeq  文号 代字/年份/序号
 *   sort       relevance | date                   page       1 … MAX_SEARCH_PAGE
 *
 * Unknown parameters are ignored; a repeated parameter (`q=a&q=b`) counts with its first value.
 */
import type { FieldError } from '../../platform/errors.js';
import { type LegalDate, parseLegalDate } from '../../platform/legal-date.js';
import {
  GENRES,
  type Genre,
  TOPICS,
  type Topic,
  VALIDITIES,
  type Validity,
} from '../publications/vocabulary.js';
import {
  MAX_QUERY_CHARS,
  MAX_SEARCH_PAGE,
  SEARCH_PAGE_SIZE,
  type SearchField,
  type SearchQuery,
  type SearchSort,
} from '../search/search.js';

export const SEARCH_PARAMS = [
  'q',
  'field',
  'agency',
  'column',
  'topic',
  'genre',
  'validity',
  'year',
  'from',
  'to',
  'wfrom',
  'wto',
  'docPrefix',
  'docYear',
  'docSeq',
  'sort',
  'page',
] as const;
export type SearchParam = (typeof SEARCH_PARAMS)[number];

/** What the form shows and the links carry: one clean string per parameter, absent when empty. */
export type SearchForm = Partial<Record<SearchParam, string>>;

/** The filters (everything that narrows the search besides the words). */
export const FILTER_PARAMS: readonly SearchParam[] = [
  'agency',
  'column',
  'topic',
  'genre',
  'validity',
  'year',
  'from',
  'to',
  'wfrom',
  'wto',
  'docPrefix',
  'docYear',
  'docSeq',
];

/** Labels of the fields, as the form shows them and the messages name them. */
export const SEARCH_LABELS: Record<SearchParam, string> = {
  q: '关键词',
  field: '搜索范围',
  agency: '发布机构',
  column: '栏目',
  topic: '主题分类',
  genre: '体裁',
  validity: '有效性',
  year: '发布年份',
  from: '发布日期（起）',
  to: '发布日期（止）',
  wfrom: '成文日期（起）',
  wto: '成文日期（止）',
  docPrefix: '发文机关代字',
  docYear: '文号年份',
  docSeq: '文号序号',
  sort: '排序',
  page: '页码',
};

export const FIELD_LABELS: Record<SearchField, string> = { all: '全文', title: '标题' };
export const SORT_LABELS: Record<SearchSort, string> = { relevance: '相关度', date: '发布日期' };
const FIELDS = Object.keys(FIELD_LABELS) as SearchField[];
const SORTS = Object.keys(SORT_LABELS) as SearchSort[];

/** Longest 发文机关代字 accepted (国办发明电 is 5; some joint prefixes are longer). */
export const MAX_DOC_PREFIX_CHARS = 20;
/** Longest value kept of any other parameter (the form is refilled with it). */
const MAX_PARAM_CHARS = 200;
const CODE_PATTERN = /^[0-9A-Za-z-]{1,40}$/;
const SLUG_PATH_PATTERN = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*){0,3}$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

/** The query minus what only the database can resolve (agency and column → ids). */
export type ParsedQuery = Omit<SearchQuery, 'agencyIds' | 'columnIds'>;

export interface ParsedSearch {
  /** The cleaned values, to refill the form and build links. */
  form: SearchForm;
  errors: FieldError[];
  /** Things done to the input that the reader should know (the query was cut). */
  notices: string[];
  /** The query to run; null when there are errors or nothing to search for. */
  query: ParsedQuery | null;
  /** Whether words or a filter were given (an empty form is not searched). */
  hasCriteria: boolean;
}

/** Control characters (NUL included) and the Unicode replacement char from broken encodings. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\ufffd]/g;

/** Code points, not UTF-16 units: a cut never splits a character. */
const cut = (s: string, max: number) => [...s].slice(0, max).join('');

function clean(raw: unknown): string {
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (typeof first !== 'string') return '';
  // Lone surrogates (from a broken client) would become U+FFFD on output: drop them here.
  const wellFormed = first.replace(
    /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
  return wellFormed.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

/** Reads the query string of a search page. `scope` decides whether agency or column is read. */
export function parseSearchParams(raw: unknown, scope: 'platform' | 'agency'): ParsedSearch {
  const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const form: SearchForm = {};
  const errors: FieldError[] = [];
  const notices: string[] = [];
  const error = (field: SearchParam, message: string) => errors.push({ field, message });

  for (const name of SEARCH_PARAMS) {
    if (name === 'agency' && scope !== 'platform') continue;
    if (name === 'column' && scope !== 'agency') continue;
    const value = clean(input[name]);
    if (!value) continue;
    if (name === 'q') {
      const length = [...value].length;
      if (length > MAX_QUERY_CHARS) {
        form.q = cut(value, MAX_QUERY_CHARS).trim();
        notices.push(`关键词过长（${length}个字），已按前${MAX_QUERY_CHARS}个字搜索。`);
      } else form.q = value;
    } else form[name] = cut(value, MAX_PARAM_CHARS);
  }

  const choice = <T extends string>(name: SearchParam, allowed: readonly T[]): T | null => {
    const v = form[name];
    if (v === undefined) return null;
    if ((allowed as readonly string[]).includes(v)) return v as T;
    error(name, `${SEARCH_LABELS[name]}的取值无效，请从列表中选择`);
    return null;
  };
  const date = (name: SearchParam): LegalDate | null => {
    const v = form[name];
    if (v === undefined) return null;
    const d = parseLegalDate(v);
    if (!d) error(name, `${SEARCH_LABELS[name]}格式应为 YYYY-MM-DD，如 2026-03-02`);
    return d;
  };
  const year = (name: SearchParam): number | null => {
    const v = form[name];
    if (v === undefined) return null;
    const n = /^\d{4}$/.test(v) ? Number(v) : Number.NaN;
    if (n >= MIN_YEAR && n <= MAX_YEAR) return n;
    error(name, `${SEARCH_LABELS[name]}应为四位数字的年份，如 2026`);
    return null;
  };
  const range = (
    fromName: SearchParam,
    toName: SearchParam,
    from: LegalDate | null,
    to: LegalDate | null,
  ) => {
    if (from && to && from > to)
      error(fromName, `${SEARCH_LABELS[fromName]}不能晚于${SEARCH_LABELS[toName]}`);
  };

  const field = choice('field', FIELDS) ?? 'all';
  const sort = choice('sort', SORTS);
  const topic = choice<Topic>('topic', TOPICS);
  const genre = choice<Genre>('genre', GENRES);
  const validity = choice<Validity>('validity', VALIDITIES);

  if (form.agency !== undefined && !CODE_PATTERN.test(form.agency))
    error('agency', `${SEARCH_LABELS.agency}的取值无效，请从列表中选择`);
  if (form.column !== undefined && !SLUG_PATH_PATTERN.test(form.column))
    error('column', `${SEARCH_LABELS.column}的取值无效，请从列表中选择`);

  const publishedYear = year('year');
  let publishedFrom = date('from');
  let publishedTo = date('to');
  range('from', 'to', publishedFrom, publishedTo);
  const writtenFrom = date('wfrom');
  const writtenTo = date('wto');
  range('wfrom', 'wto', writtenFrom, writtenTo);
  if (publishedYear !== null) {
    // A year and a range together: the dates in both.
    const first = `${publishedYear}-01-01` as LegalDate;
    const last = `${publishedYear}-12-31` as LegalDate;
    publishedFrom = publishedFrom && publishedFrom > first ? publishedFrom : first;
    publishedTo = publishedTo && publishedTo < last ? publishedTo : last;
  }

  const docPrefix = form.docPrefix ?? null;
  if (docPrefix !== null && [...docPrefix].length > MAX_DOC_PREFIX_CHARS)
    error('docPrefix', `${SEARCH_LABELS.docPrefix}不能超过${MAX_DOC_PREFIX_CHARS}个字`);
  const docYear = year('docYear');
  let docSeq: number | null = null;
  if (form.docSeq !== undefined) {
    if (/^[1-9]\d{0,5}$/.test(form.docSeq)) docSeq = Number(form.docSeq);
    else error('docSeq', `${SEARCH_LABELS.docSeq}应为正整数，如 18`);
  }

  let page = 1;
  if (form.page !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(form.page)) error('page', `${SEARCH_LABELS.page}应为正整数`);
    else if (Number(form.page) > MAX_SEARCH_PAGE)
      error('page', `最多只能查看前${MAX_SEARCH_PAGE}页结果，请增加关键词或筛选条件缩小范围`);
    else page = Number(form.page);
  }

  const text = form.q ?? '';
  const hasCriteria = text !== '' || FILTER_PARAMS.some((p) => form[p] !== undefined);
  const query: ParsedQuery | null =
    errors.length > 0 || !hasCriteria
      ? null
      : {
          text,
          field,
          topic,
          genre,
          validity,
          publishedFrom,
          publishedTo,
          writtenFrom,
          writtenTo,
          docNoPrefix: docPrefix,
          docNoYear: docYear,
          docNoSeq: docSeq,
          // Without words there is no relevance: the newest first.
          sort: text === '' ? 'date' : (sort ?? 'relevance'),
          page,
          pageSize: SEARCH_PAGE_SIZE,
        };
  return { form, errors, notices, query, hasCriteria };
}

/** Values left out of links because they are the defaults. */
const DEFAULTS: SearchForm = { field: 'all', sort: 'relevance', page: '1' };

/**
 * `base?…` with the form's values in a fixed order, changed by `changes` (undefined removes a
 * value), defaults left out — so equal searches have equal URLs (and share a cache entry).
 */
export function searchHref(base: string, form: SearchForm, changes: SearchForm = {}): string {
  const merged: SearchForm = { ...form };
  for (const [k, v] of Object.entries(changes) as [SearchParam, string | undefined][]) {
    if (v === undefined || v === '') delete merged[k];
    else merged[k] = v;
  }
  const params = new URLSearchParams();
  for (const name of SEARCH_PARAMS) {
    const v = merged[name];
    if (v !== undefined && v !== '' && DEFAULTS[name] !== v) params.append(name, v);
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

/** The same search without any filter (words, 搜索范围 and sort kept). */
export function withoutFilters(form: SearchForm): SearchForm {
  return Object.fromEntries(
    Object.entries(form).filter(([k]) => !FILTER_PARAMS.includes(k as SearchParam) && k !== 'page'),
  );
}

/** Whether any filter is set. */
export const hasFilters = (form: SearchForm) => FILTER_PARAMS.some((p) => form[p] !== undefined);
