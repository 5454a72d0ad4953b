/**
 * The open API (`/api/v1/open/…`): what the public portal shows, as JSON, for anyone — no sign-in,
 * no cookie read or set. The same rules as the pages (portal.repository.ts, page-data.ts): live
 * versions only, filed in columns the public sees; a withdrawn item is 410 with its withdrawal
 * date and never its title or body. Responses carry an ETag of their bytes, Last-Modified and
 * `Cache-Control: public`, and `Access-Control-Allow-Origin: *` (public data, no credentials).
 * Each client address may make RATE_LIMIT requests a minute (429 beyond, with Retry-After).
 *
 *   GET /api/v1/open/agencies                   every agency with a section
 *   GET /api/v1/open/agencies/{code}/catalog    its catalogue as the public sees it
 *   GET /api/v1/open/items?agency=&column=&…    live items, filtered, newest first, keyset paging
 *   GET /api/v1/open/items/{id}                 one item: metadata block, body, attachments, links
 *   GET /api/v1/open/search?q=&…                 full-text search, the search pages' parameters
 */
import type { FastifyInstance, FastifyPluginOptions, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { RateLimiter } from '../../../platform/http/rate-limit.js';
import type { Db } from '../../../platform/services.js';
import { toAgency } from '../../accounts/accounts.js';
import { listAgencies } from '../../accounts/accounts.repository.js';
import { MAX_SEARCH_PAGE } from '../../search/search.js';
import { searchPublications } from '../../search/search.repository.js';
import { httpDate, sendCacheable } from '../http-cache.js';
import { loadPublicScope, nodeScope } from '../node-scope.js';
import { loadItem, loadSection, publicWithdrawalReason } from '../page-data.js';
import { agencyCodeOfPublished, hiddenNodeIds, listLiveEntries } from '../portal.repository.js';
import { publicOrigin } from '../public-url.js';
import { parseSearchParams, SEARCH_LABELS, SEARCH_PARAMS, type SearchParam } from '../search-params.js';
import { portalUrls } from '../urls.js';
import {
  OPEN_API,
  openApiUrls,
  type Presenter,
  presentAgency,
  presentCatalog,
  presentEntry,
  presentGone,
  presentHit,
  presentItem,
} from './open-api.presenter.js';
import {
  AgencyListResponse,
  AgencyParams,
  CatalogResponse,
  ErrorSchema,
  encodeCursor,
  GoneSchema,
  ItemDetailSchema,
  ItemListQuery,
  ItemListResponse,
  ItemParams,
  readItemList,
  rejectUnknown,
  SearchQuerySchema,
  SearchResponse,
} from './open-api.schemas.js';

/**
 * `agency` (code) and `column` (slug path in that agency) → ids: the agency's visible columns at
 * and below the node. An unknown agency or a column the public does not see is a 400 naming it.
 */
async function resolveScope(
  db: Db,
  agency: string | null,
  column: string | null,
): Promise<{ agencyIds: string[] | null; columnIds: string[] | null }> {
  if (agency === null) return { agencyIds: null, columnIds: null };
  const fe = new FieldErrors();
  const section = await loadPublicScope(db, agency).catch((err: unknown) => {
    if (!(err instanceof AppError && err.code === 'not_found')) throw err;
    fe.add('agency', `发布机构（agency）“${agency}”不存在`);
    return fe.throwIfAny() as never;
  });
  if (column === null) return { agencyIds: [section.agency.id], columnIds: null };
  const scope = nodeScope(section, column.split('/'));
  if (!scope) fe.add('column', `该机关没有公开的栏目“${column}”（column 为栏目路径，见目录接口）`);
  fe.throwIfAny();
  return { agencyIds: [section.agency.id], columnIds: scope!.columnIds };
}

/** Agency id → code (parent, successor), from the list of agencies. */
function codesOf(agencies: { id: string; code: string }[]) {
  const codes = new Map(agencies.map((a) => [a.id, a.code]));
  return (id: string | null) => (id ? (codes.get(id) ?? null) : null);
}

/** Requests per client address per minute. */
export const RATE_LIMIT = 300;
const JSON_TYPE = 'application/json; charset=utf-8';
const tags = ['open'];
const errors = { 400: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema };

/** Options: `rateLimit` (requests per minute per address; tests lower it). */
export async function openApiRoutes(app: FastifyInstance, opts: FastifyPluginOptions) {
  const { db, config } = app.services;
  const urls = portalUrls();
  const limiter = new RateLimiter(typeof opts.rateLimit === 'number' ? opts.rateLimit : RATE_LIMIT, 60_000);
  const presenter = (req: FastifyRequest): Presenter => {
    const origin = publicOrigin(config, req);
    return { urls, abs: (path) => `${origin}${path}` };
  };
  const send = (
    req: FastifyRequest,
    reply: FastifyReply,
    body: unknown,
    changed: (string | null)[],
    status = 200,
  ) =>
    sendCacheable(req, reply, JSON.stringify(body), {
      contentType: JSON_TYPE,
      lastModified: httpDate(...changed),
      status,
    });

  // This plugin's routes only (Fastify encapsulation).
  app.addHook('onRequest', async (req, reply) => {
    reply.header('access-control-allow-origin', '*');
    if (!limiter.take(`open:${req.ip}`)) {
      reply.header('retry-after', '60');
      throw new AppError('rate_limited', '请求过于频繁，请一分钟后再试。');
    }
  });

  const route = (summary: string, schema: object) => ({
    config: { access: access.public },
    // Parameters are checked by the readers (Chinese messages naming them); the schema documents them.
    attachValidation: true,
    schema: { tags, summary, ...schema },
  });

  app.get(
    `${OPEN_API}/agencies`,
    route('各机关及其政府信息公开专栏', { response: { 200: AgencyListResponse, 429: ErrorSchema } }),
    async (req, reply) => {
      const agencies = (await listAgencies(db)).map(toAgency);
      const codeOf = codesOf(agencies);
      const p = presenter(req);
      const body = { items: agencies.map((a) => presentAgency(p, a, codeOf)) };
      return send(
        req,
        reply,
        body,
        agencies.map((a) => a.updatedAt),
      );
    },
  );

  app.get(
    `${OPEN_API}/agencies/:code/catalog`,
    route('一个机关的政府信息公开目录（公众可见的栏目）', {
      params: AgencyParams,
      response: { 200: CatalogResponse, ...errors },
    }),
    async (req, reply) => {
      const section = await loadPublicScope(db, (req.params as { code: string }).code);
      const codeOf = codesOf((await listAgencies(db)).map(toAgency));
      const p = presenter(req);
      const body = { agency: presentAgency(p, section.agency, codeOf), nodes: presentCatalog(p, section) };
      return send(req, reply, body, [section.changedAt]);
    },
  );

  app.get(
    `${OPEN_API}/items`,
    route('主动公开的信息列表：按发布机构、栏目、主题分类、体裁、有效性、日期筛选，按发布日期从新到旧', {
      querystring: ItemListQuery,
      response: { 200: ItemListResponse, ...errors },
    }),
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const params = readItemList(q);
      const { agencyIds, columnIds } = await resolveScope(db, params.agency, params.column);
      const { entries, total } = await listLiveEntries(
        db,
        {
          agencyIds,
          columnIds,
          hiddenColumnIds: await hiddenNodeIds(db),
          topics: params.topics,
          genres: params.genres,
          validities: params.validities,
          publishedFrom: params.publishedFrom,
          publishedTo: params.publishedTo,
          writtenFrom: params.writtenFrom,
          writtenTo: params.writtenTo,
          changedSince: params.changedSince,
        },
        { limit: params.limit + 1, after: params.cursor, count: params.cursor === null },
      );
      const page = entries.slice(0, params.limit);
      const last = page.at(-1);
      const nextCursor =
        entries.length > params.limit && last
          ? encodeCursor({ publishedOn: last.publishedOn, publishedAt: last.publishedAt, id: last.id })
          : null;
      const p = presenter(req);
      const kept = Object.fromEntries(
        Object.entries(q).filter(([k, v]) => k !== 'cursor' && typeof v === 'string' && v !== ''),
      ) as Record<string, string>;
      const body = {
        total,
        limit: params.limit,
        items: page.map((e) => presentEntry(p, e)),
        nextCursor,
        next: nextCursor ? p.abs(openApiUrls.items({ ...kept, cursor: nextCursor })) : null,
      };
      return send(
        req,
        reply,
        body,
        page.map((e) => e.changedAt),
      );
    },
  );

  app.get(
    `${OPEN_API}/items/:id`,
    route('一条信息：元数据（按门户顺序）、正文、附件、政策与解读的关联；已撤回的返回 410', {
      params: ItemParams,
      response: { 200: ItemDetailSchema, 410: GoneSchema, ...errors },
    }),
    async (req, reply) => {
      const id = (req.params as { id: string }).id;
      const code = id.length <= 64 ? await agencyCodeOfPublished(db, id) : null;
      if (!code) throw new AppError('not_found', '该信息不存在或尚未公开。');
      const section = await loadSection(db, code);
      const found = await loadItem(db, section, id);
      if (found.kind === 'missing') throw new AppError('not_found', '该信息不存在或尚未公开。');
      if (found.kind === 'withdrawn')
        return send(
          req,
          reply,
          presentGone(found.item, publicWithdrawalReason(found.item)),
          [found.item.withdrawnAt],
          410,
        );
      const body = presentItem(presenter(req), section, found.data);
      return send(req, reply, body, [section.changedAt, found.data.changedAt]);
    },
  );

  app.get(
    `${OPEN_API}/search`,
    route('全文检索：参数与门户搜索页相同，命中的标题与摘录为纯文本并附关键词位置', {
      querystring: SearchQuerySchema,
      response: { 200: SearchResponse, ...errors },
    }),
    async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const fe = new FieldErrors();
      rejectUnknown(fe, q, SEARCH_PARAMS);
      for (const [k, v] of Object.entries(q))
        if (Array.isArray(v)) fe.add(k, `${SEARCH_LABELS[k as SearchParam] ?? k}（${k}）只能填写一次`);
      const parsed = parseSearchParams(q, 'platform');
      for (const e of parsed.errors) fe.add(e.field, `${e.message}（参数 ${e.field}）`);
      const agency = parsed.form.agency ?? null;
      const column = typeof q.column === 'string' && q.column.trim() ? q.column.trim() : null;
      if (column !== null && agency === null)
        fe.add('column', '按栏目（column）筛选时须同时指定发布机构（agency）');
      if (!parsed.hasCriteria) fe.add('q', '请填写关键词（q）或至少一个筛选条件');
      fe.throwIfAny();
      const scope = await resolveScope(db, agency, column);
      const result = await searchPublications(db, { ...parsed.query!, ...scope });
      const p = presenter(req);
      const pages = Math.min(MAX_SEARCH_PAGE, Math.ceil(result.total / result.pageSize));
      const kept = Object.fromEntries(
        Object.entries(q).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v !== ''),
      ) as Record<string, string>;
      const body = {
        total: result.total,
        totalCapped: result.totalCapped,
        page: result.page,
        pageSize: result.pageSize,
        pages,
        terms: result.terms,
        docNo: result.docNo,
        notices: parsed.notices,
        hits: result.hits.map((h) => presentHit(p, h)),
        next:
          result.page < pages ? p.abs(openApiUrls.search({ ...kept, page: String(result.page + 1) })) : null,
      };
      // A result set has no one timestamp: the ETag alone says whether it changed.
      return send(req, reply, body, []);
    },
  );
}
