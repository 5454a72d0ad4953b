/**
 * RSS 2.0 and Atom 1.0 feeds of each agency's 政府信息公开 section and of each of its nodes that
 * holds columns (the node and everything below it), and the sitemap (./sitemap.routes.ts):
 *
 *   /gk/{agencyCode}/feed/rss.xml   /gk/{agencyCode}/feed/atom.xml                 the whole section
 *   /gk/{agencyCode}/feed/{slug}[/{slug}…]/rss.xml   …/atom.xml                     a column or section
 *
 * `feed` is a reserved top-level slug, so these never shadow a column. A feed shows the
 * FEED_SIZE latest live items exactly as the section's lists do (live version, visible columns),
 * and is cacheable like the pages (ETag of the bytes, Last-Modified, Cache-Control).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { MAX_DEPTH } from '../../catalog/catalog.js';
import { atom, type Feed, instant, rss } from '../feeds/feed.js';
import { httpDate, sendCacheable } from '../http-cache.js';
import { loadPublicScope, nodeScope } from '../node-scope.js';
import { topicLabel } from '../portal.js';
import { listLiveEntries } from '../portal.repository.js';
import { absolutizer } from '../public-url.js';
import { type FeedFormat, type PortalUrls, portalUrls } from '../urls.js';
import { sitemapRoutes } from './sitemap.routes.js';

/** As the pages title a section (views/pages.tsx sectionTitle). */
const sectionTitle = (agency: { name: string }) => `${agency.name}政府信息公开`;

/** Items per feed. */
export const FEED_SIZE = 50;

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};
const route = { config: { access: access.public }, schema: { hide: true } };

export async function feedRoutes(app: FastifyInstance) {
  const { db, config } = app.services;
  const urls = portalUrls();

  async function sendFeed(
    req: FastifyRequest,
    reply: FastifyReply,
    slugPath: string[],
    format: FeedFormat,
  ): Promise<FastifyReply> {
    const section = await loadPublicScope(db, (req.params as { agencyCode: string }).agencyCode);
    const code = section.agency.code;
    const scope = slugPath.length ? nodeScope(section, slugPath) : null;
    if (slugPath.length && !scope) throw new AppError('not_found');
    const node = scope?.node ?? null;
    const columnIds = scope?.columnIds ?? section.visibleIds;
    const { entries } = await listLiveEntries(
      db,
      { agencyIds: [section.agency.id], columnIds, hiddenColumnIds: [] },
      { limit: FEED_SIZE },
    );
    const abs = absolutizer(config, req);
    const title = sectionTitle(section.agency);
    const changed = [section.changedAt, ...entries.map((e) => instant(e.changedAt))];
    const feed: Feed = {
      title: node ? `${node.node.name}_${title}` : title,
      description: node
        ? `${title}“${node.node.name}”最新主动公开的政府信息`
        : `${title}最新主动公开的政府信息`,
      pageUrl: abs(node ? urls.node(code, node.node.slugPath) : urls.agency(code)),
      selfUrl: abs(urls.feed(code, slugPath, format)),
      author: section.agency.name,
      updatedAt: changed.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)),
      entries: entries.map((e) => ({
        url: abs(urls.item(code, e.id)),
        title: e.title,
        summary: e.summary,
        docNo: e.docNo,
        publisherName: e.publisherName,
        topic: e.topic ? { code: e.topic, label: topicLabel(e.topic)! } : null,
        publishedAt: e.publishedAt,
        changedAt: e.changedAt,
      })),
    };
    return sendCacheable(req, reply, format === 'rss' ? rss(feed) : atom(feed), {
      contentType: CONTENT_TYPES[format],
      lastModified: httpDate(...changed),
    });
  }

  for (const format of ['rss', 'atom'] as const) {
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      const slugs = Array.from({ length: depth }, (_, i) => `s${i + 1}`);
      const path = ['/gk/:agencyCode/feed', ...slugs.map((s) => `:${s}`), `${format}.xml`].join('/');
      app.get(path, route, async (req, reply) => {
        const p = req.params as Record<string, string>;
        return sendFeed(
          req,
          reply,
          slugs.map((s) => p[s] ?? ''),
          format,
        );
      });
    }
  }

  await app.register(sitemapRoutes);
}

/** The `<link rel="alternate">` entries of a page with a feed (section home, list nodes). */
export function feedLinks(urls: PortalUrls, code: string, slugPath: readonly string[], name: string) {
  return [
    { title: `${name}（RSS）`, href: urls.feed(code, slugPath, 'rss'), type: 'application/rss+xml' as const },
    {
      title: `${name}（Atom）`,
      href: urls.feed(code, slugPath, 'atom'),
      type: 'application/atom+xml' as const,
    },
  ];
}
