/** Small helpers shared by the rules: cell ids, values, and how a cell is named in a message. */
import { type CellValue, type Finding, type ParsedReport, T3_COLUMNS } from '../model.js';
import { num, show } from '../normalize.js';

export const t3Id = (row: string, c: number) => `T3.${row}.C${c}`;

export function t3(report: ParsedReport, row: string, c: number): CellValue {
  return report.tables.T3[row]?.[c - 1] ?? null;
}

export const n3 = (report: ParsedReport, row: string, c: number) => num(t3(report, row, c));

/** 「T3.R1.C7=6」 */
export const cite3 = (report: ParsedReport, row: string, c: number) =>
  `${t3Id(row, c)}=${show(t3(report, row, c))}`;

export const columnName = (c: number) => `第${c}列（${T3_COLUMNS[c - 1] ?? ''}）`;

export const isNumber = (v: CellValue | undefined): v is number => typeof v === 'number';

export function error(rule: Finding['rule'], message: string, cells: string[]): Finding {
  return { rule, severity: 'error', message, cells };
}

export function warning(rule: Finding['rule'], message: string, cells: string[]): Finding {
  return { rule, severity: 'warning', message, cells };
}

export const COLUMNS = [1, 2, 3, 4, 5, 6, 7];
