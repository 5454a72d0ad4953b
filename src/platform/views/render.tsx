/** Renders a page inside the layout and sends it. Preact escapes every interpolated string. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { findAgency } from '../../modules/accounts/accounts.repository.js';
import { csrfToken } from '../http/csrf.js';
import { Layout, type LayoutUser } from './layout.js';

export interface PageOptions {
  title: string;
  area: 'public' | 'admin';
  status?: number;
}

export interface PageContext {
  csrf: string;
  user: LayoutUser | null;
}

export async function pageContext(req: FastifyRequest, reply: FastifyReply): Promise<PageContext> {
  const p = req.principal;
  let user: LayoutUser | null = null;
  if (p) {
    const agency = p.agencyId ? await findAgency(req.server.services.db, p.agencyId) : undefined;
    user = {
      displayName: p.displayName,
      isPlatformAdmin: p.isPlatformAdmin,
      agencyName: agency?.name ?? null,
    };
  }
  return { csrf: csrfToken(req, reply), user };
}

export async function sendPage(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: PageOptions,
  body: (ctx: PageContext) => ComponentChildren,
): Promise<FastifyReply> {
  const ctx = await pageContext(req, reply);
  const html = renderToString(
    <Layout
      title={opts.title}
      platformName={req.server.services.config.platformName}
      area={opts.area}
      user={ctx.user}
      csrf={ctx.csrf}
    >
      {body(ctx)}
    </Layout>,
  );
  return reply
    .status(opts.status ?? 200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', req.principal ? 'private, no-store' : 'no-cache')
    .send(`<!doctype html>${html}`);
}
