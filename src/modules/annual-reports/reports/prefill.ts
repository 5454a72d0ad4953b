/**
 * The starting text of a new report: last year's published narrative, with what can be updated reliably:
 *   - years: 「<Y−1>年」 → 「<Y>年」 and 「<Y−2>年」 → 「<Y−1>年」 (last year's report speaks of its own year and
 *     the one before);
 *   - the counts such text quotes (收到申请 N 件, 上年结转 N 件, 办结 N 件, 结转下年度 N 件, 行政复议 N 件,
 *     行政诉讼 N 件 — the claims of checker/narrative-numbers.ts): replaced by this year's computed figure when
 *     the claim's quote occurs once in its paragraph and holds exactly one Arabic number equal to the claimed
 *     value. Anything else (Chinese numerals, 「没有发生行政复议」 when there now is one, several numbers in one
 *     quote) is left as written, and the V8 warning points at it.
 */
import type { ReportTables, SectionKey } from '../checker/model.js';
import { SECTION_KEYS } from '../checker/model.js';
import { type ClaimKind, quotedNumbers } from '../checker/narrative-numbers.js';
import { normalizeText } from '../checker/normalize.js';
import type { Sections } from './reports.js';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function targetOf(kind: ClaimKind, t: ReportTables): number {
  switch (kind) {
    case 'received':
      return num(t.T3.R1?.[6]);
    case 'carriedIn':
      return num(t.T3.R2?.[6]);
    case 'replied':
      return num(t.T3.R24?.[6]);
    case 'carriedOut':
      return num(t.T3.R25?.[6]);
    case 'reconsideration':
      return num(t.T4.K5);
    case 'litigation':
      return num(t.T4.K10) + num(t.T4.K15);
  }
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * The claims are found as the checker finds them, on the NFKC-normalised text (「，」→「,」, so a number never
 * jumps a comma); the replacement is made at the same place in the original text, which is only possible when
 * the normalisation kept every character's place (it does for CJK punctuation and full-width digits).
 */
function updateNumbers(paragraph: string, tables: ReportTables): string {
  let out = paragraph;
  let norm = normalizeText(paragraph);
  if (norm.length !== out.length) return out;
  for (const claim of quotedNumbers(norm)) {
    if (claim.quote.endsWith('…') || count(norm, claim.quote) !== 1) continue;
    const numbers = [...claim.quote.matchAll(/\d[\d,]*/g)];
    if (numbers.length !== 1) continue;
    const m = numbers[0]!;
    if (Number(m[0].replace(/,/g, '')) !== claim.value) continue;
    const at = norm.indexOf(claim.quote) + m.index!;
    const fresh = String(targetOf(claim.kind, tables));
    out = out.slice(0, at) + fresh + out.slice(at + m[0].length);
    norm = norm.slice(0, at) + fresh + norm.slice(at + m[0].length);
  }
  return out;
}

export function prefillSections(previous: Sections, year: number, tables: ReportTables): Sections {
  const years = new RegExp(`(${year - 1}|${year - 2})(?=年)`, 'g');
  const out = {} as Sections;
  for (const k of SECTION_KEYS as readonly SectionKey[]) {
    const text = previous[k].replace(years, (y) => String(Number(y) + 1));
    out[k] = text
      .split('\n')
      .map((p) => updateNumbers(p, tables))
      .join('\n');
  }
  return out;
}
