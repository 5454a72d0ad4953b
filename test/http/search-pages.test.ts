/**
 * The public search pages through HTTP (every dialect): items are published through the
 * publications commands (editor → 初审 → 保密审查 → 审签) by two agencies, then searched for on the
 * platform-wide page (/search) and one agency's page (/gk/{code}/search): hits with highlighted
 * titles linking to their item pages, filters that narrow, sort and paging links that keep every
 * filter, the no-hit page's suggestions with their counts, a Chinese message for every bad value
 * (never a 500), and the same caching rules as every portal page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNodeBySlugPath } from '../../src/modules/catalog/catalog.repository.js';
import { approvePublication } from '../../src/modules/publications/commands/approve-step.js';
import { publishNow } from '../../src/modules/publications/commands/publish-now.js';
import { setValidity } from '../../src/modules/publications/commands/set-validity.js';
import { submitPublication } from '../../src/modules/publications/commands/submit-publication.js';
import { withdrawPublication } from '../../src/modules/publications/commands/withdraw-publication.js';
import {
  countyReviewers,
  publishInCounty,
} from '../../src/modules/publications/oversight/oversight.fixtures.js';
import { buildPublication, ctxOf, MZ, QH } from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { MAX_QUERY_CHARS, MAX_SEARCH_PAGE } from '../../src/modules/search/search.js';
import { type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

/** The text of the page with tags stripped, whitespace collapsed: what a reader sees, in order. */
const text = (html: string) =>
  html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The <main> of a page (the header's search box and the footer left out). */
const main = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
/** The hits' links to item pages, in order. */
const hitLinks = (html: string) =>
  [...main(html).matchAll(/<li class="hit"><h3><a href="([^"]+)"/g)].map((m) => m[1]!);
/** "共找到 N 条" → N; null when the page has no results section. */
const totalOf = (html: string) => {
  const m = /共找到 (\d+) 条/.exec(text(main(html)));
  return m ? Number(m[1]) : null;
};
const decode = (href: string) => href.replace(/&amp;/g, '&');

const TIGHT = '高龄津贴';

for (const dialect of dialects) {
  describe(`public search pages [${dialect}]`, () => {
    let t: TestApp;
    let mzCode: string;
    let qhCode: string;
    const ids = { policy: '', notice: '', county: '', withdrawn: '', repealed: '' };
    const tight: string[] = [];

    async function publish(p: Publication): Promise<Publication> {
      await submitPublication(await ctxOf(t, 'mz.editor'), p.id);
      await approvePublication(await ctxOf(t, 'mz.reviewer'), p.id);
      await approvePublication(await ctxOf(t, 'mz.secrecy'), p.id);
      return publishNow(await ctxOf(t, 'mz.signer'), p.id);
    }
    const codeOf = async (name: string) =>
      (
        await t.services.db
          .selectFrom('agencies')
          .select('code')
          .where('id', '=', t.agencies[name]!)
          .executeTakeFirstOrThrow()
      ).code;
    const column = async (path: string[]) =>
      (await findNodeBySlugPath(t.services.db, t.agencies[MZ]!, path))!.id;
    const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
    const day = () => t.clock.advance(86_400_000);

    beforeAll(async () => {
      t = await testApp(dialect);
      mzCode = await codeOf(MZ);
      qhCode = await codeOf(QH);
      await countyReviewers(t);

      // 2026-03-02: a 行政规范性文件 of 示例市民政局, 有效.
      ids.policy = (
        await publish(
          await buildPublication.draft(t, {
            title: '示例市最低生活保障办法',
            body: '第一条 为保障城乡居民基本生活，根据《社会救助暂行办法》，制定本办法。\n\n第二条 最低生活保障标准按月计算。',
            summary: '规定本市城乡居民最低生活保障的对象、标准和审批程序。',
            columnId: await column(['fdzdgknr', 'xzgfxwj']),
            genre: 'normativeDocument',
            validity: 'effective',
            topic: 'civilAffairsRelief',
            docNoPrefix: '示民规',
            docNoYear: 2026,
            docNoNumber: 1,
            writtenOn: '2026-02-25',
          }),
        )
      ).id;
      // 2026-03-03: a 通知 on another topic, in the 政策解读-free column of notices.
      day();
      ids.notice = (
        await publish(
          await buildPublication.draft(t, {
            title: '关于开展养老机构安全检查的通知',
            body: '各区民政局：请于三月底前完成辖区养老机构消防安全检查，并报送检查情况。',
            summary: '部署养老机构消防安全检查。',
            genre: 'notice',
            topic: 'marketSafetyRegulation',
            docNoPrefix: '示民发',
            docNoYear: 2026,
            docNoNumber: 5,
            writtenOn: '2026-03-01',
          }),
        )
      ).id;
      // 2026-03-04: a repealed rule.
      day();
      const repealed = await publish(
        await buildPublication.draft(t, {
          title: '示例市最低生活保障审批规程',
          body: '本规程规定最低生活保障的审批流程。',
          summary: '最低生活保障审批流程。',
          columnId: await column(['fdzdgknr', 'xzgfxwj']),
          genre: 'normativeDocument',
          validity: 'effective',
          topic: 'generalAffairs',
          docNoPrefix: '示民规',
          docNoYear: 2025,
          docNoNumber: 9,
          writtenOn: '2025-06-01',
        }),
      );
      await setValidity(await ctxOf(t, 'mz.signer'), repealed.id, { validity: 'repealed', note: '已废止' });
      ids.repealed = repealed.id;
      // 2026-03-05: the county's own 低保 item.
      day();
      ids.county = (
        await publishInCounty(t, {
          title: '清河县最低生活保障资金发放情况公示',
          body: '现将本县二〇二六年一季度最低生活保障资金发放情况予以公示。',
          summary: '一季度最低生活保障资金发放情况。',
          docNoPrefix: '清民发',
          docNoYear: 2026,
          docNoNumber: 2,
        })
      ).id;
      // 2026-03-06: an item withdrawn after publication.
      day();
      ids.withdrawn = (
        await publish(
          await buildPublication.draft(t, {
            title: '最低生活保障对象名单公示（误发）',
            body: '名单略。',
            summary: '误发的名单。',
            docNoNumber: 7,
          }),
        )
      ).id;
      // 2026-03-07 … 2026-03-18: twelve 高龄津贴 notices, one a day, for sorting and paging.
      for (let n = 1; n <= 12; n++) {
        day();
        const p = await publish(
          await buildPublication.draft(t, {
            title: `关于发放第${n}批${TIGHT}的公告`,
            body: `第${n}批${TIGHT}已核定，现予公告。`,
            summary: `第${n}批${TIGHT}发放名单。`,
            genre: 'announcement',
            topic: 'civilAffairsRelief',
            docNoPrefix: '示民告',
            docNoYear: 2026,
            docNoNumber: n,
          }),
        );
        tight.push(p.id);
      }
      t.clock.advance(3_600_000);
    }, 240_000);
    afterAll(async () => t?.close());

    it('finds published items on the platform page: title with <mark> linking to the item, metadata, snippet', async () => {
      const res = await get(`/search?q=${encodeURIComponent('最低生活保障')}`);
      expect(res.statusCode).toBe(200);
      const links = hitLinks(res.body);
      expect(links).toContain(`/gk/${mzCode}/items/${ids.policy}`);
      expect(links).toContain(`/gk/${mzCode}/items/${ids.repealed}`);
      expect(links).toContain(`/gk/${qhCode}/items/${ids.county}`);
      expect(totalOf(res.body)).toBe(links.length);
      const body = main(res.body);
      expect(body).toMatch(/<a href="[^"]+">(<span>[^<]*<\/span>)?<mark>[^<]*<\/mark>/);
      const href = `/gk/${mzCode}/items/${ids.policy}`;
      const hit = new RegExp(`<li class="hit"><h3><a href="${href}">[\\s\\S]*?</li>`).exec(body)?.[0];
      const seen = text(hit ?? '');
      const title = /<h3>([\s\S]*?)<\/h3>/.exec(hit ?? '')?.[1]?.replace(/<[^>]+>/g, '');
      expect(title).toBe('示例市最低生活保障办法');
      expect(seen).toContain('文号 示民规〔2026〕1号');
      expect(seen).toContain('发布机构 示例市民政局');
      expect(seen).toContain('发布日期 2026-03-02');
      expect(seen).toContain('成文日期 2026-02-25');
      expect(seen).toContain('有效性 有效');
      expect(seen).toContain('主题分类 民政、扶贫、救灾');
      expect(hit).toMatch(/<p class="snippet">[\s\S]*<mark>/);
      expect(text(body)).toContain('搜索结果 共找到');
    });

    it("searches one agency on its own page, inside the agency's section", async () => {
      const q = encodeURIComponent('最低生活保障');
      const mz = await get(`/gk/${mzCode}/search?q=${q}`);
      expect(mz.statusCode).toBe(200);
      expect(hitLinks(mz.body)).not.toContain(`/gk/${qhCode}/items/${ids.county}`);
      expect(hitLinks(mz.body)).toContain(`/gk/${mzCode}/items/${ids.policy}`);
      expect(mz.body).toContain('aria-label="政府信息公开目录"');
      expect(text(mz.body)).toContain('首页 示例市民政局政府信息公开 搜索');
      const qh = await get(`/gk/${qhCode}/search?q=${q}`);
      expect(hitLinks(qh.body)).toEqual([`/gk/${qhCode}/items/${ids.county}`]);
      expect((await get('/gk/NO-SUCH-AGENCY/search?q=a')).statusCode).toBe(404);
    });

    it('narrows with each filter', async () => {
      const q = `q=${encodeURIComponent('最低生活保障')}`;
      const hits = async (extra: string, base = '/search') => {
        const res = await get(`${base}?${q}&${extra}`);
        expect(res.statusCode, extra).toBe(200);
        return hitLinks(res.body);
      };
      const policy = `/gk/${mzCode}/items/${ids.policy}`;
      const repealed = `/gk/${mzCode}/items/${ids.repealed}`;
      const county = `/gk/${qhCode}/items/${ids.county}`;
      expect(await hits(`agency=${qhCode}`)).toEqual([county]);
      expect(await hits('validity=repealed')).toEqual([repealed]);
      expect(await hits('validity=effective')).toEqual([policy]);
      expect((await hits('genre=normativeDocument')).sort()).toEqual([policy, repealed].sort());
      expect(await hits('topic=civilAffairsRelief')).toContain(policy);
      expect(await hits('topic=civilAffairsRelief')).not.toContain(repealed);
      expect(await hits('from=2026-03-03&to=2026-03-04')).toEqual([repealed]);
      expect(await hits('year=2025')).toEqual([]);
      expect(await hits('wfrom=2026-02-01&wto=2026-02-25')).toEqual([policy]);
      expect(await hits('docPrefix=示民规&docYear=2025')).toEqual([repealed]);
      expect(await hits('docPrefix=示民规&docSeq=1')).toEqual([policy]);
      expect(await hits('column=fdzdgknr', `/gk/${mzCode}/search`)).toEqual(
        expect.arrayContaining([policy, repealed]),
      );
      expect(await hits('column=zcjd', `/gk/${mzCode}/search`)).toEqual([]);
      // 搜索范围 标题: the county item says 最低生活保障 in its title too; 社会救助暂行办法 only in a body.
      const body = encodeURIComponent('社会救助暂行办法');
      expect(hitLinks((await get(`/search?q=${body}`)).body)).toEqual([policy]);
      expect(hitLinks((await get(`/search?q=${body}&field=title`)).body)).toEqual([]);
      // Filters alone, without words, list what matches, newest first.
      const listed = hitLinks((await get('/search?genre=normativeDocument')).body);
      expect(listed).toEqual([repealed, policy]);
    });

    it('sorts by 发布日期, newest first, and the sort links keep the filters', async () => {
      const res = await get(`/search?q=${encodeURIComponent(TIGHT)}&topic=civilAffairsRelief&sort=date`);
      const links = hitLinks(res.body);
      expect(links).toEqual(
        [...tight]
          .reverse()
          .slice(0, 10)
          .map((id) => `/gk/${mzCode}/items/${id}`),
      );
      const sortNav = /<nav class="sort-switch"[\s\S]*?<\/nav>/.exec(res.body)?.[0] ?? '';
      expect(sortNav).toContain('<span aria-current="true">按发布日期</span>');
      const relevance = decode(/<a href="([^"]+)">按相关度<\/a>/.exec(sortNav)?.[1] ?? '');
      expect(relevance).toContain('topic=civilAffairsRelief');
      expect(relevance).not.toContain('sort=');
    });

    it('pages ten hits at a time; page links keep every filter and mark the current page', async () => {
      const url = `/search?q=${encodeURIComponent(TIGHT)}&genre=announcement&agency=${mzCode}&sort=date`;
      const first = await get(url);
      expect(totalOf(first.body)).toBe(12);
      expect(hitLinks(first.body)).toHaveLength(10);
      expect(text(main(first.body))).toContain('共找到 12 条，第 1 / 2 页');
      const pager = /<nav class="pager[^"]*" aria-label="分页">[\s\S]*?<\/nav>/.exec(first.body)?.[0] ?? '';
      expect(pager).toContain('<span aria-current="page">1</span>');
      const next = decode(/<a href="([^"]+)" rel="next">/.exec(pager)?.[1] ?? '');
      for (const part of ['genre=announcement', `agency=${mzCode}`, 'sort=date', 'page=2'])
        expect(next).toContain(part);
      const second = await get(next);
      expect(second.statusCode).toBe(200);
      expect(hitLinks(second.body)).toEqual([tight[1], tight[0]].map((id) => `/gk/${mzCode}/items/${id}`));
      expect(second.body).toContain('<ol class="hits" start="11">');
      expect(second.body).toContain('<span aria-current="page">2</span>');
      const prev = decode(/<a href="([^"]+)" rel="prev">/.exec(second.body)?.[1] ?? '');
      expect(prev).not.toContain('page=');
      expect(prev).toContain('genre=announcement');
      // A page past the last one says so.
      const past = await get(`${url}&page=5`);
      expect(past.statusCode).toBe(200);
      expect(text(main(past.body))).toContain('第 5 页没有结果');
    });

    it('says when nothing is found, and suggests what to try with the hit counts', async () => {
      const noFilter = await get(`/search?q=${encodeURIComponent('无此内容的检索词')}`);
      expect(noFilter.statusCode).toBe(200);
      expect(text(main(noFilter.body))).toContain('没有找到符合条件的信息');
      expect(text(main(noFilter.body))).toContain('检查关键词是否有错别字');
      expect(hitLinks(noFilter.body)).toEqual([]);

      // Words that match, with a filter that does not: try without the filter.
      const filtered = await get(`/search?q=${encodeURIComponent('最低生活保障')}&genre=decision`);
      const seen = text(main(filtered.body));
      expect(seen).toContain('没有找到符合条件的信息');
      const total = hitLinks((await get(`/search?q=${encodeURIComponent('最低生活保障')}`)).body).length;
      expect(seen).toContain(`只按关键词“最低生活保障”搜索 （${total} 条）`);
      expect(decode(/<a href="([^"]+)">只按关键词/.exec(filtered.body)?.[1] ?? '')).not.toContain('genre');

      // Two words found only apart: each word alone, with its count.
      const apart = await get(`/search?q=${encodeURIComponent(`${TIGHT} 审批规程`)}`);
      const apartText = text(main(apart.body));
      expect(apartText).toContain('没有找到符合条件的信息');
      expect(apartText).toContain('分别搜索其中的词语');
      expect(apartText).toMatch(/高龄 （12 条）|高龄津贴 （12 条）/);

      // One agency without hits: the whole platform has some.
      const agency = await get(`/gk/${qhCode}/search?q=${encodeURIComponent('社会救助暂行办法')}`);
      const agencyText = text(main(agency.body));
      expect(agencyText).toContain('没有找到符合条件的信息');
      expect(agencyText).toContain('不限于清河县民政局， 在全平台搜索“社会救助暂行办法” （1 条）');
    });

    it('names every wrong field in Chinese, keeps the form filled, answers 400 (never 500)', async () => {
      const res = await get(
        '/search?q=低保&from=2026-13-01&to=x&wfrom=2026-02-30&wto=2026/01/01&year=26&docYear=abc&docSeq=0' +
          '&topic=nope&genre=nope&validity=nope&field=body&sort=hot&agency=UNKNOWN1',
      );
      expect(res.statusCode).toBe(400);
      const seen = text(res.body);
      for (const message of [
        '发布日期（起）格式应为 YYYY-MM-DD',
        '发布日期（止）格式应为 YYYY-MM-DD',
        '成文日期（起）格式应为 YYYY-MM-DD',
        '成文日期（止）格式应为 YYYY-MM-DD',
        '发布年份应为四位数字的年份',
        '文号年份应为四位数字的年份',
        '文号序号应为正整数',
        '主题分类的取值无效',
        '体裁的取值无效',
        '有效性的取值无效',
        '搜索范围的取值无效',
        '排序的取值无效',
      ])
        expect(seen, message).toContain(message);
      // Each message links to its field, which is marked invalid and keeps what was typed.
      expect(res.body).toContain('<a href="#f-from">发布日期（起）格式应为 YYYY-MM-DD');
      expect(res.body).toMatch(
        /<input id="f-from" name="from" type="text" value="2026-13-01" aria-invalid="true"/,
      );
      expect(res.body).toMatch(/<input id="f-q" name="q" type="search" value="低保"/);
      expect(hitLinks(res.body)).toEqual([]);

      const agency = await get('/search?q=低保&agency=UNKNOWN1');
      expect(agency.statusCode).toBe(400);
      expect(text(agency.body)).toContain('没有找到所选的发布机构，请从列表中重新选择');
      const column = await get(`/gk/${mzCode}/search?q=低保&column=no-such-column`);
      expect(column.statusCode).toBe(400);
      expect(text(column.body)).toContain('没有找到所选的栏目，请从列表中重新选择');
      const deep = await get(`/search?q=低保&page=${MAX_SEARCH_PAGE + 1}`);
      expect(deep.statusCode).toBe(400);
      expect(text(deep.body)).toContain(`最多只能查看前${MAX_SEARCH_PAGE}页结果`);
    });

    it(`cuts a 10,000-character query to ${MAX_QUERY_CHARS} characters and says so`, async () => {
      const res = await get(`/search?q=${encodeURIComponent('最低生活保障'.repeat(2000)).slice(0, 90_000)}`);
      expect(res.statusCode).toBe(200);
      expect(text(res.body)).toContain(`已按前${MAX_QUERY_CHARS}个字搜索`);
      const value = /<input id="f-q" name="q" type="search" value="([^"]*)"/.exec(res.body)?.[1] ?? '';
      expect([...value]).toHaveLength(MAX_QUERY_CHARS);
    });

    it('gives a clean page for SQL fragments, markup, NUL bytes, broken escapes and arrays', async () => {
      for (const qs of [
        `q=${encodeURIComponent("'; DROP TABLE publications; --")}`,
        `q=${encodeURIComponent('" OR 1=1 -- %_ \\')}`,
        `q=${encodeURIComponent('<script>alert(1)</script>')}`,
        `q=${encodeURIComponent('NEAR(a b) OR c* AND "d" ^e -f +g {h} [i] :j')}`,
        'q=%00%00%01',
        'q=%E4%B8%AD%ZZ%FF',
        'q=%ED%A0%80',
        'q=a&q=b',
        'q[]=x&topic[]=y',
        'q=&&&=&topic=',
        `q=${encodeURIComponent('💡🏛️ 〔〕【】')}`,
      ]) {
        for (const base of ['/search', `/gk/${mzCode}/search`]) {
          const res = await get(`${base}?${qs}`);
          expect(res.statusCode, qs).toBe(200);
          expect(res.body, qs).not.toContain('<script>alert');
          expect(res.body, qs).toContain('<form class="search-form"');
        }
      }
      // The table is still there.
      expect(
        hitLinks((await get(`/search?q=${encodeURIComponent('最低生活保障')}`)).body).length,
      ).toBeGreaterThan(0);
    });

    it('finds a withdrawn item no more', async () => {
      const q = `/search?q=${encodeURIComponent('名单公示')}`;
      const url = `/gk/${mzCode}/items/${ids.withdrawn}`;
      expect(hitLinks((await get(q)).body)).toContain(url);
      await withdrawPublication(await ctxOf(t, 'mz.signer'), ids.withdrawn, { reason: '误发，依法撤回' });
      expect(hitLinks((await get(q)).body)).not.toContain(url);
    });

    it('is cacheable like every portal page: ETag, 304, no cookie, same bytes for everyone', async () => {
      const staff = await t.login('mz.editor');
      for (const url of [
        `/search?q=${encodeURIComponent('最低生活保障')}&topic=civilAffairsRelief`,
        `/gk/${mzCode}/search?q=${encodeURIComponent(TIGHT)}&sort=date`,
        '/search',
        '/search?topic=nope',
      ]) {
        const res = await get(url);
        expect(res.headers['cache-control'], url).toBe('public, max-age=60');
        expect(res.headers.etag, url).toMatch(/^"[\w-]+"$/);
        expect(res.headers['set-cookie'], url).toBeUndefined();
        expect(res.headers.vary, url).toBeUndefined();
        if (res.statusCode === 200) {
          const cached = await get(url, { 'if-none-match': String(res.headers.etag) });
          expect(cached.statusCode, url).toBe(304);
          expect(cached.body, url).toBe('');
        }
        const signedIn = await staff.inject({ url });
        expect(signedIn.body, url).toBe(res.body);
        expect(signedIn.headers['set-cookie'], url).toBeUndefined();
      }
    });

    it('serves the search in the site variants (长辈版, 繁體), its links staying in the variant', async () => {
      const elder = await get(`/lb/search?q=${encodeURIComponent('最低生活保障')}&validity=effective`);
      expect(elder.statusCode).toBe(200);
      expect(hitLinks(elder.body)).toEqual([`/lb/gk/${mzCode}/items/${ids.policy}`]);
      expect(elder.body).toContain('<form class="search-form" method="get" action="/lb/search"');
      // Traditional characters typed in the 繁體 site find the Simplified text.
      const traditional = await get(`/ft/gk/${mzCode}/search?q=${encodeURIComponent('社會救助暫行辦法')}`);
      expect(traditional.statusCode).toBe(200);
      expect(hitLinks(traditional.body)).toEqual([`/ft/gk/${mzCode}/items/${ids.policy}`]);
      expect(traditional.body).toContain(`action="/ft/gk/${mzCode}/search"`);
      expect((await get('/lb/lb/search')).statusCode).toBe(404);
    });

    it('offers a search box on every portal page: the agency itself, or the whole platform', async () => {
      const section = await get(`/gk/${mzCode}`);
      const box = /<form class="search-box"[\s\S]*?<\/form>/.exec(section.body)?.[0] ?? '';
      expect(box).toContain(`action="/gk/${mzCode}/search"`);
      expect(box).toContain('<label for="search-box-q">搜索本机关信息</label>');
      expect(box).toContain('formaction="/search"');
      const item = await get(`/gk/${mzCode}/items/${ids.policy}`);
      expect(item.body).toContain(`<form class="search-box" method="get" action="/gk/${mzCode}/search"`);
      // The platform home has one in its body too.
      const home = await get('/');
      expect(main(home.body)).toContain('<label for="search-box-q-main">在全平台政府信息中搜索</label>');
      expect(main(home.body)).toContain('<form class="search-box" method="get" action="/search"');
      const platform = await get('/search');
      expect(platform.body).toContain('<form class="search-box" method="get" action="/search"');
      expect(text(main(platform.body))).toContain('请输入关键词，或选择筛选条件后搜索。');
      // The agency page's form offers its columns; the platform page's form its agencies.
      const scoped = await get(`/gk/${mzCode}/search`);
      expect(scoped.body).toContain('<option value="fdzdgknr/xzgfxwj"');
      expect(scoped.body).not.toContain('name="agency"');
      expect(platform.body).toContain(`<option value="${qhCode}"`);
      expect(platform.body).not.toContain('name="column"');
    });
  });
}
