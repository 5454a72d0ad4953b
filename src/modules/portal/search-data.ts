/**
 * Collects what a search page shows (the views turn it into HTML): the choices of the form
 * (agencies, columns), the query resolved against the database (agency code → id, column slug
 * path → the column and everything below it), the result, and on a page without hits the
 * suggestions with their hit counts.
 */
import type { FieldError } from '../../platform/errors.js';
import type { Db } from '../../platform/services.js';
import { type Agency, toAgency } from '../accounts/accounts.js';
import { listAgencies } from '../accounts/accounts.repository.js';
import { type CatalogTreeNode, flattenTree } from '../catalog/catalog.js';
import type { SearchQuery, SearchResult, TermHits } from '../search/search.js';
import type { SectionData } from './page-data.js';
import {
  hasFilters,
  type ParsedSearch,
  SEARCH_LABELS,
  type SearchForm,
  withoutFilters,
} from './search-params.js';

/** The search core (search.repository.ts), passed in by the route. */
export interface SearchBackend {
  search(db: Db, query: SearchQuery): Promise<SearchResult>;
  /** For a query without hits: each term alone, the 文号 alone, the text without filters. */
  termHits(db: Db, query: SearchQuery): Promise<TermHits>;
}

export interface Choice {
  value: string;
  label: string;
  /** Nesting depth in the tree (0 = top), for indentation. */
  depth: number;
}

export interface Suggestion {
  /** The form of the suggested search (a link is built from it). */
  form: SearchForm;
  /** Its hit count (at most SEARCH_COUNT_CAP). */
  total: number;
  /** More match than `total` says. */
  totalCapped: boolean;
}

export interface NoHitSuggestions {
  /** The same words without the filters, in the same scope (only when filters were set). */
  withoutFilters: Suggestion | null;
  /** Each single term of a query split into several, with the same filters. */
  terms: (Suggestion & { term: string })[];
  /** The recognised 文号 alone, with the same filters. */
  docNo: (Suggestion & { docNo: string }) | null;
  /** The same words on the whole platform, without filters (agency pages only). */
  platform: Suggestion | null;
}

export interface SearchPageData {
  parsed: ParsedSearch;
  /** Errors of the input, including those only the database can tell (unknown agency or column). */
  errors: FieldError[];
  agencyChoices: Choice[];
  columnChoices: Choice[];
  result: SearchResult | null;
  suggestions: NoHitSuggestions | null;
}

