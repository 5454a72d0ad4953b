/**
 * Site identity settings (platform admins, /admin/site), the two footer badges, and the view
 * counter: the beacon the item page's script sends and the total it shows.
 *
 * The beacon (POST /api/v1/views, `{"id": "<publication id>"}`) is public and anonymous, so it
 * cannot carry a CSRF token. It is CSRF-safe the way the JSON sign-in is (`csrfJsonOnly`): only
 * `application/json` is accepted, which a cross-site page can send only after a CORS preflight the
 * platform never grants; a browser's `Sec-Fetch-Site`/`Origin` saying another site is refused as
 * well. Each reader is rate-limited in memory; nothing of the reader is stored (views-counter.ts).
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { attempt, body, formValues } from '../../../platform/http/form-helpers.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { etagOf, sendCacheable } from '../http-cache.js';
import { saveSiteSettings } from '../site-settings.commands.js';
import { formatFooterLinks, type SiteSettingsRecord } from '../site-settings.js';
import { getSiteSettings } from '../site-settings.repository.js';
import { currentSiteSettings, registerSiteSettings, siteSettingsStore } from '../site-settings.store.js';
import {
  CONAC_BADGE_PATH,
  CONAC_BADGE_SVG,
  POLICE_BADGE_PATH,
  POLICE_BADGE_SVG,
} from '../views/site-footer.js';
import { SiteSettingsPage } from '../views/site-settings.views.js';
import { ViewCounter } from '../views-counter.js';
import { liveIds, totalViews } from '../views-counter.repository.js';

/** How long browsers and CDNs may keep an item's total. */
export const VIEWS_CACHE_CONTROL = 'public, max-age=30';

const counters = new WeakMap<object, ViewCounter>();

/** The view counter of an app (one per `app.services`): server.ts flushes it on a timer, tests directly. */
export function viewCounterOf(services: object): ViewCounter | undefined {
  return counters.get(services);
}

function settingsValues(s: SiteSettingsRecord): Values {
  return {
    siteName: s.siteName ?? '',
    baseUrl: s.baseUrl ?? '',
    siteDomain: s.siteDomain ?? '',
    siteIdCode: s.siteIdCode ?? '',
    icpNo: s.icpNo ?? '',
    psbNo: s.psbNo ?? '',
    conacId: s.conacId ?? '',
    hostOrg: s.hostOrg ?? '',
    operatorOrg: s.operatorOrg ?? '',
    contactPhone: s.contactPhone ?? '',
    address: s.address ?? '',
    footerLinks: formatFooterLinks(s.footerLinks),
  };
}

/**
 * Whether a browser says the request comes from another site (absent headers: not a browser's
 * say-so). The Origin may name the request's host or the site's configured address (a reverse
 * proxy may pass on another Host).
 */
function crossSite(req: FastifyRequest, siteAddress: string | null): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (typeof fetchSite === 'string' && fetchSite !== 'same-origin') return true;
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  try {
    const from = new URL(origin);
    if (from.host === req.host) return false;
    return !siteAddress || from.origin !== new URL(siteAddress).origin;
  } catch {
    return true;
  }
}

export async function siteRoutes(app: FastifyInstance) {
  const { services } = app;
  // The settings every portal page of this app shows: loaded before the first request (when the
  // database answers; otherwise at the first page, which meanwhile shows the defaults).
  const store = siteSettingsStore(services.db, services.clock);
  registerSiteSettings(services.config, store);
  await store.get().catch((err) => app.log.warn({ err }, 'site settings not loaded yet'));
  const admin = { config: { access: access.platformAdmin }, schema: { hide: true } };

  // ── /admin/site ──
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Values; error?: AppError; message?: string } = {},
  ) => {
    const saved = await getSiteSettings(services.db);
    return sendPage(req, reply, { title: '站点设置', area: 'admin', status: form.error?.status }, (ctx) => (
      <SiteSettingsPage
        csrf={ctx.csrf}
        values={form.values ?? settingsValues(saved)}
        errors={form.error?.fields ?? []}
        platformName={services.config.platformName}
        saved={saved}
        message={form.message}
      />
    ));
  };

  app.get('/admin/site', admin, async (req, reply) =>
    show(req, reply, {
      message: (req.query as { saved?: string }).saved === '1' ? '站点设置已保存。' : undefined,
    }),
  );

  app.post('/admin/site', admin, async (req, reply) => {
    const input = body(req);
    const r = await attempt(() => saveSiteSettings(commandContext(req), input));
    if (!r.ok) return show(req, reply, { values: formValues(input), error: r.error });
    return reply.redirect('/admin/site?saved=1', 303);
  });

  // ── the footer badges (this project's own drawings) ──
  const asset = { config: { access: access.public }, schema: { hide: true } };
  for (const [path, svg] of [
    [POLICE_BADGE_PATH, POLICE_BADGE_SVG],
    [CONAC_BADGE_PATH, CONAC_BADGE_SVG],
  ] as const) {
    const etag = etagOf(svg);
    app.get(path, asset, async (req, reply) =>
      sendCacheable(req, reply, svg, {
        contentType: 'image/svg+xml; charset=utf-8',
        etag,
        cacheControl: 'public, max-age=86400',
      }),
    );
  }

  // ── view counts ── (server.ts flushes every FLUSH_EVERY_MS; tests flush when they choose)
  const counter = new ViewCounter(services.clock);
  counters.set(services, counter);
  app.addHook('onClose', async () => {
    // The last counts, before the database closes.
    await counter.flush(services.db).catch((err) => app.log.warn({ err }, 'view counts lost at shutdown'));
  });

  app.post(
    '/api/v1/views',
    {
      config: { access: access.public, csrfJsonOnly: true },
      bodyLimit: 1024,
      schema: {
        tags: ['portal'],
        summary: '记录一次浏览（信息页面的脚本发送）',
        description:
          '仅接受 application/json，来自本站页面。同一读者对同一信息10分钟内只计一次；不保存读者的任何信息。',
        body: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, description: '信息编号' }) }),
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      const address = currentSiteSettings(services.config)?.baseUrl ?? services.config.publicBaseUrl;
      if (crossSite(req, address)) throw new AppError('forbidden', '只接受本站页面发送的浏览记录。');
      const outcome = counter.record(req.ip, (req.body as { id: string }).id);
      if (outcome === 'limited') throw new AppError('rate_limited');
      return reply.status(204).header('cache-control', 'no-store').send();
    },
  );

  app.get(
    '/api/v1/views/:publicationId',
    {
      config: { access: access.public },
      schema: {
        tags: ['portal'],
        summary: '信息的浏览次数',
        params: Type.Object({ publicationId: Type.String({ maxLength: 64 }) }),
        response: {
          200: Type.Object({ publicationId: Type.String(), views: Type.Integer({ minimum: 0 }) }),
        },
      },
    },
    async (req, reply) => {
      const id = (req.params as { publicationId: string }).publicationId;
      if (!(await liveIds(services.db, [id])).has(id)) throw new AppError('not_found');
      const views = (await totalViews(services.db, id)) + counter.pending(id);
      return sendCacheable(req, reply, JSON.stringify({ publicationId: id, views }), {
        contentType: 'application/json; charset=utf-8',
        cacheControl: VIEWS_CACHE_CONTROL,
      });
    },
  );
}
