/**
 * The annual report's tables computed from the platform's own records (issue 6, "computed tables"); the
 * counting rules are docs/legal/report-counting.md. See the README's "Computed tables" section.
 */
export {
  asParsedReport,
  type ComputedReport,
  checkComputed,
  computeAnnualReport,
  type ReportInputs,
} from './report.js';
export { computeTable2, type Table2Inputs, type Table2Result } from './table2.js';
export {
  type ComputeOptions,
  computeTable3,
  type OpeningBalance,
  type Table3Result,
} from './table3.js';
export { type AppealGroup, computeTable4, type Table4Result } from './table4.js';
