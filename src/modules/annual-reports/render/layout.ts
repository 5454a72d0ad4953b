/**
 * The national format's printed layout (国办公开办函〔2021〕30号; 2019 format for 表二 and a single （六） row
 * where a checked report prints them so), shared by the HTML, Word and Excel renderers so that all three print
 * the same headings, row labels and merged header cells. Cell ids are the checker's (checker/model.ts).
 */
import {
  type CellValue,
  type ReportFormat,
  SECTION_KEYS,
  type SectionKey,
  T2_LAYOUTS,
  type T2Row,
  type T2Table,
  T3_COLUMNS,
  type T3Table,
  T4_BLOCKS,
  type T4Table,
  t3RowIds,
} from '../checker/model.js';
import type { ReportDocument } from './model.js';

export const SECTION_HEADINGS: Record<SectionKey, string> = {
  一: '一、总体情况',
  二: '二、主动公开政府信息情况',
  三: '三、收到和处理政府信息公开申请情况',
  四: '四、政府信息公开行政复议、行政诉讼情况',
  五: '五、存在的主要问题及改进情况',
  六: '六、其他需要报告的事项',
};
export { SECTION_KEYS };

/** The table each of sections 二–四 holds, and its caption. */
export const TABLE_OF_SECTION: Partial<Record<SectionKey, 'T2' | 'T3' | 'T4'>> = {
  二: 'T2',
  三: 'T3',
  四: 'T4',
};
export const TABLE_CAPTIONS = {
  T2: '表二　主动公开政府信息情况',
  T3: '表三　收到和处理政府信息公开申请情况',
  T4: '表四　政府信息公开行政复议、行政诉讼情况',
} as const;

export const EMPTY_SECTION = '（未填写）';

export function reportTitle(doc: Pick<ReportDocument, 'agencyName' | 'year'>): string {
  return `${doc.agencyName}${doc.year}年政府信息公开工作年度报告`;
}

/** 2024-01-20 → 2024年1月20日. */
export function chineseDate(d: string): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}

/** A section's text as paragraphs, each a list of lines (a single line break stays a break). */
export function paragraphsOf(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u3000]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((p) => p.length > 0);
}

/** How a cell prints: a number as written, a blank as nothing, a placeholder as 「/」. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v);
}

// ── 表二 ──

const T2_ITEM: Record<string, string> = {
  regulations: '一',
  normativeDocuments: '一',
  licensing: '五',
  otherServices: '五',
  penalties: '六',
  enforcement: '六',
  fees: '八',
  procurement: '九',
};

export interface T2Block {
  /** 第二十条第（一）项 */
  heading: string;
  /** Column headers after 信息内容 (the first row's columns; rows of the block share them). */
  columns: { id: string; label: string }[];
  rows: T2Row[];
}

/** 表二 as blocks of 第二十条 items, with the column labels as the national format prints them. */
export function t2Blocks(format: ReportFormat): T2Block[] {
  const blocks: T2Block[] = [];
  for (const row of T2_LAYOUTS[format]) {
    const heading = `第二十条第（${T2_ITEM[row.id] ?? ''}）项`;
    const last = blocks[blocks.length - 1];
    if (last && last.heading === heading) last.rows.push(row);
    else
      blocks.push({
        heading,
        columns: row.columns.map((c) => ({
          id: c.id,
          label: c.id === 'amount' && format === '2021' ? '本年收费金额（单位：万元）' : c.label,
        })),
        rows: [row],
      });
  }
  return blocks;
}

/** Widest 表二 block (value columns): the others' last cell spans the rest. */
export const T2_VALUE_COLUMNS = 3;

// ── 表三 ──

/** Row labels as the national format prints them (the checker's T3_ROW_LABELS carry the block in front). */
const T3_ITEM_LABELS: Record<string, string> = {
  R1: '一、本年新收政府信息公开申请数量',
  R2: '二、上年结转政府信息公开申请数量',
  R3: '（一）予以公开',
  R4: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  R5: '1.属于国家秘密',
  R6: '2.其他法律行政法规禁止公开',
  R7: '3.危及“三安全一稳定”',
  R8: '4.保护第三方合法权益',
  R9: '5.属于三类内部事务信息',
  R10: '6.属于四类过程性信息',
  R11: '7.属于行政执法案卷',
  R12: '8.属于行政查询事项',
  R13: '1.本机关不掌握相关政府信息',
  R14: '2.没有现成信息需要另行制作',
  R15: '3.补正后申请内容仍不明确',
  R16: '1.信访举报投诉类申请',
  R17: '2.重复申请',
  R18: '3.要求提供公开出版物',
  R19: '4.无正当理由大量反复申请',
  R20: '5.要求行政机关确认或重新出具已获取信息',
  R21: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  R22: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  R23: '3.其他',
  'R21-23': '（六）其他处理',
  R24: '（七）总计',
  R25: '四、结转下年度继续办理',
};

