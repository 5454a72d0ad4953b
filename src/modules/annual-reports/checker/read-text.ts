/**
 * Plain text → ReportDocument. Lines of the form `| a | b | c |` (tables flattened by a converter, one row per
 * line; merged cells leave empty cells behind) become table rows; consecutive ones one table. Everything
 * else is text: tables printed without borders (PDF text) are read later as a token stream.
 */
import type { Block, ReportDocument, TableCell } from './document.js';
import { normalizeText } from './normalize.js';

function pipeCells(line: string): TableCell[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map((text) => ({ text: text.trim() }));
}

export function readPlainText(text: string): ReportDocument {
  const blocks: Block[] = [];
  let table: TableCell[][] | null = null;
  for (const line of normalizeText(text).split('\n')) {
    if (/^\s*\|.*\|\s*$/.test(line) && line.includes('|', line.indexOf('|') + 1)) {
      if (!table) {
        table = [];
        blocks.push({ kind: 'table', rows: table });
      }
      // A Markdown separator row (|---|---|) carries no cells.
      if (!/^[\s|:-]+$/.test(line)) table.push(pipeCells(line));
      continue;
    }
    table = null;
    blocks.push({ kind: 'text', text: line });
  }
  return { blocks };
}
