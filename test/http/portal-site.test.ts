/**
 * Site identity and view counts through HTTP (every dialect): the platform admin's /admin/site
 * (access, validation, audit), the `<head>` tags and footer of portal pages with and without
 * settings (and escaped), the item tools (share links and QR code only with a base URL), and the
 * view counter — beacons counted only after a flush, the ignored and refused cases, the rate
 * limit — while the page request itself writes nothing and its ETag never changes with views.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewCounterOf } from '../../src/modules/portal/routes/site.routes.js';
import type { SiteSettings } from '../../src/modules/portal/site-settings.js';
import { saveSiteSettingsRow } from '../../src/modules/portal/site-settings.repository.js';
import { siteSettingsStore } from '../../src/modules/portal/site-settings.store.js';
import { BEACONS_PER_MINUTE } from '../../src/modules/portal/views-counter.js';
import { withdrawPublication } from '../../src/modules/publications/commands/withdraw-publication.js';
import { buildPublication, ctxOf, MZ } from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { type Client, form, type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

const FULL: SiteSettings = {
  siteName: '示例市政府信息公开平台',
  baseUrl: 'https://gk.example.gov.cn',
  siteIdCode: '3590000001',
  siteDomain: null,
  icpNo: '闽ICP备09032658号-1',
  psbNo: '京公网安备11010202008000号',
  conacId: '0B7D5D5D9E4A0C4B',
  hostOrg: '示例市人民政府办公室',
  operatorOrg: '示例市大数据中心',
  contactPhone: '0000-5551234',
  address: '示例市示例大道1号',
  footerLinks: [
    { label: '使用帮助', url: '/help' },
    { label: '联系我们', url: 'https://gk.example.gov.cn/lxwm' },
  ],
};

const EMPTY: SiteSettings = {
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

for (const dialect of dialects) {
  describe(`site identity and view counts [${dialect}]`, () => {
    let t: TestApp;
    let admin: Client;
    let base: string;
    let item: Publication;
    let withdrawn: Publication;
    let draft: Publication;
    let itemPath: string;

    /** Stores settings as another process would (no cache refresh here), then refreshes this one. */
    async function useSettings(s: SiteSettings) {
      await saveSiteSettingsRow(t.services.db, s, {
        updatedAt: t.clock.now().toISOString(),
        updatedBy: null,
      });
      await siteSettingsStore(t.services.db).refresh();
    }

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
    const beacon = (id: unknown, opts: { ip?: string; headers?: Record<string, string> } = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/views',
        remoteAddress: opts.ip ?? '192.0.2.1',
        headers: { 'content-type': 'application/json', ...(opts.headers ?? {}) },
        payload: JSON.stringify({ id }),
      });
    const counter = () => viewCounterOf(t.services)!;
    const flush = () => counter().flush(t.services.db);
    const viewRows = () =>
      t.services.db.selectFrom('page_views').selectAll().orderBy('publication_id').orderBy('day').execute();
    const countOf = async (id: string) =>
      (await viewRows()).filter((r) => r.publication_id === id).reduce((n, r) => n + Number(r.count), 0);

    beforeAll(async () => {
      t = await testApp(dialect);
      admin = await t.login('admin');
      const code = (
        await t.services.db
          .selectFrom('agencies')
          .select('code')
          .where('id', '=', t.agencies[MZ]!)
          .executeTakeFirstOrThrow()
      ).code;
      base = `/gk/${code}`;
      item = await buildPublication.published(t, {
        title: '关于调整城乡居民最低生活保障标准的通知',
        body: '经研究，调整标准。\n\n![示意图](/assets/portal-psb-badge.svg)',
      });
      itemPath = `${base}/items/${item.id}`;
      withdrawn = await buildPublication.published(t, { title: '误发的名单', docNoNumber: 4 });
      await withdrawPublication(await ctxOf(t, 'mz.signer'), withdrawn.id, { reason: '依法撤回' });
      draft = await buildPublication.draft(t, { title: '尚未发布的草稿', docNoNumber: 5 });
    }, 120_000);
    afterAll(async () => t?.close());

    describe('/admin/site', () => {
      it('is for platform admins only', async () => {
        const anonymous = await get('/admin/site');
        expect(anonymous.statusCode).toBe(303);
        expect(anonymous.headers.location).toMatch(/^\/login/);
        const agencyAdmin = await t.login('mz.admin');
        expect((await agencyAdmin.inject({ url: '/admin/site' })).statusCode).toBe(403);
        const post = await agencyAdmin.inject({
          method: 'POST',
          url: '/admin/site',
          ...form({ siteIdCode: '1' }),
        });
        expect(post.statusCode).toBe(403);
        const page = await admin.inject({ url: '/admin/site' });
        expect(page.statusCode).toBe(200);
        expect(page.headers['cache-control']).toBe('private, no-store');
        // The demo's values, clearly marked.
        expect(page.body).toContain('value="示例市人民政府办公室（演示数据）"');
        expect(page.body).toContain('name="_csrf"');
      });

      it('refuses bad values with a message naming each field, and keeps what was typed', async () => {
        const before = await t.services.db.selectFrom('portal_site_settings').selectAll().execute();
        const res = await admin.inject({
          method: 'POST',
          url: '/admin/site',
          ...form({
            _csrf: admin.csrf,
            baseUrl: 'http://gk.example.gov.cn',
            siteIdCode: '12345',
            icpNo: '闽ICP09032658号',
            psbNo: '京公网安备123号',
            hostOrg: '新的主办单位',
          }),
        });
        expect(res.statusCode).toBe(400);
        for (const message of [
          '网站地址应为以 https:// 开头的网址',
          '网站标识码应为10位数字',
          'ICP备案号格式不正确',
          '公安备案号格式不正确',
        ])
          expect(res.body).toContain(message);
        expect(res.body).toContain('value="新的主办单位"');
        expect(await t.services.db.selectFrom('portal_site_settings').selectAll().execute()).toEqual(before);
      });

      it('needs the CSRF token', async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/admin/site',
          headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'siteIdCode=3590000001',
        });
        expect(res.statusCode).toBe(403);
      });

      it('saves, audits the change and shows it on the next public page', async () => {
        const res = await admin.inject({
          method: 'POST',
          url: '/admin/site',
          ...form({
            _csrf: admin.csrf,
            siteName: '示例市政府信息公开平台',
            baseUrl: 'https://gk.example.gov.cn/',
            siteIdCode: '3590000001',
            icpNo: '闽ICP备09032658号',
            hostOrg: '示例市人民政府办公室',
            footerLinks: '使用帮助 | /help',
          }),
        });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe('/admin/site?saved=1');
        const row = await t.services.db
          .selectFrom('portal_site_settings')
          .selectAll()
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({
          site_name: '示例市政府信息公开平台',
          base_url: 'https://gk.example.gov.cn',
          psb_no: null, // emptied: the demo value is gone
          footer_links_json: JSON.stringify([{ label: '使用帮助', url: '/help' }]),
        });
        const event = await t.services.db
          .selectFrom('audit_events')
          .selectAll()
          .where('action', '=', 'portal.site_update')
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow();
        expect(event.agency_id).toBeNull();
        expect(JSON.parse(event.after_json!)).toMatchObject({ siteIdCode: '3590000001', psbNo: null });
        expect(JSON.parse(event.before_json!)).toMatchObject({ siteIdCode: '0000000000' });
        expect((await admin.inject({ url: '/admin/site?saved=1' })).body).toContain('站点设置已保存');

        const page = await get(base);
        expect(page.body).toContain('<meta name="SiteIDCode" content="3590000001"/>');
        expect(page.body).toContain('主办单位：示例市人民政府办公室');
        expect(page.body).not.toContain('公网安备');

        // Saving the same values again writes nothing.
        const events = async () =>
          (
            await t.services.db
              .selectFrom('audit_events')
              .select('id')
              .where('action', '=', 'portal.site_update')
              .execute()
          ).length;
        const n = await events();
        const again = await admin.inject({
          method: 'POST',
          url: '/admin/site',
          ...form({
            _csrf: admin.csrf,
            siteName: '示例市政府信息公开平台',
            baseUrl: 'https://gk.example.gov.cn',
            siteIdCode: '3590000001',
            icpNo: '闽ICP备09032658号',
            hostOrg: '示例市人民政府办公室',
            footerLinks: '使用帮助 | /help',
          }),
        });
        expect(again.statusCode).toBe(303);
        expect(await events()).toBe(n);
      });
    });

    describe('head tags and footer', () => {
      it('with every identifier configured', async () => {
        await useSettings(FULL);
        const res = await get(itemPath);
        expect(res.statusCode).toBe(200);
        const b = res.body;
        const url = `https://gk.example.gov.cn${itemPath}`;
        for (const tag of [
          '<meta name="SiteName" content="示例市政府信息公开平台"/>',
          '<meta name="SiteDomain" content="gk.example.gov.cn"/>',
          '<meta name="SiteIDCode" content="3590000001"/>',
          '<meta name="ColumnName" content=',
          '<meta name="ColumnType" content=',
          '<meta name="ArticleTitle" content="关于调整城乡居民最低生活保障标准的通知"/>',
          '<meta name="PubDate" content="2026-03-02 10:00"/>',
          '<meta name="ContentSource" content="示例市民政局"/>',
          '<meta name="KeyWords" content="低保,社会救助"/>',
          '<meta name="Description" content="调整城乡低保标准"/>',
          '<meta name="Image" content="https://gk.example.gov.cn/assets/portal-psb-badge.svg"/>',
          `<meta name="Url" content="${url}"/>`,
          `<link rel="canonical" href="${url}"/>`,
        ])
          expect(b).toContain(tag);
        expect(b).toContain('<title>关于调整城乡居民最低生活保障标准的通知_');
        expect(b).toMatch(/_示例市政府信息公开平台<\/title>/);
        const footer = b.slice(b.indexOf('<footer'));
        for (const part of [
          '<a href="/help">使用帮助</a>',
          '<a href="https://gk.example.gov.cn/lxwm">联系我们</a>',
          '主办单位：示例市人民政府办公室　承办单位：示例市大数据中心',
          '联系电话：0000-5551234　地址：示例市示例大道1号',
          '网站标识码：3590000001',
          '<a href="https://beian.miit.gov.cn/" rel="noopener"><span lang="zh-Hans">闽ICP备09032658号-1</span></a>',
          'href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010202008000"',
          'alt="公安备案"',
          'href="https://bszs.conac.cn/sitename?method=show&amp;id=0B7D5D5D9E4A0C4B"',
          'alt="党政机关"',
        ])
          expect(footer).toContain(part);
        // 繁體 pages keep the registered numbers as registered (备, not 備).
        const ft = (await get(`/ft${itemPath}`)).body;
        const ftFooter = ft.slice(ft.indexOf('<footer'));
        expect(ftFooter).toContain('<span lang="zh-Hans">闽ICP备09032658号-1</span>');
        expect(ftFooter).toContain('<span lang="zh-Hans">京公网安备11010202008000号</span>');
        // The badges are served as images of their own.
        for (const path of ['/assets/portal-psb-badge.svg', '/assets/portal-conac-badge.svg']) {
          const img = await get(path);
          expect(img.statusCode, path).toBe(200);
          expect(img.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
          expect(img.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        }
      });

      it('with nothing configured: no empty tags, no canonical, the site name in the footer', async () => {
        await useSettings(EMPTY);
        const b = (await get(itemPath)).body;
        for (const name of ['SiteDomain', 'SiteIDCode', 'Author', 'Image'])
          expect(b).not.toContain(`name="${name}"`);
        expect(b).not.toContain('content=""');
        expect(b).not.toContain('rel="canonical"');
        expect(b).toContain(`<meta name="Url" content="${itemPath}"/>`);
        expect(b).toContain(`<meta name="SiteName" content="${t.services.config.platformName}"/>`);
        const footer = b.slice(b.indexOf('<footer'));
        expect(footer).toContain(`<p>${t.services.config.platformName}</p>`);
        for (const part of [
          'footer-links',
          'footer-ids',
          '网站标识码',
          'ICP',
          '公网安备',
          'conac',
          '联系电话',
        ])
          expect(footer).not.toContain(part);
      });

      it('takes the address from PUBLIC_BASE_URL while 网站地址 is unset', async () => {
        await useSettings(EMPTY);
        const config = t.services.config as { publicBaseUrl: string | null };
        config.publicBaseUrl = 'https://gk.example.gov.cn';
        try {
          const b = (await get(itemPath)).body;
          expect(b).toContain(`<link rel="canonical" href="https://gk.example.gov.cn${itemPath}"/>`);
          expect(b).toContain('<meta name="SiteDomain" content="gk.example.gov.cn"/>');
          expect(b).toContain('aria-label="扫一扫在手机上查看当前页面"');
          await useSettings({ ...EMPTY, baseUrl: 'https://www.example.gov.cn' }); // the setting wins
          expect((await get(itemPath)).body).toContain(
            `<link rel="canonical" href="https://www.example.gov.cn${itemPath}"/>`,
          );
        } finally {
          config.publicBaseUrl = null;
        }
      });

      it('escapes every configured value', async () => {
        await useSettings({
          ...EMPTY,
          siteName: '平台"><script>alert(1)</script>',
          hostOrg: '</p><script>alert(2)</script>',
          address: '<img src=x onerror=alert(3)>',
          footerLinks: [{ label: '<b onclick=x>帮助</b>', url: '/help?a="b"' }],
        });
        const b = (await get(itemPath)).body;
        expect(b).not.toMatch(/<script>alert|<img src=x|<b onclick/);
        expect(b).toContain('<meta name="SiteName" content="平台&quot;>&lt;script>alert(1)&lt;/script>"/>');
        expect(b).toContain('主办单位：&lt;/p>&lt;script>alert(2)&lt;/script>');
        expect(b).toContain('地址：&lt;img src=x onerror=alert(3)>');
        expect(b).toContain('<a href="/help?a=&quot;b&quot;">&lt;b onclick=x>帮助&lt;/b></a>');
      });
    });

    describe('item tools', () => {
      it('with a base URL: share links and a QR code of the absolute address', async () => {
        await useSettings(FULL);
        const b = (await get(itemPath)).body;
        const url = encodeURIComponent(`https://gk.example.gov.cn${itemPath}`);
        const title = encodeURIComponent('关于调整城乡居民最低生活保障标准的通知');
        expect(b).toContain(`href="https://service.weibo.com/share/share.php?url=${url}&amp;title=${title}"`);
        expect(b).toContain(
          `href="https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url=${url}&amp;title=${title}"`,
        );
        expect(b).toMatch(/<svg [^>]*role="img" aria-label="扫一扫在手机上查看当前页面"/);
        expect(b).toContain('<figcaption>扫一扫在手机上查看当前页面</figcaption>');
        // Buttons that need the script are hidden in the HTML.
        expect(b).toMatch(/<button [^>]*data-portal-action="print" hidden/);
        expect(b).toMatch(/<button [^>]*data-portal-copy="https:\/\/gk.example.gov.cn[^"]*" hidden/);
        expect(b).toMatch(/<p class="view-count" data-view-count="[^"]+" hidden/);
        expect(b).not.toContain('浏览次数：<span data-view-count-value="">0'); // never a count in the page
        expect(b).toContain(`本页地址：<span>https://gk.example.gov.cn${itemPath}</span>`);
      });

      it('without a base URL: no QR code, no share links; 复制链接 waits for the script', async () => {
        await useSettings(EMPTY);
        const b = (await get(itemPath)).body;
        expect(b).not.toContain('<svg');
        expect(b).not.toContain('weibo.com');
        expect(b).not.toContain('qzone');
        expect(b).toMatch(/<div class="share" role="group" aria-label="分享" hidden/);
        expect(b).toContain(`本页地址：<span data-page-address>${itemPath}</span>`);
      });
    });

    describe('view counts', () => {
      it('counts a beacon only after the flush, per item and day, and shows the total', async () => {
        const before = await countOf(item.id);
        const res = await beacon(item.id, { ip: '192.0.2.10' });
        expect(res.statusCode).toBe(204);
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(await countOf(item.id)).toBe(before); // nothing written yet
        expect((await get(`/api/v1/views/${item.id}`)).json().views).toBe(before + 1); // …but shown
        expect(await flush()).toBe(1);
        expect(await countOf(item.id)).toBe(before + 1);
        const rows = (await viewRows()).filter((r) => r.publication_id === item.id);
        expect(rows.map((r) => r.day)).toEqual(['2026-03-02']);

        // The same reader again within 10 minutes counts once; another reader counts.
        await beacon(item.id, { ip: '192.0.2.10' });
        await beacon(item.id, { ip: '192.0.2.11' });
        expect(await flush()).toBe(1);
        expect(await countOf(item.id)).toBe(before + 2);

        // A later day gets its own row; the same reader counts again after 10 minutes.
        t.clock.advance(86_400_000);
        await beacon(item.id, { ip: '192.0.2.10' });
        await flush();
        t.clock.advance(-86_400_000);
        expect((await viewRows()).filter((r) => r.publication_id === item.id).map((r) => r.day)).toEqual([
          '2026-03-02',
          '2026-03-03',
        ]);

        const total = await get(`/api/v1/views/${item.id}`);
        expect(total.statusCode).toBe(200);
        expect(total.json()).toEqual({ publicationId: item.id, views: before + 3 });
        expect(total.headers['cache-control']).toBe('public, max-age=30');
        expect(total.headers['set-cookie']).toBeUndefined();
        expect(total.headers.etag).toBeTruthy();
      });

      it('ignores unknown, withdrawn and unpublished ids, and ids that cannot be ids', async () => {
        const before = await viewRows();
        for (const id of [
          '00000000-0000-4000-8000-000000000000',
          withdrawn.id,
          draft.id,
          '../etc/passwd',
          42,
        ])
          expect((await beacon(id, { ip: '192.0.2.20' })).statusCode, String(id)).toBe(204);
        await flush();
        expect(await viewRows()).toEqual(before);
        expect(counter().buffered).toBe(0);
        expect((await beacon('x'.repeat(65), { ip: '192.0.2.20' })).statusCode).toBe(400);
        for (const id of ['00000000-0000-4000-8000-000000000000', withdrawn.id, draft.id]) {
          const res = await get(`/api/v1/views/${id}`);
          expect(res.statusCode, id).toBe(404);
          expect(res.json().error.code).toBe('not_found');
        }
      });

      it('accepts JSON from this site only: other content types and cross-site requests are refused', async () => {
        const plain = await t.app.inject({
          method: 'POST',
          url: '/api/v1/views',
          remoteAddress: '192.0.2.30',
          headers: { 'content-type': 'text/plain' },
          payload: JSON.stringify({ id: item.id }),
        });
        // Not JSON: the body is not the object the schema asks for (400) — and never counted.
        expect(plain.statusCode).toBe(400);
        const formPost = await t.app.inject({
          method: 'POST',
          url: '/api/v1/views',
          remoteAddress: '192.0.2.30',
          ...form({ id: item.id }),
        });
        // A form (what a cross-site page can send without a preflight): no CSRF token, refused.
        expect(formPost.statusCode).toBe(403);
        expect(formPost.json().error.code).toBe('csrf_failed');
        const crossSite = await beacon(item.id, {
          ip: '192.0.2.30',
          headers: { 'sec-fetch-site': 'cross-site' },
        });
        expect(crossSite.statusCode).toBe(403);
        const otherOrigin = await beacon(item.id, {
          ip: '192.0.2.30',
          headers: { origin: 'https://evil.example', host: 'gk.example.gov.cn' },
        });
        expect(otherOrigin.statusCode).toBe(403);
        expect(counter().buffered).toBe(0);
        const sameOrigin = await beacon(item.id, {
          ip: '192.0.2.30',
          headers: {
            origin: 'https://gk.example.gov.cn',
            host: 'gk.example.gov.cn',
            'sec-fetch-site': 'same-origin',
          },
        });
        expect(sameOrigin.statusCode).toBe(204);
        expect(counter().pending(item.id)).toBe(1);
        // Behind a proxy that passes on another Host: the Origin of the configured address is this site.
        await useSettings(FULL);
        const proxied = { origin: 'https://gk.example.gov.cn', host: '127.0.0.1:3000' };
        expect((await beacon(item.id, { ip: '192.0.2.31', headers: proxied })).statusCode).toBe(204);
        expect(
          (
            await beacon(item.id, {
              ip: '192.0.2.32',
              headers: { ...proxied, origin: 'https://evil.example' },
            })
          ).statusCode,
        ).toBe(403);
        expect(counter().pending(item.id)).toBe(2);
        await flush();
      });

      it(`rate-limits each reader to ${BEACONS_PER_MINUTE} beacons a minute`, async () => {
        for (let i = 0; i < BEACONS_PER_MINUTE; i++)
          expect(
            (await beacon(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, { ip: '192.0.2.40' }))
              .statusCode,
          ).toBe(204);
        const over = await beacon(item.id, { ip: '192.0.2.40' });
        expect(over.statusCode).toBe(429);
        expect(over.json().error.message).toBe('操作过于频繁，请稍后再试。');
        expect(counter().pending(item.id)).toBe(0);
        expect((await beacon(item.id, { ip: '192.0.2.41' })).statusCode).toBe(204); // another reader
        t.clock.advance(61_000);
        expect((await beacon(item.id, { ip: '192.0.2.40' })).statusCode).toBe(204); // a minute later
        t.clock.advance(-61_000);
        await flush();
      });

      it('the page request itself writes nothing, and views never change its bytes or ETag', async () => {
        await useSettings(FULL);
        const snapshot = async () => {
          const out: Record<string, number> = {};
          for (const table of (await t.services.db.introspection.getTables()).map((x) => x.name).sort())
            if (!table.startsWith('kysely_'))
              out[table] = Number(
                (
                  await t.services.db
                    .selectFrom(table as 'page_views')
                    .select((eb) => eb.fn.countAll().as('n'))
                    .executeTakeFirstOrThrow()
                ).n,
              );
          return { counts: out, views: await viewRows() };
        };
        const before = await snapshot();
        const first = await get(itemPath);
        expect(first.statusCode).toBe(200);
        expect(first.headers['set-cookie']).toBeUndefined();
        expect(counter().buffered).toBe(0);
        expect(await snapshot()).toEqual(before);

        await beacon(item.id, { ip: '192.0.2.50' });
        expect(await flush()).toBe(1);
        const second = await get(itemPath);
        expect(second.body).toBe(first.body);
        expect(second.headers.etag).toBe(first.headers.etag);
        expect((await get(itemPath, { 'if-none-match': String(first.headers.etag) })).statusCode).toBe(304);
      });

      it('writes what is buffered when the app closes', async () => {
        const other = await testApp(dialect);
        try {
          const p = await buildPublication.published(other);
          const res = await other.app.inject({
            method: 'POST',
            url: '/api/v1/views',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify({ id: p.id }),
          });
          expect(res.statusCode).toBe(204);
          await other.app.close();
          const rows = await other.handle.db.selectFrom('page_views').selectAll().execute();
          expect(rows).toEqual([{ publication_id: p.id, day: '2026-03-02', count: 1 }]);
        } finally {
          await other.handle.close();
        }
      }, 60_000);
    });
  });
}
