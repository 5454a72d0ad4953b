/**
 * The search index on a 1,000-item fixture (test/search-fixture.ts), on every dialect: each query's
 * hits equal an in-memory oracle built from the same tokens, in date order; with PostgreSQL on,
 * SQLite and PostgreSQL return the same ids in the same order for every query.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.js';
import { dialects } from '../../../test/db.js';
import {
  type FixtureItem,
  fixtureAgencies,
  generateSearchItems,
  liveItems,
  searchQuery as query,
  writeSearchFixture,
} from '../../../test/search-fixture.js';
import { describePostgres } from '../../../test/tiers.js';
import { htmlToText } from '../publications/body.js';
import { formatDocNo } from '../publications/vocabulary.js';
import { normalizeDocNoPrefix } from './doc-no.js';
import { reindexPublications } from './indexer.js';
import { baseSortKey } from './keys.js';
import { MAX_QUERY_CHARS, SEARCH_COUNT_CAP, type SearchQuery } from './search.js';
import {
  best,
  ftsQuery,
  pageKeys,
  planOf,
  searchPublications,
  sqlFor,
  termHits,
} from './search.repository.js';
import { documentTokens, queryTerms } from './segment.js';

const FIXTURE_SIZE = 1000;

/** What each live item is searchable by, computed apart from the index. */
function oracleOf(items: FixtureItem[]) {
  return liveItems(items).map((it) => {
    const docNo = it.docNo ? formatDocNo(it.docNo.prefix, it.docNo.year, it.docNo.seq) : null;
    const texts = [
      it.title,
      docNo ?? '',
      it.summary,
      ...it.keywords,
      it.publisherName,
      it.indexNo,
      htmlToText(it.paragraphs.map((p) => `<p>${p}</p>`).join('\n')),
      ...it.attachments.flatMap((a) => [a.fileName, a.text]),
    ];
    const publishedAt = new Date(
      Date.parse(`${it.publishedOn}T00:00:00+08:00`) + it.publishedSecond * 1000,
    ).toISOString();
    return {
      it,
      title: new Set(documentTokens(it.title)),
      full: new Set(texts.flatMap((t) => documentTokens(t))),
      key: baseSortKey(it.publishedOn, publishedAt, it.id),
    };
  });
}

type Oracle = ReturnType<typeof oracleOf>;

/** The ids a query must return, newest first (text terms only; 文号 recognition is tested apart). */
function expected(oracle: Oracle, q: SearchQuery): string[] {
  const terms = queryTerms(q.text);
  return oracle
    .filter(({ it, title, full }) => {
      const tokens = q.field === 'title' ? title : full;
      if (!terms.every((t) => tokens.has(t))) return false;
      if (q.agencyIds && !q.agencyIds.includes(it.agencyId)) return false;
      if (q.columnIds && !q.columnIds.includes(it.columnId)) return false;
      if (q.topic && it.topic !== q.topic) return false;
      if (q.genre && it.genre !== q.genre) return false;
      if (q.validity && it.validity !== q.validity) return false;
      if (q.publishedFrom && it.publishedOn < q.publishedFrom) return false;
      if (q.publishedTo && it.publishedOn > q.publishedTo) return false;
      if (q.writtenFrom && it.writtenOn < q.writtenFrom) return false;
      if (q.writtenTo && it.writtenOn > q.writtenTo) return false;
      if (q.docNoPrefix && it.docNo?.prefix !== normalizeDocNoPrefix(q.docNoPrefix)) return false;
      if (q.docNoYear !== null && it.docNo?.year !== q.docNoYear) return false;
      if (q.docNoSeq !== null && it.docNo?.seq !== q.docNoSeq) return false;
      return true;
    })
    .sort((a, b) => b.key - a.key)
    .map((o) => o.it.id);
}

/** Every id of a query, page by page (date order). */
async function allIds(t: TestApp, q: SearchQuery): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const r = await searchPublications(t.services.db, { ...q, page, pageSize: 100 });
    total = r.total;
    ids.push(...r.hits.map((h) => h.id));
    if (r.hits.length < 100) break;
  }
  return { ids, total };
}