const T3_BLOCKS: { label: string; rows: string[] }[] = [
  { label: '（三）不予公开', rows: ['R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12'] },
  { label: '（四）无法提供', rows: ['R13', 'R14', 'R15'] },
  { label: '（五）不予处理', rows: ['R16', 'R17', 'R18', 'R19', 'R20'] },
  { label: '（六）其他处理', rows: ['R21', 'R22', 'R23'] },
];

export const T3_RESULTS_LABEL = '三、本年度办理结果';
export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const T3_APPLICANTS = '申请人情况';
export const T3_ORGANIZATIONS = '法人或其他组织';
/** C1…C7 */
export const T3_COLUMN_LABELS = T3_COLUMNS;

export interface T3PrintedRow {
  id: string;
  /** 'top': the label spans all three label columns (R1, R2, R25); 'result': under 三、 spanning two; 'item': in a block. */
  kind: 'top' | 'result' | 'item';
  label: string;
  /** For the first row of 三、本年度办理结果: how many rows it spans. */
  resultsSpan?: number;
  /** For the first row of a block: the block's label and row count. */
  block?: { label: string; span: number };
  /** The block the row belongs to (also on rows that do not start it). */
  blockLabel?: string;
}

/** Whether 表三 holds （六） as one row (`R21-23`) rather than R21–R23. */
export function t3Split(t3: T3Table): boolean {
  return !('R21-23' in t3) || 'R21' in t3;
}

/** 表三's rows in printed order with their label cells (merged as the national format merges them). */
export function t3PrintedRows(split: boolean): T3PrintedRow[] {
  const ids = t3RowIds(split);
  const results = ids.filter((id) => id !== 'R1' && id !== 'R2' && id !== 'R25');
  return ids.map((id) => {
    const label = T3_ITEM_LABELS[id] ?? id;
    if (id === 'R1' || id === 'R2' || id === 'R25') return { id, kind: 'top', label };
    const row: T3PrintedRow = { id, kind: 'result', label };
    if (id === results[0]) row.resultsSpan = results.length;
    const block = T3_BLOCKS.find((b) => b.rows.includes(id) && (split || b.label !== '（六）其他处理'));
    if (block) {
      row.kind = 'item';
      row.blockLabel = block.label;
      if (block.rows[0] === id) row.block = { label: block.label, span: block.rows.length };
    }
    return row;
  });
}

// ── 表四 ──

export const T4_RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
export const T4_TOP = [
  { label: '行政复议', span: 5 },
  { label: '行政诉讼', span: 10 },
];
export const T4_LITIGATION = ['未经复议直接起诉', '复议后起诉'];
export { T4_BLOCKS };

// ── names of cells, for findings and workbook headers ──

/** 「表三 一、本年新收政府信息公开申请数量 · 科研机构」 for `T3.R1.C3`; the id itself when unknown. */
export function cellName(id: string, format: ReportFormat = '2021'): string {
  const parts = id.split('.');
  if (parts[0] === 'T3' && parts.length === 3) {
    const row = parts[1]!;
    const col = Number(parts[2]!.slice(1));
    const block = t3PrintedRows(row !== 'R21-23').find((r) => r.id === row)?.blockLabel;
    const label = T3_ITEM_LABELS[row];
    const column = T3_COLUMNS[col - 1];
    if (label && column) return `表三 ${block ? `${block} ` : ''}${label} · ${column}`;
  }
  if (parts[0] === 'T3' && parts.length === 2 && T3_ITEM_LABELS[parts[1]!])
    return `表三 ${T3_ITEM_LABELS[parts[1]!]}`;
  if (parts[0] === 'T4' && parts.length === 2) {
    const k = Number(parts[1]!.slice(1));
    const block = T4_BLOCKS[Math.floor((k - 1) / 5)];
    if (block && k >= 1 && k <= 15) return `表四 ${block.name} · ${T4_RESULTS[(k - 1) % 5]}`;
  }
  if (parts[0] === 'T2' && parts.length >= 2) {
    const row = T2_LAYOUTS[format].find((r) => r.id === parts[1]);
    const col = row?.columns.find((c) => c.id === parts[2]);
    if (row && (parts.length === 2 || col)) return `表二 ${row.label}${col ? ` · ${col.label}` : ''}`;
  }
  return id;
}

