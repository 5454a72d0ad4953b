/**
 * Table rows as (label, values) records, whatever the source:
 *  - grid rows (HTML, DOCX, `| a | b |` text): the label is every cell up to the last text cell, the values
 *    the cells after it; blank cells are kept as null (blank ≠ 0), covered cells are skipped;
 *  - a token stream (tables printed without borders, e.g. PDF text): label words accumulate until numbers
 *    start, and the run of numbers is the row's values. Blank cells cannot be seen there; labels broken
 *    over lines and headers repeated after a page break simply join the next label.
 */
import type { TableCell } from './document.js';
import type { CellValue } from './model.js';
import { isValueToken, readCell } from './normalize.js';

export interface TableRecord {
  label: string;
  values: CellValue[];
  /** True when blank cells were visible (grid); false for token streams. */
  grid: boolean;
  /** Value cells printed, trailing blanks included. */
  width: number;
}

export function gridRecords(rows: TableCell[][]): TableRecord[] {
  const out: TableRecord[] = [];
  for (const row of rows) {
    const cells = row.filter((c) => !c.covered).map((c) => c.text);
    let lastText = -1;
    cells.forEach((text, i) => {
      if (readCell(text).kind === 'text') lastText = i;
    });
    const label = cells
      .slice(0, lastText + 1)
      .filter((t) => t !== '')
      .join(' ');
    const width = cells.length - lastText - 1;
    const values = cells.slice(lastText + 1).map((t) => {
      const r = readCell(t);
      return r.kind === 'value' ? r.value : null;
    });
    // Trailing blanks left by flattened merged cells carry nothing; the reader pads to the expected width.
    while (values.length > 0 && values[values.length - 1] === null) values.pop();
    out.push({ label, values, grid: true, width });
  }
  return out;
}

/** Page furniture between table parts: 「- 3 -」, 「第3页 共8页」, 「3/8」. */
const PAGE_LINE =
  /^\s*(?:[-—]\s*\d{1,3}\s*[-—]|第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})\s*$/;

export function streamRecords(lines: string[]): TableRecord[] {
  const out: TableRecord[] = [];
  let label: string[] = [];
  let values: CellValue[] = [];
  const push = () => {
    if (label.length > 0 || values.length > 0)
      out.push({ label: label.join(' '), values, grid: false, width: values.length });
    label = [];
    values = [];
  };
  for (const line of lines) {
    if (PAGE_LINE.test(line)) continue;
    for (const raw of line.split(/[\s|]+/)) {
      if (!raw) continue;
      // 「申请数量6」: a number glued to the end of a label by the text extraction.
      const glued = /^(.*[\u4e00-\u9fa5)"])(\d{1,7})$/.exec(raw);
      const tokens = glued ? [glued[1] ?? '', glued[2] ?? ''] : [raw];
      for (const token of tokens) {
        if (isValueToken(token)) {
          const r = readCell(token, true);
          values.push(r.kind === 'value' ? r.value : null);
        } else {
          if (values.length > 0) push();
          label.push(token);
        }
      }
    }
  }
  push();
  return out;
}

/** Pads or cuts values to the table's width. */
export function fitWidth(values: CellValue[], width: number): CellValue[] {
  const out = values.slice(0, width);
  while (out.length < width) out.push(null);
  return out;
}
