/**
 * Splits a ReportDocument into the preamble and sections 一 to 六 (§3.2). A heading is a short line with the
 * section's number and a keyword of its title (real reports vary the wording: 「五、政府信息公开工作存在的
 * 主要问题及改进情况」), or the bare title when Word's automatic numbering dropped the number. Headings must
 * come in order, so the rows 「一、本年新收…」「四、结转下年度…」 of 表三 are never taken for headings.
 */
import type { ReportDocument, TableCell } from './document.js';
import { SECTION_KEYS, type SectionKey } from './model.js';
import { compact } from './normalize.js';

const TITLES: Record<SectionKey, { keywords: RegExp; bare: RegExp }> = {
  一: { keywords: /总体情况|概述|基本情况|总体/, bare: /^(?:工作)?总体情况$/ },
  二: { keywords: /主动公开/, bare: /^主动公开政府信息(?:的)?情况$/ },
  三: { keywords: /收到和处理|依申请|公开申请/, bare: /^收到和处理政府信息公开申请(?:的)?情况$/ },
  四: {
    keywords: /行政复议|行政诉讼/,
    bare: /^(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议.{0,12}行政诉讼(?:的)?情况$/,
  },
  五: { keywords: /问题|改进/, bare: /^(?:政府信息公开工作)?存在的主要问题及改进情况$/ },
  六: { keywords: /其他需要报告|其他事项|其他/, bare: /^其他需要报告的事项$/ },
};

export interface Section {
  lines: string[];
  tables: TableCell[][][];
}

export interface SplitDocument {
  preamble: string[];
  sections: Record<SectionKey, Section | null>;
  /** Every table in document order, with the section it sits in (null: before section 一). */
  tables: { rows: TableCell[][]; section: SectionKey | null }[];
}

function headingOf(line: string, after: number): number {
  const t = compact(line).replace(/^第/, '');
  if (t.length > 48) return -1;
  for (let k = after + 1; k < SECTION_KEYS.length; k++) {
    const key = SECTION_KEYS[k]!;
    const title = TITLES[key];
    const numbered = new RegExp(`^${key}(?:[、.,:]|部分)`).exec(t);
    if (numbered && title.keywords.test(t.slice(numbered[0].length))) return k;
    if (title.bare.test(t.replace(/[:。]$/, ''))) return k;
  }
  return -1;
}

export function splitSections(doc: ReportDocument): SplitDocument {
  const preamble: string[] = [];
  const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, null])) as Record<
    SectionKey,
    Section | null
  >;
  const tables: SplitDocument['tables'] = [];
  let current = -1;
  for (const block of doc.blocks) {
    const key = current >= 0 ? SECTION_KEYS[current]! : null;
    if (block.kind === 'table') {
      tables.push({ rows: block.rows, section: key });
      if (key) sections[key]!.tables.push(block.rows);
      continue;
    }
    for (const line of block.text.split('\n')) {
      const k = headingOf(line, current);
      if (k >= 0) {
        current = k;
        sections[SECTION_KEYS[k]!] = { lines: [], tables: [] };
        continue;
      }
      const at = current >= 0 ? SECTION_KEYS[current]! : null;
      if (at) sections[at]!.lines.push(line);
      else preamble.push(line);
    }
  }
  return { preamble, sections, tables };
}
