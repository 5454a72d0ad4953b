/**
 * V5: every cell a non-negative integer — except 表二's signed 本年增/减 and its amounts in 万元 (decimal
 * allowed); cells the format leaves empty are not in the model at all. A negative or fractional count is a
 * hard error. Blank ≠ 0: blank and 「/」 cells, and rows not found in the document, are flagged as warnings
 * and counted as 0 by the other rules.
 */
import { type CellValue, type Finding, type ParsedReport, T2_LAYOUTS, T3_ROW_LABELS } from '../model.js';
import { error, t3Id, warning } from './cells.js';

interface Spec {
  id: string;
  value: CellValue;
  signed?: boolean;
  decimal?: boolean;
}

function* cellsOf(r: ParsedReport): Generator<Spec> {
  for (const row of T2_LAYOUTS[r.format])
    for (const col of row.columns)
      yield {
        id: `T2.${row.id}.${col.id}`,
        value: r.tables.T2[row.id]?.[col.id] ?? null,
        signed: col.signed,
        decimal: col.decimal,
      };
  for (const [row, values] of Object.entries(r.tables.T3))
    for (let c = 1; c <= 7; c++) yield { id: t3Id(row, c), value: values[c - 1] ?? null };
  for (const [k, value] of Object.entries(r.tables.T4)) yield { id: `T4.${k}`, value };
}

const list = (ids: string[]) =>
  ids.length > 12 ? `${ids.slice(0, 12).join('、')}等${ids.length}个` : ids.join('、');

export function checkV5(r: ParsedReport): Finding[] {
  const out: Finding[] = [];
  const missing = new Set(r.missingRows);
  const inMissingRow = (id: string) =>
    missing.has(id.split('.').slice(0, 2).join('.')) || (id.startsWith('T4.') && missing.has('T4'));
  const blanks: string[] = [];
  for (const cell of cellsOf(r)) {
    const v = cell.value;
    if (typeof v !== 'number') {
      if (!inMissingRow(cell.id)) blanks.push(cell.id);
      continue;
    }
    if (v < 0 && !cell.signed) out.push(error('V5', `${cell.id}=${v}：数量不能为负数`, [cell.id]));
    else if (!Number.isInteger(v) && !cell.decimal)
      out.push(error('V5', `${cell.id}=${v}：件数应为整数`, [cell.id]));
  }
  if (blanks.length > 0)
    out.push(
      warning(
        'V5',
        `${blanks.length}个单元格为空白或“/”（${list(blanks)}）：空白不等于0，应填写数字；检查时按0计算`,
        blanks,
      ),
    );
  if (missing.size > 0) {
    const names = [...missing].map((id) => {
      const row = id.split('.')[1] ?? '';
      return id.startsWith('T3.')
        ? `表三“${T3_ROW_LABELS[row] ?? row}”（${id}）`
        : id === 'T4'
          ? '表四数据行'
          : `表二${id}`;
    });
    const cells = [...cellsOf(r)].map((c) => c.id).filter(inMissingRow);
    out.push(warning('V5', `报告中没有找到以下行，按空白处理：${names.join('；')}`, cells));
  }
  return out;
}
