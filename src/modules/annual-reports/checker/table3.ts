/**
 * 表三 rows from records, matched by section number + keywords, never by exact strings (§3.4). The label's
 * markers — 「一、」 (top), 「(三)」 (block), 「2.」/「2、」 (item) — update a running position, so a row whose
 * block cell was merged away (rowspan) still knows it sits under (三). The text after the last marker is
 * matched against each row's keywords (which survive a dropped word or a different quote mark); when no
 * keyword fits, the position decides.
 */
import type { CellValue } from './model.js';
import { compact } from './normalize.js';
import { fitWidth, type TableRecord } from './records.js';

const KEYWORDS: [string, string[]][] = [
  ['R1', ['本年新收', '新收政府信息', '本年度新收', '新收']],
  ['R2', ['上年结转', '上年度结转', '上一年度结转', '上一年结转']],
  ['R25', ['结转下年', '结转下一年', '下年度继续', '继续办理']],
  ['R24', ['总计', '合计']],
  ['R3', ['予以公开']],
  ['R4', ['部分公开']],
  ['R5', ['国家秘密']],
  ['R6', ['禁止公开', '其他法律', '行政法规禁止']],
  ['R7', ['三安全', '一稳定', '危及']],
  ['R8', ['第三方']],
  ['R9', ['内部事务']],
  ['R10', ['过程性']],
  ['R11', ['执法案卷', '案卷']],
  ['R12', ['行政查询', '查询事项']],
  ['R13', ['不掌握']],
  ['R14', ['另行制作', '没有现成', '现成信息']],
  ['R15', ['仍不明确', '补正后']],
  ['R16', ['信访', '举报', '投诉']],
  ['R17', ['重复申请']],
  ['R18', ['出版物']],
  ['R19', ['大量反复', '大量']],
  ['R20', ['重新出具', '确认或', '已获取']],
  ['R21', ['逾期不补正', '不补正']],
  ['R22', ['收费通知', '缴纳费用', '缴费', '信息处理费']],
];

const BLOCK_ITEMS: Record<number, number[]> = { 3: [5, 12], 4: [13, 15], 5: [16, 20], 6: [21, 23] };
const NUM: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7 };

interface Position {
  top: number;
  block: number;
  item: number;
}

const MARKER = /(?<![第\d])([一二三四])、|\(([一二三四五六七])\)|(?<![\d.])([1-9])[.、,](?!\d)/g;

/** Applies the label's markers to the running position; returns the text after the last marker group. */
function advance(label: string, pos: Position): { tail: string; marked: boolean } {
  let tail = label;
  let marked = false;
  for (const m of label.matchAll(MARKER)) {
    marked = true;
    if (m[1]) Object.assign(pos, { top: NUM[m[1]] ?? 0, block: 0, item: 0 });
    else if (m[2]) Object.assign(pos, { top: 3, block: NUM[m[2]] ?? 0, item: 0 });
    else pos.item = Number(m[3]);
    tail = label.slice(m.index);
  }
  return { tail, marked };
}

function byPosition(pos: Position): string | null {
  if (pos.block === 0) return pos.top === 1 ? 'R1' : pos.top === 2 ? 'R2' : pos.top === 4 ? 'R25' : null;
  if (pos.block === 1) return 'R3';
  if (pos.block === 2) return 'R4';
  if (pos.block === 7) return 'R24';
  if (pos.block === 6 && pos.item === 0) return 'R21-23';
  const range = BLOCK_ITEMS[pos.block];
  if (!range || pos.item === 0) return null;
  const row = range[0]! + pos.item - 1;
  return row <= range[1]! ? `R${row}` : null;
}

/** The row whose keyword occurs first in the label (a row's own words follow its marker; text that ran
 * into the label from elsewhere, such as a header repeated after a page break, comes later). */
function byKeyword(tail: string, pos: Position): string | null {
  let best: { row: string; at: number } | null = null;
  for (const [row, words] of KEYWORDS)
    for (const w of words) {
      const at = tail.indexOf(w);
      if (at >= 0 && (!best || at < best.at)) best = { row, at };
    }
  if (best) return best.row;
  // 「(六)其他处理」 alone is the single 2019-style row; 「3.其他」 under it is R23.
  if (pos.block === 6 && /其他处理/.test(tail) && pos.item === 0) return 'R21-23';
  if (pos.block === 6 && /其他(?:情形|情况)?$/.test(tail)) return 'R23';
  return null;
}

/** Column headers (repeated after a page break, they run into the next row's label in token streams). */
const HEADER =
  /\(本列数据[^)]*\)|申请人情况|自然人|法人或其他组织|总计(?=商业企业)|(?<=法律服务机构其他)总计|商业企业|科研机构|社会公益组织|法律服务机构(?:其他)?/g;

const LEVEL = (m: RegExpMatchArray) => (m[1] ? 1 : m[2] ? 2 : 3);

/** Where the row that owns the next values starts in a gap of text: the first marker from which the
 * remaining markers only go deeper (「(三)不予公开 1.属于…」), or -1 without markers. */
function rowStart(label: string): number {
  const marks = [...label.matchAll(MARKER)];
  for (let i = 0; i < marks.length; i++) {
    let ok = true;
    for (let j = i + 1; j < marks.length && ok; j++) ok = LEVEL(marks[j]!) > LEVEL(marks[j - 1]!);
    if (ok) return marks[i]!.index ?? -1;
  }
  return -1;
}

/**
 * Token streams (PDF text) print a wrapped label partly before and partly after its row's numbers, so the
 * text between two runs of numbers holds the end of one row's label and the start of the next. Splits
 * each such gap where the next row starts and gives the first part back to the previous row.
 */
export function resegment(records: TableRecord[]): TableRecord[] {
  const out = records.map((r) => ({ ...r, label: compact(r.label) }));
  for (let i = 1; i < out.length; i++) {
    const start = rowStart(out[i]!.label);
    if (start <= 0) continue;
    out[i - 1]!.label += out[i]!.label.slice(0, start);
    out[i]!.label = out[i]!.label.slice(start);
  }
  return out;
}

export interface T3Reading {
  rows: Map<string, CellValue[]>;
  /** Rows whose label was seen, with or without values. */
  seen: Set<string>;
}

export function readT3(records: TableRecord[]): T3Reading {
  const rows = new Map<string, CellValue[]>();
  const seen = new Set<string>();
  const pos: Position = { top: 0, block: 0, item: 0 };
  const rows_ = records.some((r) => !r.grid) ? resegment(records) : records;
  for (const rec of rows_) {
    const { tail, marked } = advance(compact(rec.label).replace(HEADER, ''), pos);
    // Header rows (no marker, no values) name columns, not rows.
    if (!marked && rec.values.length === 0) continue;
    const row = byKeyword(tail, pos) ?? (marked ? byPosition(pos) : null);
    if (!row) continue;
    seen.add(row);
    const values = fitWidth(rec.values, 7);
    const known = rows.get(row);
    const filled = (v: CellValue[]) => v.filter((x) => x !== null).length;
    if (!known || filled(values) > filled(known)) rows.set(row, values);
  }
  return { rows, seen };
}

/** Whether （六） was printed split into R21–R23 (true), as one row (false), or not seen at all (null). */
export function sixSplitOf(seen: Set<string>): boolean | null {
  if (seen.has('R21') || seen.has('R22') || seen.has('R23')) return true;
  return seen.has('R21-23') ? false : null;
}
