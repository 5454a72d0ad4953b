/**
 * The open API through HTTP (every dialect): exactly the items the portal shows (live versions in
 * visible columns; the published version while an amendment is under way), each filter, keyset
 * paging over everything, one item with its metadata block in the portal's order, body,
 * attachments and links; withdrawn 410 without title, unknown 404; bad parameters 400 with
 * Chinese messages naming them; documented in /api/docs; cacheable, no cookie, rate-limited.
 */
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retireNode } from '../../src/modules/catalog/commands/retire-node.js';
import { textPdf } from '../../src/modules/checks/test-files.fixture.js';
import { openApiRoutes } from '../../src/modules/portal/api/open-api.routes.js';
import {
  AgencyListResponse,
  CatalogResponse,
  GoneSchema,
  ItemDetailSchema,
  ItemListResponse,
  SearchResponse,
} from '../../src/modules/portal/api/open-api.schemas.js';
import { amendPublication } from '../../src/modules/publications/commands/amend-publication.js';
import { linkInterpretation } from '../../src/modules/publications/commands/link-interpretation.js';
import { updatePublication } from '../../src/modules/publications/commands/update-publication.js';
import { uploadAttachment } from '../../src/modules/publications/commands/upload-attachment.js';
import { withdrawPublication } from '../../src/modules/publications/commands/withdraw-publication.js';
import {
  buildPublication,
  completeInput,
  ctxOf,
} from '../../src/modules/publications/publications.fixtures.js';
import type { Publication } from '../../src/modules/publications/publications.js';
import { rebuildSearchIndex } from '../../src/modules/search/indexer.js';
import { toAppError } from '../../src/platform/http/error-handler.js';
import { type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';
import {
  agencyCode,
  importItems,
  nodeId,
  portalListed,
  publicItemUrls,
  publish,
} from './open-data.fixtures.js';

FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v));

const API = '/api/v1/open';
const HAN = /[\u4e00-\u9fff]/;

interface ListBody {
  total: number | null;
  limit: number;
  items: { id: string; publishedOn: string; title: string; topic: string | null; url: string }[];
  nextCursor: string | null;
  next: string | null;
}

function conforms(schema: TSchema, body: unknown) {
  const errors = [...Value.Errors(schema, body)].slice(0, 3).map((e) => `${e.path}: ${e.message}`);
  expect(errors).toEqual([]);
}