/** The agencies of the platform's select, in tree order: active ones, plus the one asked for. */
export async function agencyChoices(
  db: Db,
  keep?: string,
): Promise<{ choices: Choice[]; agencies: Agency[] }> {
  const agencies = (await listAgencies(db)).map(toAgency);
  const shown = agencies.filter((a) => a.status === 'active' || a.code === keep);
  const ids = new Set(shown.map((a) => a.id));
  const choices: Choice[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const a of shown.filter(
      (x) => (x.parentId && ids.has(x.parentId) ? x.parentId : null) === parentId,
    )) {
      choices.push({ value: a.code, label: a.name, depth });
      walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return { choices, agencies };
}

/** The columns of a section that hold items (and the sections above them), in catalogue order. */
export function columnChoices(section: SectionData): Choice[] {
  const holdsColumns = (t: CatalogTreeNode): boolean =>
    t.node.kind === 'column' || t.children.some(holdsColumns);
  const choices: Choice[] = [];
  const walk = (nodes: CatalogTreeNode[], depth: number) => {
    for (const t of nodes) {
      if (!holdsColumns(t)) continue;
      choices.push({ value: t.node.slugPath.join('/'), label: t.node.name, depth });
      walk(t.children, depth + 1);
    }
  };
  walk(section.tree, 0);
  return choices;
}

/** The column the slug path names and every visible node below it; null when unknown or hidden. */
export function resolveColumn(section: SectionData, slugPath: string): string[] | null {
  const found = flattenTree(section.tree).find((t) => t.node.slugPath.join('/') === slugPath);
  return found ? flattenTree([found]).map((t) => t.node.id) : null;
}

const unknown = (field: 'agency' | 'column'): FieldError => ({
  field,
  message: `没有找到所选的${SEARCH_LABELS[field]}，请从列表中重新选择`,
});

/** The platform-wide page: /search. */
export async function loadPlatformSearch(
  db: Db,
  backend: SearchBackend,
  parsed: ParsedSearch,
): Promise<SearchPageData> {
  const { choices, agencies } = await agencyChoices(db, parsed.form.agency);
  const errors = [...parsed.errors];
  let agencyIds: string[] | null = null;
  if (parsed.form.agency !== undefined && !errors.some((e) => e.field === 'agency')) {
    const agency = agencies.find((a) => a.code === parsed.form.agency);
    if (agency) agencyIds = [agency.id];
    else errors.push(unknown('agency'));
  }
  const data: SearchPageData = {
    parsed,
    errors,
    agencyChoices: choices,
    columnChoices: [],
    result: null,
    suggestions: null,
  };
  if (!parsed.query || errors.length > 0) return data;
  const query: SearchQuery = { ...parsed.query, agencyIds, columnIds: null };
  data.result = await backend.search(db, query);
  if (data.result.total === 0 && query.text !== '') {
    const hits = await backend.termHits(db, query);
    data.suggestions = {
      ...common(hits, parsed.form),
      withoutFilters: hits.withoutFilters
        ? { form: withoutFilters(parsed.form), ...hits.withoutFilters }
        : null,
      platform: null,
    };
  }
  return data;
}

/** An agency's page: /gk/{code}/search (searches this agency only). */
export async function loadAgencySearch(
  db: Db,
  backend: SearchBackend,
  section: SectionData,
  parsed: ParsedSearch,
): Promise<SearchPageData> {
  const errors = [...parsed.errors];
  let columnIds: string[] | null = null;
  if (parsed.form.column !== undefined && !errors.some((e) => e.field === 'column')) {
    columnIds = resolveColumn(section, parsed.form.column);
    if (!columnIds) errors.push(unknown('column'));
  }
  const data: SearchPageData = {
    parsed,
    errors,
    agencyChoices: [],
    columnChoices: columnChoices(section),
    result: null,
    suggestions: null,
  };
  if (!parsed.query || errors.length > 0) return data;
  const agencyIds = [section.agency.id];
  const query: SearchQuery = { ...parsed.query, agencyIds, columnIds };
  data.result = await backend.search(db, query);
  if (data.result.total === 0 && query.text !== '') {
    // The agency is a filter to the core: its "without filters" is the whole platform.
    const hits = await backend.termHits(db, query);
    const bare = withoutFilters(parsed.form);
    let unfiltered: Suggestion | null = null;
    if (hasFilters(parsed.form)) {
      const r = await backend.search(db, { ...query, ...NO_FILTERS, agencyIds, page: 1, pageSize: 1 });
      unfiltered = { form: bare, total: r.total, totalCapped: r.totalCapped };
    }
    data.suggestions = {
      ...common(hits, parsed.form),
      withoutFilters: unfiltered,
      platform: hits.withoutFilters ? { form: bare, ...hits.withoutFilters } : null,
    };
  }
  return data;
}

const NO_FILTERS = {
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
} satisfies Partial<SearchQuery>;

/** The suggestions both pages make: each term alone (when there are several), the 文号 alone. */
function common(hits: TermHits, form: SearchForm): Pick<NoHitSuggestions, 'terms' | 'docNo'> {
  const alone = (q: string): SearchForm => ({ ...form, q, page: undefined });
  return {
    terms:
      hits.terms.length > 1 || (hits.terms.length === 1 && hits.docNo)
        ? hits.terms.map((t) => ({ ...t, form: alone(t.term) }))
        : [],
    docNo: hits.docNo ? { ...hits.docNo, form: alone(hits.docNo.docNo) } : null,
  };
}
