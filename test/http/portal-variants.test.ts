/**
 * The portal's site variants through HTTP (every dialect): each page type answers under /lb
 * (长辈版), /ft (繁體) and /lb/ft as the standard page does; its links stay in the variant; the 繁體
 * page is in Traditional characters with its addresses untouched; the page never depends on a
 * cookie and sets none, 404 included; unknown addresses get the portal's helpful 404.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNodeBySlugPath } from '../../src/modules/catalog/catalog.repository.js';
import { textPdf } from '../../src/modules/checks/test-files.fixture.js';
import { approvePublication } from '../../src/modules/publications/commands/approve-step.js';
import { publishNow } from '../../src/modules/publications/commands/publish-now.js';
import { setValidity } from '../../src/modules/publications/commands/set-validity.js';
import { submitPublication } from '../../src/modules/publications/commands/submit-publication.js';
import { uploadAttachment } from '../../src/modules/publications/commands/upload-attachment.js';
import { withdrawPublication } from '../../src/modules/publications/commands/withdraw-publication.js';
import { buildPublication, ctxOf, MZ } from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

const PREFIXES = ['/lb', '/ft', '/lb/ft'] as const;

/**
 * The addresses a page links to or sends a form to, without those that leave the variant on
 * purpose: `<link>` tags (alternates, canonical, stylesheets, feeds), the variant switch and the
 * list of versions on the home.
 */
function targets(html: string): string[] {
  const own = html
    .replace(/<link [^>]*>/g, '')
    .replace(/<nav class="variant-switch"[\s\S]*?<\/nav>/g, '')
    .replace(/<nav class="versions"[\s\S]*?<\/nav>/g, '');
  return [...own.matchAll(/\s(?:href|action|formaction)="([^"]*)"/g)].map((m) => m[1]!);
}

/** Only the sign-in page, the static assets and other sites (the footer's 备案 links) are shared by every variant. */
const shared = (url: string) =>
  url === '/login' || url.startsWith('/assets/') || url.startsWith('#') || /^https?:\/\//.test(url);

