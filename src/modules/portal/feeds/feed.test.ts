/** Feeds and XML escaping (pure): well-formed whatever staff typed, dates in Beijing time. */
import { describe, expect, it } from 'vitest';
import { child, children, parseXml, textOf } from '../../../../test/xml.js';
import { element, xmlText } from '../xml.js';
import { atom, type Feed, rfc822, rfc3339, rss } from './feed.js';

const NASTY = 'A<b>&"c"\'d\u000b\u0000e\u0008\ufffe\ud800f\u0085g 𠮷';

const feed = (title = '示例市最低生活保障办法'): Feed => ({
  title: '示例市民政局政府信息公开',
  description: '最新主动公开的政府信息',
  pageUrl: 'https://gk.example.gov.cn/gk/X',
  selfUrl: 'https://gk.example.gov.cn/gk/X/feed/rss.xml?a=1&b=2',
  author: '示例市民政局',
  updatedAt: '2026-03-03T02:00:00.000Z',
  entries: [
    {
      url: 'https://gk.example.gov.cn/gk/X/items/p1',
      title,
      summary: '规定本市城乡居民最低生活保障的对象、标准和程序。',
      docNo: '示民规〔2026〕1号',
      publisherName: '示例市民政局',
      topic: { code: 'civilAffairsRelief', label: '民政、扶贫、救灾' },
      publishedAt: '2026-03-02T02:00:00.000Z',
      changedAt: '2026-03-04',
    },
  ],
});

describe('xml escaping', () => {
  it('escapes markup and drops what XML 1.0 forbids, keeping astral characters', () => {
    expect(xmlText(NASTY)).toBe('A&lt;b&gt;&amp;&quot;c&quot;&apos;defg 𠮷');
    expect(element('t', 'a&b', { x: '"<' })).toBe('<t x="&quot;&lt;">a&amp;b</t>');
    expect(element('t', '')).toBe('<t/>');
    expect(() => parseXml(`<r>${xmlText(NASTY)}</r>`)).not.toThrow();
  });
});

describe('the test XML reader', () => {
  it('refuses what is not well-formed', () => {
    for (const bad of [
      '<r>a & b</r>',
      '<r>a < b</r>',
      '<r><a></r>',
      '<r a="1" a="2"/>',
      '<r>&nbsp;</r>',
      '<r>\u000b</r>',
      '<r>&#0;</r>',
      '<r/><r/>',
      'text<r/>',
      '<r a=1/>',
      '<r>\ud800</r>',
    ])
      expect(() => parseXml(bad), bad).toThrow(/not well-formed/);
    expect(textOf(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<r>&lt;&#x4e2d;&amp;</r>'))).toBe('<中&');
  });
});

describe('feeds', () => {
  it('writes RFC 822 and RFC 3339 dates in Beijing time', () => {
    expect(rfc822('2026-03-02T17:30:05.000Z')).toBe('Tue, 03 Mar 2026 01:30:05 +0800');
    expect(rfc822('2026-12-31T16:00:00.000Z')).toBe('Fri, 01 Jan 2027 00:00:00 +0800');
    expect(rfc3339('2026-03-02T02:00:00.000Z')).toBe('2026-03-02T10:00:00+08:00');
  });

  it('writes a well-formed RSS 2.0 channel: link, guid, pubDate, category, 文号 in the description', () => {
    const doc = parseXml(rss(feed(NASTY)));
    expect(doc.name).toBe('rss');
    expect(doc.attrs.version).toBe('2.0');
    const channel = child(doc, 'channel');
    expect(child(channel, 'atom:link').attrs.href).toBe(
      'https://gk.example.gov.cn/gk/X/feed/rss.xml?a=1&b=2',
    );
    const [item] = children(channel, 'item');
    expect(textOf(child(item!, 'title'))).toBe('A<b>&"c"\'defg 𠮷');
    expect(textOf(child(item!, 'link'))).toBe('https://gk.example.gov.cn/gk/X/items/p1');
    expect(child(item!, 'guid').attrs.isPermaLink).toBe('true');
    expect(textOf(child(item!, 'pubDate'))).toBe('Mon, 02 Mar 2026 10:00:00 +0800');
    expect(textOf(child(item!, 'category'))).toBe('民政、扶贫、救灾');
    expect(textOf(child(item!, 'description'))).toBe(
      '发文机关：示例市民政局\n发文字号：示民规〔2026〕1号\n规定本市城乡居民最低生活保障的对象、标准和程序。',
    );
  });

  it('writes a well-formed Atom 1.0 feed with ids, dates and a text summary', () => {
    const doc = parseXml(atom(feed(NASTY)));
    expect(doc.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
    expect(textOf(child(doc, 'id'))).toBe('https://gk.example.gov.cn/gk/X');
    expect(textOf(child(doc, 'updated'))).toBe('2026-03-03T10:00:00+08:00');
    const [entry] = children(doc, 'entry');
    expect(textOf(child(entry!, 'id'))).toBe('https://gk.example.gov.cn/gk/X/items/p1');
    expect(textOf(child(entry!, 'title'))).toBe('A<b>&"c"\'defg 𠮷');
    expect(textOf(child(entry!, 'published'))).toBe('2026-03-02T10:00:00+08:00');
    expect(textOf(child(entry!, 'updated'))).toBe('2026-03-04T00:00:00+08:00');
    expect(child(entry!, 'category').attrs).toEqual({
      term: 'civilAffairsRelief',
      label: '民政、扶贫、救灾',
    });
    expect(child(entry!, 'summary').attrs.type).toBe('text');
  });
});
