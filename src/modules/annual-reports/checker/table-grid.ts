/**
 * Lays out table cells that span rows and columns (HTML rowspan/colspan, DOCX vMerge/gridSpan) so that each
 * row lists its cells left to right in visual order; positions covered by a span from above are inserted
 * as `covered` cells. Spans are capped so that a hostile `rowspan="100000"` cannot blow up memory.
 */
import type { TableCell } from './document.js';

export interface SourceCell {
  text: string;
  rowSpan: number;
  colSpan: number;
}

/** Far beyond any report table (表三: 28 rows × 10 columns), small enough that hostile markup stays cheap. */
export const TABLE_LIMITS = { maxSpan: 60, maxColumns: 64, maxRows: 2000 };

export function layoutRows(source: SourceCell[][]): TableCell[][] {
  const rows = source.slice(0, TABLE_LIMITS.maxRows);
  const MAX_SPAN = TABLE_LIMITS.maxSpan;
  // pending[col] = rows still covered by a rowspan started above.
  const pending: number[] = [];
  const out: TableCell[][] = [];
  for (const row of rows) {
    const cells: TableCell[] = [];
    let col = 0;
    const takeCovered = () => {
      while ((pending[col] ?? 0) > 0) {
        pending[col] = (pending[col] ?? 1) - 1;
        cells.push({ text: '', covered: true });
        col++;
      }
    };
    for (const cell of row.slice(0, TABLE_LIMITS.maxColumns)) {
      if (col >= TABLE_LIMITS.maxColumns) break;
      takeCovered();
      const colSpan = Math.min(Math.max(1, cell.colSpan || 1), MAX_SPAN);
      const rowSpan = Math.min(Math.max(1, cell.rowSpan || 1), MAX_SPAN);
      cells.push({ text: cell.text });
      for (let k = 0; k < colSpan; k++) {
        if (rowSpan > 1) pending[col + k] = rowSpan - 1;
        if (k > 0) cells.push({ text: '', covered: true });
      }
      col += colSpan;
    }
    // Spans from above reaching past the last cell of this row.
    for (let c = col; c < pending.length; c++) {
      if ((pending[c] ?? 0) > 0) {
        col = c;
        takeCovered();
      }
    }
    out.push(cells.slice(0, TABLE_LIMITS.maxColumns));
  }
  return out;
}