/** ~30 queries with filters, named after what they exercise. */
function queries(items: FixtureItem[]): Record<string, SearchQuery> {
  const agencies = [...new Set(items.map((i) => i.agencyId))];
  const mz = items.find((i) => i.agencyName === '示例市民政局')!;
  const columns = [...new Set(items.filter((i) => i.agencyId === mz.agencyId).map((i) => i.columnId))];
  return {
    'one word': query({ text: '救助' }),
    'two words': query({ text: '最低生活保障 资金' }),
    'search-mode sub-word 民政': query({ text: '民政' }),
    'agency name': query({ text: '清河县民政局' }),
    'Traditional query': query({ text: '關於臨時救助' }),
    'title only': query({ text: '管理办法', field: 'title' }),
    'title only, two words': query({ text: '政策解读 预算', field: 'title' }),
    'body-only phrase': query({ text: '弄虚作假' }),
    'attachment text': query({ text: '统计表 合计' }),
    keyword: query({ text: '改革' }),
    'stop words dropped': query({ text: '政务公开的工作' }),
    'frequent term': query({ text: '工作' }),
    'agency filter': query({ text: '资金', agencyIds: [mz.agencyId] }),
    'two agencies': query({ text: '安全', agencyIds: agencies.slice(2, 4) }),
    'columns filter': query({ text: '通知', columnIds: columns.slice(0, 3) }),
    topic: query({ text: '管理', topic: 'financeAudit' }),
    genre: query({ text: '办法', genre: 'normativeDocument' }),
    validity: query({ validity: 'repealed' }),
    'validity + text': query({ text: '规定', validity: 'effective' }),
    'published range': query({
      text: '公开',
      publishedFrom: '2020-01-01' as never,
      publishedTo: '2021-06-30' as never,
    }),
    'published year': query({ publishedFrom: '2024-01-01' as never, publishedTo: '2024-12-31' as never }),
    'written range': query({
      text: '救助',
      writtenFrom: '2019-03-01' as never,
      writtenTo: '2022-02-28' as never,
    }),
    '文号 filter parts': query({ docNoPrefix: '示民发', docNoYear: 2020 }),
    '文号 prefix only': query({ docNoPrefix: '清自然资发' }),
    'text + 文号 filter': query({ text: '通知', docNoPrefix: '示府发' }),
    '文号 year only': query({ docNoYear: 2021 }),
    'open written range': query({ text: '资金', writtenFrom: '2022-01-01' as never }),
    'filters only': query({ topic: 'civilAffairsRelief', agencyIds: [agencies[5]!] }),
    everything: query({}),
    'no such word': query({ text: '航天飞机' }),
    'odd symbols': query({ text: `'; DROP TABLE search_items; -- "*" OR NEAR( \\ 🙂` }),
    'Latin and digits': query({ text: 'FX 2023' }),
    'empty agency list': query({ text: '救助', agencyIds: [] }),
    'all filters at once': query({
      text: '资金',
      agencyIds: agencies,
      topic: 'civilAffairsRelief',
      publishedFrom: '2017-01-01' as never,
      writtenTo: '2025-12-31' as never,
    }),
  };
}

