/**
 * Interim renderers of the report (HTML body, Word, Excel, the supervisors' workbook) with the names and
 * signatures of render/ (render/model.ts `ReportDocument`), which another engineer is writing. When
 * render/html.tsx, render/docx.ts and render/xlsx.ts land, these functions delegate to them and the code below
 * goes. Plain layouts: the section texts, then each table as printed rows.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { SECTION_KEYS } from '../checker/model.js';
import type { ReportDocument } from '../render/model.js';
import { printedTables, show } from './layout.js';
import { SECTION_TITLES } from './reports.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const titleOf = (doc: ReportDocument) => `${doc.agencyName}${doc.year}年政府信息公开工作年度报告`;

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n|\n/)
    .map((p) => p.trim())
    .filter(Boolean);

/** Where each table goes: after the section that presents it (二 → 表二, 三 → 表三, 四 → 表四). */
const TABLE_AFTER: Record<string, number> = { 二: 0, 三: 1, 四: 2 };

/** The report as an HTML fragment (the publication's body; body.ts sanitises it). */
export function reportHtml(doc: ReportDocument): string {
  const tables = printedTables(doc.tables);
  const out: string[] = [];
  for (const k of SECTION_KEYS) {
    out.push(`<h2>${esc(SECTION_TITLES[k])}</h2>`);
    for (const p of paragraphs(doc.sections[k])) out.push(`<p>${esc(p)}</p>`);
    const ti = TABLE_AFTER[k];
    if (ti === undefined) continue;
    const t = tables[ti]!;
    out.push(`<table><caption>${esc(t.title)}</caption><thead><tr>`);
    out.push(t.header.map((h) => `<th scope="col">${esc(h)}</th>`).join(''));
    out.push('</tr></thead><tbody>');
    for (const r of t.rows)
      out.push(
        `<tr><th scope="row">${esc(r.label)}</th>${r.cells.map((c) => `<td>${esc(show(c.value))}</td>`).join('')}</tr>`,
      );
    out.push('</tbody></table>');
  }
  if (doc.dated) out.push(`<p>${esc(doc.agencyName)}</p><p>${esc(doc.dated)}</p>`);
  return out.join('\n');
}

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

export async function reportDocx(doc: ReportDocument): Promise<Buffer> {
  const tables = printedTables(doc.tables);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ children: [new TextRun({ text: titleOf(doc), bold: true, size: 36 })] }),
  ];
  for (const k of SECTION_KEYS) {
    children.push(new Paragraph({ children: [new TextRun({ text: SECTION_TITLES[k], bold: true })] }));
    for (const p of paragraphs(doc.sections[k])) children.push(new Paragraph(p));
    const ti = TABLE_AFTER[k];
    if (ti === undefined) continue;
    const t = tables[ti]!;
    children.push(new Paragraph({ children: [new TextRun({ text: t.title, bold: true })] }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({ children: t.header.map((h) => cell(h, true)) }),
          ...t.rows.map(
            (r) => new TableRow({ children: [cell(r.label), ...r.cells.map((c) => cell(show(c.value)))] }),
          ),
        ],
      }),
    );
  }
  if (doc.dated) children.push(new Paragraph(doc.agencyName), new Paragraph(doc.dated));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function addSheets(wb: ExcelJS.Workbook, doc: ReportDocument, prefix: string) {
  for (const [i, t] of printedTables(doc.tables).entries()) {
    const ws = wb.addWorksheet(`${prefix}表${['二', '三', '四'][i]}`.slice(0, 31));
    ws.addRow([titleOf(doc)]);
    ws.addRow([t.title]);
    ws.addRow(t.header);
    for (const r of t.rows) ws.addRow([r.label, ...r.cells.map((c) => c.value)]);
    ws.getColumn(1).width = 48;
  }
}

export async function reportXlsx(doc: ReportDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addSheets(wb, doc, '');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** All agencies' tables in one workbook: one row per agency and cell, for a supervisor. */
export async function agenciesWorkbook(docs: readonly ReportDocument[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('各单位年报数据');
  const first = docs[0];
  const ids = first
    ? printedTables(first.tables).flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.id)))
    : [];
  ws.addRow(['单位', '年度', ...ids]);
  for (const d of docs)
    ws.addRow([
      d.agencyName,
      d.year,
      ...printedTables(d.tables).flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.value))),
    ]);
  ws.getColumn(1).width = 30;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
