/**
 * The annual report's stylesheet: served at REPORT_CSS_PATH (the CSP allows only 'self' styles, so the
 * page components link it) and inlined into the standalone HTML file. On narrow screens each table scrolls
 * inside its own labelled region (never the page); printed, the tables take the page width with black rules,
 * header rows repeat on every page and rows are not cut.
 */
export const REPORT_CSS_PATH = '/assets/annual-report.css';

export const REPORT_CSS = `
.annual-report .report-title{text-align:center;font-size:1.6rem;line-height:1.4;margin:1rem 0 .25rem}
.annual-report .report-date{text-align:center;margin:0 0 1.5rem}
.annual-report h2,.annual-report h3,.annual-report h4{font-size:1.2rem;margin:1.5rem 0 .5rem}
.annual-report .report-text p{text-indent:2em;margin:.4rem 0;overflow-wrap:anywhere}
.annual-report .report-empty{color:#57606a}
.annual-report .table-wrap{position:relative;overflow-x:auto;margin:.5rem 0 1rem;max-width:100%}
.annual-report .table-wrap:focus{outline:3px solid #f59e0b;outline-offset:2px}
.report-table{border-collapse:collapse;width:100%;margin:0;font-size:.92rem;line-height:1.45}
.report-table caption{text-align:left;font-weight:700;padding:.25rem 0 .5rem}
.report-table th,.report-table td{border:1px solid #57606a;padding:.3rem .45rem;vertical-align:middle}
.report-table th{background:#f6f8fa;font-weight:600;text-align:center}
.report-table th[scope=row]{text-align:left;font-weight:400}
/* Merged row labels sit at the top of their rows: printed to PDF, the label then starts on its first row's line. */
.report-table tbody th[scope=rowgroup]{vertical-align:top;font-weight:400;white-space:nowrap}
.report-table td{text-align:center;font-variant-numeric:tabular-nums;min-width:3.2em}
.report-table td.note{text-align:left;font-size:.85rem;background:#f6f8fa;font-weight:400}
.report-table td.flagged{position:relative;background:#fdeeee;outline:2px solid #b42318;outline-offset:-2px;font-weight:700}
.report-table.t2{min-width:34rem}
.report-table.t3{min-width:52rem}
.report-table.t3 tbody th[scope=row]{min-width:11em}
.report-table.t4{min-width:52rem}
.report-table .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media print{
  .annual-report .table-wrap{overflow:visible}
  .report-table{min-width:0!important;font-size:9pt;page-break-inside:auto}
  .report-table thead{display:table-header-group}
  .report-table tr{page-break-inside:avoid;break-inside:avoid}
  .report-table th,.report-table td{border-color:#000;padding:2pt 3pt}
  .report-table th,.report-table td.note{background:none}
  .annual-report h2,.annual-report h3{page-break-after:avoid;break-after:avoid}
}
`;
