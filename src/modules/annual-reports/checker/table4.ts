/**
 * 表四: one data row of 15 cells under a two-level header. A record with 15 or more values is the row; a
 * table printed in two parts (复议 | 诉讼, e.g. across a page break) is read by joining the value runs in
 * order.
 */
import { type CellValue, T4_IDS, type T4Table } from './model.js';
import { fitWidth, type TableRecord } from './records.js';

export function readT4(records: TableRecord[]): { table: T4Table; found: boolean } {
  const withValues = records.filter((r) => r.values.length > 0);
  const full = withValues.find((r) => r.values.length >= 15);
  let values: CellValue[];
  if (full) values = full.values;
  else {
    values = [];
    for (const r of withValues) values.push(...fitWidth(r.values, r.width));
  }
  const cells = fitWidth(values, 15);
  const table: T4Table = Object.fromEntries(T4_IDS.map((id, i) => [id, cells[i] ?? null]));
  return { table, found: values.length > 0 };
}
