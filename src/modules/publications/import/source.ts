/**
 * Reads the uploaded file into rows of text values keyed by field: a CSV with a header row (Chinese
 * or English names), or a JSON array of objects (the same names as keys). Problems of the file as a
 * whole — encoding, syntax, unknown or missing columns — are reported here; values are checked later.
 */

import { parseCsv } from './csv.js';
import { decodeText, type TextEncoding } from './decode.js';
import { type FieldKey, fieldOfHeader, labelOf, REQUIRED_FIELDS, type RowValues } from './fields.js';
import { Problems, quoted, type RowUnit, rowPlace } from './problems.js';

/** More rows than this are refused: split the archive (one transaction holds them all). */
export const MAX_ROWS = 10_000;
/** Largest CSV/JSON file read (the attachments are separate). */
export const DATA_FILE_MAX_BYTES = 100 * 1024 * 1024;

export interface SourceRow {
  line: number;
  values: RowValues;
  /** The row could not be split into fields (not an object, more cells than the header): not checked further. */
  broken?: true;
}

export interface ParsedSource {
  format: 'csv' | 'json';
  encoding: TextEncoding | null;
  unit: RowUnit;
  rows: SourceRow[];
  problems: Problems;
}

const FILE = '文件';

/** .json, else .csv/.txt, else what the content looks like. */
function formatOf(fileName: string, text: string): 'csv' | 'json' {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'txt' || ext === 'tsv') return 'csv';
  return /^\s*\[/.test(text) ? 'json' : 'csv';
}

export function parseSource(fileName: string, bytes: Uint8Array): ParsedSource {
  const problems = new Problems();
  const decoded = decodeText(bytes);
  if ('error' in decoded) {
    problems.add(FILE, null, null, decoded.error);
    return { format: 'csv', encoding: null, unit: '行', rows: [], problems };
  }
  const format = formatOf(fileName, decoded.text);
  const rows = format === 'json' ? jsonRows(decoded.text, problems) : csvRows(decoded.text, problems);
  if (problems.empty && rows.length === 0) problems.add(FILE, null, null, '文件中没有任何信息');
  if (rows.length > MAX_ROWS)
    problems.add(FILE, null, null, `一次最多导入${MAX_ROWS}条信息，本文件有${rows.length}条，请分批导入`);
  return { format, encoding: decoded.encoding, unit: format === 'json' ? '条' : '行', rows, problems };
}

function csvRows(text: string, problems: Problems): SourceRow[] {
  const parsed = parseCsv(text);
  if ('error' in parsed) {
    problems.add(rowPlace('行', parsed.line), parsed.line, null, parsed.error);
    return [];
  }
  const [header, ...records] = parsed.records;
  if (!header) return [];
  const keys: (FieldKey | null)[] = header.cells.map((h) => fieldOfHeader(h));
  const where = rowPlace('行', header.line);
  header.cells.forEach((h, i) => {
    const key = keys[i];
    if (!key && h.trim()) problems.add(where, header.line, '表头', `无法识别的列${quoted(h.trim())}`);
    else if (key && keys.indexOf(key) !== i)
      problems.add(where, header.line, '表头', `列“${labelOf(key)}”出现了不止一次`);
  });
  for (const key of REQUIRED_FIELDS)
    if (!keys.includes(key)) problems.add(where, header.line, '表头', `缺少必需的列“${labelOf(key)}”`);
  if (!problems.empty) return [];
  return records.map((r) => {
    const values: RowValues = {};
    if (r.cells.length > keys.length) {
      problems.add(
        rowPlace('行', r.line),
        r.line,
        null,
        `本行有${r.cells.length}列，多于表头的${keys.length}列（含逗号的内容须用英文双引号括起）`,
      );
      return { line: r.line, values, broken: true as const };
    }
    r.cells.forEach((cell, i) => {
      const key = keys[i];
      if (key && cell.trim() !== '') values[key] = cell;
    });
    return { line: r.line, values };
  });
}

function jsonRows(text: string, problems: Problems): SourceRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    problems.add(FILE, null, null, `不是有效的JSON：${(e as Error).message}`);
    return [];
  }
  if (!Array.isArray(data)) {
    problems.add(FILE, null, null, 'JSON文件须是由对象组成的数组，每个对象为一条信息');
    return [];
  }
  return data.map((item: unknown, index) => {
    const line = index + 1;
    const where = rowPlace('条', line);
    const values: RowValues = {};
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.add(where, line, null, '不是对象（每条信息应为 {"索引号": …, "标题": …} 的形式）');
      return { line, values, broken: true as const };
    }
    for (const [name, raw] of Object.entries(item)) {
      const key = fieldOfHeader(name);
      if (!key) {
        problems.add(where, line, null, `无法识别的字段${quoted(name)}`);
        continue;
      }
      const value = jsonText(raw);
      if (values[key] !== undefined)
        problems.add(where, line, labelOf(key), '填写了不止一次（中文和英文键名只用一个）');
      else if (value === null)
        problems.add(where, line, labelOf(key), '格式不正确，应为文字、数字或文字列表');
      else if (value.trim() !== '') values[key] = value;
    }
    return { line, values };
  });
}

/** Strings and numbers as text; a list (keywords, attachments) joined with ；. */
function jsonText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'string' || typeof x === 'number'))
    return raw.join('；');
  return null;
}
