/**
 * The check of a report written on the platform, run on every save: the tables are computed afresh
 * (computeAnnualReport) and the checker's rules V1–V12 run on them with the narrative (runChecks), with last
 * year's report as "previous" when last year was on the platform:
 *   - V1–V5 and V11 (a missing section 一 to 五) are hard errors, the rest warnings (checker/README.md);
 *   - V8: numbers quoted in the narrative that contradict 表三/表四 (checker/narrative-numbers.ts);
 *   - V12 内容雷同: the share of this year's distinct 8-character runs of Chinese characters (shingles) that
 *     also occur in last year's narrative; more than 50% warns (checker/rules/cross-year.ts repeatedShare);
 *   - 上年结转: this year's R2 must equal last year's computed R25 column by column — a hard error for a
 *     computed report (checkComputed with previousT3), replacing the checker's V6 warning.
 * A section left empty counts as missing (V11).
 */
import type { LegalDate } from '../../../platform/legal-date.js';
import type { Db } from '../../../platform/services.js';
import { type Finding, type ParsedReport, type ReportTables, SECTION_KEYS } from '../checker/model.js';
import { normalizeText } from '../checker/normalize.js';
import { runChecks } from '../checker/rules/run-checks.js';
import { type ComputedReport, checkComputed, computeAnnualReport } from '../compute/report.js';
import type { Table2Inputs } from '../compute/table2.js';
import type { OpeningBalance } from '../compute/table3.js';
import type { Sections } from './reports.js';

export interface ReportBasis {
  agencyId: string;
  agencyName: string;
  year: number;
  table2: Table2Inputs;
  sections: Sections;
  openingBalance: OpeningBalance | null;
  /** Last year's report on the platform, when there is one (its entered figures and narrative). */
  previous: { table2: Table2Inputs; sections: Sections } | null;
  asOf: LegalDate;
}

export interface Evaluated {
  computed: ComputedReport;
  /** The sections checked (`basis.sections`, or what `fill` made of them). */
  sections: Sections;
  findings: Finding[];
  /** Last year's computed tables, when last year was on the platform. */
  previousTables: ReportTables | null;
}

export function parsedOf(
  year: number,
  agency: string,
  sections: Sections,
  tables: ReportTables,
): ParsedReport {
  const present = (t: string) => (t.trim() ? t : null);
  return {
    year,
    format: '2021',
    agency,
    sections: Object.fromEntries(
      SECTION_KEYS.map((k) => [k, present(sections[k])]),
    ) as ParsedReport['sections'],
    // As the checker reads any report: NFKC-normalised (「，」→「,」, full-width digits → ASCII).
    narrative: normalizeText(SECTION_KEYS.map((k) => sections[k]).join('\n')),
    tables,
    sixSplit: true,
    missingRows: [],
  };
}

/** Whether last year is on the platform: no opening balance, or one entered for an earlier year. */
export function lastYearOnPlatform(year: number, opening: OpeningBalance | null): boolean {
  return !opening || opening.year < year;
}

/** `fill`, when given, makes the sections from the computed tables (a new report's prefill). */
export async function evaluateReport(
  db: Db,
  b: ReportBasis,
  fill?: (tables: ReportTables) => Sections,
): Promise<Evaluated> {
  const computed = await computeAnnualReport(db, b.agencyId, b.year, {
    table2: b.table2,
    openingBalance: b.openingBalance,
    asOf: b.asOf,
  });
  let previousTables: ReportTables | null = null;
  if (lastYearOnPlatform(b.year, b.openingBalance)) {
    const last = await computeAnnualReport(db, b.agencyId, b.year - 1, {
      table2: b.previous?.table2 ?? {},
      openingBalance: b.openingBalance,
      asOf: b.asOf,
    });
    previousTables = last.tables;
  }
  const sections = fill ? fill(computed.tables) : b.sections;
  const parsed = parsedOf(b.year, b.agencyName, sections, computed.tables);
  const previous = b.previous
    ? parsedOf(b.year - 1, b.agencyName, b.previous.sections, previousTables ?? { T2: {}, T3: {}, T4: {} })
    : undefined;
  const checked = runChecks(parsed, { previous }).filter((f) => f.rule !== 'V6');
  const carried = checkComputed(b.year, computed.tables, previousTables?.T3 ?? null).filter(
    (f) => f.rule === 'V6',
  );
  const findings = [...carried, ...checked];
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return {
    computed,
    sections,
    findings: findings
      .map((f, i) => ({ f, i }))
      .sort((x, y) => rank(x.f) - rank(y.f) || x.i - y.i)
      .map((x) => x.f),
    previousTables,
  };
}
