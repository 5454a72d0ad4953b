/**
 * Caching of public responses (a CDN or the browser may keep them): `Cache-Control: public,
 * max-age=60`, a strong ETag from the bytes sent, and Last-Modified from the data shown. A request
 * whose If-None-Match names the current ETag gets 304 with no body.
 *
 * Decision: If-Modified-Since alone is not honoured (a full 200 instead). Some changes that alter
 * a page leave no timestamp behind (an interpretation unlinked, a column retired under another), so
 * only the ETag, computed from the page itself, can say for sure that nothing changed. Last-Modified
 * is still sent for crawlers and the government-site monitoring tools that read it.
 *
 * Public responses never depend on cookies (no session, no CSRF cookie, no user in the page), so
 * nothing here adds `Vary: Cookie`.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const PUBLIC_CACHE_CONTROL = 'public, max-age=60';

export function etagOf(bytes: string | Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
}

/** RFC 9110 §13.1.2: weak comparison; `*` matches any current representation. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || bare(t) === bare(etag));
}

/** The latest of some ISO instants (or legal dates) as an HTTP date; null when none is known. */
export function httpDate(...instants: (string | null | undefined)[]): string | null {
  const times = instants.filter((i): i is string => !!i).map((i) => Date.parse(i));
  const latest = Math.max(...times.filter((t) => !Number.isNaN(t)));
  return Number.isFinite(latest) ? new Date(latest).toUTCString() : null;
}

export interface CacheableOptions {
  contentType: string;
  etag?: string;
  lastModified?: string | null;
  status?: number;
  /** Defaults to PUBLIC_CACHE_CONTROL. */
  cacheControl?: string;
}

/** Sends a public, cacheable response, or 304 when the client already holds it. */
export function sendCacheable(
  req: FastifyRequest,
  reply: FastifyReply,
  body: string | Uint8Array,
  opts: CacheableOptions,
): FastifyReply {
  const etag = opts.etag ?? etagOf(body);
  reply.header('cache-control', opts.cacheControl ?? PUBLIC_CACHE_CONTROL).header('etag', etag);
  if (opts.lastModified) reply.header('last-modified', opts.lastModified);
  if ((opts.status ?? 200) === 200 && matchesIfNoneMatch(req.headers['if-none-match'], etag))
    return reply.status(304).send();
  return reply
    .status(opts.status ?? 200)
    .header('content-type', opts.contentType)
    .send(body);
}

/** attachment; filename="ascii fallback"; filename*=UTF-8''原文件名 (RFC 6266, RFC 5987). */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