for (const dialect of dialects) {
  describe(`search over the fixture [${dialect}]`, () => {
    let t: TestApp;
    let items: FixtureItem[];
    let oracle: Oracle;
    beforeAll(async () => {
      t = await testApp(dialect);
      items = await writeSearchFixture(
        t.services.db,
        generateSearchItems(await fixtureAgencies(t.services.db), FIXTURE_SIZE),
      );
      oracle = oracleOf(items);
    }, 120_000);
    afterAll(() => t?.close());

    it('the fixture is varied enough to test something', () => {
      const live = liveItems(items);
      expect(items.length).toBeGreaterThanOrEqual(1000);
      expect(live.filter((i) => i.traditional).length).toBeGreaterThan(20);
      expect(new Set(live.map((i) => i.agencyId)).size).toBeGreaterThanOrEqual(5);
      expect(new Set(live.map((i) => i.docNo?.prefix)).size).toBeGreaterThan(8);
      expect(items.filter((i) => i.state !== 'published').length).toBeGreaterThan(30);
    });

    it('every query returns exactly the oracle’s ids, newest first, and counts them', async () => {
      const live = liveItems(items).length;
      for (const [name, q] of Object.entries(queries(items))) {
        const want = expected(oracle, q);
        const got = await allIds(t, q);
        expect(got.ids, name).toEqual(want);
        expect(got.total, name).toBe(want.length);
        if (!['no such word', 'odd symbols', 'empty agency list', 'everything'].includes(name)) {
          expect(want.length, `${name} finds something`).toBeGreaterThan(0);
          expect(want.length, `${name} does not find everything`).toBeLessThan(live);
        }
      }
    });

    it('finds nothing of drafts, withdrawn items or an amendment’s unpublished draft', async () => {
      const r = await searchPublications(t.services.db, query({ text: '未公开草稿' }));
      expect(r.total).toBe(0);
      const hidden = new Set(
        items.filter((i) => i.state === 'draft' || i.state === 'withdrawn').map((i) => i.id),
      );
      const every = await allIds(t, query({}));
      expect(every.ids.some((id) => hidden.has(id))).toBe(false);
      // The amended items are found by their live title.
      const amending = items.find((i) => i.state === 'amending')!;
      const byTitle = await allIds(t, query({ text: amending.title, field: 'title' }));
      expect(byTitle.ids).toContain(amending.id);
    });

    it('recognises a 文号 in any brackets, with words around it, and 代字+年份 alone', async () => {
      const target = liveItems(items).find((i) => i.docNo && !i.traditional)!;
      const { prefix, year, seq } = target.docNo!;
      const same = (i: FixtureItem) => i.docNo?.prefix === prefix && i.docNo.year === year;
      const exact = liveItems(items)
        .filter((i) => same(i) && i.docNo!.seq === seq)
        .map((i) => i.id);
      for (const text of [
        `${prefix}〔${year}〕${seq}号`,
        `${prefix}[${year}]${seq}号`,
        `${prefix}（${year}）第${seq}号`,
        `${prefix}【${year}】${seq}`,
        `${prefix}${year} ${seq}号`,
        `关于${prefix}〔${year}〕${seq}号`,
      ]) {
        const r = await searchPublications(t.services.db, query({ text }));
        expect(r.docNo, text).toBe(`${prefix}〔${year}〕${seq}号`);
        expect(r.hits.map((h) => h.id).sort(), text).toEqual([...exact].sort());
      }
      const byYear = await allIds(t, query({ text: `${prefix}〔${year}〕` }));
      expect(byYear.ids.sort()).toEqual(
        liveItems(items)
          .filter(same)
          .map((i) => i.id)
          .sort(),
      );
      // An unknown 代字 is searched as words (and here finds nothing).
      const unknown = await searchPublications(t.services.db, query({ text: '无此发〔2017〕5号' }));
      expect(unknown.docNo).toBeNull();
    });

    it('marks the terms in titles and snippets, Traditional text shown as written', async () => {
      const r = await searchPublications(t.services.db, query({ text: '临时救助' }));
      expect(r.hits.length).toBeGreaterThan(0);
      for (const h of r.hits) {
        expect(h.titleHighlighted.map((x) => x.text).join('')).toBe(h.title);
        expect([...h.titleHighlighted, ...h.snippet].some((x) => x.mark)).toBe(true);
      }
      const trad = liveItems(items).find((i) => i.traditional && i.summary)!;
      const hit = (await allIds(t, query({ text: trad.title, field: 'title' }))).ids.includes(trad.id);
      expect(hit).toBe(true);
    });

    it('ranks by relevance over the same set', async () => {
      const q = query({ text: '资金 管理' });
      const byDate = await allIds(t, q);
      const byRank = await allIds(t, { ...q, sort: 'relevance' });
      expect(byRank.ids.length).toBe(byDate.ids.length);
      expect([...byRank.ids].sort()).toEqual([...byDate.ids].sort());
    });

    it('ranks only the newest `cap` matches, then continues by date, over every page; counts up to the cap', async () => {
      // A term in fewer than half of the items (bm25 gives terms in most items no weight at all).
      const q = query({ text: '绩效', sort: 'relevance' });
      const plan = await planOf(t.services.db, q.text, q.field, { ...q });
      const s = sqlFor(t.services.db);
      const total = await s.count(plan);
      const byDate = await s.byDate(plan, 10_000, 0);
      expect(total).toBe(byDate.length);
      expect(total).toBeGreaterThan(60);
      expect(total).toBeLessThan(liveItems(items).length / 2);
      const window = 30;
      const pages: number[] = [];
      for (let offset = 0; offset < total; offset += 7) {
        const page = await pageKeys(s, plan, 'relevance', 7, offset, window);
        expect(page.counted).toBe(window + 1);
        pages.push(...page.keys);
      }
      expect(pages.slice(window)).toEqual(byDate.slice(window));
      const dated = await pageKeys(s, plan, 'date', 7, 14, window);
      expect(dated).toEqual({ counted: window + 1, keys: byDate.slice(14, 21) });
      expect([...pages.slice(0, window)].sort()).toEqual([...byDate.slice(0, window)].sort());
      expect(pages.slice(0, window)).not.toEqual(byDate.slice(0, window));
    });

    it('tells, for a query without hits, what each term alone would find', async () => {
      const mz = items.find((i) => i.agencyName === '示例市民政局')!;
      const q = query({ text: '救助 航天飞机', agencyIds: [mz.agencyId] });
      expect((await searchPublications(t.services.db, q)).total).toBe(0);
      const th = await termHits(t.services.db, q);
      expect(th.terms.map((x) => x.term)).toEqual(['救助', '航天飞机']);
      expect(th.terms[0]!.total).toBe(
        expected(oracle, query({ text: '救助', agencyIds: [mz.agencyId] })).length,
      );
      expect(th.terms[0]!.total).toBeGreaterThan(0);
      expect(th.terms[1]!.total).toBe(0);
      expect(th.withoutFilters).toEqual({ total: 0, totalCapped: false });
    });

    it('takes any text: SQL and query syntax, emoji, 10,000 characters (cut at MAX_QUERY_CHARS)', async () => {
      for (const text of [
        `'; DROP TABLE search_items; --`,
        '"*" OR NEAR(a b) NOT c:*',
        "\\'\\",
        "'a' & !b | c <-> d",
        '🙂👍🏽',
        `${'救助'.repeat(5000)}`,
        `${'x'.repeat(9990)}救助`,
      ]) {
        const r = await searchPublications(t.services.db, query({ text, sort: 'relevance' }));
        expect(r.terms.join('').length, text.slice(0, 20)).toBeLessThanOrEqual(MAX_QUERY_CHARS);
        expect(r.total).toBeGreaterThanOrEqual(0);
        await termHits(t.services.db, query({ text, topic: 'other' }));
      }
      const long = await searchPublications(t.services.db, query({ text: '救助'.repeat(5000) }));
      expect(long.terms).toEqual(['救助']);
      expect(long.total).toBe(expected(oracle, query({ text: '救助' })).length);
      expect(
        await t.services.db.selectFrom('search_items').select('sort_key').limit(1).execute(),
      ).toHaveLength(1);
    });

    it('caps the count, not the hits', async () => {
      const r = await searchPublications(t.services.db, query({}));
      expect(r.total).toBe(Math.min(liveItems(items).length, SEARCH_COUNT_CAP));
      expect(r.totalCapped).toBe(liveItems(items).length > SEARCH_COUNT_CAP);
    });
  });
}

