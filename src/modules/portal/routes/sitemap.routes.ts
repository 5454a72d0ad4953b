/**
 * /sitemap.xml (one file, or a sitemap index when the platform has more addresses than one file
 * may hold), /sitemap/{n}.xml (the files of the index) and /robots.txt pointing to it. Links are
 * absolute (public-url.ts). Sitemaps are cached for an hour: crawlers read them seldom, and a
 * 50,000-URL file is the most expensive public response.
 */
import type { FastifyInstance, FastifyPluginOptions } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { httpDate, sendCacheable } from '../http-cache.js';
import { publicOrigin } from '../public-url.js';
import { fileLocations, planSitemap, sitemapIndex, URLS_PER_FILE, urlset } from '../sitemap/sitemap.js';
import { portalUrls } from '../urls.js';

const XML = 'application/xml; charset=utf-8';
const SITEMAP_CACHE = 'public, max-age=3600';
const route = { config: { access: access.public }, schema: { hide: true } };

export const sitemapFile = (n: number) => `/sitemap/${n}.xml`;

/** Options: `urlsPerFile` (default the protocol's 50,000; tests lower it). */
export async function sitemapRoutes(app: FastifyInstance, opts: FastifyPluginOptions) {
  const { db, config } = app.services;
  const urls = portalUrls();
  const perFile = typeof opts.urlsPerFile === 'number' ? opts.urlsPerFile : URLS_PER_FILE;

  app.get('/sitemap.xml', route, async (req, reply) => {
    const origin = publicOrigin(config, req);
    const abs = (path: string) => `${origin}${path}`;
    const plan = await planSitemap(db, urls, perFile);
    if (plan.files > 1) {
      const xml = sitemapIndex(plan.files, (n) => abs(sitemapFile(n)));
      return sendCacheable(req, reply, xml, { contentType: XML, cacheControl: SITEMAP_CACHE });
    }
    const { xml, lastModified } = await urlset(fileLocations(db, urls, plan, 1), abs);
    return sendCacheable(req, reply, xml, {
      contentType: XML,
      cacheControl: SITEMAP_CACHE,
      lastModified: httpDate(lastModified),
    });
  });

  app.get('/sitemap/:file', route, async (req, reply) => {
    const m = /^([1-9]\d{0,5})\.xml$/.exec((req.params as { file: string }).file);
    if (!m) throw new AppError('not_found');
    const origin = publicOrigin(config, req);
    const plan = await planSitemap(db, urls, perFile);
    const n = Number(m[1]);
    // One file: /sitemap.xml is it, so the numbered address does not duplicate it.
    if (plan.files === 1 || n > plan.files) throw new AppError('not_found');
    const { xml, lastModified } = await urlset(fileLocations(db, urls, plan, n), (p) => `${origin}${p}`);
    return sendCacheable(req, reply, xml, {
      contentType: XML,
      cacheControl: SITEMAP_CACHE,
      lastModified: httpDate(lastModified),
    });
  });

  app.get('/robots.txt', route, async (req, reply) => {
    const body = [
      'User-agent: *',
      // The back office, sign-in and the JSON API are not for crawlers; search results are endless.
      'Disallow: /admin',
      'Disallow: /account',
      'Disallow: /login',
      'Disallow: /api/',
      'Disallow: /search',
      'Disallow: /gk/*/search',
      '',
      `Sitemap: ${publicOrigin(config, req)}/sitemap.xml`,
      '',
    ].join('\n');
    return sendCacheable(req, reply, body, { contentType: 'text/plain; charset=utf-8' });
  });
}
