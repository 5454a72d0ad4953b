/**
 * Warnings about the text:
 *   V8 a number quoted in the narrative (受理/答复/结转/行政复议/行政诉讼 N 件) that contradicts tables 三/四;
 *   V9 fees: applications closed for unpaid fees (R22 > 0) or a 2021-format section 六 without a word on
 *      信息处理费 (the format's note: 「收取信息处理费情况在此处报告」).
 */

import type { Finding, ParsedReport } from '../model.js';
import { type ClaimKind, quotedNumbers } from '../narrative-numbers.js';
import { num, show } from '../normalize.js';
import { cite3, isNumber, n3, t3, t3Id, warning } from './cells.js';

interface Target {
  what: string;
  cells: string[];
  /** Values the quote may equal (e.g. 受理 may include last year's carried-over cases). */
  accepted: (r: ParsedReport) => number[];
  /** The table figures, named with their cells. */
  cite: (r: ParsedReport) => string;
  present: (r: ParsedReport) => boolean;
}

const T3TOTAL = (row: string) => (r: ParsedReport) => isNumber(t3(r, row, 7));
const t3Target = (what: string, row: string, name: string): Target => ({
  what,
  cells: [t3Id(row, 7)],
  accepted: (r) => [n3(r, row, 7)],
  cite: (r) => `表三${name}（${cite3(r, row, 7)}）`,
  present: T3TOTAL(row),
});
const k = (r: ParsedReport, id: string) => `T4.${id}=${show(r.tables.T4[id])}`;

const TARGETS: Record<ClaimKind, Target> = {
  received: {
    what: '收到的申请数',
    cells: [t3Id('R1', 7), t3Id('R2', 7)],
    accepted: (r) => [n3(r, 'R1', 7), n3(r, 'R1', 7) + n3(r, 'R2', 7)],
    cite: (r) => `表三一、本年新收（${cite3(r, 'R1', 7)}）及二、上年结转（${cite3(r, 'R2', 7)}）`,
    present: T3TOTAL('R1'),
  },
  carriedIn: t3Target('上年结转数', 'R2', '二、上年结转'),
  replied: t3Target('办结（答复）数', 'R24', '（七）总计'),
  carriedOut: t3Target('结转下年度数', 'R25', '四、结转下年度继续办理'),
  reconsideration: {
    what: '行政复议数',
    cells: ['T4.K5'],
    accepted: (r) => [num(r.tables.T4.K5)],
    cite: (r) => `表四行政复议总计（${k(r, 'K5')}）`,
    present: (r) => isNumber(r.tables.T4.K5),
  },
  litigation: {
    what: '行政诉讼数',
    cells: ['T4.K10', 'T4.K15'],
    accepted: (r) => [num(r.tables.T4.K10) + num(r.tables.T4.K15)],
    cite: (r) => `表四行政诉讼总计（${k(r, 'K10')}、${k(r, 'K15')}）`,
    present: (r) => isNumber(r.tables.T4.K10) || isNumber(r.tables.T4.K15),
  },
};

export function checkV8(r: ParsedReport): Finding[] {
  const out: Finding[] = [];
  for (const claim of quotedNumbers(r.narrative)) {
    const target = TARGETS[claim.kind];
    if (!target.present(r) || target.accepted(r).includes(claim.value)) continue;
    out.push(
      warning(
        'V8',
        `正文“${claim.quote}”中的${target.what}为${claim.value}，与${target.cite(r)}不一致`,
        target.cells,
      ),
    );
  }
  return out;
}

const FEE_TEXT = /信息处理费|收费|缴费|缴纳费用/;

export function checkV9(r: ParsedReport): Finding[] {
  const out: Finding[] = [];
  const six = r.sections.六;
  const unpaid = r.sixSplit ? n3(r, 'R22', 7) : 0;
  if (unpaid > 0 && !(six && FEE_TEXT.test(six)))
    out.push(
      warning(
        'V9',
        `表三有${unpaid}件申请因逾期未缴费不再处理（${t3Id('R22', 7)}=${unpaid}），但“六、其他需要报告的事项”没有说明信息处理费收取情况`,
        [t3Id('R22', 7)],
      ),
    );
  else if (r.format === '2021' && six !== null && !FEE_TEXT.test(six))
    out.push(warning('V9', '“六、其他需要报告的事项”没有说明信息处理费收取情况（未收取也应写明）', []));
  return out;
}
