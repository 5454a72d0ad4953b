/**
 * Item pages kept in the database (ADR 0014), on every dialect:
 *   - a page rendered by one process is served by another from the database (`X-Cache: hit-store`),
 *     byte for byte, with the same headers;
 *   - it stays served after changes that do not concern it (another item published), and is rendered
 *     again after one that does: the item itself, an interpretation linked to it, its agency's
 *     失效文件, the site settings — and by other code or configuration (another render key);
 *   - `prerenderItemPages` fills the store ahead of requests (skipping fresh pages, by shard), and the
 *     render-on-write job renders the pages of items changed since its last run.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { approvePublication } from '../../publications/commands/approve-step.js';
import { linkInterpretation } from '../../publications/commands/link-interpretation.js';
import { publishNow } from '../../publications/commands/publish-now.js';
import { setValidity } from '../../publications/commands/set-validity.js';
import { submitPublication } from '../../publications/commands/submit-publication.js';
import { withdrawPublication } from '../../publications/commands/withdraw-publication.js';
import { buildPublication, ctxOf, MZ } from '../../publications/publications.fixtures.js';
import { saveSiteSettings } from '../site-settings.commands.js';
import { portalCommand } from './cli-command.js';
import { secondInstance } from './page-cache.fixture.js';
import { pageStoreEnabled, portalPageStore, setPortalPageStore } from './page-cache.js';
import { PortalPageStore } from './page-store.js';
import { prerenderItemPages, RenderOnWrite, shardOf } from './prerender.js';

describe('page store settings', () => {
  it('is on by default; PORTAL_PAGE_STORE=0 turns it off; anything else is refused in Chinese', () => {
    expect(pageStoreEnabled({})).toBe(true);
    expect(pageStoreEnabled({ PORTAL_PAGE_STORE: '1' })).toBe(true);
    expect(pageStoreEnabled({ PORTAL_PAGE_STORE: '0' })).toBe(false);
    expect(() => pageStoreEnabled({ PORTAL_PAGE_STORE: 'yes' })).toThrow(/PORTAL_PAGE_STORE/);
  });

  it('shards ids stably and evenly enough', () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[shardOf(`id-${i}`, 3)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(850);
    expect(shardOf('abc', 7)).toBe(shardOf('abc', 7));
  });
});

for (const dialect of dialects) {
  describe(`portal page store [${dialect}]`, () => {
    let t: TestApp;
    let other: FastifyInstance;
    let section: string;
    const get = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url });
    const xCache = (r: LightMyRequestResponse) => r.headers['x-cache'];
    /** A request of this app, then its page written to the store. */
    const render = async (url: string) => {
      const r = await get(t.app, url);
      await portalPageStore(t.services)!.settled();
      return r;
    };
    const stored = async (url: string) =>
      t.services.db
        .selectFrom('portal_page_store')
        .select(['url', 'revision'])
        .where('url', '=', url)
        .executeTakeFirst();

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

    it('serves a page rendered by one process to another from the database, byte for byte', async () => {
      const p = await buildPublication.published(t, { title: '关于页面存储测试的通知' });
      const url = `${section}/items/${p.id}`;
      const first = await render(url);
      expect([first.statusCode, xCache(first)]).toEqual([200, 'miss']);
      expect(await stored(url)).toBeDefined();
      const fromStore = await get(other, url);
      expect([fromStore.statusCode, xCache(fromStore)]).toEqual([200, 'hit-store']);
      expect(fromStore.body).toBe(first.body);
      for (const h of ['etag', 'last-modified', 'cache-control', 'content-type', 'content-security-policy'])
        expect([h, fromStore.headers[h]]).toEqual([h, first.headers[h]]);
      // Asked for again, it goes into the second process's memory (the doorkeeper admits a page on its
      // second request), and is served from there; 304 as ever.
      expect(xCache(await get(other, url))).toBe('hit-store');
      expect(xCache(await get(other, url))).toBe('hit');
      const notModified = await other.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      expect(notModified.statusCode).toBe(304);
      // Other variants are other rows, stored when first asked for.
      expect(await stored(`/lb${url}`)).toBeUndefined();
      await render(`/lb${url}`);
      expect(xCache(await get(other, `/lb${url}`))).toBe('hit-store');
      // A page the public cannot see is never stored.
      const draft = await buildPublication.draft(t, { title: '未发布的草稿' });
      expect((await render(`${section}/items/${draft.id}`)).statusCode).toBe(404);
      expect(await stored(`${section}/items/${draft.id}`)).toBeUndefined();
    });

    it('keeps a page through changes that do not concern it, not through those that do', async () => {
      const policy = await buildPublication.published(t, {
        title: '示例市临时救助实施办法',
        genre: 'normativeDocument',
        validity: 'effective',
        docNoNumber: 52,
      });
      const url = `${section}/items/${policy.id}`;
      await render(url);
      await get(other, url); // in the second process's memory too

      // Another item published: every process's memory is emptied, the stored page still holds.
      const unrelated = await buildPublication.published(t, {
        title: '示例市殡葬管理办法',
        genre: 'normativeDocument',
        validity: 'effective',
        docNoNumber: 53,
      });
      expect(xCache(await get(other, url))).toBe('hit-store');

      // An interpretation linked to it and published: the policy's page shows it.
      const interpretation = await buildPublication.draft(t, {
        genre: 'interpretation',
        title: '《示例市临时救助实施办法》解读',
      });
      await linkInterpretation(await ctxOf(t, 'mz.editor'), interpretation.id, { policyId: policy.id });
      let r = await get(other, url);
      expect(xCache(r)).toBe('miss'); // the link itself concerns the policy's page
      await portalPageStore(other.services)!.settled();
      let i = await submitPublication(await ctxOf(t, 'mz.editor'), interpretation.id);
      i = await approvePublication(await ctxOf(t, 'mz.reviewer'), i.id);
      i = await approvePublication(await ctxOf(t, 'mz.secrecy'), i.id);
      // (Each review step of a linked item counts as a change of the policy's page too: a page is
      // rendered again more often than needed, never served after it changed.)
      await publishNow(await ctxOf(t, 'mz.signer'), i.id);
      r = await get(other, url);
      expect([r.statusCode, xCache(r)]).toEqual([200, 'miss']);
      expect(r.body).toContain('《示例市临时救助实施办法》解读');
      await portalPageStore(other.services)!.settled();
      expect(xCache(await get(t.app, url))).toBe('hit-store');

      // Another item of the agency marked 已废止: the section's menu now shows 失效文件 everywhere.
      await setValidity(await ctxOf(t, 'mz.signer'), unrelated.id, { validity: 'repealed', note: '已废止' });
      r = await get(other, url);
      expect(xCache(r)).toBe('miss');
      await portalPageStore(other.services)!.settled();

      // The site settings: every page.
      await saveSiteSettings(await ctxOf(t, 'admin'), { siteName: '页面存储测试平台' });
      r = await get(t.app, url);
      expect(xCache(r)).toBe('miss');
      expect(r.body).toContain('页面存储测试平台');
      await portalPageStore(t.services)!.settled();

      // The item itself withdrawn: 410, stored as such.
      await withdrawPublication(await ctxOf(t, 'mz.signer'), policy.id, { reason: '内容有误，依法撤回' });
      r = await get(other, url);
      expect([r.statusCode, xCache(r)]).toEqual([410, 'miss']);
      await portalPageStore(other.services)!.settled();
      r = await get(t.app, url);
      expect([r.statusCode, xCache(r)]).toEqual([410, 'hit-store']);
    });

    it('does not serve a page rendered by other code or configuration', async () => {
      const p = await buildPublication.published(t, { title: '渲染版本测试' });
      const url = `${section}/items/${p.id}`;
      await render(url);
      const own = portalPageStore(other.services);
      setPortalPageStore(other.services, new PortalPageStore(other.services.db, () => 'another-release'));
      try {
        const r = await get(other, url);
        expect([r.statusCode, xCache(r)]).toEqual([200, 'miss']);
        await portalPageStore(other.services)!.settled();
        // The newer code's page replaced it; the old code no longer finds its own.
        expect(xCache(await get(t.app, url))).not.toBe('hit-store');
      } finally {
        setPortalPageStore(other.services, own);
      }
    });

    it('renders pages ahead of requests: all, by shard, skipping fresh ones; and after writes', async () => {
      const a = await buildPublication.published(t, { title: '预先生成页面甲' });
      const b = await buildPublication.published(t, { title: '预先生成页面乙' });
      const shard0 = await prerenderItemPages(t.app, { shard: [0, 2] });
      const shard1 = await prerenderItemPages(t.app, { shard: [1, 2] });
      const all = await prerenderItemPages(t.app, { agencyCode: section.slice(4) });
      expect(shard0.seen + shard1.seen).toBeGreaterThanOrEqual(2);
      expect(all.rendered).toBe(0); // every page just rendered is fresh
      expect(all.fresh).toBeGreaterThanOrEqual(2);
      for (const p of [a, b]) expect(xCache(await get(other, `${section}/items/${p.id}`))).toBe('hit-store');
      await expect(prerenderItemPages(t.app, { agencyCode: 'NO-SUCH' })).rejects.toThrow(/NO-SUCH/);

      const job = new RenderOnWrite(t.app);
      expect(await job.run()).toBe(0); // the first run only notes where the log stands
      const c = await buildPublication.published(t, { title: '发布后即生成的页面' });
      expect(await job.run()).toBe(1);
      const r = await get(other, `${section}/items/${c.id}`);
      expect([r.statusCode, xCache(r)]).toEqual([200, 'hit-store']);
      expect(r.body).toContain('发布后即生成的页面');
      expect(await job.run()).toBe(0);
    });

    it('gongkai portal prerender: renders, prints, exits 0; 2 on wrong arguments, 1 on an unknown agency', async () => {
      await buildPublication.published(t, { title: '命令行预先生成' });
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
      const withApp = <T>(fn: (app: FastifyInstance) => Promise<T>) => fn(t.app);
      expect(await portalCommand(['prerender', '--concurrency', '2'], withApp, io)).toBe(0);
      expect(lines.at(-1)).toMatch(
        /^prerendered [1-9]\d* item pages in [\d.]+ s \(\d+ already fresh, 0 failed; \d+ public items\)$/,
      );
      expect(await portalCommand(['prerender', '--shard', '2/2'], withApp, io)).toBe(2);
      expect(await portalCommand(['prerender', '--bogus'], withApp, io)).toBe(2);
      expect(await portalCommand(['render'], withApp, io)).toBe(2);
      expect(await portalCommand(['prerender', '--agency', 'NO-SUCH'], withApp, io)).toBe(1);
      expect(lines.at(-1)).toContain('NO-SUCH');
    });
  });
}
