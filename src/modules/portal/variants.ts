/**
 * Site variants of the portal: 长辈版 (large text, high contrast, one column) and 繁體 (the page
 * text in Traditional characters), alone or together. The variant is part of the URL — a path
 * prefix — and nothing else: no cookie, no header, so each URL returns the same bytes to everyone
 * and every variant page stays cacheable by a CDN or the browser.
 *
 *   /…          standard (简体)          /lb/…       长辈版
 *   /ft/…       繁體                     /lb/ft/…    长辈版, 繁體
 *
 * The home is `/` and `/lb/`, `/ft/`, `/lb/ft/`; every other portal page is its standard path
 * under the prefix (`/gk/{code}/…` → `/lb/gk/{code}/…`).
 */
import * as OpenCC from 'opencc-js/cn2t';

export interface Variant {
  /** 长辈版: the elder stylesheet (portal-elder.css) is added. */
  elder: boolean;
  /** 繁體: the page text is converted Simplified → Traditional. */
  traditional: boolean;
}

export const ELDER_PREFIX = '/lb';
export const TRADITIONAL_PREFIX = '/ft';

export const STANDARD: Variant = { elder: false, traditional: false };

/** Every variant, the standard one first; the portal registers its pages once for each. */
export const VARIANTS: readonly Variant[] = [
  STANDARD,
  { elder: true, traditional: false },
  { elder: false, traditional: true },
  { elder: true, traditional: true },
];

export function prefixOf(v: Variant): string {
  return `${v.elder ? ELDER_PREFIX : ''}${v.traditional ? TRADITIONAL_PREFIX : ''}`;
}

/** The variant a prefix stands for; throws on anything that is not one of the four prefixes. */
export function variantOfPrefix(prefix: string): Variant {
  const found = VARIANTS.find((v) => prefixOf(v) === prefix);
  if (!found) throw new Error(`not a portal variant prefix: ${JSON.stringify(prefix)}`);
  return found;
}

/**
 * Splits a path (with or without query string) into its variant and the standard path:
 * `/lb/ft/gk/X?page=2` → 长辈版+繁體, `/gk/X?page=2`; `/lb` and `/lb/` → `/`.
 */
export function splitVariantPath(path: string): { variant: Variant; path: string } {
  let rest = path;
  const take = (prefix: string) => {
    if (rest === prefix || rest.startsWith(`${prefix}/`) || rest.startsWith(`${prefix}?`)) {
      rest = rest.slice(prefix.length);
      return true;
    }
    return false;
  };
  const elder = take(ELDER_PREFIX);
  const traditional = take(TRADITIONAL_PREFIX);
  if (rest === '' || rest.startsWith('?')) rest = `/${rest}`;
  return { variant: { elder, traditional }, path: rest };
}

/** A standard path (from `/`, query string kept) as the given variant serves it: `/` → `/lb/`. */
export function pathInVariant(standardPath: string, v: Variant): string {
  return `${prefixOf(v)}${standardPath}`;
}

/** The value of `<html lang>`: the standard site keeps zh-CN; the Traditional text is zh-Hant. */
export function htmlLang(v: Variant): string {
  return v.traditional ? 'zh-Hant' : 'zh-CN';
}

// ── 繁體: Simplified → Traditional ──

/**
 * OpenCC 'cn' → 'tw': Traditional characters in the forms Taiwan, Hong Kong and Big5 text use
 * (為, 群眾, 裡, 複核), without changing any word. 'tw' converts characters only; 'twp' would also
 * replace mainland vocabulary (信息 → 資訊, 发布 → 釋出), which must not happen to the names of
 * legal terms. 't' (OpenCC's own standard forms: 爲, 羣衆, 裏, 複覈) is less familiar to most
 * readers of Traditional text and harder to find with their input methods. See README.
 */
let converter: ((text: string) => string) | null = null;
/** Built on first use (a few hundred ms): a process that never serves a 繁體 page never pays for it. */
const toTraditional = (text: string) => {
  const convert = converter ?? OpenCC.Converter({ from: 'cn', to: 'tw' });
  converter = convert;
  return convert(text);
};

/** Any CJK ideograph: text without one is left untouched (no need to run the converter). */
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

