/**
 * The three tables of a report as printed rows (label cells + value cells), in the 2021 national format's
 * order: shared by the back-office page and the interim renderers of render-adapter.ts.
 */

import type { ReportTables } from '../checker/model.js';
import {
  type CellValue,
  T2_LAYOUTS,
  T3_COLUMNS,
  T3_ROW_LABELS,
  T4_BLOCKS,
  t3RowIds,
} from '../checker/model.js';

export interface PrintedCell {
  /** Cell id (T3.R1.C7 …), for values. */
  id: string;
  value: CellValue;
}

export interface PrintedRow {
  label: string;
  cells: PrintedCell[];
}

export interface PrintedTable {
  title: string;
  header: string[];
  rows: PrintedRow[];
}

export const show = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v));

export function printedTables(t: ReportTables): PrintedTable[] {
  const t2: PrintedTable = {
    title: '二、主动公开政府信息情况',
    header: ['信息内容 · 项目', '数量'],
    rows: T2_LAYOUTS['2021'].flatMap((row) =>
      row.columns.map((c) => ({
        label: `${row.label} · ${c.label}`,
        cells: [{ id: `T2.${row.id}.${c.id}`, value: t.T2[row.id]?.[c.id] ?? null }],
      })),
    ),
  };
  const t3: PrintedTable = {
    title: '三、收到和处理政府信息公开申请情况',
    header: ['本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和', ...T3_COLUMNS],
    rows: t3RowIds(true).map((r) => ({
      label: T3_ROW_LABELS[r] ?? r,
      cells: T3_COLUMNS.map((_, c) => ({ id: `T3.${r}.C${c + 1}`, value: t.T3[r]?.[c] ?? null })),
    })),
  };
  const names = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
  const t4: PrintedTable = {
    title: '四、政府信息公开行政复议、行政诉讼情况',
    header: ['类别', ...names],
    rows: T4_BLOCKS.map((b) => ({
      label: b.name,
      cells: [...b.parts, b.total].map((k) => ({ id: `T4.${k}`, value: t.T4[k] ?? null })),
    })),
  };
  return [t2, t3, t4];
}
