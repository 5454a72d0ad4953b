/**
 * The site's public origin, for the absolute links feeds (RSS `<link>`, Atom ids), sitemaps,
 * robots.txt and the open API carry — a root-relative link is not valid in a feed or a sitemap.
 *
 * Decision: the site's configured address, as pages use it (`portalSite`: the 网站地址 of the site
 * settings, else PUBLIC_BASE_URL) — the same bytes whatever the Host header says; production should
 * set one. Unset, the request's own scheme and host are used (`X-Forwarded-Proto`/`-Host` only with
 * TRUST_PROXY, as Fastify reads `req.protocol` and `req.host`), after checking the host is a plain
 * host name, so a forged header cannot inject markup or a path. Responses carry an ETag of their
 * bytes, so a cache never mixes two hosts' copies under one tag; shared caches key on the host.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { portalSite } from './views/render.js';

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function publicOrigin(
  config: Pick<Config, 'platformName' | 'publicBaseUrl'>,
  req: FastifyRequest,
): string {
  const configured = portalSite(config).baseUrl;
  if (configured) return configured.replace(/\/+$/, '');
  const host = req.host;
  if (!HOST.test(host)) throw new AppError('validation_failed', '请求的主机名（Host）无效。');
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

/** A function making a root-relative path absolute. */
export function absolutizer(config: Pick<Config, 'platformName' | 'publicBaseUrl'>, req: FastifyRequest) {
  const origin = publicOrigin(config, req);
  return (path: string) => `${origin}${path}`;
}
