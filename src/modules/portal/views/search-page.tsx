/**
 * The search pages' body: the form (works without JavaScript, every field labelled, errors
 * listed first and linked to their fields), the hits with the matched words in <mark>, the pager
 * and sort switch (links that keep every filter), and on a page without hits what to try instead.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../platform/errors.js';
import { TextField } from '../../../platform/views/form.js';
import {
  GENRE_LABELS,
  GENRES,
  TOPIC_LABELS,
  TOPICS,
  VALIDITIES,
  VALIDITY_LABELS,
} from '../../publications/vocabulary.js';
import {
  type Highlighted,
  MAX_QUERY_CHARS,
  MAX_SEARCH_PAGE,
  type SearchHit,
  type SearchResult,
  type SearchSort,
} from '../../search/search.js';
import type { SectionData } from '../page-data.js';
import type { Choice, NoHitSuggestions, SearchPageData, Suggestion } from '../search-data.js';
import {
  FIELD_LABELS,
  hasFilters,
  SEARCH_LABELS,
  SEARCH_PARAMS,
  type SearchForm,
  type SearchParam,
  SORT_LABELS,
  searchHref,
} from '../search-params.js';
import type { PortalUrls } from '../urls.js';
import { Breadcrumb, type Crumb } from './components.js';
import { sectionTitle } from './pages.js';

export interface SearchPageProps {
  urls: PortalUrls;
  /** The agency whose section is searched; null on the platform-wide page. */
  section: SectionData | null;
  data: SearchPageData;
}

/** The page's heading, also the first part of its <title>. */
export function searchHeading(section: SectionData | null): string {
  return section ? `搜索${section.agency.name}的政府信息` : '搜索政府信息';
}

export function SearchPage(p: SearchPageProps) {
  const { urls, section, data } = p;
  const base = urls.search(section?.agency.code);
  const crumbs: Crumb[] = [{ label: '首页', href: urls.home() }];
  if (section) crumbs.push({ label: sectionTitle(section), href: urls.agency(section.agency.code) });
  crumbs.push({ label: '搜索' });
  const { form } = data.parsed;
  const result = data.errors.length === 0 ? data.result : null;
  return (
    <>
      <Breadcrumb crumbs={crumbs} />
      <h1>{searchHeading(section)}</h1>
      {data.parsed.notices.map((n) => (
        <p class="notice warn" key={n}>
          {n}
        </p>
      ))}
      <SearchFormView base={base} data={data} scoped={section !== null} />
      {result ? (
        <Results
          base={base}
          form={form}
          result={result}
          urls={urls}
          suggestions={data.suggestions}
          platformBase={urls.search()}
          sectionName={section?.agency.name ?? null}
        />
      ) : data.errors.length === 0 && !data.parsed.hasCriteria ? (
        <p class="muted">请输入关键词，或选择筛选条件后搜索。</p>
      ) : null}
    </>
  );
}

// ── the form ──

const fieldId = (name: string) => `f-${name}`;

function ErrorList({ errors, linked }: { errors: FieldError[]; linked: Set<string> }) {
  if (errors.length === 0) return null;
  return (
    <div class="notice err" role="alert" id="error-summary">
      <h2>搜索条件有误，请修改以下内容：</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.message}>
            {linked.has(e.field) ? <a href={`#${fieldId(e.field)}`}>{e.message}</a> : e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Select(p: {
  name: SearchParam;
  form: SearchForm;
  errors: FieldError[];
  options: Choice[];
  any: string;
}) {
  const current = p.form[p.name] ?? '';
  const err = p.errors.find((e) => e.field === p.name)?.message;
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={fieldId(p.name)}>{SEARCH_LABELS[p.name]}</label>
      {err ? (
        <p class="error" id={`e-${p.name}`}>
          {err}
        </p>
      ) : null}
      <select
        id={fieldId(p.name)}
        name={p.name}
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `e-${p.name}` : undefined}
      >
        <option value="" selected={current === ''}>
          {p.any}
        </option>
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === current}>
            {`${'\u3000'.repeat(o.depth)}${o.label}`}
          </option>
        ))}
      </select>
    </div>
  );
}

