/**
 * Search pages: `/search` (the whole platform) and `/gk/:agencyCode/search` (one agency), both
 * registered inside portalPagesRoutes with its options (a site variant's prefix). Public and
 * cacheable like every portal page: the page depends on the URL alone. Bad input is never an
 * exception: the page comes back with the form refilled and a message naming each field (400).
 */
import type { FastifyInstance, FastifyPluginOptions, FastifyReply, FastifyRequest } from 'fastify';
import { access } from '../../../platform/http/access.js';
import { searchPublications, termHits } from '../../search/search.repository.js';
import { sendCacheable } from '../http-cache.js';
import { loadSection, type SectionData } from '../page-data.js';
import {
  loadAgencySearch,
  loadPlatformSearch,
  type SearchBackend,
  type SearchPageData,
} from '../search-data.js';
import { parseSearchParams, searchHref } from '../search-params.js';
import { portalUrls } from '../urls.js';
import { portalSite, renderPortalPage } from '../views/render.js';
import { SearchPage, searchHeading } from '../views/search-page.js';

const HTML = 'text/html; charset=utf-8';
const route = { config: { access: access.public }, schema: { hide: true } };
const backend: SearchBackend = { search: searchPublications, termHits };

export async function searchPagesRoutes(app: FastifyInstance, opts: FastifyPluginOptions) {
  const { db, config } = app.services;
  const urls = portalUrls(typeof opts.prefix === 'string' ? opts.prefix : '');
  const site = portalSite(config);

  const send = (
    req: FastifyRequest,
    reply: FastifyReply,
    section: SectionData | null,
    data: SearchPageData,
  ) => {
    const heading = searchHeading(section);
    const q = data.parsed.form.q;
    const html = renderPortalPage({
      site,
      urls,
      section,
      head: {
        title: q ? [`“${q}”的搜索结果`, heading] : [heading],
        columnName: '搜索',
        article: null,
        // With the query: the variant switch keeps the search.
        path: searchHref(urls.search(section?.agency.code), data.parsed.form),
      },
      body: <SearchPage urls={urls} section={section} data={data} />,
    });
    // Last-Modified is left out: which items match has no one timestamp; the ETag is exact.
    return sendCacheable(req, reply, html, {
      contentType: HTML,
      status: data.errors.length > 0 ? 400 : 200,
    });
  };

  app.get('/search', route, async (req, reply) => {
    const parsed = parseSearchParams(req.query, 'platform');
    return send(req, reply, null, await loadPlatformSearch(db, backend, parsed));
  });

  app.get('/gk/:agencyCode/search', route, async (req, reply) => {
    const section = await loadSection(db, (req.params as { agencyCode: string }).agencyCode);
    const parsed = parseSearchParams(req.query, 'agency');
    return send(req, reply, section, await loadAgencySearch(db, backend, section, parsed));
  });
}

/**
 * portalPagesRoutes is itself registered under the variant's prefix and hands this plugin the same
 * options: registered as its own (encapsulated) plugin, Fastify would apply `prefix` a second time
 * (/lb/lb/search). Skipping the override keeps the routes in portalPagesRoutes' context, which
 * already carries the prefix; `opts.prefix` still tells the links which variant they are in.
 */
Object.assign(searchPagesRoutes, { [Symbol.for('skip-override')]: true });
