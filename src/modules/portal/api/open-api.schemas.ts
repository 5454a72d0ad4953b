/**
 * Shapes of the open API (TypeBox: they feed /api/docs) and the readers of its query strings.
 * Request values are declared loosely (strings) and checked by the readers below, so every wrong
 * value gets a Chinese message naming its parameter — `主题分类（topic）的取值“x”无效` — instead of
 * a generic schema error; an unknown or repeated parameter is an error too (a misspelt filter must
 * not silently widen the result).
 */
import { Type } from '@sinclair/typebox';
import { FieldErrors } from '../../../platform/errors.js';
import { type LegalDate, parseLegalDate } from '../../../platform/legal-date.js';
import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS, AGENCY_STATUS_LABELS } from '../../accounts/accounts.js';
import { NODE_KIND_LABELS } from '../../catalog/catalog.js';
import {
  GENRE_LABELS,
  GENRES,
  type Genre,
  TOPIC_LABELS,
  TOPICS,
  type Topic,
  VALIDITIES,
  VALIDITY_LABELS,
  type Validity,
} from '../../publications/vocabulary.js';
import { MAX_QUERY_CHARS, MAX_SEARCH_PAGE, SEARCH_COUNT_CAP, SEARCH_PAGE_SIZE } from '../../search/search.js';
import type { EntryCursor } from '../portal.repository.js';
import { SEARCH_PARAMS, type SearchParam } from '../search-params.js';

export { ErrorSchema } from '../../accounts/accounts.schemas.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

const str = (description: string) => Type.String({ description });
const nullable = (description: string, format?: string) =>
  Type.Union([Type.String(format ? { format } : {}), Type.Null()], { description });
const codes = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([code, label]) => `${code}（${label}）`)
    .join('、');
const opt = (description: string) => Type.Optional(str(description));

// ── Requests ──

export const ITEM_LIST_LABELS = {
  agency: '发布机构',
  column: '栏目',
  topic: '主题分类',
  genre: '体裁',
  validity: '有效性',
  from: '发布日期起',
  to: '发布日期止',
  wfrom: '成文日期起',
  wto: '成文日期止',
  since: '更新时间起',
  limit: '每页条数',
  cursor: '翻页游标',
} as const;
type ListParam = keyof typeof ITEM_LIST_LABELS;

export const ItemListQuery = Type.Object({
  agency: opt('发布机构的统一社会信用代码（见 /api/v1/open/agencies）'),
  column: opt('栏目路径，如 fdzdgknr/xzgfxwj（须同时指定 agency；含其下级栏目；见该机关的目录接口）'),
  topic: opt(`主题分类代码，多个用逗号分隔：${codes(TOPIC_LABELS)}`),
  genre: opt(`体裁代码，多个用逗号分隔：${codes(GENRE_LABELS)}`),
  validity: opt(`有效性代码，多个用逗号分隔：${codes(VALIDITY_LABELS)}`),
  from: opt('发布日期起（含），YYYY-MM-DD'),
  to: opt('发布日期止（含），YYYY-MM-DD'),
  wfrom: opt('成文日期起（含），YYYY-MM-DD'),
  wto: opt('成文日期止（含），YYYY-MM-DD'),
  since: opt(
    '只列出此后有变化的信息：ISO 8601 时刻（如 2026-03-01T08:00:00+08:00）或日期（北京时间当日零时起）',
  ),
  limit: opt(`每页条数，1 至 ${MAX_LIMIT}，默认 ${DEFAULT_LIMIT}`),
  cursor: opt('翻页游标：上一页返回的 nextCursor（按发布日期从新到旧翻页）'),
});

export const ItemParams = Type.Object({ id: str('信息ID（门户地址 /gk/{机关代码}/items/{ID} 中的ID）') });
export const AgencyParams = Type.Object({ code: str('机关的统一社会信用代码') });

// ── Responses ──

const FeedsSchema = Type.Object({
  rss: str('RSS 2.0 订阅地址'),
  atom: str('Atom 1.0 订阅地址'),
});