function Radios(p: {
  name: 'field' | 'sort';
  form: SearchForm;
  errors: FieldError[];
  options: Record<string, string>;
  fallback: string;
}) {
  const current = p.form[p.name] ?? p.fallback;
  const err = p.errors.find((e) => e.field === p.name)?.message;
  return (
    <fieldset class={`field radios${err ? ' has-error' : ''}`}>
      <legend>{SEARCH_LABELS[p.name]}</legend>
      {err ? (
        <p class="error" id={`e-${p.name}`}>
          {err}
        </p>
      ) : null}
      {Object.entries(p.options).map(([value, label], i) => (
        <label key={value}>
          <input
            type="radio"
            name={p.name}
            value={value}
            id={i === 0 ? fieldId(p.name) : undefined}
            checked={value === current}
            aria-describedby={err ? `e-${p.name}` : undefined}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

const options = (labels: Record<string, string>, keys: readonly string[]): Choice[] =>
  keys.map((k) => ({ value: k, label: labels[k]!, depth: 0 }));

const DATE_HINT = '格式：YYYY-MM-DD';

function SearchFormView({ base, data, scoped }: { base: string; data: SearchPageData; scoped: boolean }) {
  const { form } = data.parsed;
  const errors = data.errors;
  const text = (name: SearchParam, hint?: string, inputmode?: string) => (
    <TextField
      name={name}
      label={SEARCH_LABELS[name]}
      values={form}
      errors={errors}
      hint={hint}
      inputmode={inputmode}
    />
  );
  // Every parameter has a field to link to, except the page number and the other page's scope.
  const linked = new Set<string>(
    SEARCH_PARAMS.filter((f) => f !== 'page' && f !== (scoped ? 'agency' : 'column')),
  );
  const open = errors.length > 0 || hasFilters(form) || form.sort !== undefined;
  return (
    <form class="search-form" method="get" action={base} role="search" aria-label="搜索条件" noValidate>
      <ErrorList errors={errors} linked={linked} />
      <div class="search-main">
        <TextField
          name="q"
          type="search"
          label={SEARCH_LABELS.q}
          values={form}
          errors={errors}
          hint={`可输入标题、文号或正文中的词语，最多${MAX_QUERY_CHARS}个字`}
        />
        <Radios name="field" form={form} errors={errors} options={FIELD_LABELS} fallback="all" />
        <p class="search-submit">
          <button type="submit">搜索</button>
        </p>
      </div>
      <details class="search-advanced" open={open}>
        <summary>高级搜索（筛选条件与排序）</summary>
        <div class="search-groups">
          <fieldset>
            <legend>来源与分类</legend>
            {scoped ? (
              <Select name="column" form={form} errors={errors} options={data.columnChoices} any="全部栏目" />
            ) : (
              <Select name="agency" form={form} errors={errors} options={data.agencyChoices} any="全部机构" />
            )}
            <Select
              name="topic"
              form={form}
              errors={errors}
              options={options(TOPIC_LABELS, TOPICS)}
              any="全部主题"
            />
            <Select
              name="genre"
              form={form}
              errors={errors}
              options={options(GENRE_LABELS, GENRES)}
              any="全部体裁"
            />
            <Select
              name="validity"
              form={form}
              errors={errors}
              options={options(VALIDITY_LABELS, VALIDITIES)}
              any="不限"
            />
          </fieldset>
          <fieldset>
            <legend>发布日期</legend>
            {text('year', '四位数字，如 2026', 'numeric')}
            {text('from', DATE_HINT)}
            {text('to', DATE_HINT)}
          </fieldset>
          <fieldset>
            <legend>成文日期</legend>
            {text('wfrom', DATE_HINT)}
            {text('wto', DATE_HINT)}
          </fieldset>
          <fieldset>
            <legend>发文字号</legend>
            {text('docPrefix', '如 国办发、示民规')}
            {text('docYear', '四位数字，如 2017', 'numeric')}
            {text('docSeq', '如 18', 'numeric')}
          </fieldset>
        </div>
        <Radios name="sort" form={form} errors={errors} options={SORT_LABELS} fallback="relevance" />
        <p class="search-submit">
          <button type="submit">搜索</button> <a href={base}>清除全部条件</a>
        </p>
      </details>
    </form>
  );
}

// ── results ──

/** Text with the matched runs in <mark>. */
export function Marked({ runs }: { runs: Highlighted }) {
  return <>{runs.map((r, i) => (r.mark ? <mark key={i}>{r.text}</mark> : <span key={i}>{r.text}</span>))}</>;
}

interface ResultsProps {
  base: string;
  form: SearchForm;
  result: SearchResult;
  urls: PortalUrls;
  suggestions: NoHitSuggestions | null;
  platformBase: string;
  sectionName: string | null;
}

function Results(p: ResultsProps) {
  const { result, form } = p;
  if (result.total === 0) return <NoHits {...p} />;
  const pages = Math.min(Math.ceil(result.total / result.pageSize), MAX_SEARCH_PAGE);
  return (
    <section class="search-results" aria-labelledby="results-heading">
      <h2 id="results-heading">搜索结果</h2>
      <p class="search-total">
        共找到{result.totalCapped ? '超过' : ''} <strong>{result.total}</strong> 条
        {pages > 1 ? `，第 ${result.page} / ${pages} 页` : ''}
      </p>
      <QueryUnderstanding result={result} />
      {form.q ? <SortSwitch base={p.base} form={form} /> : null}
      {result.hits.length === 0 ? (
        <p class="notice warn">
          第 {result.page} 页没有结果。<a href={searchHref(p.base, form, { page: undefined })}>回到第 1 页</a>
        </p>
      ) : (
        <ol class="hits" start={(result.page - 1) * result.pageSize + 1}>
          {result.hits.map((h) => (
            <Hit key={h.id} hit={h} href={p.urls.item(h.agencyCode, h.id)} />
          ))}
        </ol>
      )}
      {result.total > MAX_SEARCH_PAGE * result.pageSize ? (
        <p class="muted">只显示前 {MAX_SEARCH_PAGE} 页结果；要找的信息不在其中时，请增加关键词或筛选条件。</p>
      ) : null}
      <SearchPager base={p.base} form={form} page={result.page} pages={pages} />
    </section>
  );
}

function QueryUnderstanding({ result }: { result: SearchResult }) {
  return (
    <>
      {result.docNo ? (
        <p class="muted">
          按文号 <strong>{result.docNo}</strong> 查找
        </p>
      ) : null}
      {result.terms.length > 1 ? (
        <p class="muted">
          关键词拆分为：
          {result.terms.map((t, i) => (
            <span key={t}>
              {i > 0 ? '、' : ''}
              <span class="term">{t}</span>
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

function SortSwitch({ base, form }: { base: string; form: SearchForm }) {
  const current: SearchSort = form.sort === 'date' ? 'date' : 'relevance';
  return (
    <nav class="sort-switch" aria-label="排序方式">
      <span>排序：</span>
      <ul>
        {(Object.keys(SORT_LABELS) as SearchSort[]).map((s) => (
          <li key={s}>
            {s === current ? (
              <span aria-current="true">按{SORT_LABELS[s]}</span>
            ) : (
              <a href={searchHref(base, form, { sort: s, page: undefined })}>按{SORT_LABELS[s]}</a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Hit({ hit, href }: { hit: SearchHit; href: string }) {
  const meta: [string, ComponentChildren][] = [];
  if (hit.docNo) meta.push(['文号', hit.docNo]);
  meta.push(['发布机构', hit.publisherName || hit.agencyName]);
  meta.push(['发布日期', hit.publishedOn]);
  if (hit.writtenOn) meta.push(['成文日期', hit.writtenOn]);
  if (hit.validity)
    meta.push([
      '有效性',
      <span class={`validity validity-${hit.validity}`}>{VALIDITY_LABELS[hit.validity]}</span>,
    ]);
  if (hit.topic) meta.push(['主题分类', TOPIC_LABELS[hit.topic]]);
  return (
    <li class="hit">
      <h3>
        <a href={href}>
          <Marked runs={hit.titleHighlighted} />
        </a>
      </h3>
      {hit.snippet.length > 0 ? (
        <p class="snippet">
          <Marked runs={hit.snippet} />
        </p>
      ) : null}
      <dl class="hit-meta">
        {meta.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

function SearchPager({
  base,
  form,
  page,
  pages,
}: {
  base: string;
  form: SearchForm;
  page: number;
  pages: number;
}) {
  if (pages <= 1) return null;
  const href = (n: number) => searchHref(base, form, { page: n === 1 ? undefined : String(n) });
  const around = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="pager no-print" aria-label="分页">
      <ul>
        {page > 1 ? (
          <li>
            <a href={href(page - 1)} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        {around.map((n, i) => (
          <li key={n}>
            {i > 0 && n - around[i - 1]! > 1 ? <span aria-hidden="true">… </span> : null}
            {n === page ? (
              <span aria-current="page">{n}</span>
            ) : (
              <a href={href(n)} aria-label={`第${n}页`}>
                {n}
              </a>
            )}
          </li>
        ))}
        {page < pages ? (
          <li>
            <a href={href(page + 1)} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

const count = (s: Suggestion) => `（${s.totalCapped ? '超过 ' : ''}${s.total} 条）`;

function NoHits(p: ResultsProps) {
  const s = p.suggestions;
  const q = p.form.q;
  return (
    <section class="no-hits" aria-labelledby="results-heading">
      <h2 id="results-heading">没有找到符合条件的信息</h2>
      <QueryUnderstanding result={p.result} />
      <p>您可以尝试：</p>
      <ul>
        {s?.withoutFilters && s.withoutFilters.total !== 0 ? (
          <li>
            去掉筛选条件，
            <a href={searchHref(p.base, s.withoutFilters.form)}>只按关键词“{q}”搜索</a>
            {count(s.withoutFilters)}
          </li>
        ) : null}
        {s?.docNo && s.docNo.total !== 0 ? (
          <li>
            只按文号查找：<a href={searchHref(p.base, s.docNo.form)}>{s.docNo.docNo}</a>
            {count(s.docNo)}
          </li>
        ) : null}
        {s && s.terms.length > 0 ? (
          <li>
            分别搜索其中的词语：
            <ul>
              {s.terms.map((t) => (
                <li key={t.term}>
                  {t.total === 0 ? t.term : <a href={searchHref(p.base, t.form)}>{t.term}</a>}
                  {count(t)}
                </li>
              ))}
            </ul>
          </li>
        ) : null}
        {q ? <li>检查关键词是否有错别字</li> : null}
        {q ? <li>减少关键词，或换用更常用的说法</li> : null}
        {!q || hasFilters(p.form) ? <li>放宽筛选条件，如扩大日期范围</li> : null}
        {s?.platform && s.platform.total !== 0 ? (
          <li>
            不限于{p.sectionName}，<a href={searchHref(p.platformBase, s.platform.form)}>在全平台搜索“{q}”</a>
            {count(s.platform)}
          </li>
        ) : null}
      </ul>
    </section>
  );
}
