/**
 * buildApp(services): the whole HTTP application, without listening.
 * Tests drive it with app.inject(); server.ts listens.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Principal } from './modules/accounts/accounts.js';
import { accountsAdminRoutes } from './modules/accounts/routes/admin.routes.js';
import { accountsApiRoutes } from './modules/accounts/routes/api.routes.js';
import { authRoutes } from './modules/accounts/routes/auth.routes.js';
import { annualReportsRoutes } from './modules/annual-reports/routes/annual-reports.routes.js';
import { applicationsRoutes } from './modules/applications/routes/applications.routes.js';
import { catalogRoutes } from './modules/catalog/routes/catalog.routes.js';
import { RATE_LIMIT as OPEN_API_RATE_LIMIT } from './modules/portal/api/open-api.routes.js';
import { portalRoutes } from './modules/portal/routes/portal.routes.js';
import { publicationsRoutes } from './modules/publications/routes/publications.routes.js';
import { supervisionRoutes } from './modules/supervision/routes/supervision.routes.js';
import { workdaysAdminRoutes } from './modules/workdays/routes/admin.routes.js';
import { workdaysApiRoutes } from './modules/workdays/routes/api.routes.js';
import { auditRoutes } from './platform/audit/audit.routes.js';
import { loadSession, SESSION_COOKIE, type SessionInfo } from './platform/auth/sessions.js';
import { AppError } from './platform/errors.js';
import { type Access, enforceAccess } from './platform/http/access.js';
import { checkCsrf } from './platform/http/csrf.js';
import { handleError } from './platform/http/error-handler.js';
import { platformRoutes } from './platform/http/platform.routes.js';
import type { Services } from './platform/services.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** Every route with its access rule, for the authorization test and docs. */
    routeTable: { method: string; url: string; access: Access | undefined }[];
  }
  interface FastifyRequest {
    principal: (Principal & { mustChangePassword: boolean }) | null;
    session: SessionInfo | null;
    /** Set by the access check for routes that target one agency. */
    targetAgencyId: string | null;
    /** Whether cookies set on this response should carry Secure. */
    secureCookies: boolean;
  }
}

export async function buildApp(services: Services): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      services.config.logLevel === 'silent'
        ? false
        : {
            level: services.config.logLevel,
            // Request logs carry method, path and status only: never bodies, cookies or query strings
            // (query strings may hold a tracking code or a name).
            serializers: {
              req: (req) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
            },
          },
    genReqId: () => randomUUID(),
    trustProxy: services.config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  });
  app.decorate('services', services);
  app.decorate('routeTable', [] as FastifyInstance['routeTable']);
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('targetAgencyId', null);
  app.decorateRequest('secureCookies', false);

  // A route that forgets its access rule must not start.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs') && route.config?.access === undefined) {
      route.config = { ...(route.config ?? {}), access: { kind: 'public' } };
    }
    if (!route.config?.access && route.method !== 'HEAD') {
      throw new Error(`route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
    }
    for (const method of [route.method].flat())
      if (method !== 'HEAD') app.routeTable.push({ method, url: route.url, access: route.config?.access });
  });

  await app.register(cookie);
  await app.register(formbody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'gongkai API',
        version: '1',
        description:
          '政府信息公开平台 JSON API。错误统一为 {error:{code,message,fields}}。' +
          '公开数据接口（标签 open，/api/v1/open/…）无需登录，只提供门户公开的内容（主动公开信息的现行版本、机关及其目录），' +
          `响应带 ETag 与 Cache-Control 可缓存，每个来源地址每分钟限 ${OPEN_API_RATE_LIMIT} 次；另有 RSS/Atom 订阅（/gk/{机关代码}/feed/rss.xml）与 /sitemap.xml。`,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    hideUntagged: false,
  });

  app.addHook('onRequest', async (req) => {
    const s = services.config.cookieSecure;
    req.secureCookies = s === 'always' || (s === 'auto' && req.protocol === 'https');
    if (req.url.startsWith('/assets/') || req.url === '/healthz') return;
    const loaded = await loadSession(services, req.cookies[SESSION_COOKIE]);
    if (loaded && !loaded.session.mfaPending) {
      req.session = loaded.session;
      req.principal = loaded.principal;
    } else if (loaded) {
      req.session = loaded.session; // half-signed-in: may only complete the second factor
    }
  });

  app.addHook('preHandler', async (req, reply) => {
    if (req.is404) return;
    checkCsrf(req);
    await enforceAccess(req, reply);
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'SAMEORIGIN');
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html'))
      reply.header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'self'; form-action 'self'",
      );
    return payload;
  });

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(async (req, reply) => {
    await handleError(new AppError('not_found'), req, reply);
  });

  await app.register(platformRoutes);
  await app.register(authRoutes);
  await app.register(accountsAdminRoutes);
  await app.register(accountsApiRoutes);
  await app.register(workdaysApiRoutes);
  await app.register(workdaysAdminRoutes);
  await app.register(auditRoutes);
  await app.register(supervisionRoutes);
  await app.register(catalogRoutes);
  await app.register(publicationsRoutes);
  await app.register(applicationsRoutes);
  await app.register(annualReportsRoutes);
  await app.register(portalRoutes);

  app.get('/api/docs', { config: { access: { kind: 'public' } }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}