describe('best: the first n in ranking order', () => {
  it('equals a full sort (score, then newest first) for any n, with ties', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const items = Array.from({ length: 2000 }, (_, k) => ({ k, score: -Math.floor(rnd() * 50) / 7 }));
    const sorted = [...items].sort((a, b) => a.score - b.score || b.k - a.k);
    for (const n of [0, 1, 7, 10, 100, 249, 250, 251, 1000, 2000, 2500])
      expect(best(items, n), String(n)).toEqual(sorted.slice(0, n));
  });
});

describe('SQLite relevance is FTS5’s bm25() itself', () => {
  let t: TestApp;
  let items: FixtureItem[];
  beforeAll(async () => {
    t = await testApp('sqlite');
    items = await writeSearchFixture(
      t.services.db,
      generateSearchItems(await fixtureAgencies(t.services.db), 400),
    );
  }, 120_000);
  afterAll(() => t?.close());

  /** Every query with words: our scores of its newest matches against bm25() of the same rows. */
  async function compare(): Promise<number> {
    const db = t.services.db;
    let compared = 0;
    for (const [name, q] of Object.entries(queries(items))) {
      const plan = await planOf(db, q.text, q.field, { ...q });
      const match = ftsQuery(plan);
      if (plan.terms.length === 0 || match === null) continue;
      const ours = await sqlFor(db).scored(plan, 5000);
      const r = await sql<{ k: number; score: number }>`select rowid as k,
        bm25(search_fts, 10.0, 1.0, 0.0) as score from search_fts where search_fts match ${match}`.execute(
        db,
      );
      const theirs = new Map(r.rows.map((x) => [Number(x.k), Number(x.score)]));
      for (const { k, score } of ours) {
        const want = theirs.get(k);
        expect(want, `${name}: ${k}`).toBeDefined();
        expect(Math.abs(score - want!), `${name}: ${score} vs ${want}`).toBeLessThanOrEqual(
          1e-9 * Math.max(1, Math.abs(want!)),
        );
        compared++;
      }
    }
    return compared;
  }

  it('the same score for every match of every query, also after the index changed', async () => {
    expect(await compare()).toBeGreaterThan(1000);
    // Two frequent words and a title-only search, with scores that differ between rows.
    for (const text of ['资金 管理', '救助']) {
      const plan = await planOf(t.services.db, text, 'all', { ...query() });
      const scores = new Set((await sqlFor(t.services.db).scored(plan, 5000)).map((x) => x.score));
      expect(scores.size, text).toBeGreaterThan(3);
    }
    // Remove a third of the rows holding 救助 from the index, then put them back: document counts
    // and sizes change, and what was kept of the last state must not be used.
    const db = t.services.db;
    const plan = await planOf(db, '救助', 'all', { ...query() });
    const keys = (await sqlFor(db).byDate(plan, 10_000, 0)).filter((_, i) => i % 3 === 0);
    const ids = (
      await db.selectFrom('search_items').select('publication_id').where('sort_key', 'in', keys).execute()
    ).map((r) => r.publication_id);
    for (const k of keys) {
      await sql`delete from search_fts where rowid = ${k}`.execute(db);
      await db.deleteFrom('search_texts').where('sort_key', '=', k).execute();
      await db.deleteFrom('search_items').where('sort_key', '=', k).execute();
    }
    expect(await compare()).toBeGreaterThan(500);
    await reindexPublications(db, ids);
    expect(await sqlFor(db).count(plan, 10_000)).toBe((await sqlFor(db).byDate(plan, 10_000, 0)).length);
    expect(await compare()).toBeGreaterThan(1000);
  });
});

