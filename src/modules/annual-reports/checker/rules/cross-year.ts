/**
 * Warnings that compare with the previous year's report (when given) or sanity-check 表二 on its own:
 *   V6  this year's 上年结转 (R2) = last year's 结转下年度 (R25), per column;
 *   V7  表二 documents and items carry over: 2021 现行有效 ≈ last year's 现行有效 + 制发 − 废止
 *       (revisions break exact equality, hence a warning); 2019 对外公开总数 ≈ last year's + 新公开, and
 *       上一年项目数量 = last year's 上一年项目数量 + 本年增/减. Without last year: 现行有效 ≥ 制发 − 废止,
 *       新公开 ≤ 对外公开总数, 上一年项目数量 + 本年增/减 ≥ 0;
 *   V12 内容雷同: more than half of the narrative repeated from last year (宿迁 assessment rule, §3.6).
 */
import type { Finding, ParsedReport, T2Table } from '../model.js';
import { show } from '../normalize.js';
import { COLUMNS, cite3, columnName, isNumber, t3, t3Id, warning } from './cells.js';

export function checkV6(r: ParsedReport, prev: ParsedReport | undefined): Finding[] {
  if (!prev) return [];
  if (prev.year !== r.year - 1)
    return [warning('V6', `提供的上一年度报告是${prev.year}年度的，不是${r.year - 1}年度，未比较结转数`, [])];
  const out: Finding[] = [];
  for (const c of COLUMNS) {
    const now = t3(r, 'R2', c);
    const before = t3(prev, 'R25', c);
    if (!isNumber(now) || !isNumber(before) || now === before) continue;
    out.push(
      warning(
        'V6',
        `表三${columnName(c)}：本年“二、上年结转”（${cite3(r, 'R2', c)}）不等于${prev.year}年度报告的“四、结转下年度继续办理”（${before}）`,
        [t3Id('R2', c)],
      ),
    );
  }
  return out;
}

const v = (t: T2Table, row: string, col: string) => t[row]?.[col];
const cell = (row: string, col: string) => `T2.${row}.${col}`;
const cite = (t: T2Table, row: string, col: string) => `${cell(row, col)}=${show(v(t, row, col))}`;
const DOC_ROWS = ['regulations', 'normativeDocuments'];
const ITEM_ROWS = ['licensing', 'otherServices', 'penalties', 'enforcement', 'fees'];
/** The values when all are numbers, else null. */
const nums = (...xs: unknown[]): number[] | null =>
  xs.every((x) => typeof x === 'number') ? (xs as number[]) : null;

function v7of2021(t: T2Table, p: T2Table | undefined): Finding[] {
  const out: Finding[] = [];
  for (const row of DOC_ROWS) {
    const now = nums(v(t, row, 'made'), v(t, row, 'repealed'), v(t, row, 'inForce'));
    if (!now) continue;
    const [made = 0, repealed = 0, inForce = 0] = now;
    const before = p ? nums(v(p, row, 'inForce'))?.[0] : undefined;
    const ids = [cell(row, 'made'), cell(row, 'repealed'), cell(row, 'inForce')];
    const cites = `${cite(t, row, 'made')}、${cite(t, row, 'repealed')}、${cite(t, row, 'inForce')}`;
    if (before !== undefined && before + made - repealed !== inForce)
      out.push(
        warning(
          'V7',
          `表二：现行有效件数应约等于上年现行有效件数${before}加本年制发减本年废止（${cites}）`,
          ids,
        ),
      );
    else if (before === undefined && inForce < made - repealed)
      out.push(warning('V7', `表二：现行有效件数小于本年制发件数减本年废止件数（${cites}）`, ids));
  }
  return out;
}

function v7of2019(t: T2Table, p: T2Table | undefined): Finding[] {
  const out: Finding[] = [];
  for (const row of DOC_ROWS) {
    const now = nums(v(t, row, 'newlyPublished'), v(t, row, 'totalPublished'));
    if (!now) continue;
    const [published = 0, total = 0] = now;
    const before = p ? nums(v(p, row, 'totalPublished'))?.[0] : undefined;
    const ids = [cell(row, 'newlyPublished'), cell(row, 'totalPublished')];
    const cites = `${cite(t, row, 'newlyPublished')}、${cite(t, row, 'totalPublished')}`;
    if (published > total) out.push(warning('V7', `表二：本年新公开数量大于对外公开总数量（${cites}）`, ids));
    else if (before !== undefined && before + published !== total)
      out.push(
        warning('V7', `表二：对外公开总数量应约等于上年总数${before}加本年新公开数量（${cites}）`, ids),
      );
  }
  for (const row of ITEM_ROWS) {
    const now = nums(v(t, row, 'lastYearItems'), v(t, row, 'change'));
    if (!now) continue;
    const [items = 0, change = 0] = now;
    const ids = [cell(row, 'lastYearItems'), cell(row, 'change')];
    const cites = `${cite(t, row, 'lastYearItems')}、${cite(t, row, 'change')}`;
    const last = p ? nums(v(p, row, 'lastYearItems'), v(p, row, 'change')) : null;
    const [pItems = 0, pChange = 0] = last ?? [];
    if (items + change < 0) out.push(warning('V7', `表二：上一年项目数量加本年增/减为负数（${cites}）`, ids));
    else if (last && pItems + pChange !== items)
      out.push(
        warning(
          'V7',
          `表二：上一年项目数量应等于上年报告的项目数量${pItems}加其本年增/减${pChange}（${cites}）`,
          ids,
        ),
      );
  }
  return out;
}

export function checkV7(r: ParsedReport, prev: ParsedReport | undefined): Finding[] {
  const p = prev && prev.format === r.format && prev.year === r.year - 1 ? prev.tables.T2 : undefined;
  return r.format === '2021' ? v7of2021(r.tables.T2, p) : v7of2019(r.tables.T2, p);
}

/** Share of this text's 8-character shingles (Chinese characters only) found in last year's text. */
export function repeatedShare(text: string, previous: string): number {
  const clean = (s: string) => s.replace(/[^\u4e00-\u9fa5]/g, '');
  const shingles = (s: string) => {
    const set = new Set<string>();
    for (let i = 0; i + 8 <= s.length; i++) set.add(s.slice(i, i + 8));
    return set;
  };
  const now = shingles(clean(text));
  if (now.size < 20) return 0;
  const before = shingles(clean(previous));
  let same = 0;
  for (const s of now) if (before.has(s)) same++;
  return same / now.size;
}

export function checkV12(r: ParsedReport, prev: ParsedReport | undefined): Finding[] {
  if (!prev) return [];
  const share = repeatedShare(r.narrative, prev.narrative);
  if (share <= 0.5) return [];
  return [
    warning('V12', `正文与${prev.year}年度报告重复约${Math.round(share * 100)}%，超过50%（内容雷同）`, []),
  ];
}
