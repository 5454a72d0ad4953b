/**
 * A publication's body: the editor's source (Markdown, or HTML from a rich-text editor) is kept as
 * written; what the public sees is a sanitised rendering limited to a safe subset of HTML (no
 * scripts, styles, event handlers, frames or foreign URL schemes), and checks read its plain text.
 */
import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';
import type { BodyFormat } from './vocabulary.js';

const SAFE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'hr',
    'a',
    'img',
    'figure',
    'figcaption',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'span',
    'div',
    'section',
    'article',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope', 'id', 'headers', 'class'],
    td: ['colspan', 'rowspan', 'headers', 'class'],
    ol: ['start'],
    // The annual report's markup (annual-reports/render/html.tsx): header ids and `headers` for its
    // two-level tables, labelled scrolling regions, and its own classes — narrowed by reportAttributes.
    h2: ['id', 'class'],
    h3: ['id', 'class'],
    table: ['class'],
    div: ['class', 'role', 'tabindex', 'aria-label', 'aria-labelledby'],
    section: ['class', 'role', 'tabindex', 'aria-label', 'aria-labelledby'],
    article: ['class'],
    p: ['class'],
    span: ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Dropped with their content, not just unwrapped.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  transformTags: {
    h1: (_tag, attribs) => reportAttributes('h2', attribs),
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
    ...Object.fromEntries(
      ['h2', 'h3', 'th', 'td', 'table', 'div', 'section', 'article', 'p', 'span'].map((t) => [
        t,
        (_tag: string, attribs: sanitizeHtml.Attributes) => reportAttributes(t, attribs),
      ]),
    ),
  },
};

/** Classes of the annual report's stylesheet (annual-reports/render/styles.ts); no other class survives. */
const REPORT_CLASSES = new Set([
  'annual-report',
  'report-title',
  'report-date',
  'report-section',
  'report-text',
  'report-table',
  'table-wrap',
  't2',
  't3',
  't4',
  'note',
  'visually-hidden',
]);
/** Ids (and the ids `headers` / `aria-labelledby` name) only in the report's own namespace, so a body
 * can never take an id the page uses (skip link, headings, forms). */
const REPORT_ID = /^ar-[\w\u4e00-\u9fff-]{1,60}$/;

function reportAttributes(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  for (const [k, v] of Object.entries(attribs)) {
    if (k === 'class') {
      const kept = v.split(/\s+/).filter((c) => REPORT_CLASSES.has(c));
      if (kept.length) out.class = kept.join(' ');
    } else if (k === 'id') {
      if (REPORT_ID.test(v)) out.id = v;
    } else if (k === 'headers' || k === 'aria-labelledby') {
      const ids = v.split(/\s+/).filter((x) => REPORT_ID.test(x));
      if (ids.length) out[k] = ids.join(' ');
    } else if (k === 'tabindex') {
      if (v === '0') out.tabindex = '0';
    } else if (k === 'role') {
      if (v === 'region') out.role = 'region';
    } else out[k] = v;
  }
  return { tagName, attribs: out };
}
// rel is added by the transform above, so it must survive the attribute filter.
(SAFE.allowedAttributes as Record<string, string[]>).a!.push('rel');

export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(html, SAFE);
}

const BLOCK_END =
  /<\/(p|div|h[1-6]|li|tr|blockquote|pre|figure|figcaption|caption|table)>|<br\s*\/?>|<hr\s*\/?>/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The text a reader sees, one line per block, for the automatic checks and search. */
export function htmlToText(html: string): string {
  const blocks = html.replace(BLOCK_END, '$&\n').replace(/<\/t[dh]>/gi, '$&\t');
  const text = sanitizeHtml(blocks, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e]!)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface RenderedBody {
  html: string;
  text: string;
}

export function renderBody(format: BodyFormat, source: string): RenderedBody {
  const raw = format === 'markdown' ? (marked.parse(source, { async: false, gfm: true }) as string) : source;
  const html = sanitizeBodyHtml(raw);
  return { html, text: htmlToText(html) };
}
