/**
 * parseReport: a report's text or document → year, format, agency, sections and tables, or the reason it
 * cannot be read as a report. Tables are taken from real tables where the reader saw them (classified by
 * their content, else by the section they sit in) and otherwise from the section's text as a token stream.
 */
import { documentText, type ReportDocument, type TableCell } from './document.js';
import { findAgency, findYear, looksLikeReport } from './meta.js';
import {
  type CellValue,
  type ParsedReport,
  type ReportFormat,
  SECTION_KEYS,
  type SectionKey,
  type T3Table,
  t3RowIds,
  type Unreadable,
} from './model.js';
import { compact } from './normalize.js';
import { readPlainText } from './read-text.js';
import { gridRecords, streamRecords, type TableRecord } from './records.js';
import { type SplitDocument, splitSections } from './sections.js';
import { readT2, t2FormatEvidence } from './table2.js';
import { readT3, sixSplitOf } from './table3.js';
import { readT4 } from './table4.js';

type TableKind = 'T2' | 'T3' | 'T4';
const SECTION_OF: Record<TableKind, SectionKey> = { T2: '二', T3: '三', T4: '四' };

function classify(rows: TableCell[][]): TableKind | null {
  const t = compact(rows.map((r) => r.map((c) => c.text).join('')).join(''));
  if (/本年新收|上年结转|予以公开|不予公开|本年度办理结果|不予处理|无法提供/.test(t)) return 'T3';
  if (/结果维持|结果纠正|尚未审结|复议后起诉|直接起诉/.test(t)) return 'T4';
  if (/第二十条|规范性文件|行政许可|行政处罚|行政强制|事业性收费|集中采购|制发件数/.test(t)) return 'T2';
  return null;
}

interface TableSource {
  records: TableRecord[];
  /** Text of the tables, for format markers. */
  text: string;
  /** True when read from the section's text (its lines are table content, not narrative). */
  streamed: boolean;
}

function tableSources(split: SplitDocument, allLines: string[]): Record<TableKind, TableSource> {
  const grids: Record<TableKind, TableCell[][][]> = { T2: [], T3: [], T4: [] };
  let previous: TableKind | null = null;
  for (const t of split.tables) {
    const bySection = (Object.keys(SECTION_OF) as TableKind[]).find((k) => SECTION_OF[k] === t.section);
    const kind: TableKind | null = classify(t.rows) ?? bySection ?? previous;
    if (kind) grids[kind].push(t.rows);
    previous = kind;
  }
  const source = (kind: TableKind): TableSource => {
    if (grids[kind].length > 0) {
      const rows = grids[kind].flat();
      return {
        records: gridRecords(rows),
        text: rows.map((r) => r.map((c) => c.text).join(' ')).join('\n'),
        streamed: false,
      };
    }
    const section = split.sections[SECTION_OF[kind]];
    const lines = section ? section.lines : kind === 'T3' ? allLines : [];
    return { records: streamRecords(lines), text: lines.join('\n'), streamed: section !== null };
  };
  return { T2: source('T2'), T3: source('T3'), T4: source('T4') };
}

function decideFormat(t2Text: string, sixSplit: boolean | null, year: number): ReportFormat {
  const { f2019, f2021 } = t2FormatEvidence(t2Text);
  if (f2021 > f2019) return '2021';
  if (f2019 > f2021) return '2019';
  if (sixSplit !== null) return sixSplit ? '2021' : year >= 2021 ? '2021' : '2019';
  return year >= 2021 ? '2021' : '2019';
}

const unreadable = (reason: string): Unreadable => ({ verdict: 'unreadable', reason });

export function parseReport(input: string | ReportDocument): ParsedReport | Unreadable {
  const doc = typeof input === 'string' ? readPlainText(input) : input;
  const text = documentText(doc);
  if (!looksLikeReport(text))
    return unreadable('未识别为政府信息公开工作年度报告（没有找到“政府信息公开”和“报告”字样）');
  const year = findYear(text);
  if (year !== null && year < 2019) return unreadable('格式早于2019年');
  const split = splitSections(doc);
  const allLines = text.split('\n');
  const sources = tableSources(split, allLines);
  const t3 = readT3(sources.T3.records);
  if (t3.seen.size < 10) {
    if (
      year === null &&
      /主动公开政府信息(?:的)?情况|依申请公开政府信息(?:的)?情况|收费及减免/.test(compact(text))
    )
      return unreadable('格式早于2019年');
    return unreadable(
      year === null
        ? '未识别为政府信息公开工作年度报告（没有找到报告年度和表三）'
        : `未能读出表三“收到和处理政府信息公开申请情况”（只识别出${t3.seen.size}行）`,
    );
  }
  if (year === null) return unreadable('未能确定报告所属年度（统计期限和标题中都没有年份）');
  const sixSplit = sixSplitOf(t3.seen);
  const format = decideFormat(sources.T2.text, sixSplit, year);
  const split6 = sixSplit ?? format === '2021';
  const T3: T3Table = {};
  const missingRows: string[] = [];
  for (const id of t3RowIds(split6)) {
    T3[id] = t3.rows.get(id) ?? (Array(7).fill(null) as CellValue[]);
    if (!t3.seen.has(id)) missingRows.push(`T3.${id}`);
  }
  const t2 = readT2(sources.T2.records, format);
  missingRows.push(...t2.missing.map((id) => `T2.${id}`));
  const t4 = readT4(sources.T4.records);
  if (!t4.found) missingRows.push('T4');
  const sections = Object.fromEntries(
    SECTION_KEYS.map((k) => [k, split.sections[k] ? split.sections[k]!.lines.join('\n').trim() : null]),
  ) as Record<SectionKey, string | null>;
  const streamedSections = new Set(
    (Object.keys(SECTION_OF) as TableKind[]).filter((k) => sources[k].streamed).map((k) => SECTION_OF[k]),
  );
  const narrative = [
    split.preamble.join('\n'),
    ...SECTION_KEYS.filter((k) => !streamedSections.has(k)).map((k) => sections[k] ?? ''),
  ].join('\n');
  return {
    year,
    format,
    agency: findAgency(allLines),
    sections,
    narrative,
    tables: { T2: t2.table, T3, T4: t4.table },
    sixSplit: split6,
    missingRows,
  };
}