export const AgencySchema = Type.Object({
  code: str('统一社会信用代码'),
  name: str('机关名称'),
  kind: Type.String({ description: `类型：${codes(AGENCY_KIND_LABELS)}` }),
  kindLabel: str('类型名称'),
  level: Type.String({ description: `层级：${codes(AGENCY_LEVEL_LABELS)}` }),
  levelLabel: str('层级名称'),
  status: Type.String({
    description: `状态：${codes(AGENCY_STATUS_LABELS)}（已合并、已撤销机关的已公开信息仍可查阅）`,
  }),
  statusLabel: str('状态名称'),
  parentCode: nullable('上级机关代码'),
  successorCode: nullable('承接其职责的机关代码（已合并或撤销时）'),
  url: str('政府信息公开专栏地址'),
  feeds: FeedsSchema,
  catalogApi: str('目录接口地址'),
  itemsApi: str('信息列表接口地址（限本机关）'),
});

export const AgencyListResponse = Type.Object({ items: Type.Array(AgencySchema) });

export const CatalogNodeSchema = Type.Object({
  id: str('节点ID'),
  parentId: nullable('上级节点ID'),
  depth: Type.Integer({ description: '层级，顶层为 1' }),
  slugPath: str('栏目路径，如 fdzdgknr/xzgfxwj（信息列表接口的 column 参数）'),
  name: str('名称'),
  kind: Type.String({ description: `类型：${codes(NODE_KIND_LABELS)}` }),
  kindLabel: str('类型名称'),
  statutoryItem: nullable('对应的条例条款，如 20.1（第二十条第（一）项）'),
  holdsDocuments: Type.Boolean({ description: '文件类栏目（列表显示文号）' }),
  url: str('页面地址'),
  feeds: Type.Union([FeedsSchema, Type.Null()], { description: '订阅地址（含栏目的节点）' }),
  itemsApi: Type.Union([Type.String(), Type.Null()], { description: '本节点及下级栏目的信息列表接口地址' }),
  body: nullable('页面正文（纯文本，仅“页面”类节点）'),
});

export const CatalogResponse = Type.Object({
  agency: AgencySchema,
  nodes: Type.Array(CatalogNodeSchema, { description: '公众可见的目录节点，先序排列（上级在前）' }),
});

/** The portal's metadata block, in its order: 索引号, 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期, 有效性. */
const itemFields = {
  id: str('信息ID'),
  indexNo: nullable('索引号'),
  topic: Type.Union([Type.String(), Type.Null()], { description: '主题分类代码' }),
  topicLabel: nullable('主题分类'),
  publisher: str('发文机关'),
  writtenOn: nullable('成文日期', 'date'),
  title: str('标题'),
  docNo: nullable('发文字号'),
  publishedOn: Type.String({ description: '发布日期', format: 'date' }),
  validity: Type.Union([Type.String(), Type.Null()], { description: '有效性代码（仅规章、行政规范性文件）' }),
  validityLabel: nullable('有效性'),
  genre: Type.Union([Type.String(), Type.Null()], { description: '体裁代码' }),
  genreLabel: nullable('体裁'),
  summary: str('摘要'),
  agency: Type.Object({ code: str('发布机关代码'), name: str('发布机关名称') }),
  columnId: nullable('所在栏目ID'),
  publishedAt: str('本版本发布时刻（ISO 8601，UTC）'),
  changedAt: str('公众可见内容的最后变化时间'),
  url: str('信息页面地址'),
  api: str('本条信息的接口地址'),
};

export const ItemSummarySchema = Type.Object(itemFields);

export const ItemListResponse = Type.Object({
  total: Type.Union([Type.Integer(), Type.Null()], {
    description: '符合条件的信息总数：只在第一页（不带 cursor）给出，翻页时为 null（免得每页重数一遍）',
  }),
  limit: Type.Integer({ description: '每页条数' }),
  items: Type.Array(ItemSummarySchema),
  nextCursor: nullable('下一页的游标；没有下一页时为 null'),
  next: nullable('下一页的完整地址'),
});

const LinkSchema = Type.Object({
  id: str('信息ID'),
  title: str('标题'),
  agencyCode: str('发布机关代码'),
  publishedOn: Type.String({ format: 'date', description: '发布日期' }),
  url: str('页面地址'),
  api: str('接口地址'),
});