describePostgres('search parity: SQLite and PostgreSQL return the same ids', () => {
  const apps: TestApp[] = [];
  let items: FixtureItem[];
  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const t = await testApp(dialect);
      apps.push(t);
      // The same items (ids included) on both; agency and column ids are each database's own.
      const generated = generateSearchItems(await fixtureAgencies(t.services.db), FIXTURE_SIZE);
      await writeSearchFixture(t.services.db, generated);
      if (dialect === 'sqlite') items = generated;
    }
  }, 180_000);
  afterAll(async () => {
    for (const t of apps) await t.close();
  });

  it('every query: same ids in the same order by date, same set by relevance, same totals and marks', async () => {
    const [lite, pg] = apps as [TestApp, TestApp];
    const pgAgencies = await fixtureAgencies(pg.services.db);
    const liteAgencies = await fixtureAgencies(lite.services.db);
    // The same query on PostgreSQL: SQLite's agency and column ids replaced by PostgreSQL's.
    const ids = new Map<string, string>();
    for (const [i, a] of liteAgencies.entries()) {
      ids.set(a.id, pgAgencies[i]!.id);
      for (const [k, c] of a.columnIds.entries()) ids.set(c, pgAgencies[i]!.columnIds[k]!);
    }
    const onPg = (q: SearchQuery): SearchQuery => ({
      ...q,
      agencyIds: q.agencyIds?.map((a) => ids.get(a)!) ?? null,
      columnIds: q.columnIds?.map((c) => ids.get(c)!) ?? null,
    });
    let nonTrivial = 0;
    for (const [name, q] of Object.entries(queries(items))) {
      const a = await allIds(lite, q);
      const b = await allIds(pg, onPg(q));
      expect(b.ids, name).toEqual(a.ids);
      expect(b.total, name).toBe(a.total);
      if (a.ids.length > 0 && a.ids.length < liveItems(items).length) nonTrivial++;
      const ra = await allIds(lite, { ...q, sort: 'relevance' });
      const rb = await allIds(pg, onPg({ ...q, sort: 'relevance' }));
      expect([...rb.ids].sort(), `${name} (relevance)`).toEqual([...ra.ids].sort());
      const pa = await searchPublications(lite.services.db, q);
      const pb = await searchPublications(pg.services.db, onPg(q));
      expect([pb.terms, pb.docNo, pb.totalCapped], name).toEqual([pa.terms, pa.docNo, pa.totalCapped]);
      expect(
        pb.hits.map((h) => [h.titleHighlighted, h.snippet]),
        `${name} (marks)`,
      ).toEqual(pa.hits.map((h) => [h.titleHighlighted, h.snippet]));
    }
    expect(nonTrivial).toBeGreaterThanOrEqual(25);
  });
});
