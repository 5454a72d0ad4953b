/**
 * The annual report's tables as Excel workbooks (`exceljs` 4.4.0):
 *
 *  - `reportXlsx(doc)`: one sheet per table (表二, 表三, 表四) laid out as the national format prints it, header
 *    cells merged the same way; numbers are numbers, a blank cell stays empty, a placeholder is the text 「/」.
 *  - `agenciesWorkbook(docs)`: for supervisors, one sheet per table with one row per agency — the agency, the
 *    year, then every cell of the table in cell-id order under a three-row header (the row of the format, the
 *    column, the cell id) — with a 合计 row, and a 汇总 sheet: the key figures of each report and what the
 *    checker's rules (V1–V11) say about it.
 */
import ExcelJS from 'exceljs';
import {
  type CellValue,
  type ParsedReport,
  SECTION_KEYS,
  T2_LAYOUTS,
  T3_COLUMNS,
  T3_ROW_LABELS,
  T4_BLOCKS,
  t3RowIds,
} from '../checker/model.js';
import { runChecks } from '../checker/rules/run-checks.js';
import {
  GRID_HEADER_ROWS,
  type GridCell,
  placeGrid,
  reportTitle,
  T4_RESULTS,
  TABLE_CAPTIONS,
  t2Grid,
  t3Grid,
  t4Grid,
} from './layout.js';
import type { ReportDocument } from './model.js';