export function traditionalText(text: string): string {
  return HAN.test(text) ? toTraditional(text) : text;
}

/** Attributes that carry human text; every other attribute (href, src, id, class, data-*…) is left alone. */
const TEXT_ATTRIBUTES = new Set(['title', 'alt', 'aria-label', 'aria-description', 'placeholder', 'label']);
/** `<meta name=… content=…>`: the content is text except for these names (addresses). */
const META_URL_NAMES = new Set(['url']);
const RAW_TEXT = new Set(['script', 'style']);
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>|[^<]+|</g;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

function convertAttributes(tag: string, attrs: string): string {
  if (!HAN.test(attrs)) return attrs;
  const isMeta = tag === 'meta';
  const metaName = isMeta ? /\bname\s*=\s*"([^"]*)"/i.exec(attrs)?.[1]?.toLowerCase() : undefined;
  return attrs.replace(
    ATTRIBUTE,
    (whole, name: string, eq: string | undefined, value: string | undefined) => {
      if (!value || !eq) return whole;
      const n = name.toLowerCase();
      const text =
        TEXT_ATTRIBUTES.has(n) || (isMeta && n === 'content' && !META_URL_NAMES.has(metaName ?? ''));
      return text ? `${name}${eq}${traditionalText(value)}` : whole;
    },
  );
}

/** Tags that do not interrupt a run of text: a phrase split by them is still one phrase (发<b>布</b>). */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'i',
  'ins',
  'kbd',
  'mark',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'u',
  'var',
]);

/**
 * The page in Traditional characters: text nodes and the attributes that hold human text are
 * converted; tags, addresses, ids, class names, scripts and styles are not. An element marked
 * `lang="zh-Hans"` (the 「简体」 switch link) keeps its Simplified text.
 *
 * The text is converted in one call, as it reads: the runs of text between inline tags are joined,
 * and a line break (which no OpenCC phrase contains) stands between blocks, so that a phrase split
 * by an inline tag is converted as one phrase (发<b>布</b> → 發<b>佈</b>) and no phrase is made up
 * across two cells or paragraphs. The cn→tw tables map each character to one character, so the
 * result is cut back into the runs by length; should a conversion ever change the length, each run
 * is converted on its own instead.
 */
export function traditionalHtml(html: string): string {
  const out: string[] = [];
  /** The text runs to convert: their place in `out` and in `joined`. */
  const runs: { at: number; start: number; end: number }[] = [];
  let joined = '';
  let brokenRun = false;
  /** Inside <script>/<style> or an element marked zh-Hans: the tag name and its nesting depth. */
  let skip: { tag: string; depth: number } | null = null;
  for (const m of html.matchAll(TOKEN)) {
    const [token, closing, rawTag, attrs] = m;
    if (rawTag === undefined) {
      // Text, a comment, or a lone '<'.
      if (skip || token.startsWith('<!--') || !HAN.test(token)) {
        out.push(token);
        continue;
      }
      if (brokenRun && joined) joined += '\n';
      brokenRun = false;
      runs.push({ at: out.length, start: joined.length, end: joined.length + token.length });
      joined += token;
      out.push(token);
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (!INLINE.has(tag)) brokenRun = true;
    if (skip) {
      if (tag === skip.tag && !VOID.has(tag)) {
        if (closing) skip.depth--;
        else if (!attrs?.trimEnd().endsWith('/')) skip.depth++;
        if (skip.depth === 0) skip = null;
      }
      brokenRun = true;
      out.push(token);
      continue;
    }
    if (closing) {
      out.push(token);
      continue;
    }
    const selfClosing = VOID.has(tag) || (attrs ?? '').trimEnd().endsWith('/');
    if (!selfClosing && (RAW_TEXT.has(tag) || /\blang\s*=\s*"zh-Hans"/i.test(attrs ?? ''))) {
      skip = { tag, depth: 1 };
      brokenRun = true;
      out.push(token);
      continue;
    }
    out.push(`<${rawTag}${convertAttributes(tag, attrs ?? '')}>`);
  }
  const converted = traditionalText(joined);
  const sameLength = converted.length === joined.length;
  for (const r of runs)
    out[r.at] = sameLength ? converted.slice(r.start, r.end) : traditionalText(out[r.at] ?? '');
  return out.join('');
}
