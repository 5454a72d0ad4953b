/** The search pages' query string: tolerant reading with Chinese messages, and links that keep it. */
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_CHARS, MAX_SEARCH_PAGE, SEARCH_PAGE_SIZE } from '../search/search.js';
import { hasFilters, parseSearchParams, searchHref, withoutFilters } from './search-params.js';

const messages = (raw: Record<string, unknown>, scope: 'platform' | 'agency' = 'platform') =>
  parseSearchParams(raw, scope).errors.map((e) => [e.field, e.message]);

describe('reading the query string', () => {
  it('reads every field into a query', () => {
    const p = parseSearchParams(
      {
        q: ' 最低  生活保障 ',
        field: 'title',
        agency: '11510100DEMO00002X',
        topic: 'civilAffairsRelief',
        genre: 'normativeDocument',
        validity: 'effective',
        from: '2026-01-01',
        to: '2026-06-30',
        wfrom: '2025-12-01',
        wto: '2026-02-28',
        docPrefix: '示民规',
        docYear: '2026',
        docSeq: '1',
        sort: 'date',
        page: '2',
      },
      'platform',
    );
    expect(p.errors).toEqual([]);
    expect(p.form.q).toBe('最低 生活保障');
    expect(p.query).toEqual({
      text: '最低 生活保障',
      field: 'title',
      topic: 'civilAffairsRelief',
      genre: 'normativeDocument',
      validity: 'effective',
      publishedFrom: '2026-01-01',
      publishedTo: '2026-06-30',
      writtenFrom: '2025-12-01',
      writtenTo: '2026-02-28',
      docNoPrefix: '示民规',
      docNoYear: 2026,
      docNoSeq: 1,
      sort: 'date',
      page: 2,
      pageSize: SEARCH_PAGE_SIZE,
    });
  });

  it('defaults: 全文, relevance with words, newest first without; an empty form is not searched', () => {
    expect(parseSearchParams({ q: '低保' }, 'platform').query).toMatchObject({
      field: 'all',
      sort: 'relevance',
      page: 1,
    });
    expect(parseSearchParams({ topic: 'civilAffairsRelief' }, 'platform').query).toMatchObject({
      text: '',
      sort: 'date',
    });
    const empty = parseSearchParams({ q: '   ', sort: 'date' }, 'platform');
    expect(empty).toMatchObject({ query: null, hasCriteria: false, errors: [] });
    expect(parseSearchParams(undefined, 'platform').query).toBeNull();
  });

  it('turns a 发布年份 into its dates, within a given range', () => {
    expect(parseSearchParams({ year: '2025' }, 'platform').query).toMatchObject({
      publishedFrom: '2025-01-01',
      publishedTo: '2025-12-31',
    });
    expect(parseSearchParams({ year: '2025', from: '2025-03-01' }, 'platform').query).toMatchObject({
      publishedFrom: '2025-03-01',
      publishedTo: '2025-12-31',
    });
  });

  it('names the field of every wrong value in Chinese', () => {
    expect(
      messages({
        field: 'body',
        topic: 'x',
        genre: 'x',
        validity: 'x',
        sort: 'x',
        agency: "1' OR '1'='1",
        year: '20',
        from: '2026/01/01',
        to: '2026-02-30',
        wfrom: 'yesterday',
        wto: '2026-1-1',
        docPrefix: '字'.repeat(21),
        docYear: '二〇一七',
        docSeq: '0',
        page: '-1',
      }),
    ).toEqual([
      ['field', '搜索范围的取值无效，请从列表中选择'],
      ['sort', '排序的取值无效，请从列表中选择'],
      ['topic', '主题分类的取值无效，请从列表中选择'],
      ['genre', '体裁的取值无效，请从列表中选择'],
      ['validity', '有效性的取值无效，请从列表中选择'],
      ['agency', '发布机构的取值无效，请从列表中选择'],
      ['year', '发布年份应为四位数字的年份，如 2026'],
      ['from', '发布日期（起）格式应为 YYYY-MM-DD，如 2026-03-02'],
      ['to', '发布日期（止）格式应为 YYYY-MM-DD，如 2026-03-02'],
      ['wfrom', '成文日期（起）格式应为 YYYY-MM-DD，如 2026-03-02'],
      ['wto', '成文日期（止）格式应为 YYYY-MM-DD，如 2026-03-02'],
      ['docPrefix', '发文机关代字不能超过20个字'],
      ['docYear', '文号年份应为四位数字的年份，如 2026'],
      ['docSeq', '文号序号应为正整数，如 18'],
      ['page', '页码应为正整数'],
    ]);
    expect(messages({ column: '../etc' }, 'agency')).toEqual([['column', '栏目的取值无效，请从列表中选择']]);
    expect(parseSearchParams({ q: '低保', topic: 'x' }, 'platform').query).toBeNull();
  });

  it('refuses a range that ends before it starts', () => {
    expect(messages({ from: '2026-03-02', to: '2026-03-01' })).toEqual([
      ['from', '发布日期（起）不能晚于发布日期（止）'],
    ]);
    expect(messages({ wfrom: '2026-03-02', wto: '2026-03-01' })).toEqual([
      ['wfrom', '成文日期（起）不能晚于成文日期（止）'],
    ]);
  });

  it(`serves pages up to ${MAX_SEARCH_PAGE}, and says why not beyond`, () => {
    expect(parseSearchParams({ q: '低保', page: String(MAX_SEARCH_PAGE) }, 'platform').query?.page).toBe(
      MAX_SEARCH_PAGE,
    );
    expect(messages({ q: '低保', page: String(MAX_SEARCH_PAGE + 1) })).toEqual([
      ['page', `最多只能查看前${MAX_SEARCH_PAGE}页结果，请增加关键词或筛选条件缩小范围`],
    ]);
    expect(messages({ q: '低保', page: '99999999999999999999' })).toEqual([['page', '页码应为正整数']]);
  });

  it('cuts a long query to MAX_QUERY_CHARS characters (not UTF-16 units) and says so', () => {
    const p = parseSearchParams({ q: '𠀀低'.repeat(5000) }, 'platform');
    expect(p.errors).toEqual([]);
    expect([...p.form.q!]).toHaveLength(MAX_QUERY_CHARS);
    expect(p.form.q!.startsWith('𠀀低')).toBe(true);
    expect(p.query?.text).toBe(p.form.q);
    expect(p.notices).toEqual([`关键词过长（10000个字），已按前${MAX_QUERY_CHARS}个字搜索。`]);
  });

  it('takes the first of repeated values, ignores unknown and bracketed names, drops control characters', () => {
    const p = parseSearchParams(
      {
        q: ['甲', '乙'],
        'q[]': '丙',
        topic: [],
        x: 'y',
        docPrefix: 'a\u0000b\u202e',
        field: ['title', 'all'],
      },
      'platform',
    );
    expect(p.errors).toEqual([]);
    expect(p.form).toEqual({ q: '甲', docPrefix: 'a b', field: 'title' });
    expect(parseSearchParams({ q: '\ud800低保\udc00' }, 'platform').form.q).toBe('低保');
    expect(parseSearchParams({ q: { a: 1 } }, 'platform').query).toBeNull();
  });

  it('keeps SQL and markup as plain words', () => {
    const q = "'; DROP TABLE publications; -- <script>alert(1)</script> %' OR 1=1";
    expect(parseSearchParams({ q }, 'platform').query?.text).toBe(q);
  });

  it('reads agency on the platform page only, column on an agency page only', () => {
    expect(parseSearchParams({ agency: 'X1', column: 'a/b' }, 'platform').form).toEqual({ agency: 'X1' });
    expect(parseSearchParams({ agency: 'X1', column: 'a/b' }, 'agency').form).toEqual({ column: 'a/b' });
  });
});

describe('links', () => {
  const form = { q: '低保 标准', topic: 'civilAffairsRelief', field: 'title', sort: 'date', page: '3' };

  it('write the parameters in one order, without defaults, changed as asked', () => {
    expect(searchHref('/search', form)).toBe(
      '/search?q=%E4%BD%8E%E4%BF%9D+%E6%A0%87%E5%87%86&field=title&topic=civilAffairsRelief&sort=date&page=3',
    );
    expect(searchHref('/search', form, { page: undefined, sort: 'relevance' })).toBe(
      '/search?q=%E4%BD%8E%E4%BF%9D+%E6%A0%87%E5%87%86&field=title&topic=civilAffairsRelief',
    );
    expect(searchHref('/gk/X/search', {})).toBe('/gk/X/search');
    expect(searchHref('/search', { q: 'a&b=c#d' })).toBe('/search?q=a%26b%3Dc%23d');
  });

  it('drop the filters (and the page) but keep words, 搜索范围 and sort', () => {
    expect(withoutFilters(form)).toEqual({ q: '低保 标准', field: 'title', sort: 'date' });
    expect(hasFilters(form)).toBe(true);
    expect(hasFilters(withoutFilters(form))).toBe(false);
  });
});