type Kind = 'T2' | 'T3' | 'T4';
const SHEET_NAMES: Record<Kind, string> = { T2: '表二', T3: '表三', T4: '表四' };
const FONT = { name: '宋体', size: 10 };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A cell's value as Excel holds it: a number, nothing, or the text 「/」. */
function excelValue(v: CellValue | undefined): number | string | null {
  if (typeof v === 'number') return v;
  return v === '/' ? '/' : null;
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  // Fixed dates: the same report gives the same workbook content.
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  return wb;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ── one report ──

const COLUMN_WIDTHS: Record<Kind, number[]> = {
  T2: [22, 16, 16, 16],
  T3: [10, 14, 40, 9, 9, 9, 11, 11, 9, 9],
  T4: Array(15).fill(9),
};

function gridSheet(wb: ExcelJS.Workbook, kind: Kind, title: string, grid: GridCell[][]) {
  const ws = wb.addWorksheet(SHEET_NAMES[kind], {
    pageSetup: {
      paperSize: 9,
      orientation: kind === 'T4' ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    views: [{ state: 'frozen', ySplit: 2 + GRID_HEADER_ROWS[kind] }],
  });
  const width = COLUMN_WIDTHS[kind].length;
  ws.columns = COLUMN_WIDTHS[kind].map((w) => ({ width: w }));
  ws.getCell(1, 1).value = `${title}　${TABLE_CAPTIONS[kind]}`;
  ws.getCell(1, 1).font = { ...FONT, size: 12, bold: true };
  ws.mergeCells(1, 1, 1, width);
  const top = 3; // row 2 is left empty under the title
  for (const { cell, row, col } of placeGrid(grid)) {
    const r = top + row;
    const c = 1 + col;
    const x = ws.getCell(r, c);
    x.value = cell.value ? excelValue(cell.value.v) : (cell.text ?? null);
    x.font = { ...FONT, bold: !!cell.header };
    x.alignment = {
      vertical: 'middle',
      horizontal: cell.value ? 'center' : cell.align === 'left' ? 'left' : 'center',
      wrapText: true,
    };
    const bottom = r + (cell.rowSpan ?? 1) - 1;
    const right = c + (cell.colSpan ?? 1) - 1;
    if (bottom > r || right > c) ws.mergeCells(r, c, bottom, right);
    for (let rr = r; rr <= bottom; rr++) for (let cc = c; cc <= right; cc++) ws.getCell(rr, cc).border = BOX;
  }
  ws.pageSetup.printTitlesRow =
    GRID_HEADER_ROWS[kind] > 0 ? `${top}:${top + GRID_HEADER_ROWS[kind] - 1}` : undefined;
  return ws;
}

export async function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = newWorkbook();
  const title = reportTitle(doc);
  wb.title = title;
  gridSheet(wb, 'T2', title, t2Grid(doc.tables.T2));
  gridSheet(wb, 'T3', title, t3Grid(doc.tables.T3));
  gridSheet(wb, 'T4', title, t4Grid(doc.tables.T4));
  return toBuffer(wb);
}

// ── many agencies ──

interface Column {
  id: string;
  /** The row of the format (表三 row, 表二 item, 表四 block) — merged over its columns. */
  group: string;
  label: string;
  read: (doc: ReportDocument) => CellValue | undefined;
}

/** Every cell of each table in cell-id order (the checker's order: 表二 by layout, 表三 R1…R25 × C1…C7, K1…K15). */
export function tableColumns(kind: Kind): Column[] {
  if (kind === 'T2')
    return T2_LAYOUTS['2021'].flatMap((row) =>
      row.columns.map((c) => ({
        id: `T2.${row.id}.${c.id}`,
        group: row.label,
        label: c.label,
        read: (d: ReportDocument) => d.tables.T2[row.id]?.[c.id],
      })),
    );
  if (kind === 'T3')
    return t3RowIds(true).flatMap((row) =>
      T3_COLUMNS.map((label, c) => ({
        id: `T3.${row}.C${c + 1}`,
        group: T3_ROW_LABELS[row] ?? row,
        label,
        read: (d: ReportDocument) => d.tables.T3[row]?.[c],
      })),
    );
  return T4_BLOCKS.flatMap((block, b) =>
    T4_RESULTS.map((label, i) => {
      const id = `K${b * 5 + i + 1}`;
      return { id: `T4.${id}`, group: block.name, label, read: (d: ReportDocument) => d.tables.T4[id] };
    }),
  );
}

const headerStyle = (x: ExcelJS.Cell) => {
  x.font = { ...FONT, bold: true };
  x.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  x.border = BOX;
  x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
};

const colName = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

function agenciesSheet(wb: ExcelJS.Workbook, kind: Kind, docs: ReportDocument[]) {
  const columns = tableColumns(kind);
  const ws = wb.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', xSplit: 2, ySplit: 3 }] });
  ws.getColumn(1).width = 28;
  ws.getColumn(2).width = 8;
  for (const [i, text] of ['机关', '年度'].entries()) {
    ws.getCell(1, i + 1).value = text;
    ws.mergeCells(1, i + 1, 3, i + 1);
    headerStyle(ws.getCell(1, i + 1));
  }
  let groupStart = 0;
  columns.forEach((col, i) => {
    const c = 3 + i;
    ws.getColumn(c).width = kind === 'T3' ? 9 : 14;
    ws.getCell(2, c).value = col.label;
    ws.getCell(3, c).value = col.id;
    headerStyle(ws.getCell(2, c));
    headerStyle(ws.getCell(3, c));
    ws.getCell(3, c).font = { ...FONT, size: 8 };
    const next = columns[i + 1];
    if (!next || next.group !== col.group) {
      const from = 3 + groupStart;
      ws.getCell(1, from).value = col.group;
      headerStyle(ws.getCell(1, from));
      if (c > from) ws.mergeCells(1, from, 1, c);
      groupStart = i + 1;
    }
  });
  ws.getRow(1).height = kind === 'T3' ? 48 : 30;
  docs.forEach((doc, r) => {
    const row = ws.getRow(4 + r);
    row.getCell(1).value = doc.agencyName;
    row.getCell(2).value = doc.year;
    columns.forEach((col, i) => {
      row.getCell(3 + i).value = excelValue(col.read(doc));
    });
  });
  if (docs.length > 0) {
    const last = 3 + docs.length;
    const total = ws.getRow(last + 1);
    total.getCell(1).value = '合计';
    total.getCell(1).font = { ...FONT, bold: true };
    columns.forEach((col, i) => {
      const letter = colName(3 + i);
      const result = docs.reduce((s, d) => {
        const v = col.read(d);
        return s + (typeof v === 'number' ? v : 0);
      }, 0);
      total.getCell(3 + i).value = { formula: `SUM(${letter}4:${letter}${last})`, result: round(result) };
      total.getCell(3 + i).font = { ...FONT, bold: true };
    });
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000;

/** The report as the checker's rules read it (2021 format, （六） in three rows, nothing missing). */
export function asParsedReport(doc: ReportDocument): ParsedReport {
  const sections = Object.fromEntries(
    SECTION_KEYS.map((k) => [k, doc.sections[k] ?? '']),
  ) as ParsedReport['sections'];
  return {
    year: doc.year,
    format: '2021',
    agency: doc.agencyName,
    sections,
    narrative: SECTION_KEYS.filter((k) => k === '一' || k === '五' || k === '六')
      .map((k) => doc.sections[k] ?? '')
      .join('\n'),
    tables: doc.tables,
    sixSplit: true,
    missingRows: [],
  };
}

const SUMMARY: { label: string; read: (d: ReportDocument) => CellValue | undefined }[] = [
  { label: '本年新收申请', read: (d) => d.tables.T3.R1?.[6] },
  { label: '上年结转', read: (d) => d.tables.T3.R2?.[6] },
  { label: '予以公开', read: (d) => d.tables.T3.R3?.[6] },
  { label: '部分公开', read: (d) => d.tables.T3.R4?.[6] },
  { label: '办理结果总计', read: (d) => d.tables.T3.R24?.[6] },
  { label: '结转下年度', read: (d) => d.tables.T3.R25?.[6] },
  { label: '行政复议', read: (d) => d.tables.T4.K5 },
  {
    label: '行政诉讼',
    read: (d) => {
      const a = d.tables.T4.K10;
      const b = d.tables.T4.K15;
      return typeof a === 'number' || typeof b === 'number'
        ? (typeof a === 'number' ? a : 0) + (typeof b === 'number' ? b : 0)
        : null;
    },
  },
  { label: '行政规范性文件现行有效', read: (d) => d.tables.T2.normativeDocuments?.inForce },
  { label: '行政事业性收费（万元）', read: (d) => d.tables.T2.fees?.amount },
];

function summarySheet(wb: ExcelJS.Workbook, docs: ReportDocument[]) {
  const ws = wb.addWorksheet('汇总', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const heads = ['机关', '年度', ...SUMMARY.map((s) => s.label), '勾稽检查', '错误', '提示', '问题摘要'];
  heads.forEach((h, i) => {
    ws.getCell(1, i + 1).value = h;
    headerStyle(ws.getCell(1, i + 1));
  });
  ws.columns = heads.map((h, i) => ({
    width: i === 0 ? 28 : i === heads.length - 1 ? 60 : Math.max(10, h.length * 2 + 2),
  }));
  docs.forEach((doc, r) => {
    const findings = runChecks(asParsedReport(doc));
    const errors = findings.filter((f) => f.severity === 'error');
    const row = ws.getRow(2 + r);
    const values: (string | number | null)[] = [
      doc.agencyName,
      doc.year,
      ...SUMMARY.map((s) => excelValue(s.read(doc))),
      errors.length > 0 ? '未通过' : '通过',
      errors.length,
      findings.length - errors.length,
      findings
        .slice(0, 5)
        .map((f) => `${f.rule} ${f.message}`)
        .join('\n') || null,
    ];
    values.forEach((v, i) => {
      row.getCell(i + 1).value = v;
    });
    row.getCell(heads.length).alignment = { wrapText: true, vertical: 'top' };
  });
}

export async function agenciesWorkbook(docs: ReportDocument[]): Promise<Buffer> {
  const wb = newWorkbook();
  wb.title = '政府信息公开工作年度报告汇总';
  summarySheet(wb, docs);
  for (const kind of ['T2', 'T3', 'T4'] as Kind[]) agenciesSheet(wb, kind, docs);
  return toBuffer(wb);
}
