/**
 * The annual report as a Word file (.docx, `docx` 9.7.1): A4 portrait with 公文 margins (GB/T 9704
 * proportions, as the letters in applications/letters/render.ts), title in 方正小标宋简体 二号 centred, the
 * date under it, section headings in 黑体 三号, text in 仿宋_GB2312 三号 with a two-character indent, and
 * 表二–表四 as Word tables merged exactly as the national format prints them (gridSpan / vMerge), header rows
 * repeated on every page and rows never split. Fonts are named as 公文 use them; Word falls back to its own
 * 宋体/仿宋/黑体 where they are not installed (ASCII text in Times New Roman).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  type IRunOptions,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import {
  cellText,
  chineseDate,
  EMPTY_SECTION,
  GRID_HEADER_ROWS,
  type GridCell,
  paragraphsOf,
  reportTitle,
  SECTION_HEADINGS,
  SECTION_KEYS,
  TABLE_CAPTIONS,
  TABLE_OF_SECTION,
  t2Grid,
  t3Grid,
  t4Grid,
} from './layout.js';
import type { ReportDocument } from './model.js';

const latin = { ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const FANGSONG = { ...latin, eastAsia: '仿宋_GB2312' };
const HEITI = { ...latin, eastAsia: '黑体' };
const TITLE_FONT = { ...latin, eastAsia: '方正小标宋简体' };
const SIZE_BODY = 32; // 三号 16 pt (half-points)
const SIZE_TITLE = 44; // 二号 22 pt
const SIZE_TABLE = 20; // 10 pt: ten columns of 表三 and fifteen of 表四 fit A4 portrait
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt
const MM = 56.7; // twips per millimetre
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 37, bottom: 35, left: 28, right: 26 };
/** Text width in twips. */
const TEXT_WIDTH = Math.floor(PAGE.width - (MARGIN.left + MARGIN.right) * MM);

const run = (text: string, font: IRunOptions['font'], size = SIZE_BODY, bold = false) =>
  new TextRun({ text, font, size, bold });

// ── tables ──

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function tableCell(c: GridCell): TableCell {
  const text = c.value ? cellText(c.value.v) : (c.text ?? '');
  return new TableCell({
    columnSpan: c.colSpan && c.colSpan > 1 ? c.colSpan : undefined,
    rowSpan: c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined,
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    children: [
      new Paragraph({
        alignment: c.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        spacing: { line: 280, lineRule: LineRuleType.AUTO },
        children: text ? [run(text, c.header ? HEITI : FANGSONG, SIZE_TABLE)] : [],
      }),
    ],
  });
}

/** Splits the text width: fixed label columns, the rest shared by `n` value columns. */
function widths(labels: number[], n: number): number[] {
  const rest = TEXT_WIDTH - labels.reduce((a, b) => a + b, 0);
  const each = Math.floor(rest / n);
  return [...labels, ...Array.from({ length: n }, (_, i) => (i === n - 1 ? rest - each * (n - 1) : each))];
}

const COLUMN_WIDTHS = { T2: widths([2844], 3), T3: widths([760, 900, 2300], 7), T4: widths([], 15) };

function table(kind: 'T2' | 'T3' | 'T4', rows: GridCell[][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: COLUMN_WIDTHS[kind],
    layout: TableLayoutType.FIXED,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows: rows.map(
      (cells, i) =>
        new TableRow({
          tableHeader: i < GRID_HEADER_ROWS[kind],
          cantSplit: true,
          children: cells.map(tableCell),
        }),
    ),
  });
}

// ── document ──

const caption = (text: string) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120, line: 400, lineRule: LineRuleType.EXACT },
    children: [run(text, HEITI, 24)],
  });

const textParagraph = (lines: string[]) =>
  new Paragraph({
    spacing: LINE,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 640 },
    children: lines.map(
      (l, i) => new TextRun({ text: l, font: FANGSONG, size: SIZE_BODY, break: i > 0 ? 1 : 0 }),
    ),
  });

export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const title = reportTitle(doc);
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: doc.dated ? 0 : 280, line: 800, lineRule: LineRuleType.EXACT },
      children: [run(title, TITLE_FONT, SIZE_TITLE)],
    }),
  ];
  if (doc.dated)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...LINE, after: 280 },
        children: [run(chineseDate(doc.dated), FANGSONG)],
      }),
    );
  const grids = {
    T2: () => t2Grid(doc.tables.T2),
    T3: () => t3Grid(doc.tables.T3),
    T4: () => t4Grid(doc.tables.T4),
  };
  for (const key of SECTION_KEYS) {
    children.push(
      new Paragraph({
        spacing: LINE,
        indent: { firstLine: 640 },
        children: [run(SECTION_HEADINGS[key], HEITI)],
      }),
    );
    const text = doc.sections[key] ?? '';
    const kind = TABLE_OF_SECTION[key];
    if (text.trim()) for (const p of paragraphsOf(text)) children.push(textParagraph(p));
    else if (!kind) children.push(textParagraph([EMPTY_SECTION]));
    if (kind) {
      children.push(caption(TABLE_CAPTIONS[kind]), table(kind, grids[kind]()));
      // A paragraph after a table keeps Word from joining it to the next table and gives room before the text.
      children.push(new Paragraph({ spacing: LINE, children: [] }));
    }
  }
  const document = new Document({
    creator: 'gongkai',
    title,
    styles: { default: { document: { run: { font: FANGSONG, size: SIZE_BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { ...PAGE, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: Math.round(MARGIN.top * MM),
              bottom: Math.round(MARGIN.bottom * MM),
              left: Math.round(MARGIN.left * MM),
              right: Math.round(MARGIN.right * MM),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
