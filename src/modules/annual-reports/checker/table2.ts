/**
 * 表二 rows from records: the row keyword found latest in the label names the row (headers such as
 * 「第二十条第(五)项 信息内容 处理决定数量」 run into the first row's label in token streams), and the row
 * takes as many values as its block has columns in the report's format. Also: which format the headers
 * belong to.
 */
import { type CellValue, type ReportFormat, T2_LAYOUTS, type T2Table } from './model.js';
import { compact } from './normalize.js';
import { fitWidth, type TableRecord } from './records.js';

export function readT2(records: TableRecord[], format: ReportFormat): { table: T2Table; missing: string[] } {
  const layout = T2_LAYOUTS[format];
  const found = new Map<string, CellValue[]>();
  for (const rec of records) {
    if (rec.values.length === 0) continue;
    const label = compact(rec.label);
    let best: { id: string; at: number } | null = null;
    for (const row of layout)
      for (const w of row.keywords) {
        const at = label.lastIndexOf(w);
        if (at >= 0 && (!best || at > best.at)) best = { id: row.id, at };
      }
    if (best && !found.has(best.id)) found.set(best.id, rec.values);
  }
  const table: T2Table = {};
  const missing: string[] = [];
  for (const row of layout) {
    const values = fitWidth(found.get(row.id) ?? [], row.columns.length);
    if (!found.has(row.id)) missing.push(row.id);
    table[row.id] = Object.fromEntries(row.columns.map((c, i) => [c.id, values[i] ?? null]));
  }
  return { table, missing };
}

const MARKERS_2021 = ['制发', '废止', '现行有效', '本年收费金额', '收费金额'];
const MARKERS_2019 = [
  '新制作',
  '新公开',
  '对外公开总数',
  '上一年项目',
  '本年增',
  '采购项目',
  '集中采购',
  '对外管理服务',
];

/** Evidence for each format in the 表二 headers (counts of distinct markers). */
export function t2FormatEvidence(text: string): { f2019: number; f2021: number } {
  const t = compact(text);
  return {
    f2019: MARKERS_2019.filter((m) => t.includes(m)).length,
    f2021: MARKERS_2021.filter((m) => t.includes(m)).length,
  };
}