export const ItemDetailSchema = Type.Object({
  ...itemFields,
  metadata: Type.Array(Type.Object({ label: str('项目'), value: str('内容') }), {
    description:
      '元数据块，按门户页面的顺序：索引号、主题分类、发文机关、成文日期、标题、发文字号、发布日期、有效性',
  }),
  keywords: Type.Array(Type.String(), { description: '关键词' }),
  formedOn: nullable('形成日期（第1版）或变更日期', 'date'),
  version: Type.Integer({ description: '当前公开的版本号' }),
  validityNote: nullable('有效性说明'),
  validityChangedOn: nullable('有效性变更日期', 'date'),
  column: Type.Union(
    [
      Type.Object({
        id: str('栏目ID'),
        name: str('栏目名称'),
        slugPath: str('栏目路径'),
        url: str('栏目页面地址'),
      }),
      Type.Null(),
    ],
    { description: '所在栏目' },
  ),
  bodyHtml: str('正文（已净化的 HTML，与门户页面相同）'),
  attachments: Type.Array(
    Type.Object({
      id: str('附件ID'),
      fileName: str('文件名'),
      type: str('文件类型（按内容识别）'),
      size: Type.Integer({ description: '字节数' }),
      sha256: str('SHA-256'),
      url: str('下载地址'),
    }),
  ),
  interpretations: Type.Array(LinkSchema, { description: '相关解读（本信息为政策文件时）' }),
  policies: Type.Array(LinkSchema, { description: '解读的政策文件（本信息为政策解读时）' }),
  versions: Type.Array(
    Type.Object({
      version: Type.Integer(),
      formedOn: nullable('形成或变更日期', 'date'),
      publishedOn: Type.String({ format: 'date' }),
    }),
    { description: '版本记录' },
  ),
});

export const GoneSchema = Type.Object({
  error: Type.Object({
    code: Type.Literal('gone'),
    message: str('中文说明，含撤回日期'),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
  }),
  withdrawal: Type.Object({
    id: str('信息ID'),
    indexNo: nullable('索引号'),
    withdrawnOn: Type.String({ format: 'date', description: '撤回日期' }),
    reason: nullable('撤回原因（个人信息已遮盖）'),
  }),
});

// ── Readers ──

export type Query = Record<string, unknown>;

/** The value of a parameter given at most once; a repeated one is an error. */
function single(fe: FieldErrors, q: Query, field: string, label: string): string | null {
  const raw = q[field];
  if (raw === undefined) return null;
  if (Array.isArray(raw)) {
    fe.add(field, `${label}（${field}）只能填写一次`);
    return null;
  }
  const v = String(raw).trim();
  return v === '' ? null : v;
}

/** Parameters outside `known` are errors (a misspelt filter must not widen the result silently). */
export function rejectUnknown(fe: FieldErrors, q: Query, known: readonly string[]): void {
  for (const k of Object.keys(q)) if (!known.includes(k)) fe.add(k, `不支持的查询参数“${k}”`);
}

function readCodes<T extends string>(
  fe: FieldErrors,
  q: Query,
  field: string,
  label: string,
  allowed: readonly T[],
): T[] {
  const v = single(fe, q, field, label);
  if (v === null) return [];
  const out: T[] = [];
  for (const c of v.split(/[,，]/).map((s) => s.trim())) {
    if (!(allowed as readonly string[]).includes(c)) fe.add(field, `${label}（${field}）的取值“${c}”无效`);
    else if (!out.includes(c as T)) out.push(c as T);
  }
  return out;
}

