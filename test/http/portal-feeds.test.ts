/**
 * Feeds, sitemap and robots.txt through HTTP (every dialect): well-formed XML holding exactly what
 * the portal's pages list (live versions, visible columns, the 50 latest), never withdrawn items,
 * drafts or items of a retired column; titles with markup characters and control characters stay
 * readable; absolute links from PUBLIC_BASE_URL or the request's host; cacheable, no cookie.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retireNode } from '../../src/modules/catalog/commands/retire-node.js';
import { loadSection } from '../../src/modules/portal/page-data.js';
import { sitemapRoutes } from '../../src/modules/portal/routes/sitemap.routes.js';
import type { SiteSettings } from '../../src/modules/portal/site-settings.js';
import { saveSiteSettingsRow } from '../../src/modules/portal/site-settings.repository.js';
import { siteSettingsStore } from '../../src/modules/portal/site-settings.store.js';
import { amendPublication } from '../../src/modules/publications/commands/amend-publication.js';
import { updatePublication } from '../../src/modules/publications/commands/update-publication.js';
import { withdrawPublication } from '../../src/modules/publications/commands/withdraw-publication.js';
import {
  buildPublication,
  completeInput,
  ctxOf,
} from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { toAppError } from '../../src/platform/http/error-handler.js';
import { type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';
import { child, children, parseXml, textOf, type XmlElement } from '../xml.js';
import {
  agencyCode,
  importItems,
  nodeId,
  portalListed,
  publicItemUrls,
  publish,
} from './open-data.fixtures.js';

const MARKUP_TITLE = '关于<调整>最低生活保障标准 & "兜底"保障的通知';
const CONTROL_TITLE = '临时救助\u000b实施\u001f细则\u0008\ufffe（试行）';

const EMPTY_SETTINGS: SiteSettings = {
  siteName: null,
  baseUrl: null,
  siteIdCode: null,
  siteDomain: null,
  icpNo: null,
  psbNo: null,
  conacId: null,
  hostOrg: null,
  operatorOrg: null,
  contactPhone: null,
  address: null,
  footerLinks: [],
};

const itemsOf = (doc: XmlElement) => children(child(doc, 'channel'), 'item');
const linkOf = (item: XmlElement) => textOf(child(item, 'link'));
const idOf = (url: string) => url.split('/items/')[1]!;

for (const dialect of dialects) {
  describe(`feeds, sitemap and robots.txt [${dialect}]`, () => {
    let t: TestApp;
    let code: string;
    let base: string;
    let normative: string;
    let markup: Publication;
    let control: Publication;
    let withdrawn: Publication;
    let retiredItem: Publication;
    let draft: Publication;
    let interpretation: Publication;
    let amending: Publication;

    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url, headers: { host: 'gk.test', ...headers } });

    beforeAll(async () => {
      t = await testApp(dialect);
      code = await agencyCode(t);
      base = `/gk/${code}`;
      normative = await nodeId(t, ['fdzdgknr', 'xzgfxwj']);
      // 55 archive items, so the section feed has more than it shows.
      await importItems(t, 55, { column: 'fdzdgknr/xzgfxwj', prefix: 'ARC', lastOn: '2026-02-28' });
      markup = await publish(
        t,
        await buildPublication.draft(t, { title: MARKUP_TITLE, columnId: normative, docNoNumber: 11 }),
      );
      t.clock.advance(3_600_000);
      control = await publish(t, await buildPublication.draft(t, { title: CONTROL_TITLE, docNoNumber: 12 }));
      t.clock.advance(3_600_000);
      interpretation = await publish(
        t,
        await buildPublication.draft(t, {
          title: '《最低生活保障标准》政策解读',
          columnId: await nodeId(t, ['zcjd']),
          genre: 'interpretation',
          docNoPrefix: null,
          docNoYear: null,
          docNoNumber: null,
        }),
      );
      t.clock.advance(3_600_000);
      withdrawn = await publish(
        t,
        await buildPublication.draft(t, { title: '误发的公示名单', docNoNumber: 13 }),
      );
      await withdrawPublication(await ctxOf(t, 'mz.signer'), withdrawn.id, { reason: '误发' });
      const mszc = await nodeId(t, ['fdzdgknr', 'mszc']);
      retiredItem = await publish(
        t,
        await buildPublication.draft(t, { title: '民生实事公示', columnId: mszc }),
      );
      await retireNode(await ctxOf(t, 'mz.admin'), mszc, { reason: '栏目调整' });
      draft = await buildPublication.draft(t, { title: '尚未审核的草稿' });
      // Published, then amended: its draft moves it to 制度 under another title (not public yet).
      amending = await publish(
        t,
        await buildPublication.draft(t, { title: '临时救助实施细则', columnId: normative, docNoNumber: 14 }),
      );
      const editor = await ctxOf(t, 'mz.editor');
      await amendPublication(editor, amending.id, { formedOn: '2026-03-02' });
      await updatePublication(
        editor,
        amending.id,
        completeInput(await nodeId(t, ['zfxxgkzd']), {
          title: '临时救助实施细则（修订草稿）',
          formedOn: '2026-03-02',
        }),
      );
      t.clock.advance(3_600_000);
    }, 180_000);
    afterAll(async () => t?.close());

    it('gives the section’s 50 latest live items as RSS 2.0, in the portal’s order', async () => {
      const res = await get(`${base}/feed/rss.xml`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
      const doc = parseXml(res.body);
      const items = itemsOf(doc);
      expect(items).toHaveLength(50);
      expect(items.map((i) => idOf(linkOf(i)))).toEqual(await portalListed(t, code, 50));
      const channel = child(doc, 'channel');
      expect(textOf(child(channel, 'title'))).toBe('示例市民政局政府信息公开');
      expect(textOf(child(channel, 'link'))).toBe(`http://gk.test${base}`);
      expect(child(channel, 'atom:link').attrs.href).toBe(`http://gk.test${base}/feed/rss.xml`);
      for (const absent of [withdrawn, retiredItem, draft])
        expect(res.body, absent.title).not.toContain(absent.id);
      expect(res.body).not.toContain('误发的公示名单');
      expect(res.body).not.toContain('尚未审核的草稿');
      expect(res.body).not.toContain('民生实事公示');
    });

    it('describes each item: title escaped, guid, Beijing pubDate, 主题分类, 文号 in the description', async () => {
      const doc = parseXml((await get(`${base}/feed/rss.xml`)).body);
      const byId = new Map(itemsOf(doc).map((i) => [idOf(linkOf(i)), i]));
      const item = byId.get(markup.id)!;
      expect(textOf(child(item, 'title'))).toBe(MARKUP_TITLE);
      expect(textOf(child(item, 'guid'))).toBe(`http://gk.test${base}/items/${markup.id}`);
      expect(textOf(child(item, 'pubDate'))).toBe('Mon, 02 Mar 2026 10:00:00 +0800');
      expect(textOf(child(item, 'category'))).toBe('民政、扶贫、救灾');
      expect(textOf(child(item, 'description'))).toContain('发文字号：示民发〔2026〕11号');
      // Control characters XML forbids are dropped; the rest of the title stays.
      expect(textOf(child(byId.get(control.id)!, 'title'))).toBe('临时救助实施细则（试行）');
      expect(textOf(child(byId.get(interpretation.id)!, 'description'))).not.toContain('发文字号');
    });

    it('gives the same items as Atom 1.0', async () => {
      const res = await get(`${base}/feed/atom.xml`);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const doc = parseXml(res.body);
      const entries = children(doc, 'entry');
      expect(entries.map((e) => idOf(textOf(child(e, 'id'))))).toEqual(await portalListed(t, code, 50));
      const entry = entries.find((e) => textOf(child(e, 'id')).endsWith(markup.id))!;
      expect(textOf(child(entry, 'title'))).toBe(MARKUP_TITLE);
      expect(textOf(child(entry, 'published'))).toBe('2026-03-02T10:00:00+08:00');
    });

    it('gives a column’s feed, and a section node’s with everything below it', async () => {
      const columnBody = (await get(`${base}/feed/fdzdgknr/xzgfxwj/rss.xml`)).body;
      const column = parseXml(columnBody);
      const ids = itemsOf(column).map((i) => idOf(linkOf(i)));
      expect(ids).toEqual(await portalListed(t, code, 50, [normative]));
      expect(ids).toContain(markup.id);
      expect(ids).toContain(amending.id);
      expect(ids).not.toContain(interpretation.id);
      expect(itemsOf(column).map((i) => textOf(child(i, 'title')))).toContain('临时救助实施细则');
      const rules = parseXml((await get(`${base}/feed/zfxxgkzd/rss.xml`)).body);
      expect(itemsOf(rules).map((i) => idOf(linkOf(i)))).not.toContain(amending.id);
      expect(columnBody).not.toContain('修订草稿');
      expect(textOf(child(child(column, 'channel'), 'title'))).toBe(
        '行政规范性文件_示例市民政局政府信息公开',
      );

      const interp = parseXml((await get(`${base}/feed/zcjd/atom.xml`)).body);
      expect(children(interp, 'entry').map((e) => idOf(textOf(child(e, 'id'))))).toEqual([interpretation.id]);

      const section = parseXml((await get(`${base}/feed/fdzdgknr/rss.xml`)).body);
      expect(itemsOf(section).map((i) => idOf(linkOf(i)))).toContain(markup.id);
      for (const url of [
        `${base}/feed/zfxxgkzn/rss.xml`, // the 指南 holds no items
        `${base}/feed/fdzdgknr/mszc/rss.xml`, // retired
        `${base}/feed/no-such/rss.xml`,
        `${base}/feed/rss`,
        `${base}/feed`,
        '/gk/NO-SUCH-AGENCY/feed/rss.xml',
      ])
        expect((await get(url)).statusCode, url).toBe(404);
    });

    it('announces the feeds in the head of the section home and of column pages', async () => {
      const home = (await get(base)).body;
      expect(home).toContain(
        `<link rel="alternate" type="application/rss+xml" title="示例市民政局政府信息公开（RSS）" href="${base}/feed/rss.xml"/>`,
      );
      expect(home).toContain(`type="application/atom+xml"`);
      const column = (await get(`${base}/fdzdgknr/xzgfxwj`)).body;
      expect(column).toContain(`href="${base}/feed/fdzdgknr/xzgfxwj/rss.xml"`);
      expect((await get(`${base}/zfxxgkzn`)).body).not.toContain('application/rss+xml');
    });

    it('uses the site address (settings, else PUBLIC_BASE_URL), and refuses a forged Host otherwise', async () => {
      t.services.config.publicBaseUrl = 'https://gk.example.gov.cn';
      try {
        const doc = parseXml((await get(`${base}/feed/rss.xml`, { host: 'other.test' })).body);
        expect(linkOf(itemsOf(doc)[0]!)).toMatch(/^https:\/\/gk\.example\.gov\.cn\/gk\//);
        expect((await get('/robots.txt', { host: 'other.test' })).body).toContain(
          'Sitemap: https://gk.example.gov.cn/sitemap.xml',
        );
        // The site settings' 网站地址, when set, wins (as on the pages).
        await saveSiteSettingsRow(
          t.services.db,
          { ...EMPTY_SETTINGS, baseUrl: 'https://www.example.gov.cn' },
          { updatedAt: t.clock.now().toISOString(), updatedBy: null },
        );
        await siteSettingsStore(t.services.db).refresh();
        const doc2 = parseXml((await get(`${base}/feed/atom.xml`, { host: 'other.test' })).body);
        expect(textOf(child(doc2, 'id'))).toBe(`https://www.example.gov.cn${base}`);
      } finally {
        t.services.config.publicBaseUrl = null;
        await saveSiteSettingsRow(t.services.db, EMPTY_SETTINGS, {
          updatedAt: t.clock.now().toISOString(),
          updatedBy: null,
        });
        await siteSettingsStore(t.services.db).refresh();
      }
      const forged = await get(`${base}/feed/rss.xml`, { host: 'evil.test/"><x' });
      expect(forged.statusCode).toBe(400);
    });

    it('is cacheable like the pages: ETag, Last-Modified, 304, no cookie', async () => {
      for (const url of [`${base}/feed/rss.xml`, `${base}/feed/fdzdgknr/xzgfxwj/atom.xml`, '/sitemap.xml']) {
        const res = await get(url);
        expect(res.headers.etag, url).toMatch(/^"[\w-]+"$/);
        expect(res.headers['cache-control'], url).toMatch(/^public, max-age=\d+$/);
        expect(Date.parse(String(res.headers['last-modified'])), url).not.toBeNaN();
        expect(res.headers['set-cookie'], url).toBeUndefined();
        const again = await get(url, { 'if-none-match': String(res.headers.etag) });
        expect(again.statusCode, url).toBe(304);
        const staff = await t.login('mz.editor');
        const signedIn = await staff.inject({ url, headers: { host: 'gk.test' } });
        expect(signedIn.body, url).toBe(res.body);
        expect(signedIn.headers['set-cookie'], url).toBeUndefined();
      }
    });

    it('lists every section, visible node and live item in one sitemap file when they fit', async () => {
      const res = await get('/sitemap.xml');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      const doc = parseXml(res.body);
      expect(doc.name).toBe('urlset');
      const locs = children(doc, 'url').map((u) => textOf(child(u, 'loc')).replace('http://gk.test', ''));
      expect(new Set(locs).size).toBe(locs.length);
      expect(new Set(locs)).toEqual(await expectedLocations(t));
      for (const u of children(doc, 'url'))
        expect(textOf(child(u, 'lastmod'))).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(locs).not.toContain(`${base}/items/${withdrawn.id}`);
      expect(locs).not.toContain(`${base}/fdzdgknr/mszc`);
      expect((await get('/sitemap/1.xml')).statusCode).toBe(404);
    });

    it('becomes a sitemap index of files of at most the limit when they do not fit', async () => {
      const perFile = 40;
      const small: FastifyInstance = Fastify();
      small.decorate('services', t.services);
      small.setErrorHandler((err, _req, reply) => reply.status(toAppError(err).status).send());
      await small.register(sitemapRoutes, { urlsPerFile: perFile });
      try {
        const index = parseXml(
          (await small.inject({ url: '/sitemap.xml', headers: { host: 'gk.test' } })).body,
        );
        expect(index.name).toBe('sitemapindex');
        const expected = await expectedLocations(t);
        const files = children(index, 'sitemap').map((s) => textOf(child(s, 'loc')));
        expect(files.length).toBe(Math.ceil(expected.size / perFile));
        expect(files[0]).toBe('http://gk.test/sitemap/1.xml');
        const seen: string[] = [];
        for (const file of files) {
          const res = await small.inject({
            url: file.replace('http://gk.test', ''),
            headers: { host: 'gk.test' },
          });
          expect(res.statusCode, file).toBe(200);
          const urls = children(parseXml(res.body), 'url');
          expect(urls.length, file).toBeLessThanOrEqual(perFile);
          seen.push(...urls.map((u) => textOf(child(u, 'loc')).replace('http://gk.test', '')));
        }
        expect(seen.length).toBe(expected.size);
        expect(new Set(seen)).toEqual(expected);
        const beyond = await small.inject({
          url: `/sitemap/${files.length + 1}.xml`,
          headers: { host: 'gk.test' },
        });
        expect(beyond.statusCode).toBe(404);
        expect((await small.inject({ url: '/sitemap/x.xml' })).statusCode).toBe(404);
      } finally {
        await small.close();
      }
    });

    it('serves robots.txt pointing to the sitemap, keeping crawlers out of the back office', async () => {
      const res = await get('/robots.txt');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.body).toContain('User-agent: *');
      expect(res.body).toContain('Disallow: /admin');
      expect(res.body).toContain('Sitemap: http://gk.test/sitemap.xml');
    });
  });
}

/** Section homes, every node the public sees, every item it can open: by the portal's own rules. */
async function expectedLocations(t: TestApp): Promise<Set<string>> {
  const out = await publicItemUrls(t);
  const agencies = await t.services.db.selectFrom('agencies').select('code').execute();
  for (const { code } of agencies) {
    const section = await loadSection(t.services.db, code);
    out.add(`/gk/${code}`);
    for (const n of section.nodes) out.add(`/gk/${code}/${n.slugPath.join('/')}`);
  }
  return out;
}
