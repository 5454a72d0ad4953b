/**
 * 索引号 (indexNo) patterns, pure. 条例第十二条 requires the 目录 to carry each item's 索引; real
 * portals use `{机构代码}/{年份}-{5位流水号}` (e.g. `11620622013933539B/2021-03844`) or a year-month
 * variant (`11341702486344515H/202110-00013`), see disclosure-rules.md §5.5.
 *
 * Tokens: {code} the agency's code, {YYYY} the year, {MM} the month (two digits), {serialN} the
 * serial zero-padded to N digits (3 ≤ N ≤ 8). Decision: the serial counts per agency per calendar
 * year (restarting at 1 each January, even when {MM} is present), so a pattern must contain {YYYY}
 * to stay unique, and {code} to stay unique across agencies of the platform.
 */

export const DEFAULT_INDEX_NO_PATTERN = '{code}/{YYYY}-{serial5}';

export interface IndexNoParts {
  code: string;
  year: number;
  month: number;
  serial: number;
}

const TOKEN = /\{(code|YYYY|MM|serial([1-9]))\}/g;

/**
 * The 索引号 for the parts. Unknown text is copied as is; a serial wider than its token is written
 * in full rather than cut (99999 → 100000). Validate the pattern first (validateIndexNoPattern).
 */
export function formatIndexNo(pattern: string, parts: IndexNoParts): string {
  return pattern.replace(TOKEN, (_m, name: string, width?: string) => {
    if (name === 'code') return parts.code;
    if (name === 'YYYY') return String(parts.year).padStart(4, '0');
    if (name === 'MM') return String(parts.month).padStart(2, '0');
    return String(parts.serial).padStart(Number(width), '0');
  });
}

const MAX_LENGTH = 60;

/** The problems of a pattern, in Chinese, each naming 索引号规则; empty when usable. */
export function validateIndexNoPattern(pattern: string): string[] {
  const problems: string[] = [];
  const p = pattern.trim();
  if (!p) return ['索引号规则不能为空'];
  if ([...p].length > MAX_LENGTH) problems.push(`索引号规则不能超过${MAX_LENGTH}个字符`);
  const tokens: string[] = [];
  const literals: string[] = [];
  let rest = p;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    const close = rest.indexOf('}');
    if (open === -1) {
      if (close !== -1) problems.push('索引号规则中的花括号“{}”没有配对');
      literals.push(rest.replace(/[{}]/g, ''));
      break;
    }
    if (close !== -1 && close < open) {
      problems.push('索引号规则中的花括号“{}”没有配对');
      break;
    }
    literals.push(rest.slice(0, open));
    const end = rest.indexOf('}', open);
    const nextOpen = rest.indexOf('{', open + 1);
    if (end === -1 || (nextOpen !== -1 && nextOpen < end)) {
      problems.push('索引号规则中的花括号“{}”没有配对');
      break;
    }
    tokens.push(rest.slice(open + 1, end));
    rest = rest.slice(end + 1);
  }
  for (const t of tokens) {
    if (t === 'code' || t === 'YYYY' || t === 'MM') continue;
    const serial = /^serial(\d+)$/.exec(t);
    if (serial) {
      const n = Number(serial[1]);
      if (n < 3 || n > 8) problems.push(`索引号规则中流水号的位数须在3至8位之间（“{${t}}”）`);
      continue;
    }
    problems.push(
      `索引号规则中的“{${t}}”不是可用的占位符（可用：{code}、{YYYY}、{MM}、{serial3}至{serial8}）`,
    );
  }
  const count = (name: string | RegExp) =>
    tokens.filter((t) => (typeof name === 'string' ? t === name : name.test(t))).length;
  const serials = count(/^serial\d+$/);
  if (serials === 0) problems.push('索引号规则必须包含流水号，如 {serial5}（5位流水号）');
  if (serials > 1) problems.push('索引号规则只能包含一个流水号');
  if (count('YYYY') === 0)
    problems.push('索引号规则必须包含年份 {YYYY}：流水号每年从1重新编号，缺少年份会产生重复的索引号');
  if (count('code') === 0) problems.push('索引号规则必须包含机构代码 {code}，以免与其他单位的索引号重复');
  const bad = [...new Set(literals.join('').replace(/[A-Za-z0-9/_.-]/g, ''))];
  if (bad.length > 0)
    problems.push(`索引号规则除占位符外只能使用字母、数字和“/ - _ .”，不能含有“${bad.join('')}”`);
  return problems;
}
