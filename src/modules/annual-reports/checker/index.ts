/**
 * 年报体检 — the checker for any published 政府信息公开工作年度报告 (issue 6; disclosure-rules.md §3).
 * Pure: bytes or text in, findings out; no database. See README.md in this folder.
 */
export {
  type CheckLimits,
  type CheckReportOptions,
  checkReport,
  DEFAULT_LIMITS,
  readReport,
} from './check-report.js';
export { REPORT_USAGE, reportCommand } from './cli-command.js';
export type { Block, ReportDocument, TableCell } from './document.js';
export * from './model.js';
export { parseReport } from './parse-report.js';
export { readDocumentXml } from './read-docx.js';
export { readHtml } from './read-html.js';
export { readPlainText } from './read-text.js';
export { type CheckOptions, runChecks } from './rules/run-checks.js';
export { summarize } from './summary.js';
