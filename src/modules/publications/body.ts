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
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Dropped with their content, not just unwrapped.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed'],
  transformTags: {
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }),
  },
};
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
