/** Glue shared by the accounts routes: the command context of a request, safe redirects. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../../platform/auth/sessions.js';
import { AppError } from '../../../platform/errors.js';
import type { CommandContext } from '../commands/context.js';

export function commandContext(req: FastifyRequest): CommandContext {
  if (!req.principal) throw new AppError('unauthenticated');
  return { services: req.server.services, principal: req.principal, requestId: req.id };
}

/** Only same-site paths: an attacker's `next=//evil.example` must not redirect off the platform. */
export function safeNext(next: unknown, fallback = '/admin'): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length < 500 ? next : fallback;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secureCookies,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function body(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}
