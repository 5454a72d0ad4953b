/** The portal's pure pieces: metadata order, conditional requests, download names, URLs, dates. */
import { describe, expect, it } from 'vitest';
import { contentDisposition, etagOf, httpDate, matchesIfNoneMatch } from './http-cache.js';
import type { PublicItem } from './portal.js';
import { portalUrls } from './urls.js';
import { beijingDateTime, chineseDate, paragraphs } from './views/format.js';
import { metadataRows } from './views/metadata-block.js';

const item = (extra: Partial<PublicItem> = {}): PublicItem =>
  ({
    id: 'p1',
    indexNo: '11510100DEMO00002X/2026-00001',
    topic: 'civilAffairsRelief',
    publisherName: '示例市民政局',
    writtenOn: '2026-02-05',
    title: '示例市最低生活保障办法',
    docNo: '示民规〔2026〕1号',
    publishedOn: '2026-03-02',
    validity: null,
    ...extra,
  }) as PublicItem;

describe('metadata block', () => {
  it('keeps the usual order, 标题 on a row of its own, 有效性 last when the document carries it', () => {
    expect(metadataRows(item({ validity: 'repealed' })).map((r) => [r.label, r.value, !!r.full])).toEqual([
      ['索引号', '11510100DEMO00002X/2026-00001', false],
      ['主题分类', '民政、扶贫、救灾', false],
      ['发文机关', '示例市民政局', false],
      ['成文日期', '2026年02月05日', false],
      ['标题', '示例市最低生活保障办法', true],
      ['发文字号', '示民规〔2026〕1号', false],
      ['发布日期', '2026年03月02日', false],
      ['有效性', '已废止', true],
    ]);
  });

  it('writes 无 for what a non-document item lacks, and leaves 有效性 out', () => {
    const rows = metadataRows(item({ docNo: null, writtenOn: null, topic: null }));
    expect(rows.map((r) => r.label)).not.toContain('有效性');
    expect(rows.find((r) => r.label === '发文字号')?.value).toBe('无');
    expect(rows.find((r) => r.label === '成文日期')?.value).toBe('无');
  });
});

describe('conditional requests', () => {
  it('matches If-None-Match weakly, in lists and with *', () => {
    const tag = etagOf('页面');
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(`"a", W/${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch('*', tag)).toBe(true);
    expect(matchesIfNoneMatch('"a"', tag)).toBe(false);
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
    expect(etagOf('页面')).toBe(tag);
    expect(etagOf('页面 ')).not.toBe(tag);
  });

  it('gives the latest instant as an HTTP date', () => {
    expect(httpDate('2026-03-02T02:00:00.000Z', null, '2026-03-01')).toBe('Mon, 02 Mar 2026 02:00:00 GMT');
    expect(httpDate(null, undefined)).toBeNull();
  });
});

describe('download names', () => {
  it('sends the Chinese name as RFC 5987 filename* with an ASCII fallback', () => {
    const header = contentDisposition("办法（全文）'附件'.pdf");
    expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe("办法（全文）'附件'.pdf");
    expect(contentDisposition('a"b\\c.pdf')).toContain('filename="a_b_c.pdf"');
  });
});

describe('URLs', () => {
  it('builds every portal address, under a variant prefix too', () => {
    const u = portalUrls();
    expect(u.agency('11510100DEMO00002X')).toBe('/gk/11510100DEMO00002X');
    expect(u.node('X', ['fdzdgknr', 'xzgfxwj'])).toBe('/gk/X/fdzdgknr/xzgfxwj');
    expect(u.item('X', 'id1')).toBe('/gk/X/items/id1');
    expect(u.attachment('X', 'id1', 'a1')).toBe('/gk/X/items/id1/attachments/a1');
    expect(u.page('/gk/X/invalid', 1)).toBe('/gk/X/invalid');
    expect(u.page('/gk/X/invalid', 3)).toBe('/gk/X/invalid?page=3');
    expect(portalUrls('/lb').item('X', 'id1')).toBe('/lb/gk/X/items/id1');
  });
});

describe('formats', () => {
  it('writes dates as the portal shows them', () => {
    expect(chineseDate('2026-03-02')).toBe('2026年03月02日');
    expect(beijingDateTime('2026-03-02T17:30:00.000Z')).toBe('2026-03-03 01:30');
  });

  it('splits page text into paragraphs and lines', () => {
    expect(paragraphs('一\n二\n\n三\n\n\n')).toEqual([['一', '二'], ['三']]);
  });
});
