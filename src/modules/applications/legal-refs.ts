/**
 * References to the legal texts the application rules rest on, as data, and their Chinese citation.
 *
 *   regulation   《中华人民共和国政府信息公开条例》 (国务院令第711号, 2019 revision; article numbers of the 2019 text,
 *                never the 2008 one — disclosure-rules.md §1)
 *   feeMeasures  《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号, disclosure-rules.md §2)
 */
export type LegalInstrument = 'regulation' | 'feeMeasures';

export interface LegalRef {
  instrument: LegalInstrument;
  /** 第N条; absent when the instrument is cited as a whole. */
  article?: number;
  /** 第N款 */
  paragraph?: number;
  /** 第（N）项 */
  item?: number;
}

export const INSTRUMENT_TITLES: Record<LegalInstrument, string> = {
  regulation: '《中华人民共和国政府信息公开条例》',
  feeMeasures: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
};

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 16 → 十六, 36 → 三十六, 100 → 一百 (the way articles are numbered, 1–199). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 199) throw new RangeError(`numeral out of range: ${n}`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${DIGITS[hundreds]}百` : '';
  if (tens) out += `${hundreds || tens > 1 ? DIGITS[tens] : ''}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

/** 第三十六条第（三）项 — the article part of a citation, without the instrument's title. */
export function formatArticle(ref: LegalRef): string {
  if (ref.article === undefined) return '';
  let out = `第${chineseNumeral(ref.article)}条`;
  if (ref.paragraph !== undefined) out += `第${chineseNumeral(ref.paragraph)}款`;
  if (ref.item !== undefined) out += `第（${chineseNumeral(ref.item)}）项`;
  return out;
}

/**
 * The citation of several references, grouped by instrument in the order given:
 * 《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项.
 */
export function formatLegalRefs(refs: readonly LegalRef[]): string {
  const groups = new Map<LegalInstrument, string[]>();
  for (const r of refs) {
    const list = groups.get(r.instrument) ?? [];
    const art = formatArticle(r);
    if (art) list.push(art);
    groups.set(r.instrument, list);
  }
  return [...groups].map(([inst, arts]) => INSTRUMENT_TITLES[inst] + arts.join('、')).join('；');
}

/** Shorthand for a reference to the 条例. */
export function art(article: number, more: { paragraph?: number; item?: number } = {}): LegalRef {
  return { instrument: 'regulation', article, ...more };
}
