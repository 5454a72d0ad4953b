/**
 * The renderers the reports use (render/, the committed interface render/model.ts `ReportDocument`): the
 * report as an HTML fragment for the publication's body, the Word and Excel downloads, and the supervisors'
 * workbook. One place to name them, with the downloads' content types.
 */
import type { ReportDocument } from '../render/model.js';

export { reportDocx } from '../render/docx.js';
export { reportHtml } from '../render/html.js';
export { reportTitle as titleOf } from '../render/layout.js';
export { agenciesWorkbook, reportXlsx } from '../render/xlsx.js';
export type { ReportDocument };

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
