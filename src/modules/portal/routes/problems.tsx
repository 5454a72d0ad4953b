/**
 * 404 and 410 inside the portal, in the portal's layout and in the variant of the address: a
 * public, cacheable page with no cookie (the platform's error page carries the CSRF cookie and the
 * signed-in user, so it is neither). Two ways in:
 *   - a route's AppError 'not_found' or 'gone' (unknown agency, column, item; a withdrawn item's
 *     attachment) reaches this plugin's error handler; every other error goes on to the platform's;
 *   - an address no route matches (`/gk/…` too deep, `/lb/anything`) meets the catch-all routes
 *     registered here: `/gk`, `/gk/*` in every variant, and `/*` under a variant's prefix. Other
 *     unknown addresses (the back office, the API) keep the platform's 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { handleError, isApi, toAppError } from '../../../platform/http/error-handler.js';
import { sendCacheable } from '../http-cache.js';
import { loadSection, type SectionData } from '../page-data.js';
import type { PortalUrls } from '../urls.js';
import { splitVariantPath } from '../variants.js';
import type { PortalSite } from '../views/portal-layout.js';
import { GonePage, NotFoundPage } from '../views/problem-pages.js';
import { renderPortalPage } from '../views/render.js';

/** The catch-all 404 pages may be kept by the rendered-page cache (its share for 404s is bounded). */
const route = { config: { access: access.public, pageCache: true }, schema: { hide: true } };

/** The request's path, its slashes collapsed (a `//host` path must never become a link elsewhere). */
function pathOf(req: FastifyRequest): string {
  return (req.url.split('?')[0] ?? '/').replace(/\/{2,}/g, '/');
}

/** The agency code an address names: `/gk/{code}/…` (after the variant prefix). */
function agencyCodeOf(req: FastifyRequest): string | null {
  const param = (req.params as Record<string, unknown> | undefined)?.agencyCode;
  if (typeof param === 'string') return param;
  const m = /^\/gk\/([^/]+)/.exec(splitVariantPath(pathOf(req)).path);
  if (!m?.[1]) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}

export function portalProblems(
  app: FastifyInstance,
  o: { urls: PortalUrls; site: PortalSite; catchAll: boolean },
) {
  const { db } = app.services;

  async function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError) {
    const code = agencyCodeOf(req);
    // The agency's section makes the page more helpful; without it (unknown code, database
    // trouble) the page still answers.
    const section: SectionData | null = code ? await loadSection(db, code).catch(() => null) : null;
    const gone = err.code === 'gone';
    const html = renderPortalPage({
      site: o.site,
      urls: o.urls,
      section,
      head: {
        title: [gone ? '内容已撤回' : '页面不存在'],
        columnName: null,
        article: null,
        path: pathOf(req),
      },
      body: gone ? (
        <GonePage urls={o.urls} section={section} message={err.message} />
      ) : (
        <NotFoundPage urls={o.urls} section={section} />
      ),
    });
    return sendCacheable(req, reply, html, {
      contentType: 'text/html; charset=utf-8',
      status: gone ? 410 : 404,
    });
  }

  app.setErrorHandler(async (error, req, reply) => {
    const err = toAppError(error);
    if ((err.code === 'not_found' || err.code === 'gone') && !isApi(req)) return sendProblem(req, reply, err);
    return handleError(error, req, reply);
  });

  const notFound = async () => {
    throw new AppError('not_found');
  };
  app.get('/gk', route, notFound);
  app.get('/gk/*', route, notFound);
  if (o.catchAll) app.get('/*', route, notFound);
}
