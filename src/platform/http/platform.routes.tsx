/** Routes of the platform itself: health, static assets, the public home page. */
import type { FastifyInstance } from 'fastify';
import { type Agency, toAgency } from '../../modules/accounts/accounts.js';
import { listAgencies } from '../../modules/accounts/accounts.repository.js';
import { sendPage } from '../views/render.js';
import { SITE_CSS } from '../views/site.css.js';
import { access } from './access.js';

/** An agency's 政府信息公开 section (modules/portal/urls.ts). */
const sectionHref = (code: string) => `/gk/${encodeURIComponent(code)}`;

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

  app.get('/', { config: { access: access.public }, schema: { hide: true } }, async (req, reply) => {
    const agencies = (await listAgencies(services.db)).map(toAgency).filter((a) => a.status === 'active');
    const governments = agencies.filter((a) => a.kind === 'government');
    const childrenOf = (id: string) => agencies.filter((a) => a.parentId === id && a.kind === 'department');
    return sendPage(req, reply, { title: '首页', area: 'public' }, () => (
      <>
        <h1>政府信息公开</h1>
        <p>
          本平台集中发布各行政机关依《中华人民共和国政府信息公开条例》主动公开的政府信息，并受理政府信息公开申请。
        </p>
        <h2>各级行政机关</h2>
        {governments.length === 0 ? (
          <p class="muted">平台尚未开通行政机关。</p>
        ) : (
          <ul class="cards">
            {governments.map((g: Agency) => (
              <li class="card" key={g.id}>
                <h3>
                  <a href={sectionHref(g.code)}>{g.name}</a>
                </h3>
                {childrenOf(g.id).length > 0 ? (
                  <ul>
                    {childrenOf(g.id).map((d) => (
                      <li key={d.id}>
                        <a href={sectionHref(d.code)}>{d.name}</a>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p class="muted">暂无部门</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </>
    ));
  });
}
