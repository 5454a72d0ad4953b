/**
 * Word (.docx) → ReportDocument, from the table structure itself (w:tbl / w:tr / w:tc with w:gridSpan and
 * w:vMerge) rather than flattened text. Paragraphs become lines; a paragraph split into many runs (as Word
 * does) is joined. Tables nested in a cell are read as text of that cell.
 */
import type { Block, ReportDocument, TableCell } from './document.js';
import { tokenize } from './markup.js';
import { normalizeText } from './normalize.js';
import { TABLE_LIMITS } from './table-grid.js';
import { DEFAULT_ZIP_LIMITS, findEntry, listZip, readZipEntry, ZipError, type ZipLimits } from './zip.js';

export function docxDocumentXml(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): string {
  const entries = listZip(bytes, limits);
  const entry = findEntry(entries, 'word/document.xml');
  if (!entry) throw new ZipError('压缩文件中没有Word正文（word/document.xml），不是.docx文件');
  return new TextDecoder().decode(readZipEntry(bytes, entry, limits));
}

interface OpenCell {
  text: string;
  span: number;
  covered: boolean;
}

export function readDocumentXml(xml: string): ReportDocument {
  const blocks: Block[] = [];
  let para = '';
  let inText = false;
  let tableDepth = 0;
  let rows: TableCell[][] = [];
  let row: TableCell[] | null = null;
  let cell: OpenCell | null = null;
  const put = (s: string) => {
    if (cell) cell.text += s;
    else para += s;
  };
  for (const t of tokenize(xml)) {
    if (t.type === 'text') {
      if (inText) put(t.text);
      continue;
    }
    const name = t.name;
    if (t.type === 'open') {
      if (name === 'w:t') inText = !t.selfClosing;
      else if (name === 'w:tab' || name === 'w:br' || name === 'w:cr')
        put(cell ? ' ' : name === 'w:tab' ? ' ' : '\n');
      else if (name === 'w:tbl') {
        tableDepth++;
        if (tableDepth === 1) rows = [];
      } else if (tableDepth === 1 && name === 'w:tr') {
        row = [];
        if (rows.length < TABLE_LIMITS.maxRows) rows.push(row);
      } else if (tableDepth === 1 && name === 'w:tc') cell = { text: '', span: 1, covered: false };
      else if (cell && tableDepth === 1 && name === 'w:gridspan') {
        const n = Number.parseInt(t.attrs['w:val'] ?? '1', 10);
        cell.span = Number.isFinite(n) ? Math.min(Math.max(n, 1), TABLE_LIMITS.maxSpan) : 1;
      } else if (cell && tableDepth === 1 && name === 'w:vmerge')
        cell.covered = (t.attrs['w:val'] ?? 'continue') !== 'restart';
      continue;
    }
    // Closing tags.
    if (name === 'w:t') inText = false;
    else if (name === 'w:p') {
      if (cell) cell.text += ' ';
      else if (tableDepth === 0) {
        for (const line of normalizeText(para).split('\n')) {
          const text = line.replace(/\s+/g, ' ').trim();
          if (text) blocks.push({ kind: 'text', text });
        }
        para = '';
      }
    } else if (tableDepth === 1 && name === 'w:tc' && cell) {
      if (row && row.length < TABLE_LIMITS.maxColumns) {
        const text = normalizeText(cell.text).replace(/\s+/g, ' ').trim();
        row.push(cell.covered ? { text: '', covered: true } : { text });
        for (let k = 1; k < cell.span; k++) row.push({ text: '', covered: true });
      }
      cell = null;
    } else if (tableDepth === 1 && name === 'w:tr') row = null;
    else if (name === 'w:tbl') {
      tableDepth--;
      if (tableDepth === 0) {
        blocks.push({ kind: 'table', rows });
        cell = null;
        row = null;
      }
    }
  }
  return { blocks };
}
