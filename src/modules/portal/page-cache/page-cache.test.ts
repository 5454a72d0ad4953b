/**
 * The rendered-page cache of public portal pages (ADR 0010), on every dialect:
 *   - the first request renders (`X-Cache: miss`), the next is answered from the cache (`hit`) with
 *     the same bytes, ETag and headers; 304 and HEAD behave as without a cache;
 *   - a committed change (publication, validity, withdrawal, scheduled publication, catalogue,
 *     agency, site settings) is on the next request — of this app and of a second app on the same
 *     database standing for another server process (its own cache, its own site settings);
 *   - signed-in requests neither read nor fill the cache; the cache stays within its byte budget,
 *     404s of made-up addresses within their share.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { updateAgencyDetails } from '../../accounts/commands/manage-agencies.js';
import { findNodeBySlugPath } from '../../catalog/catalog.repository.js';
import { retireNode } from '../../catalog/commands/retire-node.js';
import { updateNodeDetails } from '../../catalog/commands/update-node.js';
import { publishDue } from '../../publications/commands/publish-due.js';
import { setValidity } from '../../publications/commands/set-validity.js';
import { withdrawPublication } from '../../publications/commands/withdraw-publication.js';
import { buildPublication, ctxOf, MZ } from '../../publications/publications.fixtures.js';
import { saveSiteSettings } from '../site-settings.commands.js';
import { ByteLru } from './lru.js';
import { secondInstance } from './page-cache.fixture.js';
import { type CachedPage, PortalPageCache, pageCacheBytes, portalPageCache } from './page-cache.js';
import { revisionReader } from './revision.js';

describe('ByteLru', () => {
  it('keeps the most recently used entries within its byte budget', () => {
    const lru = new ByteLru<string>(1000);
    for (const k of ['a', 'b', 'c', 'd']) expect(lru.set(k, k, 240)).toBe(true);
    expect(lru.bytes).toBe(960);
    expect(lru.get('a')).toBe('a'); // a is now the most recent; b the least
    lru.set('e', 'e', 240);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d'), lru.get('e')]).toEqual(['a', 'c', 'd', 'e']);
    expect(lru.bytes).toBe(960);
    lru.set('c', 'C', 100); // replacing counts the new size only
    expect(lru.bytes).toBe(820);
    expect(lru.set('huge', 'x', 251)).toBe(false); // over a quarter of the budget: not kept
    expect(lru.get('huge')).toBeUndefined();
    expect(lru.size).toBe(4);
    lru.clear();
    expect([lru.size, lru.bytes]).toEqual([0, 0]);
  });
});

describe('PortalPageCache', () => {
  const page = (revision: number, status = 200, size = 1000): CachedPage => ({
    revision,
    inputs: [],
    status,
    body: Buffer.alloc(size, 'x'),
    etag: '"e"',
    lastModified: null,
    cacheControl: 'public, max-age=60',
    contentType: 'text/html; charset=utf-8',
  });

  it('serves an entry only under the revision it was rendered with, and resyncs once per new revision', async () => {
    let revision = 1;
    let resyncs = 0;
    const cache = new PortalPageCache({
      maxBytes: 1 << 20,
      readRevision: async () => revision,
      onNewRevision: async () => {
        resyncs++;
      },
    });
    expect(await cache.revision()).toBe(1);
    expect(cache.set('/a', page(1))).toBe(true);
    expect(cache.get('/a', 1)?.revision).toBe(1);
    revision = 2;
    expect(cache.get('/a', 1)).toBeDefined(); // nothing read yet…
    expect(await cache.revision()).toBe(2); // …now the newer revision empties the cache
    expect(cache.get('/a', 2)).toBeUndefined();
    expect(cache.entries).toBe(0);
    expect(cache.set('/a', page(1))).toBe(false); // rendered under the old revision: never kept
    expect(cache.set('/a', page(2))).toBe(true);
    await cache.revision();
    expect(resyncs).toBe(2);
    revision = 1; // the row deleted and made again: a change too
    expect(await cache.revision()).toBe(1);
    expect([cache.entries, resyncs]).toEqual([0, 3]);
  });

  it('shares one revision read among requests arriving during a read, never one begun before them', async () => {
    let committed = 1;
    let reads = 0;
    const finish: (() => void)[] = [];
    const cache = new PortalPageCache({
      maxBytes: 1 << 20,
      readRevision: () => {
        reads++;
        const seen = committed; // what the query sees: the revision committed when it starts
        return new Promise((resolve) => finish.push(() => resolve(seen)));
      },
      onNewRevision: async () => {},
    });
    const a = cache.revision();
    committed = 2; // a change commits while the first read runs…
    const b = cache.revision(); // …so these two must not take the first read's answer
    const c = cache.revision();
    expect(reads).toBe(1);
    finish.shift()!();
    expect(await a).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toBe(2); // one read for both
    finish.shift()!();
    expect([await b, await c]).toEqual([2, 2]);
    expect(reads).toBe(2);
  });

  it('admits a page from the store into memory on its second request within the window', () => {
    const cache = new PortalPageCache({
      maxBytes: 64 * 10_240,
      readRevision: async () => 1,
      onNewRevision: async () => {},
    });
    expect(cache.admit('/a')).toBe(false);
    expect(cache.admit('/a')).toBe(true);
    for (let i = 0; i < 64; i++) cache.admit(`/x${i}`); // the window (64 keys here) is full: forgotten
    expect(cache.admit('/a')).toBe(false);
  });

  it('keeps 404s in their own eighth of the budget, so made-up addresses cannot push pages out', async () => {
    const cache = new PortalPageCache({
      maxBytes: 80_000,
      readRevision: async () => 1,
      onNewRevision: async () => {},
    });
    await cache.revision();
    for (let i = 0; i < 40; i++) cache.set(`/p/${i}`, page(1, 200, 1000));
    for (let i = 0; i < 1000; i++) cache.set(`/gk/x${i}`, page(1, 404, 1000));
    expect(cache.missing.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.pages.size).toBe(40);
    expect(cache.bytes).toBeLessThanOrEqual(80_000);
    expect(cache.get('/p/0', 1)).toBeDefined();
  });

  it('does not serve a page rendered from other site settings or configuration', async () => {
    let settings = { siteName: '甲' };
    const cache = new PortalPageCache({
      maxBytes: 1 << 20,
      readRevision: async () => 1,
      onNewRevision: async () => {},
      inputs: () => [settings],
    });
    await cache.revision();
    cache.set('/a', { ...page(1), inputs: cache.inputs() });
    expect(cache.get('/a', 1)).toBeDefined();
    settings = { siteName: '甲' }; // reloaded: another object, even with equal fields
    expect(cache.get('/a', 1)).toBeUndefined();
  });

  it('does not keep what was rendered while the resync failed', async () => {
    let fail = true;
    const cache = new PortalPageCache({
      maxBytes: 1 << 20,
      readRevision: async () => 5,
      onNewRevision: async () => {
        if (fail) throw new Error('database away');
      },
    });
    await cache.revision();
    expect(cache.set('/a', page(5))).toBe(false);
    fail = false;
    await cache.revision();
    expect(cache.set('/a', page(5))).toBe(true);
  });

  it('reads its budget from PORTAL_PAGE_CACHE_MB, with a Chinese message for a bad value', () => {
    expect(pageCacheBytes({})).toBe(64 * 1024 * 1024);
    expect(pageCacheBytes({ PORTAL_PAGE_CACHE_MB: '0' })).toBe(0);
    expect(pageCacheBytes({ PORTAL_PAGE_CACHE_MB: '256' })).toBe(256 * 1024 * 1024);
    expect(() => pageCacheBytes({ PORTAL_PAGE_CACHE_MB: '12MB' })).toThrow(/PORTAL_PAGE_CACHE_MB 应为/);
  });
});

/**
 * Another server process on the same database: its own app, services, page cache and site-settings
 * store (both are kept per services / per database object, so a proxy of the database object and a
 * copy of the config give it its own), sharing only the database.
 */
