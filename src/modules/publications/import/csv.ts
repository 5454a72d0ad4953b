/**
 * CSV as Excel and RFC 4180 write it: fields separated by commas (or tabs, when the header has tabs
 * and no commas), quoted with `"` when they hold separators, quotes (doubled) or line breaks.
 * Each record remembers the physical line it starts on (the header is line 1), so problems can
 * point at the line a user sees in a text editor even when earlier fields span several lines.
 */

export interface CsvRecord {
  line: number;
  cells: string[];
}

export type CsvResult = { records: CsvRecord[] } | { error: string; line: number };

function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

export function parseCsv(text: string): CsvResult {
  const sep = delimiterOf(text);
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else cell += c;
    i++;
  }
  if (quoted)
    return { error: '引号没有闭合（字段以英文双引号开始，但直到文件末尾都没有结束的双引号）', line: start };
  if (cell !== '' || cells.length > 0) endRecord();
  return { records };
}
