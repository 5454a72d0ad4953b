/**
 * HTML → ReportDocument. Data tables (tables with no table inside; outer tables are page layout) become
 * table blocks laid out with rowspan/colspan; all other text becomes lines, broken at block elements.
 * Tolerates omitted end tags (</td>, </tr>, </p>) as browsers do.
 */
import type { Block, ReportDocument } from './document.js';
import { type MarkupToken, tokenize } from './markup.js';
import { normalizeText } from './normalize.js';
import { layoutRows, type SourceCell } from './table-grid.js';

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'table',
  'section',
  'article',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'title',
  'hr',
]);

/** Token indexes of <table> tags that contain another table (page layout, not data). */
function layoutTables(tokens: MarkupToken[]): Set<number> {
  const layout = new Set<number>();
  const stack: number[] = [];
  tokens.forEach((t, i) => {
    if (t.type === 'open' && t.name === 'table' && !t.selfClosing) {
      const parent = stack[stack.length - 1];
      if (parent !== undefined) layout.add(parent);
      stack.push(i);
    } else if (t.type === 'close' && t.name === 'table') stack.pop();
  });
  return layout;
}

const span = (v: string | undefined) => {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

export function readHtml(html: string): ReportDocument {
  const tokens = tokenize(html);
  const layout = layoutTables(tokens);
  const blocks: Block[] = [];
  let line = '';
  const flush = () => {
    const t = normalizeText(line).replace(/\s+/g, ' ').trim();
    if (t) blocks.push({ kind: 'text', text: t });
    line = '';
  };
  // The data table being read, if any.
  let rows: SourceCell[][] | null = null;
  let row: SourceCell[] | null = null;
  let cell: SourceCell | null = null;
  let depth = 0; // nesting of data tables (only 0 or 1 in practice)
  const closeCell = () => {
    if (cell) cell.text = normalizeText(cell.text).replace(/\s+/g, ' ').trim();
    cell = null;
  };
  const closeRow = () => {
    closeCell();
    row = null;
  };
  tokens.forEach((t, i) => {
    if (rows) {
      if (t.type === 'text') {
        if (cell) cell.text += t.text;
      } else if (t.type === 'open' && t.name === 'table') depth++;
      else if (t.type === 'close' && t.name === 'table') {
        if (depth > 0) depth--;
        else {
          closeRow();
          blocks.push({ kind: 'table', rows: layoutRows(rows) });
          rows = null;
        }
      } else if (t.type === 'open' && t.name === 'tr') {
        closeRow();
        row = [];
        rows.push(row);
      } else if (t.type === 'open' && (t.name === 'td' || t.name === 'th')) {
        closeCell();
        if (!row) {
          row = [];
          rows.push(row);
        }
        cell = { text: '', rowSpan: span(t.attrs.rowspan), colSpan: span(t.attrs.colspan) };
        row.push(cell);
      } else if (t.type === 'close' && (t.name === 'td' || t.name === 'th')) closeCell();
      else if (t.type === 'close' && t.name === 'tr') closeRow();
      else if (cell && (t.type === 'open' || t.type === 'close') && BLOCK.has(t.name)) cell.text += ' ';
      return;
    }
    if (t.type === 'open' && t.name === 'table' && !layout.has(i) && !t.selfClosing) {
      flush();
      rows = [];
      depth = 0;
      return;
    }
    if (t.type === 'text') line += t.text;
    else if (BLOCK.has(t.name)) flush();
  });
  if (rows) blocks.push({ kind: 'table', rows: layoutRows(rows) });
  flush();
  return { blocks };
}
