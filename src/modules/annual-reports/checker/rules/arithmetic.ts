/**
 * The 勾稽关系 of tables 三 and 四 (disclosure-rules §3.6), all hard errors:
 *   V1 per column: R1 + R2 = R24 + R25 (printed in the table header of both formats)
 *   V2 per column: R24 = Σ result rows R3…R23 (or R3…R20 + R21-23)
 *   V3 per row: C7 = C1 + … + C6
 *   V4 表四: K5 = K1+…+K4, K10 = K6+…+K9, K15 = K11+…+K14
 * A total printed blank or as 「/」 is not compared (V5 reports it); blank parts count as 0.
 */
import { type Finding, type ParsedReport, T3_ROW_LABELS, T4_BLOCKS, t3ResultRowIds } from '../model.js';
import { num, show } from '../normalize.js';
import { COLUMNS, cite3, columnName, error, isNumber, n3, t3, t3Id } from './cells.js';

export function checkV1(r: ParsedReport): Finding[] {
  const out: Finding[] = [];
  for (const c of COLUMNS) {
    if (!isNumber(t3(r, 'R1', c)) || !isNumber(t3(r, 'R24', c))) continue;
    const left = n3(r, 'R1', c) + n3(r, 'R2', c);
    const right = n3(r, 'R24', c) + n3(r, 'R25', c);
    if (left === right) continue;
    out.push(
      error(
        'V1',
        `表三${columnName(c)}：一、本年新收（${cite3(r, 'R1', c)}）加二、上年结转（${cite3(r, 'R2', c)}）为${left}，` +
          `不等于（七）总计（${cite3(r, 'R24', c)}）加四、结转下年度继续办理（${cite3(r, 'R25', c)}）之和${right}`,
        ['R1', 'R2', 'R24', 'R25'].map((row) => t3Id(row, c)),
      ),
    );
  }
  return out;
}

export function checkV2(r: ParsedReport): Finding[] {
  const out: Finding[] = [];
  const rows = t3ResultRowIds(r.sixSplit);
  for (const c of COLUMNS) {
    if (!isNumber(t3(r, 'R24', c))) continue;
    const sum = rows.reduce((s, row) => s + n3(r, row, c), 0);
    if (sum === n3(r, 'R24', c)) continue;
    const nonZero = rows.filter((row) => n3(r, row, c) !== 0).map((row) => cite3(r, row, c));
    out.push(
      error(
        'V2',
        `表三${columnName(c)}：（七）总计 ${cite3(r, 'R24', c)}，但三、本年度办理结果各项（${t3Id(rows[0]!, c)}至` +
          `${t3Id(rows[rows.length - 1]!, c)}）之和为${sum}${nonZero.length ? `（非零项：${nonZero.join('、')}）` : ''}`,
        [t3Id('R24', c), ...rows.map((row) => t3Id(row, c))],
      ),
    );
  }
  return out;
}

export function checkV3(r: ParsedReport): Finding[] {
  const out: Finding[] = [];
  for (const row of Object.keys(r.tables.T3)) {
    if (!isNumber(t3(r, row, 7))) continue;
    const parts = COLUMNS.slice(0, 6);
    const sum = parts.reduce((s, c) => s + n3(r, row, c), 0);
    if (sum === n3(r, row, 7)) continue;
    out.push(
      error(
        'V3',
        `表三“${T3_ROW_LABELS[row] ?? row}”行：总计 ${cite3(r, row, 7)}，但自然人和法人或其他组织各列之和为${sum}` +
          `（${parts.map((c) => cite3(r, row, c)).join('、')}）`,
        COLUMNS.map((c) => t3Id(row, c)),
      ),
    );
  }
  return out;
}

export function checkV4(r: ParsedReport): Finding[] {
  const out: Finding[] = [];
  const t4 = r.tables.T4;
  for (const block of T4_BLOCKS) {
    if (!isNumber(t4[block.total])) continue;
    const sum = block.parts.reduce((s, k) => s + num(t4[k]), 0);
    if (sum === t4[block.total]) continue;
    out.push(
      error(
        'V4',
        `表四${block.name}：总计 T4.${block.total}=${show(t4[block.total])}，但结果维持、结果纠正、其他结果、尚未审结之和为${sum}` +
          `（${block.parts.map((k) => `T4.${k}=${show(t4[k])}`).join('、')}）`,
        [...block.parts, block.total].map((k) => `T4.${k}`),
      ),
    );
  }
  return out;
}
