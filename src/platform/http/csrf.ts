/**
 * CSRF protection on every unsafe request (synchronizer token). A signed-in
 * request carries its session's token; an anonymous one (the login form) a
 * token from the `gk_csrf` cookie, echoed in the form (double submit).
 * Forms send `_csrf`; scripts and API clients send the `x-csrf-token` header.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export const ANON_CSRF_COOKIE = 'gk_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The token a page should put in its forms (creates the anonymous cookie when needed). */
export function csrfToken(req: FastifyRequest, reply: FastifyReply): string {
  if (req.session) return req.session.csrfToken;
  let token = req.cookies[ANON_CSRF_COOKIE];
  if (!token || token.length < 20) {
    token = newToken();
    reply.setCookie(ANON_CSRF_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.secureCookies,
    });
    req.cookies[ANON_CSRF_COOKIE] = token;
  }
  return token;
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function checkCsrf(req: FastifyRequest): void {
  if (SAFE.has(req.method)) return;
  // A JSON-only endpoint cannot be reached by a cross-site form, and a cross-site
  // fetch with this content type needs a CORS preflight the platform never grants.
  if (
    req.routeOptions.config.csrfJsonOnly &&
    (req.headers['content-type'] ?? '').startsWith('application/json')
  )
    return;
  const expected = req.session?.csrfToken ?? req.cookies[ANON_CSRF_COOKIE];
  const body = req.body as Record<string, unknown> | undefined;
  const sent =
    (req.headers['x-csrf-token'] as string | undefined) ??
    (typeof body?._csrf === 'string' ? body._csrf : undefined);
  if (!expected || !sent || !equal(expected, sent)) throw new AppError('csrf_failed');
}