function readDate(fe: FieldErrors, q: Query, field: string, label: string): LegalDate | null {
  const v = single(fe, q, field, label);
  if (v === null) return null;
  const d = parseLegalDate(v);
  if (!d) fe.add(field, `${label}（${field}）应为 YYYY-MM-DD 格式的有效日期，如 2026-03-02`);
  return d;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant (with its offset), or a date read as Beijing midnight; returned as UTC ISO. */
function readSince(fe: FieldErrors, q: Query, field: string, label: string): string | null {
  const v = single(fe, q, field, label);
  if (v === null) return null;
  const date = parseLegalDate(v);
  const at = date ? Date.parse(`${date}T00:00:00+08:00`) : INSTANT.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(at)) {
    fe.add(
      field,
      `${label}（${field}）应为 ISO 8601 时刻（如 2026-03-01T08:00:00+08:00）或日期（如 2026-03-01）`,
    );
    return null;
  }
  return new Date(at).toISOString();
}

function readLimit(fe: FieldErrors, q: Query): number {
  const v = single(fe, q, 'limit', ITEM_LIST_LABELS.limit);
  if (v === null) return DEFAULT_LIMIT;
  if (!/^\d{1,4}$/.test(v) || Number(v) < 1 || Number(v) > MAX_LIMIT) {
    fe.add('limit', `每页条数（limit）应为 1 至 ${MAX_LIMIT} 的整数`);
    return DEFAULT_LIMIT;
  }
  return Number(v);
}

export function encodeCursor(c: EntryCursor): string {
  return Buffer.from(JSON.stringify([c.publishedOn, c.publishedAt, c.id])).toString('base64url');
}

function readCursor(fe: FieldErrors, q: Query): EntryCursor | null {
  const v = single(fe, q, 'cursor', ITEM_LIST_LABELS.cursor);
  if (v === null) return null;
  try {
    const [on, at, id] = JSON.parse(Buffer.from(v, 'base64url').toString('utf8')) as unknown[];
    if (
      parseLegalDate(on) &&
      typeof at === 'string' &&
      at.length <= 40 &&
      typeof id === 'string' &&
      id.length <= 64
    )
      return { publishedOn: on as string, publishedAt: at, id };
  } catch {}
  fe.add('cursor', '翻页游标（cursor）无效，请使用上一页返回的 nextCursor');
  return null;
}

/** The list query as read: what still needs the database (agency, column) stays as text. */
export interface ItemListParams {
  agency: string | null;
  column: string | null;
  topics: Topic[];
  genres: Genre[];
  validities: Validity[];
  publishedFrom: LegalDate | null;
  publishedTo: LegalDate | null;
  writtenFrom: LegalDate | null;
  writtenTo: LegalDate | null;
  changedSince: string | null;
  limit: number;
  cursor: EntryCursor | null;
}

function ordered(fe: FieldErrors, from: LegalDate | null, to: LegalDate | null, field: ListParam) {
  if (from && to && from > to)
    fe.add(
      field,
      `${ITEM_LIST_LABELS[field]}（${field}）不能早于${ITEM_LIST_LABELS[field === 'to' ? 'from' : 'wfrom']}`,
    );
}

/** Reads every parameter, then throws all the problems at once (400). */
export function readItemList(q: Query): ItemListParams {
  const fe = new FieldErrors();
  rejectUnknown(fe, q, Object.keys(ITEM_LIST_LABELS));
  const L = ITEM_LIST_LABELS;
  const agency = single(fe, q, 'agency', L.agency);
  const column = single(fe, q, 'column', L.column);
  if (agency !== null && !/^[0-9A-Za-z-]{1,40}$/.test(agency))
    fe.add('agency', `发布机构（agency）应为机关的统一社会信用代码`);
  if (column !== null && agency === null)
    fe.add('column', '按栏目（column）筛选时须同时指定发布机构（agency）');
  const p: ItemListParams = {
    agency,
    column,
    topics: readCodes(fe, q, 'topic', L.topic, TOPICS),
    genres: readCodes(fe, q, 'genre', L.genre, GENRES),
    validities: readCodes(fe, q, 'validity', L.validity, VALIDITIES),
    publishedFrom: readDate(fe, q, 'from', L.from),
    publishedTo: readDate(fe, q, 'to', L.to),
    writtenFrom: readDate(fe, q, 'wfrom', L.wfrom),
    writtenTo: readDate(fe, q, 'wto', L.wto),
    changedSince: readSince(fe, q, 'since', L.since),
    limit: readLimit(fe, q),
    cursor: readCursor(fe, q),
  };
  ordered(fe, p.publishedFrom, p.publishedTo, 'to');
  ordered(fe, p.writtenFrom, p.writtenTo, 'wto');
  fe.throwIfAny();
  return p;
}

