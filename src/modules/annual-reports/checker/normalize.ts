/**
 * Text normalisation and cell reading. Real reports print full-width digits and punctuation, thousands
 * separators, 「/」「—」 for "not applicable" and leave cells blank; all of that is read here, once.
 */
import type { CellValue } from './model.js';

/**
 * NFKC folds full-width digits, letters and punctuation to ASCII (「１２」→「12」, 「（一）」→「(一)」,
 * 「，」→「,」); the other replacements unify dashes, quotes and spaces that NFKC leaves alone.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]/g, (c) =>
      c === '\u2028' || c === '\u2029' ? '\n' : ' ',
    )
    .replace(/[\u2010-\u2015\u2212\u2500\ufe58\ufe63]/g, (c) =>
      c === '\u2014' || c === '\u2015' ? '—' : '-',
    )
    .replace(/[“”„‟″«»「」『』]/g, '"')
    .replace(/[‘’‚‛′]/g, "'");
}

/** Collapses all whitespace; used before keyword matching of labels broken over lines. */
export function compact(s: string): string {
  return s.replace(/\s+/g, '');
}

const PLACEHOLDER = /^(?:\/+|-+|—+|--|无|不适用|N\/?A)$/i;
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;
const UNIT = /(?:件|个|项|次|宗|起|条|万元|元)$/;

export type CellReading = { kind: 'value'; value: CellValue } | { kind: 'text' };

/**
 * Reads one table cell: a number (commas, sign, decimals, a trailing unit such as 件 allowed), a blank
 * (null), a placeholder ('/'), or text (a label). `strict` (token streams without cell borders) accepts
 * fewer placeholders, so that narrative words are not taken for cells.
 */
export function readCell(raw: string, strict = false): CellReading {
  const s = raw.replace(/\s+/g, '');
  if (s === '') return strict ? { kind: 'text' } : { kind: 'value', value: null };
  if (strict ? /^(?:\/+|-+|—+)$/.test(s) : PLACEHOLDER.test(s)) return { kind: 'value', value: '/' };
  const m = NUMBER.exec(strict ? s : s.replace(UNIT, ''));
  if (!m) return { kind: 'text' };
  const n = Number((m[2] ?? '').replace(/,/g, '') + (m[3] ?? ''));
  if (!Number.isFinite(n)) return { kind: 'text' };
  return { kind: 'value', value: m[1] === '-' ? -n : n };
}

export function isValueToken(token: string): boolean {
  return readCell(token, true).kind === 'value';
}

/** Treats blank and '/' as 0 for arithmetic (they are reported separately under V5). */
export function num(v: CellValue | undefined): number {
  return typeof v === 'number' ? v : 0;
}

/** Prints a cell value for a message: a number, 「空白」 or 「/」. */
export function show(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '空白';
  return String(v);
}

const SMALL_NUMERALS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Arabic digits or a small Chinese numeral (up to 九十九) as written in narrative text. */
export function readQuotedNumber(s: string): number | null {
  const t = s.replace(/,/g, '');
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^([一二三四五六七八九两])?(十)?([一二三四五六七八九])?$/.exec(t);
  if (m && t !== '') {
    if (!m[2]) return m[1] && !m[3] ? (SMALL_NUMERALS[m[1]] ?? null) : null;
    return (m[1] ? (SMALL_NUMERALS[m[1]] ?? 1) : 1) * 10 + (m[3] ? (SMALL_NUMERALS[m[3]] ?? 0) : 0);
  }
  if (t === '零' || t === '〇') return 0;
  return null;
}