for (const dialect of dialects) {
  describe(`portal page cache [${dialect}]`, () => {
    let t: TestApp;
    let other: FastifyInstance;
    let section: string;
    const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
      app.inject({ method: 'GET', url, headers });
    const xCache = (r: LightMyRequestResponse) => r.headers['x-cache'];

    beforeAll(async () => {
      t = await testApp(dialect);
      other = await secondInstance(t);
      const agency = await findAgency(t.services.db, t.agencies[MZ]!);
      section = `/gk/${agency!.code}`;
    });
    afterAll(async () => {
      await other?.close();
      await t?.close();
    });

    it('answers the second request from the cache with the same bytes and headers; 304 and HEAD as before', async () => {
      const p = await buildPublication.published(t, { title: '关于缓存测试的通知' });
      const url = `${section}/items/${p.id}`;
      const first = await get(t.app, url);
      expect([first.statusCode, xCache(first)]).toEqual([200, 'miss']);
      expect(first.body).toContain('关于缓存测试的通知');
      const second = await get(t.app, url);
      expect([second.statusCode, xCache(second)]).toEqual([200, 'hit']);
      expect(second.body).toBe(first.body);
      for (const h of ['etag', 'last-modified', 'cache-control', 'content-type', 'content-security-policy'])
        expect([h, second.headers[h]]).toEqual([h, first.headers[h]]);
      expect(second.headers['set-cookie']).toBeUndefined();

      const notModified = await get(t.app, url, { 'if-none-match': String(first.headers.etag) });
      expect([notModified.statusCode, xCache(notModified), notModified.body]).toEqual([304, 'hit', '']);
      expect(notModified.headers.etag).toBe(first.headers.etag);
      const stale = await get(t.app, url, { 'if-none-match': '"other"' });
      expect([stale.statusCode, xCache(stale)]).toEqual([200, 'hit']);

      const head = await t.app.inject({ method: 'HEAD', url });
      expect([head.statusCode, xCache(head), head.body]).toEqual([200, 'hit', '']);
      expect(head.headers['content-length']).toBe(String(Buffer.byteLength(first.body)));

      // Variants are other addresses, other entries.
      const elder = await get(t.app, `/lb${url}`);
      expect([elder.statusCode, xCache(elder)]).toEqual([200, 'miss']);
      expect(xCache(await get(t.app, `/lb${url}`))).toBe('hit');
      expect(xCache(await get(t.app, `/ft${url}`))).toBe('miss');
    });

    it('shows a change committed through one process on the next request of both', async () => {
      const p = await buildPublication.published(t, {
        title: '示例市低保审批办法',
        genre: 'normativeDocument',
        validity: 'effective',
        docNoNumber: 41,
      });
      const url = `${section}/items/${p.id}`;
      for (const app of [t.app, other]) {
        await get(app, url);
        const warm = await get(app, url);
        expect(xCache(warm)).toBe('hit');
        expect(warm.body).not.toContain('已废止');
      }

      await setValidity(await ctxOf(t, 'mz.signer'), p.id, { validity: 'repealed', note: '已废止' });
      for (const app of [other, t.app]) {
        const after = await get(app, url);
        expect(after.statusCode).toBe(200);
        expect(xCache(after)).not.toBe('hit'); // rendered anew, or by the other process (page store)
        expect(after.body).toContain('已废止');
      }

      await withdrawPublication(await ctxOf(t, 'mz.signer'), p.id, { reason: '内容有误，依法撤回' });
      for (const app of [other, t.app]) {
        const gone = await get(app, url);
        expect(gone.statusCode).toBe(410);
        expect(xCache(gone)).not.toBe('hit'); // rendered anew, or by the other process (page store)
        expect(xCache(await get(app, url))).toBe('hit'); // 410 pages are kept too
      }
    });

    it('shows a scheduled item once the runner has published it', async () => {
      const p = await buildPublication.scheduled(t, '2026-03-03T01:00:00+08:00', { title: '定时发布的通知' });
      const url = `${section}/items/${p.id}`;
      for (const app of [t.app, other]) {
        expect((await get(app, url)).statusCode).toBe(404);
        expect(xCache(await get(app, url))).toBe('hit');
      }
      expect((await publishDue(t.services, new Date('2026-03-02T17:00:30Z'))).published).toEqual([p.id]);
      for (const app of [other, t.app]) {
        const shown = await get(app, url);
        expect(shown.statusCode).toBe(200);
        expect(xCache(shown)).not.toBe('hit'); // rendered anew, or by the other process (page store)
        expect(shown.body).toContain('定时发布的通知');
      }
    });

    it('shows catalogue, agency and site-settings changes on the next request of both', async () => {
      const db = t.services.db;
      const column = (await findNodeBySlugPath(db, t.agencies[MZ]!, ['fdzdgknr', 'xzgfxwj']))!;
      const columnUrl = `${section}/fdzdgknr/xzgfxwj`;
      const warm = async (url: string) => {
        for (const app of [t.app, other]) {
          await get(app, url);
          expect(xCache(await get(app, url))).toBe('hit');
        }
      };
      const expectOnBoth = async (url: string, text: string, status = 200) => {
        for (const app of [other, t.app]) {
          const r = await get(app, url);
          expect(r.statusCode).toBe(status);
          expect(xCache(r)).not.toBe('hit'); // rendered anew, or by the other process (page store)
          expect(r.body).toContain(text);
        }
      };

      await warm(columnUrl);
      await updateNodeDetails(await ctxOf(t, 'mz.admin'), column.id, {
        name: '规范性文件（更名）',
        holdsDocuments: 'on',
      });
      await expectOnBoth(columnUrl, '规范性文件（更名）');

      await warm(section);
      const agency = (await findAgency(db, t.agencies[MZ]!))!;
      await updateAgencyDetails(await ctxOf(t, 'admin'), agency.id, {
        code: agency.code,
        name: '示例市民政局（更名）',
        kind: agency.kind,
        level: agency.level,
        parentId: agency.parent_id ?? '',
        sortOrder: String(agency.sort_order),
      });
      await expectOnBoth(section, '示例市民政局（更名）');

      await warm('/');
      await saveSiteSettings(await ctxOf(t, 'admin'), { siteName: '缓存测试政府信息公开平台' });
      await expectOnBoth('/', '缓存测试政府信息公开平台');
      await expectOnBoth(columnUrl, '缓存测试政府信息公开平台');

      await warm(columnUrl);
      const page = (await findNodeBySlugPath(db, t.agencies[MZ]!, ['fdzdgknr', 'xzgfxwj']))!;
      await retireNode(await ctxOf(t, 'mz.admin'), page.id, { reason: '栏目调整' });
      await expectOnBoth(columnUrl, '页面不存在', 404);
    });

    it('neither reads nor fills the cache for a signed-in user', async () => {
      const p = await buildPublication.published(t, { title: '登录用户看到的通知' });
      const url = `${section}/items/${p.id}`;
      const cache = portalPageCache(t.services);
      const signedIn = await t.login('mz.editor');
      const before = cache.entries;
      const r1 = await signedIn.inject({ method: 'GET', url });
      const r2 = await signedIn.inject({ method: 'GET', url });
      expect([r1.statusCode, r2.statusCode]).toEqual([200, 200]);
      expect([xCache(r1), xCache(r2)]).toEqual([undefined, undefined]);
      expect(cache.entries).toBe(before);
      expect(xCache(await get(t.app, url))).toBe('miss'); // the anonymous reader's first request
      const anonymous = await get(t.app, url);
      expect(xCache(anonymous)).toBe('hit');
      expect(anonymous.body).toBe(r2.body); // the page does not depend on who asks
    });

    it('keeps 404 pages of made-up addresses within their share', async () => {
      const cache = portalPageCache(t.services);
      for (let i = 0; i < 30; i++) {
        const r = await get(t.app, `/gk/no-such-agency-${i}/x`);
        expect([r.statusCode, xCache(r)]).toEqual([404, 'miss']);
      }
      expect(xCache(await get(t.app, '/gk/no-such-agency-29/x'))).toBe('hit');
      // A client asking for JSON gets the JSON error, never the cached page (nor does it fill the cache).
      const api = await get(t.app, '/gk/no-such-agency-29/x', { accept: 'application/json' });
      expect([api.statusCode, xCache(api), api.json().error.code]).toEqual([404, undefined, 'not_found']);
      expect(cache.missing.bytes).toBeLessThanOrEqual(cache.missing.maxBytes);
      expect(cache.missing.size).toBeGreaterThan(0);
    });

    it('reads the revision with one query, raised by every change', async () => {
      const read = revisionReader(t.services.db);
      const r0 = await read();
      await buildPublication.published(t);
      expect(await read()).toBeGreaterThan(r0);
    });
  });
}