// ── Search ──

const SEARCH_DOCS: Record<SearchParam, string> = {
  q: `关键词，至多 ${MAX_QUERY_CHARS} 字（可含繁体字或文号，如 示民规〔2026〕1号）`,
  field: '搜索范围：all（全文，默认）或 title（标题）',
  agency: '发布机构的统一社会信用代码',
  column: '栏目路径，如 fdzdgknr/xzgfxwj（须同时指定 agency；含其下级栏目）',
  topic: `主题分类代码：${codes(TOPIC_LABELS)}`,
  genre: `体裁代码：${codes(GENRE_LABELS)}`,
  validity: `有效性代码：${codes(VALIDITY_LABELS)}`,
  year: '发布年份，如 2026',
  from: '发布日期起（含），YYYY-MM-DD',
  to: '发布日期止（含），YYYY-MM-DD',
  wfrom: '成文日期起（含），YYYY-MM-DD',
  wto: '成文日期止（含），YYYY-MM-DD',
  docPrefix: '文号的发文机关代字，如 示民规',
  docYear: '文号年份',
  docSeq: '文号序号',
  sort: '排序：relevance（相关度，有关键词时默认）或 date（发布日期）',
  page: `页码，1 至 ${MAX_SEARCH_PAGE}，每页 ${SEARCH_PAGE_SIZE} 条`,
};

export const SearchQuerySchema = Type.Object(
  Object.fromEntries(SEARCH_PARAMS.map((p) => [p, opt(SEARCH_DOCS[p])])) as Record<
    SearchParam,
    ReturnType<typeof opt>
  >,
);

const Highlights = (of: string) =>
  Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), {
    description: `${of}中命中关键词的位置 [起, 止)，按 Unicode 字符（码位）计数`,
  });

export const SearchHitSchema = Type.Object({
  id: str('信息ID'),
  indexNo: nullable('索引号'),
  topic: Type.Union([Type.String(), Type.Null()], { description: '主题分类代码' }),
  topicLabel: nullable('主题分类'),
  publisher: str('发文机关'),
  writtenOn: nullable('成文日期', 'date'),
  title: str('标题（纯文本）'),
  titleHighlights: Highlights('标题'),
  docNo: nullable('发文字号'),
  publishedOn: Type.String({ description: '发布日期', format: 'date' }),
  validity: Type.Union([Type.String(), Type.Null()], { description: '有效性代码' }),
  validityLabel: nullable('有效性'),
  genre: Type.Union([Type.String(), Type.Null()], { description: '体裁代码' }),
  genreLabel: nullable('体裁'),
  snippet: str('摘录（纯文本）：正文或附件中关键词附近的文字，无关键词时为摘要开头'),
  snippetHighlights: Highlights('摘录'),
  agency: Type.Object({ code: str('发布机关代码'), name: str('发布机关名称') }),
  columnId: nullable('所在栏目ID'),
  url: str('信息页面地址'),
  api: str('本条信息的接口地址'),
});

export const SearchResponse = Type.Object({
  total: Type.Integer({ description: `命中条数（至多 ${SEARCH_COUNT_CAP}）` }),
  totalCapped: Type.Boolean({ description: `命中超过 ${SEARCH_COUNT_CAP} 条，只计到此数` }),
  page: Type.Integer({ description: '页码' }),
  pageSize: Type.Integer({ description: '每页条数' }),
  pages: Type.Integer({ description: `可查看的页数（至多 ${MAX_SEARCH_PAGE}）` }),
  terms: Type.Array(Type.String(), { description: '关键词切分出的检索词（繁体已转简体）' }),
  docNo: nullable('从关键词中识别出的文号（规范写法）'),
  notices: Type.Array(Type.String(), { description: '对输入所作的处理，如关键词过长已截断' }),
  hits: Type.Array(SearchHitSchema),
  next: nullable('下一页的完整地址'),
});
