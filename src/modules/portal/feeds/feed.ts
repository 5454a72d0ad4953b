/**
 * RSS 2.0 and Atom 1.0 documents from plain data (pure). Every link is absolute (RSS requires it,
 * Atom ids are IRIs); an item's guid / id is its page's address, which never changes. Dates are
 * written in Beijing time (+08:00): RFC 822 for RSS, RFC 3339 for Atom. Descriptions are plain text:
 * 发文机关, 发文字号 and the 摘要, never the body's HTML.
 */
import { element, XML_DECLARATION } from '../xml.js';

export interface FeedEntry {
  /** Absolute address of the item page: link, guid and Atom id. */
  url: string;
  title: string;
  summary: string;
  docNo: string | null;
  publisherName: string;
  /** 主题分类: code (Atom term) and label. */
  topic: { code: string; label: string } | null;
  /** The live version's publication instant (ISO, UTC). */
  publishedAt: string;
  /** Latest change (ISO instant or YYYY-MM-DD). */
  changedAt: string;
}

export interface Feed {
  title: string;
  description: string;
  /** Absolute address of the page the feed follows (section home or column). */
  pageUrl: string;
  /** Absolute address of the feed itself. */
  selfUrl: string;
  /** The agency, as the feed's author. */
  author: string;
  /** Latest change of anything the feed shows (ISO instant). */
  updatedAt: string;
  entries: FeedEntry[];
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

/** The instant's wall clock in Beijing (a Date whose UTC fields read as Beijing time). */
function beijing(instant: string): Date {
  return new Date(Date.parse(instant) + BEIJING_OFFSET_MS);
}

/** RFC 822 (as updated by RFC 1123), Beijing time: `Mon, 02 Mar 2026 10:00:00 +0800`. */
export function rfc822(instant: string): string {
  const d = beijing(instant);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} +0800`;
}

/** RFC 3339, Beijing time: `2026-03-02T10:00:00+08:00`. */
export function rfc3339(instant: string): string {
  return `${beijing(instant).toISOString().slice(0, 19)}+08:00`;
}

/** An ISO instant, or a legal date read as the start of that day in Beijing. */
export function instant(value: string): string {
  return value.length === 10 ? `${value}T00:00:00+08:00` : value;
}

/** The plain-text description: 发文机关, 发文字号, then the 摘要. */
export function describe(e: Pick<FeedEntry, 'publisherName' | 'docNo' | 'summary'>): string {
  return [
    e.publisherName ? `发文机关：${e.publisherName}` : null,
    e.docNo ? `发文字号：${e.docNo}` : null,
    e.summary.trim() || null,
  ]
    .filter((l): l is string => l !== null)
    .join('\n');
}

const GENERATOR = 'gongkai';

export function rss(feed: Feed): string {
  const lines = [
    XML_DECLARATION,
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    element('title', feed.title),
    element('link', feed.pageUrl),
    element('description', feed.description),
    element('language', 'zh-cn'),
    element('atom:link', null, { href: feed.selfUrl, rel: 'self', type: 'application/rss+xml' }),
    element('generator', GENERATOR),
    element('lastBuildDate', rfc822(feed.updatedAt)),
  ];
  for (const e of feed.entries) {
    lines.push(
      '<item>',
      element('title', e.title),
      element('link', e.url),
      element('guid', e.url, { isPermaLink: 'true' }),
      element('pubDate', rfc822(e.publishedAt)),
      element('description', describe(e)),
    );
    if (e.topic) lines.push(element('category', e.topic.label));
    lines.push('</item>');
  }
  lines.push('</channel>', '</rss>');
  return `${lines.join('\n')}\n`;
}

export function atom(feed: Feed): string {
  const lines = [
    XML_DECLARATION,
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    element('id', feed.pageUrl),
    element('title', feed.title),
    element('subtitle', feed.description),
    element('link', null, { rel: 'alternate', type: 'text/html', href: feed.pageUrl }),
    element('link', null, { rel: 'self', type: 'application/atom+xml', href: feed.selfUrl }),
    element('updated', rfc3339(feed.updatedAt)),
    `<author>${element('name', feed.author)}</author>`,
    element('generator', GENERATOR),
  ];
  for (const e of feed.entries) {
    lines.push(
      '<entry>',
      element('id', e.url),
      element('title', e.title, { type: 'text' }),
      element('link', null, { rel: 'alternate', type: 'text/html', href: e.url }),
      element('published', rfc3339(e.publishedAt)),
      element('updated', rfc3339(instant(e.changedAt))),
      `<author>${element('name', e.publisherName || feed.author)}</author>`,
      element('summary', describe(e), { type: 'text' }),
    );
    if (e.topic) lines.push(element('category', null, { term: e.topic.code, label: e.topic.label }));
    lines.push('</entry>');
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}
