/**
 * Text of Office Open XML documents (ECMA-376 / ISO/IEC 29500), read straight from the XML parts.
 * Word: the body, then headers, footers, footnotes, endnotes and comments — all of them are in the
 * file a reader downloads, and so is text deleted under tracked changes (`w:delText`), which is
 * included too. Excel: every worksheet row by row (cells separated by tabs), shared strings not used
 * by any cell, and cell comments.
 */
import { ExtractError } from './extract-error.js';
import { attribute, decodeXml, walkXml } from './xml-text.js';
import { readZipEntries, zipEntryNames } from './zip.js';

export type OfficeKind = 'docx' | 'xlsx';

/** docx or xlsx by the zip's entries (or the package's main part in `_rels/.rels`); null otherwise. */
export function sniffOfficeZip(bytes: Uint8Array): OfficeKind | null {
  const names = zipEntryNames(bytes);
  if (!names) return null;
  if (names.includes('word/document.xml')) return 'docx';
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  const main = names.includes('_rels/.rels') ? mainPartFromRels(bytes) : null;
  if (main?.startsWith('word/') && main.endsWith('.xml')) return 'docx';
  if (main?.startsWith('xl/') && main.endsWith('.xml')) return 'xlsx';
  return null;
}

function mainPartFromRels(bytes: Uint8Array): string | null {
  let rels: Uint8Array | undefined;
  try {
    rels = readZipEntries(bytes, (n) => n === '_rels/.rels').get('_rels/.rels');
  } catch {
    return null;
  }
  if (!rels) return null;
  let target: string | null = null;
  walkXml(decodeXml(rels), {
    open(name, attrs) {
      if (name === 'Relationship' && /\/officeDocument$/.test(attribute(attrs, 'Type') ?? '')) {
        target = (attribute(attrs, 'Target') ?? '').replace(/^\//, '');
      }
    },
  });
  return target;
}

const naturalOrder = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export function docxText(bytes: Uint8Array): string {
  const names = zipEntryNames(bytes);
  if (!names) throw new ExtractError('corrupt');
  const mainPart = names.includes('word/document.xml') ? 'word/document.xml' : mainPartFromRels(bytes);
  if (!mainPart?.endsWith('.xml') || !names.includes(mainPart)) throw new ExtractError('corrupt');
  const folder = mainPart.slice(0, mainPart.lastIndexOf('/') + 1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const extra = new RegExp(`^${folder}(?:header\\d*|footer\\d*|footnotes|endnotes|comments)\\.xml$`);
  const parts = readZipEntries(bytes, (n) => n === mainPart || extra.test(n));
  const others = [...parts.keys()].filter((n) => n !== mainPart).sort(naturalOrder);
  return [mainPart, ...others]
    .map((n) => wordPartText(decodeXml(parts.get(n)!)))
    .filter((t) => t.trim() !== '')
    .join('\n');
}

/** Paragraphs end in a newline; w:tab is a tab, w:br / w:cr a newline; VML fallbacks are skipped. */
export function wordPartText(xml: string): string {
  const out: string[] = [];
  let inText = 0;
  let inRun = 0;
  let inFallback = 0;
  walkXml(xml, {
    open(name, _attrs, selfClosing) {
      if (name === 'Fallback' && !selfClosing) inFallback++;
      if (inFallback) return;
      if ((name === 't' || name === 'delText') && !selfClosing) inText++;
      else if (name === 'r' && !selfClosing) inRun++;
      else if (inRun && name === 'tab') out.push('\t');
      else if (inRun && (name === 'br' || name === 'cr')) out.push('\n');
      else if (inRun && name === 'noBreakHyphen') out.push('-');
    },
    close(name) {
      if (name === 'Fallback') inFallback = Math.max(0, inFallback - 1);
      if (inFallback) return;
      if (name === 't' || name === 'delText') inText = Math.max(0, inText - 1);
      else if (name === 'r') inRun = Math.max(0, inRun - 1);
      else if (name === 'p') out.push('\n');
    },
    text(text) {
      if (inText && !inFallback) out.push(text);
    },
  });
  return out.join('');
}

export function xlsxText(bytes: Uint8Array): string {
  if (!zipEntryNames(bytes)) throw new ExtractError('corrupt');
  const parts = readZipEntries(bytes, (n) =>
    /^xl\/(?:sharedStrings\.xml|worksheets\/[^/]+\.xml|comments[^/]*\.xml)$/.test(n),
  );
  const shared = sharedStrings(parts.get('xl/sharedStrings.xml'));
  const used = new Set<number>();
  const names = [...parts.keys()].sort(naturalOrder);
  const sheets = names
    .filter((n) => n.startsWith('xl/worksheets/'))
    .map((n) => worksheetText(decodeXml(parts.get(n)!), shared, used));
  const unused = shared.filter((_s, i) => !used.has(i));
  const comments = names
    .filter((n) => n.startsWith('xl/comments'))
    .map((n) => collectText(decodeXml(parts.get(n)!), 'comment'));
  return [...sheets, unused.join('\n'), ...comments].filter((t) => t.trim() !== '').join('\n\n');
}

/** The strings of xl/sharedStrings.xml: each `si` is its `t` runs, phonetic guides (`rPh`) left out. */
function sharedStrings(part: Uint8Array | undefined): string[] {
  if (!part) return [];
  return collectText(decodeXml(part), 'si').split('\u0000');
}

/** Text of `t` elements (not under `rPh`), one item per `item` element, items joined by NUL. */
function collectText(xml: string, item: string): string {
  const items: string[] = [];
  let current: string[] = [];
  let inText = 0;
  let inPhonetic = 0;
  walkXml(xml, {
    open(name, _a, selfClosing) {
      if (selfClosing) return;
      if (name === item) current = [];
      else if (name === 't') inText++;
      else if (name === 'rPh') inPhonetic++;
    },
    close(name) {
      if (name === item) items.push(current.join(''));
      else if (name === 't') inText = Math.max(0, inText - 1);
      else if (name === 'rPh') inPhonetic = Math.max(0, inPhonetic - 1);
    },
    text(text) {
      if (inText && !inPhonetic) current.push(text);
    },
  });
  return items.join(item === 'si' ? '\u0000' : '\n');
}

/** One line per row, cells separated by tabs; shared strings resolved (and marked used). */
function worksheetText(xml: string, shared: string[], used: Set<number>): string {
  const rows: string[] = [];
  let cells: string[] = [];
  let type = 'n';
  let value = '';
  let inline: string[] = [];
  let inValue = false;
  let inInline = 0;
  walkXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === 'row') cells = [];
      else if (name === 'c') {
        type = attribute(attrs, 't') ?? 'n';
        value = '';
        inline = [];
      } else if (name === 'v' && !selfClosing) inValue = true;
      else if (name === 'is' && !selfClosing) inInline++;
    },
    close(name) {
      if (name === 'v') inValue = false;
      else if (name === 'is') inInline = Math.max(0, inInline - 1);
      else if (name === 'c') {
        const text = cellText(type, value, inline.join(''), shared, used);
        if (text !== '') cells.push(text);
      } else if (name === 'row' && cells.length > 0) rows.push(cells.join('\t'));
    },
    text(text) {
      if (inValue) value += text;
      else if (inInline) inline.push(text);
    },
  });
  return rows.join('\n');
}

function cellText(type: string, value: string, inline: string, shared: string[], used: Set<number>): string {
  if (type === 'inlineStr') return inline;
  if (type !== 's') return value;
  const index = Number(value);
  if (!Number.isInteger(index) || index < 0 || index >= shared.length) return '';
  used.add(index);
  return shared[index]!;
}
