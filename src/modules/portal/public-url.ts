/**
 * The site's public origin, for the absolute links feeds (RSS `<link>`, Atom ids), sitemaps and
 * robots.txt must carry — a root-relative link is not valid there.
 *
 * Decision: `PUBLIC_BASE_URL` when configured (production should set it: the same bytes whatever
 * the Host header says). Unset, the request's own scheme and host are used — `X-Forwarded-Proto`
 * and `X-Forwarded-Host` only when TRUST_PROXY is set, as Fastify does for `req.protocol` and
 * `req.host` — after checking the host is a plain host name, so a forged header cannot inject
 * markup or a path. Responses carry an ETag of their bytes, so a cache never mixes two hosts' copies
 * under one tag; shared caches key on the host anyway.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';

const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function publicOrigin(config: Pick<Config, 'publicBaseUrl'>, req: FastifyRequest): string {
  if (config.publicBaseUrl) return config.publicBaseUrl;
  const host = req.host;
  if (!HOST.test(host)) throw new AppError('validation_failed', '请求的主机名（Host）无效。');
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}

/** A function making a root-relative path absolute. */
export function absolutizer(config: Pick<Config, 'publicBaseUrl'>, req: FastifyRequest) {
  const origin = publicOrigin(config, req);
  return (path: string) => `${origin}${path}`;
}
