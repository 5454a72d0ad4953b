/**
 * The year reported on and the agency. The year comes from the statistical period 「2019年1月1日—2019年12月31日」
 * when the report states one, otherwise from the title 「…2019年政府信息公开工作年度报告」 — never from the
 * publication date (reports on year N are published in year N+1).
 */
import { compact } from './normalize.js';

const PERIOD = /(20\d{2}|19\d{2})年(?:度)?1月1日(?:起|零时)?(?:[-—~至到]+|起至)(?:(20\d{2})年)?12月31日/;
const TITLE = /(20\d{2})年(?:度)?[^。;!?]{0,40}?(?:政府信息公开|政务公开|信息公开)[^。;]{0,8}?报告/;

export function findYear(text: string): number | null {
  const flat = compact(text);
  const period = PERIOD.exec(flat);
  if (period) return Number(period[2] ?? period[1]);
  const title = TITLE.exec(flat.slice(0, 3000)) ?? TITLE.exec(flat);
  if (title) return Number(title[1]);
  const annual = /(20\d{2})年度(?:政府信息公开|政务公开)/.exec(flat);
  return annual ? Number(annual[1]) : null;
}

const AGENCY_END =
  /(?:局|委|办|厅|院|政府|委员会|中心|署|会|室|部|处|所|馆|队|站|街道|街道办事处|乡|镇|区|县|市|管委会|公司|集团|银行|法院|检察院|办事处|支队|大队)$/;

function clean(s: string): string | null {
  const t = s
    .replace(/^.*[>»|_:]/, '')
    .replace(/^(?:关于|标题|首页|当前位置)/, '')
    .replace(/[(（][^)）]*$/, '')
    .trim();
  return t.length >= 2 && t.length <= 40 && /^[\u4e00-\u9fa5()（）]+$/.test(t) && AGENCY_END.test(t)
    ? t
    : null;
}

export function findAgency(lines: string[]): string | null {
  const head = lines.filter((l) => l.trim() !== '').slice(0, 30);
  // The title, possibly broken over two lines: 「佳木斯市民政局2019年政府信息」「公开工作年度报告」.
  const candidates = [...head, ...head.map((line, i) => line + (head[i + 1] ?? ''))];
  for (const candidate of candidates) {
    const two = compact(candidate);
    const before = /^(.{2,60}?)(?:20\d{2})年(?:度)?(?:政府信息公开|政务公开|信息公开)/.exec(two);
    if (before) {
      const a = clean(before[1] ?? '');
      if (a) return a;
    }
    const after = /(?:20\d{2})年(?:度)?(.{2,40}?)(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告/.exec(two);
    if (after) {
      const a = clean(after[1] ?? '');
      if (a) return a;
    }
  }
  const all = compact(lines.join('\n'));
  const by = /由(.{2,40}?)(?:负责)?编制/.exec(all);
  if (by) {
    const a = clean(by[1] ?? '');
    if (a) return a;
  }
  // The signature: the last short line before the date at the end.
  const tail = lines.map((l) => l.trim()).filter(Boolean);
  for (let i = tail.length - 1; i > 0 && i >= tail.length - 8; i--)
    if (/^20\d{2}年\d{1,2}月\d{1,2}日$/.test(compact(tail[i]!))) {
      const a = clean(compact(tail[i - 1]!));
      if (a) return a;
    }
  return null;
}

/** Signs of a report in the pre-2019 (2008 条例) style: numbers as prose, no 表三 of the 2019 shape. */
export function looksLikeReport(text: string): boolean {
  const t = compact(text);
  return /政府信息公开|政务公开|信息公开/.test(t) && /报告|年报/.test(t);
}
