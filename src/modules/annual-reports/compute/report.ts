/**
 * An agency's computed annual-report tables for a year (2021 format) and the checker's hard table rules on
 * them: V1–V4 (勾稽关系) and V5 (cell values), plus — when last year's computed 表三 is given — 上年结转 =
 * 结转下年度 per column as a hard error (issue 6: required of a computed report).
 */
import type { LegalDate } from '../../../platform/legal-date.js';
import type { Db } from '../../../platform/services.js';
import {
  type Finding,
  type ParsedReport,
  type ReportTables,
  SECTION_KEYS,
  type SectionKey,
  type T3Table,
} from '../checker/model.js';
import { checkV1, checkV2, checkV3, checkV4 } from '../checker/rules/arithmetic.js';
import { checkV5 } from '../checker/rules/values.js';
import { computeTable2, type Table2Inputs } from './table2.js';
import { computeTable3, type OpeningBalance } from './table3.js';
import { computeTable4 } from './table4.js';

export interface ReportInputs {
  /** Figures from other systems for 表二. */
  table2?: Table2Inputs;
  /** Last year's 结转 figures and pending proceedings, when last year was not on the platform. */
  openingBalance?: OpeningBalance | null;
  /** Default: today in China. */
  asOf?: LegalDate;
}

export interface ComputedReport {
  year: number;
  agencyId: string;
  format: '2021';
  tables: ReportTables;
  /** Every computed cell id → the ids it counts: case ids for 表三 and 表四, publication ids for 表二. */
  sources: Record<string, string[]>;
  /** 表四 cells → proceeding ids (`application_appeals.id`). */
  appeals: Record<string, string[]>;
  unconfirmed: string[];
  withdrawnUnconfirmed: string[];
  pendingClosures: string[];
  notes: string[];
  /** V1–V5 on the computed tables (errors first). */
  findings: Finding[];
}

/** A report shell around computed tables, so the checker's rules apply unchanged. */
export function asParsedReport(year: number, tables: ReportTables): ParsedReport {
  return {
    year,
    format: '2021',
    agency: null,
    sections: Object.fromEntries(SECTION_KEYS.map((k) => [k, null])) as Record<SectionKey, string | null>,
    narrative: '',
    tables,
    sixSplit: true,
    missingRows: [],
  };
}

/** V1–V5 on computed tables; with last year's 表三, 上年结转 must equal its 结转下年度 (error). */
export function checkComputed(year: number, tables: ReportTables, previousT3?: T3Table | null): Finding[] {
  const r = asParsedReport(year, tables);
  const findings = [...checkV1(r), ...checkV2(r), ...checkV3(r), ...checkV4(r), ...checkV5(r)];
  if (previousT3)
    for (let c = 0; c < 7; c++) {
      const now = tables.T3.R2?.[c];
      const before = previousT3.R25?.[c];
      if (now !== before)
        findings.push({
          rule: 'V6',
          severity: 'error',
          message: `表三第${c + 1}列：本年“二、上年结转”为${String(now)}，不等于${year - 1}年度“四、结转下年度继续办理”${String(before)}`,
          cells: [`T3.R2.C${c + 1}`],
        });
    }
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}

export async function computeAnnualReport(
  db: Db,
  agencyId: string,
  year: number,
  inputs: ReportInputs = {},
): Promise<ComputedReport> {
  const opts = { asOf: inputs.asOf, openingBalance: inputs.openingBalance ?? null };
  const t2 = await computeTable2(db, agencyId, year, inputs.table2);
  const t3 = await computeTable3(db, agencyId, year, opts);
  const t4 = await computeTable4(db, agencyId, year, opts);
  const tables: ReportTables = { T2: t2.T2, T3: t3.T3, T4: t4.T4 };
  return {
    year,
    agencyId,
    format: '2021',
    tables,
    sources: { ...t2.publications, ...t3.cases, ...t4.cases },
    appeals: t4.appeals,
    unconfirmed: t3.unconfirmed,
    withdrawnUnconfirmed: t3.withdrawnUnconfirmed,
    pendingClosures: t3.pendingClosures,
    notes: [...t3.notes, ...t4.notes],
    findings: checkComputed(year, tables),
  };
}