for (const dialect of dialects) {
  describe(`open API [${dialect}]`, () => {
    let t: TestApp;
    let code: string;
    let czCode: string;
    let normative: string;
    let rules: string;
    let policy: Publication;
    let interpretation: Publication;
    let amending: Publication;
    let withdrawn: Publication;
    let hiddenItem: Publication;
    let notPublic: Publication[];
    let attachmentId: string;

    const get = (url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url, headers: { host: 'gk.test', ...headers } });
    const list = async (query: string) => {
      const res = await get(`${API}/items?${query}`);
      expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
      return res.json() as ListBody;
    };
    const ids = (b: ListBody) => b.items.map((i) => i.id);
    /** Every id of a query, following nextCursor. */
    const all = async (query: string, limit = 100) => {
      const out: string[] = [];
      let body = await list(`${query}&limit=${limit}`);
      out.push(...ids(body));
      while (body.nextCursor) {
        body = await list(`${query}&limit=${limit}&cursor=${body.nextCursor}`);
        out.push(...ids(body));
      }
      return out;
    };

    beforeAll(async () => {
      t = await testApp(dialect);
      code = await agencyCode(t);
      czCode = await agencyCode(t, '示例市财政局');
      normative = await nodeId(t, ['fdzdgknr', 'xzgfxwj']);
      rules = await nodeId(t, ['zfxxgkzd']);
      // 25 archive items (制度 column), imported at 2026-03-02 10:00 Beijing.
      await importItems(t, 25, {
        column: 'zfxxgkzd',
        prefix: 'ZD',
        lastOn: '2026-02-20',
        extra: (i) => ({
          topic: 'generalAffairs',
          genre: 'notice',
          writtenOn: `2025-12-${String(i + 1).padStart(2, '0')}`,
        }),
      });
      t.clock.advance(3_600_000);
      const editor = await ctxOf(t, 'mz.editor');
      const draft = await buildPublication.draft(t, {
        title: '示例市最低生活保障办法',
        columnId: normative,
        genre: 'normativeDocument',
        validity: 'effective',
        docNoPrefix: '示民规',
        docNoYear: 2026,
        docNoNumber: 1,
        writtenOn: '2026-02-25',
        keywords: ['低保', '社会救助'],
        summary: '规定本市城乡居民最低生活保障的对象、标准和程序。',
      });
      attachmentId = (
        await uploadAttachment(editor, draft.id, {
          fileName: '办法全文.pdf',
          bytes: textPdf([['Minimum living allowance measures']]),
        })
      ).attachment.id;
      policy = await publish(t, draft);
      t.clock.advance(86_400_000);
      const interp = await buildPublication.draft(t, {
        title: '《示例市最低生活保障办法》政策解读',
        columnId: await nodeId(t, ['zcjd']),
        genre: 'interpretation',
        docNoPrefix: null,
        docNoYear: null,
        docNoNumber: null,
      });
      await linkInterpretation(editor, interp.id, { policyId: policy.id });
      interpretation = await publish(t, interp);
      // Published, then amended: the draft moves it to 制度 with another topic and title.
      amending = await publish(
        t,
        await buildPublication.draft(t, {
          title: '临时救助实施细则',
          columnId: normative,
          genre: 'normativeDocument',
          validity: 'effective',
          docNoNumber: 7,
        }),
      );
      await amendPublication(editor, amending.id, { formedOn: '2026-03-03' });
      await updatePublication(
        editor,
        amending.id,
        completeInput(rules, {
          title: '临时救助实施细则（修订草稿）',
          genre: 'normativeDocument',
          validity: 'effective',
          topic: 'other',
          docNoNumber: 8,
          formedOn: '2026-03-03',
        }),
      );
      withdrawn = await publish(t, await buildPublication.draft(t, { title: '误发的名单公示' }));
      t.clock.advance(3_600_000);
      await withdrawPublication(await ctxOf(t, 'mz.signer'), withdrawn.id, {
        reason: '含有个人信息（联系人13912345678），依法撤回',
      });
      const mszc = await nodeId(t, ['fdzdgknr', 'mszc']);
      hiddenItem = await publish(
        t,
        await buildPublication.draft(t, { title: '民生实事公示', columnId: mszc }),
      );
      await retireNode(await ctxOf(t, 'mz.admin'), mszc, { reason: '栏目调整' });
      notPublic = [
        await buildPublication.draft(t, { title: '尚未审核的草稿' }),
        await buildPublication.inReview(t, 'secrecyReview', { title: '保密审查中' }),
        await buildPublication.scheduled(t, '2026-12-01T00:00:00.000Z', { title: '定时发布' }),
        await buildPublication.registered(t, { title: '不予公开的内部文件' }),
      ];
    }, 180_000);
    afterAll(async () => t?.close());

    it('lists exactly the items the portal shows, newest first, paging through all by cursor', async () => {
      const expected = [...(await publicItemUrls(t))].map((u) => u.split('/items/')[1]!);
      const first = await list('limit=7');
      conforms(ItemListResponse, first);
      expect(first.total).toBe(expected.length);
      expect(first.items).toHaveLength(7);
      expect(first.next).toBe(`http://gk.test${API}/items?limit=7&cursor=${first.nextCursor}`);
      const second = await list(`limit=7&cursor=${first.nextCursor}`);
      expect(second.total).toBeNull();
      expect(ids(second)).not.toContain(ids(first)[0]);
      const paged = await all('', 7);
      expect(new Set(paged).size).toBe(paged.length);
      expect(new Set(paged)).toEqual(new Set(expected));
      for (const hidden of [withdrawn, hiddenItem, ...notPublic]) expect(paged).not.toContain(hidden.id);
      // The portal's own order for the agency.
      expect(await all(`agency=${code}`, 9)).toEqual(await portalListed(t, code, 100));
    });

    it('filters by agency, column, 主题分类, 体裁, 有效性, 发布日期, 成文日期 and change time', async () => {
      expect((await list(`agency=${czCode}`)).total).toBe(0);
      expect(await all(`agency=${code}&column=fdzdgknr/xzgfxwj`)).toEqual(
        await portalListed(t, code, 100, [normative]),
      );
      // A section node lists its columns' items.
      expect(await all(`agency=${code}&column=fdzdgknr`)).toContain(policy.id);
      // The live version decides: the amendment's draft column, topic and title are not public yet.
      const inNormative = await all(`agency=${code}&column=fdzdgknr/xzgfxwj`);
      expect(inNormative).toContain(amending.id);
      expect(await all(`agency=${code}&column=zfxxgkzd`)).not.toContain(amending.id);
      expect(await all('topic=other')).not.toContain(amending.id);
      const relief = await all('topic=civilAffairsRelief');
      expect(relief).toEqual(expect.arrayContaining([policy.id, amending.id, interpretation.id]));
      expect((await list('topic=generalAffairs')).total).toBe(25);
      expect((await list('topic=generalAffairs,civilAffairsRelief')).total).toBe(25 + relief.length);
      expect(await all('genre=interpretation')).toEqual([interpretation.id]);
      expect(new Set(await all('validity=effective'))).toEqual(new Set([policy.id, amending.id]));
      expect(await all('from=2026-03-03&to=2026-03-03')).toEqual(
        expect.arrayContaining([interpretation.id, amending.id]),
      );
      expect(await all('from=2026-03-03&to=2026-03-03')).not.toContain(policy.id);
      expect((await list('from=2026-02-01&to=2026-02-20')).total).toBe(20);
      expect((await list('wfrom=2025-12-01&wto=2025-12-10')).total).toBe(10);
      expect(await all('wfrom=2026-02-25&wto=2026-02-25')).toEqual([policy.id]);
      // Imported at 10:00 Beijing; everything after was published later.
      const since = await all('since=2026-03-02T10:30:00%2B08:00');
      expect(since).toContain(policy.id);
      expect((await list('since=2026-03-02T10:30:00%2B08:00&topic=generalAffairs')).total).toBe(0);
      expect((await list('since=2026-03-02&topic=generalAffairs')).total).toBe(25);
      const item = (await list(`agency=${code}&column=fdzdgknr/xzgfxwj&limit=100`)).items.find(
        (i) => i.id === amending.id,
      )!;
      expect(item.title).toBe('临时救助实施细则');
      expect(item.topic).toBe('civilAffairsRelief');
    });

    it('gives one item: the metadata block in the portal’s order, body, attachments, linked interpretation', async () => {
      const res = await get(`${API}/items/${policy.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = res.json();
      conforms(ItemDetailSchema, body);
      expect(body.metadata).toEqual([
        { label: '索引号', value: policy.indexNo },
        { label: '主题分类', value: '民政、扶贫、救灾' },
        { label: '发文机关', value: '示例市民政局' },
        { label: '成文日期', value: '2026年02月25日' },
        { label: '标题', value: '示例市最低生活保障办法' },
        { label: '发文字号', value: '示民规〔2026〕1号' },
        { label: '发布日期', value: '2026年03月02日' },
        { label: '有效性', value: '有效' },
      ]);
      expect(Object.keys(body).slice(0, 11)).toEqual([
        'id',
        'indexNo',
        'topic',
        'topicLabel',
        'publisher',
        'writtenOn',
        'title',
        'docNo',
        'publishedOn',
        'validity',
        'validityLabel',
      ]);
      expect(body.bodyHtml).toContain('经研究，自2026年1月1日起调整最低生活保障标准');
      expect(body.url).toBe(`http://gk.test/gk/${code}/items/${policy.id}`);
      expect(body.column).toMatchObject({
        id: normative,
        slugPath: 'fdzdgknr/xzgfxwj',
        name: '行政规范性文件',
      });
      expect(body.attachments).toHaveLength(1);
      expect(body.attachments[0]).toMatchObject({ id: attachmentId, fileName: '办法全文.pdf', type: 'pdf' });
      const download = await get(new URL(body.attachments[0].url).pathname);
      expect(download.statusCode).toBe(200);
      expect(body.interpretations.map((l: { id: string }) => l.id)).toEqual([interpretation.id]);
      const back = (await get(`${API}/items/${interpretation.id}`)).json();
      expect(back.policies.map((l: { id: string }) => l.id)).toEqual([policy.id]);
      // During the amendment the live version, not the draft.
      const live = (await get(`${API}/items/${amending.id}`)).json();
      expect(live.title).toBe('临时救助实施细则');
      expect(JSON.stringify(live)).not.toContain('修订草稿');
    });

    it('never sends reviewer names, workflow states or drafts', async () => {
      const users = await t.services.db.selectFrom('users').select(['username', 'display_name']).execute();
      const bodies = [
        (await get(`${API}/items/${policy.id}`)).body,
        (await get(`${API}/items?limit=100`)).body,
        (await get(`${API}/agencies`)).body,
        (await get(`${API}/agencies/${code}/catalog`)).body,
      ];
      for (const body of bodies) {
        for (const u of users) {
          expect(body).not.toContain(`"${u.username}"`);
          expect(body).not.toContain(u.display_name);
        }
        for (const word of [
          '"state"',
          'reviewer',
          'withholdReason',
          'bodySource',
          '尚未审核的草稿',
          '保密审查中',
        ])
          expect(body).not.toContain(word);
      }
    });

    it('answers a withdrawn item with 410, its date and masked reason, never its title; others 404', async () => {
      const res = await get(`${API}/items/${withdrawn.id}`);
      expect(res.statusCode).toBe(410);
      const body = res.json();
      conforms(GoneSchema, body);
      expect(body.error.message).toBe('该信息已于2026年03月03日撤回。');
      expect(body.withdrawal).toMatchObject({ id: withdrawn.id, withdrawnOn: '2026-03-03' });
      expect(body.withdrawal.reason).toBe('含有个人信息（联系人139****5678），依法撤回');
      expect(res.body).not.toContain('误发的名单公示');
      expect(res.body).not.toContain('13912345678');
      for (const p of [hiddenItem, ...notPublic]) {
        const missing = await get(`${API}/items/${p.id}`);
        expect(missing.statusCode, p.title).toBe(404);
        expect(missing.json().error.code).toBe('not_found');
        expect(missing.body).not.toContain(p.title);
      }
      expect((await get(`${API}/items/${'x'.repeat(100)}`)).statusCode).toBe(404);
      expect((await get(`${API}/agencies/NO-SUCH/catalog`)).statusCode).toBe(404);
    });

    it('refuses bad parameters with 400 and a Chinese message naming each', async () => {
      const cases: [string, string, RegExp][] = [
        ['topic=nonsense', 'topic', /主题分类（topic）的取值“nonsense”无效/],
        ['genre=x', 'genre', /体裁/],
        ['validity=x', 'validity', /有效性/],
        ['from=2026-02-30', 'from', /发布日期起（from）/],
        ['wto=20260101', 'wto', /成文日期止（wto）/],
        ['from=2026-03-05&to=2026-03-01', 'to', /发布日期止（to）不能早于发布日期起/],
        ['since=yesterday', 'since', /更新时间起（since）/],
        ['limit=0', 'limit', /每页条数（limit）应为 1 至 100 的整数/],
        ['limit=101', 'limit', /每页条数/],
        ['cursor=garbage', 'cursor', /翻页游标（cursor）无效/],
        ['column=fdzdgknr', 'column', /须同时指定发布机构（agency）/],
        ['agency=NO-SUCH-AGENCY', 'agency', /发布机构（agency）“NO-SUCH-AGENCY”不存在/],
        [`agency=${code}&column=fdzdgknr/mszc`, 'column', /没有公开的栏目/],
        ['topic=other&topic=other', 'topic', /只能填写一次/],
        ['publishedFrom=2026-01-01', 'publishedFrom', /不支持的查询参数“publishedFrom”/],
      ];
      for (const [query, field, message] of cases) {
        const res = await get(`${API}/items?${query}`);
        expect(res.statusCode, query).toBe(400);
        const { error } = res.json();
        expect(error.code, query).toBe('validation_failed');
        expect(
          error.fields.map((f: { field: string }) => f.field),
          query,
        ).toContain(field);
        expect(error.message, query).toMatch(message);
        expect(error.message, query).toMatch(HAN);
      }
      // Every problem at once.
      const many = (await get(`${API}/items?topic=x&limit=0&from=x`)).json();
      expect(many.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
        'from',
        'limit',
        'topic',
      ]);
    });

    it('lists the agencies and one agency’s catalogue as the public sees it', async () => {
      const res = await get(`${API}/agencies`);
      conforms(AgencyListResponse, res.json());
      const mz = res.json().items.find((a: { code: string }) => a.code === code);
      expect(mz).toMatchObject({
        name: '示例市民政局',
        kind: 'department',
        url: `http://gk.test/gk/${code}`,
        feeds: {
          rss: `http://gk.test/gk/${code}/feed/rss.xml`,
          atom: `http://gk.test/gk/${code}/feed/atom.xml`,
        },
        catalogApi: `http://gk.test${API}/agencies/${code}/catalog`,
      });
      expect(mz.parentCode).not.toBeNull();
      const catalog = (await get(`${API}/agencies/${code}/catalog`)).json();
      conforms(CatalogResponse, catalog);
      const paths = catalog.nodes.map((n: { slugPath: string }) => n.slugPath);
      expect(paths).toContain('fdzdgknr/xzgfxwj');
      expect(paths).not.toContain('fdzdgknr/mszc');
      expect(paths.indexOf('fdzdgknr')).toBeLessThan(paths.indexOf('fdzdgknr/xzgfxwj'));
      const column = catalog.nodes.find((n: { slugPath: string }) => n.slugPath === 'fdzdgknr/xzgfxwj');
      expect(column.itemsApi).toBe(`http://gk.test${API}/items?agency=${code}&column=fdzdgknr%2Fxzgfxwj`);
      const listed = (await get(new URL(column.itemsApi).pathname + new URL(column.itemsApi).search)).json();
      expect(ids(listed)).toContain(policy.id);
      const fees = catalog.nodes.find((n: { slugPath: string }) => n.slugPath === 'zfxxgksq/sfbz');
      expect(fees.body).toContain('不收取费用');
      expect(catalog.nodes.find((n: { kind: string }) => n.kind === 'guide').itemsApi).toBeNull();
    });

    it('is documented in the OpenAPI document', async () => {
      const doc = (await get('/api/docs')).json();
      for (const path of [
        `${API}/agencies`,
        `${API}/agencies/{code}/catalog`,
        `${API}/items`,
        `${API}/items/{id}`,
      ])
        expect(doc.paths[path]?.get, path).toBeDefined();
      const params = doc.paths[`${API}/items`].get.parameters.map((p: { name: string }) => p.name);
      expect(params).toEqual(
        expect.arrayContaining([
          'agency',
          'column',
          'topic',
          'genre',
          'validity',
          'from',
          'to',
          'wfrom',
          'wto',
          'since',
          'limit',
          'cursor',
        ]),
      );
      expect(doc.paths[`${API}/items/{id}`].get.responses['410']).toBeDefined();
      expect(doc.paths[`${API}/items`].get.tags).toEqual(['open']);
      expect(doc.info.description).toContain('/api/v1/open/');
    });

    it('is cacheable and public: ETag, 304, Cache-Control, CORS, no cookie', async () => {
      for (const url of [
        `${API}/items?limit=5`,
        `${API}/items/${policy.id}`,
        `${API}/agencies`,
        `${API}/agencies/${code}/catalog`,
      ]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers.etag, url).toMatch(/^"[\w-]+"$/);
        expect(res.headers['cache-control'], url).toBe('public, max-age=60');
        expect(res.headers['access-control-allow-origin'], url).toBe('*');
        expect(res.headers['set-cookie'], url).toBeUndefined();
        expect((await get(url, { 'if-none-match': String(res.headers.etag) })).statusCode, url).toBe(304);
        const staff = await t.login('mz.editor');
        const signedIn = await staff.inject({ url, headers: { host: 'gk.test' } });
        expect(signedIn.body, url).toBe(res.body);
        expect(signedIn.headers['set-cookie'], url).toBeUndefined();
      }
      expect(
        Date.parse(String((await get(`${API}/items/${policy.id}`)).headers['last-modified'])),
      ).not.toBeNaN();
    });

    it('searches with the search pages’ parameters: plain-text hits with highlight ranges', async () => {
      await rebuildSearchIndex(t.services.db);
      const res = await get(`${API}/search?q=${encodeURIComponent('最低生活保障')}&field=title`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      conforms(SearchResponse, body);
      const hit = body.hits.find((h: { id: string }) => h.id === policy.id);
      expect(hit).toMatchObject({
        title: '示例市最低生活保障办法',
        docNo: '示民规〔2026〕1号',
        publisher: '示例市民政局',
        agency: { code, name: '示例市民政局' },
        url: `http://gk.test/gk/${code}/items/${policy.id}`,
      });
      // Every range marks a matched term of the plain text.
      expect(hit.titleHighlights.length).toBeGreaterThan(0);
      for (const [start, end] of hit.titleHighlights) {
        const marked = [...hit.title].slice(start, end).join('');
        expect(body.terms.some((term: string) => marked.includes(term))).toBe(true);
      }
      expect(hit.snippet).not.toMatch(/[<>]/);
      const found = (query: string) =>
        get(`${API}/search?${query}`).then((r) => r.json().hits.map((h: { id: string }) => h.id) as string[]);
      expect(await found(`q=${encodeURIComponent('示民规〔2026〕1号')}`)).toContain(policy.id);
      expect(await found(`q=${encodeURIComponent('误发的名单公示')}`)).not.toContain(withdrawn.id);
      expect(await found(`q=${encodeURIComponent('民生实事公示')}`)).not.toContain(hiddenItem.id);
      expect(await found(`q=${encodeURIComponent('尚未审核的草稿')}`)).toEqual([]);
      expect(await found(`q=${encodeURIComponent('最低生活保障')}&agency=${czCode}`)).toEqual([]);
      expect(await found(`q=${encodeURIComponent('解读')}&agency=${code}&column=zcjd`)).toEqual([
        interpretation.id,
      ]);
      expect(await found(`genre=interpretation&sort=date`)).toEqual([interpretation.id]);
      // Ten a page, with the next page's address.
      const many = (await get(`${API}/search?topic=generalAffairs`)).json();
      expect(many.total).toBe(25);
      expect(many.hits).toHaveLength(10);
      expect(many.next).toBe(`http://gk.test${API}/search?topic=generalAffairs&page=2`);
      const bad: [string, string][] = [
        ['topic=x', 'topic'],
        ['page=0', 'page'],
        ['from=2026-02-30', 'from'],
        ['q=a&nonsense=1', 'nonsense'],
        ['q=a&q=b', 'q'],
        ['', 'q'],
        ['q=a&column=zcjd', 'column'],
        ['q=a&agency=NO-SUCH', 'agency'],
      ];
      for (const [query, field] of bad) {
        const r = await get(`${API}/search?${query}`);
        expect(r.statusCode, query).toBe(400);
        const fields = r.json().error.fields;
        expect(
          fields.map((f: { field: string }) => f.field),
          query,
        ).toContain(field);
        expect(
          fields.every((f: { message: string }) => HAN.test(f.message)),
          query,
        ).toBe(true);
      }
      expect((await get('/api/docs')).json().paths[`${API}/search`].get.parameters.length).toBe(17);
    });

    it('limits each client address, answering 429 with Retry-After', async () => {
      const small = Fastify({ trustProxy: true });
      small.decorate('services', t.services);
      small.setErrorHandler((err, _req, reply) => {
        const e = toAppError(err);
        return reply.status(e.status).send({ error: { code: e.code, message: e.message, fields: e.fields } });
      });
      await small.register(openApiRoutes, { rateLimit: 3 });
      try {
        const from = (ip: string) =>
          small.inject({ url: `${API}/agencies`, headers: { 'x-forwarded-for': ip } });
        for (let i = 0; i < 3; i++) expect((await from('203.0.113.7')).statusCode).toBe(200);
        const limited = await from('203.0.113.7');
        expect(limited.statusCode).toBe(429);
        expect(limited.headers['retry-after']).toBe('60');
        expect(limited.json().error.message).toMatch(HAN);
        expect((await from('203.0.113.8')).statusCode).toBe(200);
      } finally {
        await small.close();
      }
    });
  });
}
