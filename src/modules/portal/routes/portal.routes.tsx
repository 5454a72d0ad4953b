/**
 * The public 政府信息公开 section of each agency (URL scheme in ../urls.ts). Every route is public,
 * works without JavaScript and is cacheable: the page depends on the URL alone — never on a
 * cookie, the session or the user — and carries ETag, Last-Modified and Cache-Control.
 *
 * Every page exists in each site variant (variants.ts: 长辈版 `/lb`, 繁體 `/ft`, both `/lb/ft`):
 * `portalPagesRoutes` is registered once per variant with the variant's prefix, and its links
 * (urls.ts) stay inside the variant. The platform home `/` is a portal page too.
 */
import type { FastifyInstance, FastifyPluginOptions, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { MAX_DEPTH } from '../../catalog/catalog.js';
import { openApiRoutes } from '../api/open-api.routes.js';
import { loadDirectory } from '../directory.js';
import { etagOf, httpDate, sendCacheable } from '../http-cache.js';
import { storePageOf, usePortalPageCache } from '../page-cache/page-cache.js';
import {
  loadHome,
  loadInvalid,
  loadItem,
  loadNode,
  loadSection,
  publicWithdrawalReason,
  readPage,
} from '../page-data.js';
import { portalUrls } from '../urls.js';
import { prefixOf, VARIANTS } from '../variants.js';
import { PORTAL_CSS, PORTAL_ELDER_CSS, PORTAL_JS } from '../views/assets.js';
import { beijingDateTime } from '../views/format.js';
import { HomePage } from '../views/home-page.js';
import { articleImage } from '../views/item-tools.js';
import {
  InvalidPage,
  ItemPage,
  NodePage,
  SectionHomePage,
  sectionTitle,
  WithdrawnPage,
} from '../views/pages.js';
import { portalSite, renderPortalPage } from '../views/render.js';
import { ELDER_CSS_PATH } from '../views/variant-chrome.js';
import { attachmentRoute } from './attachment.route.js';
import { feedLinks, feedRoutes } from './feeds.routes.js';
import { portalProblems } from './problems.js';
import { searchPagesRoutes } from './search.routes.js';
import { siteRoutes } from './site.routes.js';

const HTML = 'text/html; charset=utf-8';
const route = { config: { access: access.public }, schema: { hide: true } };
/** A page the rendered-page cache may keep (page-cache/page-cache.ts). */
const page = { config: { access: access.public, pageCache: true }, schema: { hide: true } };
/** An item page: also kept in the database (page-store.ts, ADR 0014). */
const itemPage = {
  config: { access: access.public, pageCache: true, pageStore: true },
  schema: { hide: true },
};

type Params = { agencyCode: string } & Record<string, string>;
const params = (req: FastifyRequest) => req.params as Params;
const pageOf = (req: FastifyRequest) => readPage((req.query as Record<string, unknown>).page);

export async function portalRoutes(app: FastifyInstance) {
  await app.register(portalAssetsRoutes);
  for (const variant of VARIANTS) await app.register(portalPagesRoutes, { prefix: prefixOf(variant) });
  await app.register(feedRoutes);
  await app.register(openApiRoutes);
  await app.register(siteRoutes);
}

const CSS_ETAG = etagOf(PORTAL_CSS);
const JS_ETAG = etagOf(PORTAL_JS);
const ELDER_CSS_ETAG = etagOf(PORTAL_ELDER_CSS);

async function portalAssetsRoutes(app: FastifyInstance) {
  const cacheControl = 'public, max-age=3600';
  app.get('/assets/portal.css', route, async (req, reply) =>
    sendCacheable(req, reply, PORTAL_CSS, {
      contentType: 'text/css; charset=utf-8',
      etag: CSS_ETAG,
      cacheControl,
    }),
  );
  app.get(ELDER_CSS_PATH, route, async (req, reply) =>
    sendCacheable(req, reply, PORTAL_ELDER_CSS, {
      contentType: 'text/css; charset=utf-8',
      etag: ELDER_CSS_ETAG,
      cacheControl,
    }),
  );
  app.get('/assets/portal.js', route, async (req, reply) =>
    sendCacheable(req, reply, PORTAL_JS, {
      contentType: 'text/javascript; charset=utf-8',
      etag: JS_ETAG,
      cacheControl,
    }),
  );
}

export async function portalPagesRoutes(app: FastifyInstance, opts: FastifyPluginOptions) {
  const { db, config } = app.services;
  const urls = portalUrls(typeof opts.prefix === 'string' ? opts.prefix : '');
  const site = portalSite(config);
  const send = (
    req: FastifyRequest,
    reply: FastifyReply,
    html: string,
    changed: (string | null)[],
    status = 200,
  ) => sendCacheable(req, reply, html, { contentType: HTML, lastModified: httpDate(...changed), status });

  // Answers this plugin's pages from the rendered-page cache when it can (not the attachment and
  // search routes registered below: they are not marked `pageCache`).
  usePortalPageCache(app);

  // 404 / 410 in the portal's layout and this variant; under a variant's prefix every unknown
  // address is the portal's (`/lb/anything`), in the standard site only `/gk/…`.
  portalProblems(app, { urls, site, catchAll: urls.prefix !== '' });

  app.get('/', page, async (req, reply) => {
    const directory = await loadDirectory(db);
    const html = renderPortalPage({
      site,
      urls,
      section: null,
      head: { title: [], columnName: '首页', article: null, path: urls.home() },
      body: <HomePage urls={urls} directory={directory} />,
    });
    return send(req, reply, html, [directory.changedAt]);
  });

  app.get('/gk/:agencyCode', page, async (req, reply) => {
    const section = await loadSection(db, params(req).agencyCode);
    const home = await loadHome(db, section);
    const title = sectionTitle(section);
    const html = renderPortalPage({
      site,
      urls,
      section,
      current: { page: 'home' },
      head: {
        title: [title],
        columnName: title,
        article: null,
        path: urls.agency(section.agency.code),
        feeds: feedLinks(urls, section.agency.code, [], title),
      },
      body: <SectionHomePage section={section} urls={urls} latest={home.latest} />,
    });
    return send(req, reply, html, [section.changedAt, home.changedAt]);
  });

  app.get('/gk/:agencyCode/invalid', page, async (req, reply) => {
    const page = pageOf(req);
    const section = await loadSection(db, params(req).agencyCode);
    const list = await loadInvalid(db, section, page);
    const code = section.agency.code;
    const html = renderPortalPage({
      site,
      urls,
      section,
      current: { page: 'invalid' },
      head: {
        title: ['失效文件', section.agency.name],
        columnName: '失效文件',
        article: null,
        path: urls.page(urls.invalid(code), page),
      },
      body: <InvalidPage section={section} urls={urls} list={list} />,
    });
    return send(req, reply, html, [section.changedAt, list.changedAt]);
  });

  app.get('/gk/:agencyCode/items/:id', itemPage, async (req, reply) => {
    const section = await loadSection(db, params(req).agencyCode);
    const found = await loadItem(db, section, params(req).id ?? '');
    const code = section.agency.code;
    if (found.kind === 'missing') throw new AppError('not_found');
    storePageOf(req, {
      agencyId: section.agency.id,
      itemId: found.kind === 'withdrawn' ? found.item.id : found.data.item.id,
    });
    if (found.kind === 'withdrawn') {
      const html = renderPortalPage({
        site,
        urls,
        section,
        head: {
          title: ['信息已撤回', section.agency.name],
          columnName: null,
          article: null,
          path: urls.item(code, found.item.id),
        },
        body: (
          <WithdrawnPage
            section={section}
            urls={urls}
            item={found.item}
            reason={publicWithdrawalReason(found.item)}
          />
        ),
      });
      return send(req, reply, html, [found.item.withdrawnAt], 410);
    }
    const { item } = found.data;
    const columnName = found.data.trail.at(-1)?.name ?? sectionTitle(section);
    const html = renderPortalPage({
      site,
      urls,
      section,
      current: { nodeId: found.data.trail.at(-1)?.id ?? null, kind: 'location' },
      head: {
        title: [item.title, columnName],
        columnName,
        article: {
          title: item.title,
          pubDate: beijingDateTime(item.publishedAt),
          source: item.publisherName,
          keywords: item.keywords,
          description: item.summary,
          image: articleImage(item.bodyHtml, site.baseUrl),
        },
        path: urls.item(code, item.id),
      },
      body: <ItemPage section={section} urls={urls} data={found.data} baseUrl={site.baseUrl} />,
    });
    return send(req, reply, html, [section.changedAt, found.data.changedAt]);
  });

  await app.register(attachmentRoute);
  await app.register(searchPagesRoutes, opts);

  // Catalogue nodes, one route per depth: /gk/:agencyCode/:s1 … /:s{MAX_DEPTH}. The static routes
  // above (items, invalid) take precedence over these parametric ones.
  for (let depth = 1; depth <= MAX_DEPTH; depth++) {
    const slugs = Array.from({ length: depth }, (_, i) => `s${i + 1}`);
    app.get(`/gk/:agencyCode/${slugs.map((s) => `:${s}`).join('/')}`, page, async (req, reply) => {
      const page = pageOf(req);
      const p = params(req);
      const section = await loadSection(db, p.agencyCode);
      const data = await loadNode(
        db,
        section,
        slugs.map((s) => p[s] ?? ''),
        page,
      );
      const code = section.agency.code;
      const path = urls.node(code, data.node.slugPath);
      const html = renderPortalPage({
        site,
        urls,
        section,
        current: { nodeId: data.node.id },
        head: {
          title: [data.node.name, section.agency.name],
          columnName: data.node.name,
          article: null,
          path: urls.page(path, page),
          feeds:
            data.kind === 'list' && data.list
              ? feedLinks(urls, code, data.node.slugPath, data.node.name)
              : undefined,
        },
        body: <NodePage section={section} urls={urls} data={data} />,
      });
      return send(req, reply, html, [section.changedAt, data.changedAt]);
    });
  }
}