// ── the tables as grids (Word and Excel print these; the page builds its own for headers/ids) ──

export interface GridCell {
  /** A label; absent for a value cell. */
  text?: string;
  /** A value cell (a number, blank or 「/」) and its cell id. */
  value?: { id: string; v: CellValue | undefined };
  colSpan?: number;
  rowSpan?: number;
  header?: boolean;
  align?: 'left' | 'center';
}

const valueCell = (id: string, v: CellValue | undefined, colSpan?: number): GridCell => ({
  value: { id, v },
  colSpan: colSpan && colSpan > 1 ? colSpan : undefined,
});

/** 表二: blocks of 第二十条 items, each a heading row, a column header row and its rows. */
export function t2Grid(t: T2Table, format: ReportFormat = '2021'): GridCell[][] {
  const rows: GridCell[][] = [];
  for (const block of t2Blocks(format)) {
    rows.push([{ text: block.heading, colSpan: T2_VALUE_COLUMNS + 1, header: true }]);
    rows.push([
      { text: '信息内容', header: true },
      ...block.columns.map((c, i) => ({
        text: c.label,
        header: true,
        colSpan: i === block.columns.length - 1 ? T2_VALUE_COLUMNS - i : undefined,
      })),
    ]);
    for (const row of block.rows)
      rows.push([
        { text: row.label, align: 'left' as const },
        ...row.columns.map((c, i) =>
          valueCell(
            `T2.${row.id}.${c.id}`,
            t[row.id]?.[c.id],
            i === row.columns.length - 1 ? T2_VALUE_COLUMNS - i : 1,
          ),
        ),
      ]);
  }
  return rows;
}

/** 表三: the three header rows, then one row per printed row with its merged label cells. */
export function t3Grid(t: T3Table): GridCell[][] {
  const rows: GridCell[][] = [
    [
      { text: T3_NOTE, colSpan: 3, rowSpan: 3, align: 'left' },
      { text: T3_APPLICANTS, colSpan: 7, header: true },
    ],
    [
      { text: T3_COLUMNS[0]!, rowSpan: 2, header: true },
      { text: T3_ORGANIZATIONS, colSpan: 5, header: true },
      { text: T3_COLUMNS[6]!, rowSpan: 2, header: true },
    ],
    T3_COLUMNS.slice(1, 6).map((text) => ({ text, header: true })),
  ];
  for (const row of t3PrintedRows(t3Split(t))) {
    const cells: GridCell[] = [];
    if (row.resultsSpan) cells.push({ text: T3_RESULTS_LABEL, rowSpan: row.resultsSpan });
    if (row.block) cells.push({ text: row.block.label, rowSpan: row.block.span });
    cells.push({
      text: row.label,
      colSpan: row.kind === 'top' ? 3 : row.kind === 'result' ? 2 : undefined,
      align: 'left',
    });
    const values = t[row.id] ?? [];
    for (let c = 0; c < 7; c++) cells.push(valueCell(`T3.${row.id}.C${c + 1}`, values[c]));
    rows.push(cells);
  }
  return rows;
}

/** 表四: 复议 | 诉讼 (直接起诉 | 复议后起诉), the results under each, one row of values. */
export function t4Grid(t: T4Table): GridCell[][] {
  return [
    T4_TOP.map((x) => ({ text: x.label, colSpan: x.span, header: true })),
    [
      ...T4_RESULTS.map((text) => ({ text, rowSpan: 2, header: true })),
      ...T4_LITIGATION.map((text) => ({ text, colSpan: 5, header: true })),
    ],
    [...T4_RESULTS, ...T4_RESULTS].map((text) => ({ text, header: true })),
    Array.from({ length: 15 }, (_, i) => valueCell(`T4.K${i + 1}`, t[`K${i + 1}`])),
  ];
}

/** Header rows each grid repeats on every printed page. */
export const GRID_HEADER_ROWS = { T2: 0, T3: 3, T4: 3 } as const;

/** Where each cell of a grid sits (0-based row, column), skipping the positions spans cover. */
export function placeGrid(rows: GridCell[][]): { cell: GridCell; row: number; col: number }[] {
  const taken = new Set<string>();
  const out: { cell: GridCell; row: number; col: number }[] = [];
  rows.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      while (taken.has(`${r},${col}`)) col++;
      out.push({ cell, row: r, col });
      for (let dr = 0; dr < (cell.rowSpan ?? 1); dr++)
        for (let dc = 0; dc < (cell.colSpan ?? 1); dc++) taken.add(`${r + dr},${col + dc}`);
      col += cell.colSpan ?? 1;
    }
  });
  return out;
}