for (const dialect of dialects) {
  describe(`portal site variants [${dialect}]`, () => {
    let t: TestApp;
    let code: string;
    let base: string;
    const ids = { policy: '', repealed: '', withdrawn: '', attachment: '', withdrawnAttachment: '' };

    async function publish(p: Publication): Promise<Publication> {
      await submitPublication(await ctxOf(t, 'mz.editor'), p.id);
      await approvePublication(await ctxOf(t, 'mz.reviewer'), p.id);
      await approvePublication(await ctxOf(t, 'mz.secrecy'), p.id);
      return publishNow(await ctxOf(t, 'mz.signer'), p.id);
    }

    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

    /** The standard page types and the status each answers with. */
    const pages = (): [string, number][] => [
      ['/', 200],
      [base, 200],
      [`${base}/fdzdgknr`, 200],
      [`${base}/fdzdgknr/xzgfxwj`, 200],
      [`${base}/zfxxgkzn`, 200],
      [`${base}/items/${ids.policy}`, 200],
      [`${base}/items/${ids.repealed}`, 200],
      [`${base}/invalid`, 200],
      ['/search?q=%E4%BD%8E%E4%BF%9D', 200],
      [`${base}/search?q=%E4%BD%8E%E4%BF%9D`, 200],
      [`${base}/items/${ids.withdrawn}`, 410],
      [`${base}/items/${ids.withdrawn}/attachments/${ids.withdrawnAttachment}`, 410],
      ['/gk/UNKNOWN0001', 404],
      [`${base}/no-such-column`, 404],
      [`${base}/items/not-an-id`, 404],
      [`${base}/fdzdgknr/xzgfxwj/a/b/c/d/e`, 404],
    ];
    const inVariant = (prefix: string, path: string) => `${prefix}${path}`;

    beforeAll(async () => {
      t = await testApp(dialect);
      const db = t.services.db;
      code = (
        await db
          .selectFrom('agencies')
          .select('code')
          .where('id', '=', t.agencies[MZ]!)
          .executeTakeFirstOrThrow()
      ).code;
      base = `/gk/${code}`;
      const column = async (path: string[]) => (await findNodeBySlugPath(db, t.agencies[MZ]!, path))!.id;
      const editor = await ctxOf(t, 'mz.editor');
      const policy = await buildPublication.draft(t, {
        title: '示例市最低生活保障办法',
        columnId: await column(['fdzdgknr', 'xzgfxwj']),
        genre: 'normativeDocument',
        validity: 'effective',
        docNoPrefix: '示民规',
        docNoNumber: 1,
        keywords: ['低保', '社会救助'],
      });
      ids.attachment = (
        await uploadAttachment(editor, policy.id, {
          fileName: '示例市最低生活保障办法（全文）.pdf',
          bytes: textPdf([['Minimum living allowance measures']]),
        })
      ).attachment.id;
      ids.policy = (await publish(policy)).id;
      const repealed = await publish(
        await buildPublication.draft(t, {
          title: '旧版低保审批规程',
          columnId: await column(['fdzdgknr', 'xzgfxwj']),
          genre: 'normativeDocument',
          validity: 'effective',
          docNoNumber: 2,
        }),
      );
      await setValidity(await ctxOf(t, 'mz.signer'), repealed.id, { validity: 'repealed', note: '已废止' });
      ids.repealed = repealed.id;
      const withdrawn = await buildPublication.draft(t, { title: '误发的名单公示' });
      ids.withdrawnAttachment = (
        await uploadAttachment(editor, withdrawn.id, {
          fileName: '名单.pdf',
          bytes: textPdf([['List']]),
        })
      ).attachment.id;
      await publish(withdrawn);
      await withdrawPublication(await ctxOf(t, 'mz.signer'), withdrawn.id, { reason: '依法撤回' });
      ids.withdrawn = withdrawn.id;
    }, 120_000);
    afterAll(async () => t?.close());

    it('answers every page type under /lb, /ft and /lb/ft as the standard site does', async () => {
      for (const [path, status] of pages()) {
        const standard = await get(path);
        expect(standard.statusCode, path).toBe(status);
        for (const prefix of PREFIXES) {
          const url = inVariant(prefix, path);
          const res = await get(url);
          expect(res.statusCode, url).toBe(status);
          expect(res.headers['content-type'], url).toMatch(/^text\/html/);
          expect(res.headers['cache-control'], url).toBe('public, max-age=60');
          expect(res.headers.etag, url).toMatch(/^"[\w-]+"$/);
        }
      }
      for (const prefix of PREFIXES) {
        // Every address under a variant's prefix is the portal's: a helpful 404, not the platform's.
        const res = await get(`${prefix}/anything/at/all`);
        expect(res.statusCode).toBe(404);
        expect(res.body).toContain('class="variant-switch"');
      }
    });

    it('downloads the same attachment bytes in every variant', async () => {
      const path = `${base}/items/${ids.policy}/attachments/${ids.attachment}`;
      const standard = await get(path);
      expect(standard.statusCode).toBe(200);
      for (const prefix of PREFIXES) {
        const res = await get(inVariant(prefix, path));
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toBe(standard.headers['content-disposition']);
        expect(res.rawPayload.equals(standard.rawPayload)).toBe(true);
      }
    });

    it('keeps every link and form of a variant page inside the variant', async () => {
      for (const [path, status] of pages()) {
        if (path.includes('/attachments/') && status === 200) continue;
        for (const prefix of ['', ...PREFIXES]) {
          const url = inVariant(prefix, path);
          const found = targets((await get(url)).body);
          expect(found.length, url).toBeGreaterThan(3);
          const outside = found.filter((h) =>
            prefix
              ? !shared(h) && !h.startsWith(`${prefix}/`)
              : !shared(h) && (!h.startsWith('/') || /^\/(lb|ft)(\/|$)/.test(h)),
          );
          expect(outside, url).toEqual([]);
        }
      }
    });

    it('links the same page in the other variants from every page (长辈版/标准版, 繁體/简体)', async () => {
      const item = `${base}/items/${ids.policy}`;
      const switchOf = async (url: string) =>
        /<nav class="variant-switch"[\s\S]*?<\/nav>/.exec((await get(url)).body)?.[0] ?? '';
      expect(await switchOf(item)).toMatch(
        new RegExp(
          `href="/lb${item}">长辈版</a>.*href="/ft${item}" lang="zh-Hant" hreflang="zh-Hant">繁體</a>`,
        ),
      );
      expect(await switchOf(`/lb${item}`)).toMatch(
        new RegExp(
          `href="${item}">标准版</a>.*href="/lb/ft${item}" lang="zh-Hant" hreflang="zh-Hant">繁體</a>`,
        ),
      );
      expect(await switchOf(`/ft${item}`)).toMatch(
        new RegExp(
          `href="/lb/ft${item}">長輩版</a>.*href="${item}" lang="zh-Hans" hreflang="zh-Hans">简体</a>`,
        ),
      );
      expect(await switchOf(`/lb/ft${item}`)).toMatch(
        new RegExp(
          `href="/ft${item}">標準版</a>.*href="/lb${item}" lang="zh-Hans" hreflang="zh-Hans">简体</a>`,
        ),
      );
      // The home's switch leads to the other homes.
      expect(await switchOf('/')).toMatch(/href="\/lb\/">长辈版<\/a>.*href="\/ft\/"/);
      expect(await switchOf('/lb/')).toMatch(/href="\/">标准版<\/a>.*href="\/lb\/ft\/"/);
    });

    it('renders the 繁體 page in Traditional characters, lang zh-Hant, with its addresses untouched', async () => {
      const item = `${base}/items/${ids.policy}`;
      const standard = (await get(item)).body;
      const ft = (await get(`/ft${item}`)).body;
      expect(ft).toContain('<html lang="zh-Hant">');
      expect(standard).toContain('<html lang="zh-CN">');
      expect(ft).toContain('示例市民政局政府信息公開');
      expect(ft).toContain('示例市最低生活保障辦法');
      expect(ft).toContain('<meta name="ArticleTitle" content="示例市最低生活保障辦法"/>');
      expect(ft).toContain('<meta name="KeyWords" content="低保,社會救助"/>');
      expect(ft).toContain(`<meta name="Url" content="/ft${item}"/>`);
      expect(ft).toContain('aria-label="當前位置"');
      expect(ft).not.toContain('政府信息公开');
      // Addresses are the standard page's, under the prefix; the 索引号 and dates are unchanged.
      expect(targets(ft)).toEqual(targets(standard).map((h) => (shared(h) ? h : `/ft${h}`)));
      const ascii = (html: string) =>
        html
          .replace(/<(link|meta) [^>]*>/g, '')
          .replace(/<nav class="variant-switch"[\s\S]*?<\/nav>/, '')
          .replace(/\/ft\//g, '/')
          .replace(/<html[^>]*>/, '')
          .replace(/[^\t\n\r -~]/g, '');
      expect(ascii(ft)).toBe(ascii(standard));
      // The home and the 404 too.
      expect((await get('/ft/')).body).toContain('各級行政機關');
      const missing = await get(`/ft${base}/no-such-column`);
      expect(missing.body).toContain('<html lang="zh-Hant">');
      expect(missing.body).toContain('頁面不存在');
    });

    it('gives 长辈版 pages the elder stylesheet and the standard page as canonical; 简体/繁體 by hreflang', async () => {
      const column = `${base}/fdzdgknr/xzgfxwj`;
      const elder = (await get(`/lb${column}`)).body;
      expect(elder).toContain('<link rel="stylesheet" href="/assets/portal-elder.css"/>');
      expect(elder).toContain(`<link rel="canonical" href="${column}"/>`);
      expect(elder).toContain(`<link rel="alternate" hreflang="zh-Hans" href="${column}"/>`);
      expect(elder).toContain(`<link rel="alternate" hreflang="zh-Hant" href="/ft${column}"/>`);
      expect(elder).toContain('<html lang="zh-CN" class="elder">');
      const both = (await get(`/lb/ft${column}`)).body;
      expect(both).toContain(`<link rel="canonical" href="/ft${column}"/>`);
      expect(both).toContain('portal-elder.css');
      const standard = (await get(column)).body;
      expect(standard).not.toContain('portal-elder.css');
      expect(standard).not.toContain('rel="canonical"');
      expect(standard).toContain(`<link rel="alternate" hreflang="zh-Hant" href="/ft${column}"/>`);

      const css = await get('/assets/portal-elder.css');
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      expect(css.body).toMatch(/:root\{font-size:20px/);
      expect(css.body).toMatch(/line-height:1\.9/);
      expect(
        (await get('/assets/portal-elder.css', { 'if-none-match': String(css.headers.etag) })).statusCode,
      ).toBe(304);
    });

    it('returns the same bytes with or without cookies, signed in or not, and sets no cookie (404 and 410 too)', async () => {
      const staff = await t.login('mz.editor');
      for (const [path] of pages()) {
        for (const prefix of ['', ...PREFIXES]) {
          const url = inVariant(prefix, path);
          const anonymous = await get(url);
          const junk = await get(url, { cookie: 'gk_variant=ft; gk_csrf=abcdefghijklmnopqrstuvwxyz' });
          const signedIn = await staff.inject({ url });
          for (const res of [anonymous, junk, signedIn] as LightMyRequestResponse[]) {
            expect(res.headers['set-cookie'], url).toBeUndefined();
            expect(res.headers.vary, url).toBeUndefined();
            expect(res.headers.etag, url).toBe(anonymous.headers.etag);
          }
          expect(junk.body, url).toBe(anonymous.body);
          expect(signedIn.body, url).toBe(anonymous.body);
        }
      }
    });

    it('answers 304 to If-None-Match on variant pages', async () => {
      for (const url of ['/lb/', `/ft${base}`, `/lb/ft${base}/items/${ids.policy}`]) {
        const res = await get(url);
        expect((await get(url, { 'if-none-match': String(res.headers.etag) })).statusCode, url).toBe(304);
      }
    });

    it('lists governments and their departments on the home of every variant, linked to their sections', async () => {
      for (const prefix of ['', ...PREFIXES]) {
        const home = await get(`${prefix}/`);
        expect(home.statusCode).toBe(200);
        expect(home.headers['last-modified']).toBeTruthy();
        expect(home.body).toContain(`href="${prefix}${base}"`);
        expect(home.body).toMatch(/示例市人民政府/);
        expect(home.body).toContain('href="/login"');
        // Every version of the home, from every home.
        for (const other of ['/', '/lb/', '/ft/', '/lb/ft/']) expect(home.body).toContain(`href="${other}"`);
      }
      expect((await get('/lb')).statusCode).toBe(200);
    });

    it('explains a 404 and offers the agency’s section, the home and a search box, in the variant', async () => {
      const res = await get(`/lb${base}/no-such-column`);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('页面不存在');
      expect(res.body).toContain(`<a href="/lb${base}">示例市民政局政府信息公开</a>`);
      expect(res.body).toContain('<a href="/lb/">平台首页</a>');
      expect(res.body).toContain(`action="/lb${base}/search"`);
      expect(res.body).toContain('aria-label="政府信息公开目录"'); // the agency's catalogue beside it
      // An unknown agency: the home and the platform's search.
      const unknown = await get('/gk/UNKNOWN0001/items/x');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('<a href="/">平台首页</a>');
      expect(unknown.body).toContain('action="/search"');
      expect(unknown.body).not.toContain('政府信息公开目录');
      // A path with doubled slashes never becomes a link to another host.
      const sneaky = await get('/lb//evil.example/x');
      expect(sneaky.statusCode).toBe(404);
      expect(sneaky.body).not.toMatch(/href="\/\//);
      // A withdrawn item's attachment: 410 in the portal's layout, with the reason why.
      const gone = await get(`/ft${base}/items/${ids.withdrawn}/attachments/${ids.withdrawnAttachment}`);
      expect(gone.statusCode).toBe(410);
      expect(gone.body).toContain('該信息已撤回，附件不再提供下載。');
      // The back office keeps the platform's 404; JSON clients get JSON.
      const admin = await (await t.login('mz.editor')).inject({ url: '/admin/no-such-page' });
      expect(admin.statusCode).toBe(404);
      expect(admin.body).not.toContain('variant-switch');
      const api = await get(`/lb${base}/no-such-column`, { accept: 'application/json' });
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not_found');
    });
  });
}
