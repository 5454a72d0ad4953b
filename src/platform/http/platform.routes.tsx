/**
 * Routes of the platform itself: health and the platform stylesheet. The public home page `/` is
 * a portal page (modules/portal: cacheable, and served in every site variant).
 */
import type { FastifyInstance } from 'fastify';
import { SITE_CSS } from '../views/site.css.js';
import { access } from './access.js';

const CSS_ETAG = `"${Buffer.from(String(SITE_CSS.length)).toString('base64')}-${SITE_CSS.length}"`;

export async function platformRoutes(app: FastifyInstance) {
  const { services } = app;

  app.get(
    '/healthz',
    {
      config: { access: access.public },
      schema: {
        tags: ['platform'],
        summary: '健康检查（含数据库连通性）',
        response: {
          200: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } },
          503: { type: 'object', properties: { error: { type: 'object', additionalProperties: true } } },
        },
      },
    },
    async (_req, reply) => {
      try {
        await services.db.selectFrom('calendar_years').select('year').limit(1).execute();
        return reply.header('cache-control', 'no-store').send({ status: 'ok', database: services.dialect });
      } catch {
        return reply
          .status(503)
          .header('cache-control', 'no-store')
          .send({ error: { code: 'service_unavailable', message: '数据库暂时不可用。', fields: [] } });
      }
    },
  );

  app.get(
    '/assets/site.css',
    { config: { access: access.public }, schema: { hide: true } },
    async (req, reply) => {
      reply.header('etag', CSS_ETAG).header('cache-control', 'public, max-age=3600');
      if (req.headers['if-none-match'] === CSS_ETAG) return reply.status(304).send();
      return reply.type('text/css; charset=utf-8').send(SITE_CSS);
    },
  );
}
