/** The 年报体检 page's own stylesheet (CSP 'self'); the tables use the report stylesheet (render/styles.ts). */
export const CHECKER_PAGE_CSS_PATH = '/assets/report-check.css';

export const CHECKER_PAGE_CSS = `
.report-check-form{max-width:44rem}
.report-check-form textarea{min-height:12rem}
.report-check-form input[type=file]{max-width:100%;font:inherit}
.check-facts{margin:.5rem 0 1rem;padding-left:1.25rem}
.verdict{border-left:6px solid;padding:.75rem 1rem;margin:1rem 0}
.verdict p{margin:.25rem 0}
.verdict-word{font-size:1.5rem;font-weight:700}
.verdict-pass{border-color:var(--ok,#116329);background:#eefbf1}
.verdict-pass .verdict-word{color:var(--ok,#116329)}
.verdict-fail{border-color:var(--err,#b42318);background:#fdeeee}
.verdict-fail .verdict-word{color:var(--err,#b42318)}
.verdict-unreadable{border-color:var(--warn,#7d4e00);background:#fff8e6}
.verdict-unreadable .verdict-word{color:var(--warn,#7d4e00)}
.check-meta{margin:1rem 0;padding:0}
.check-meta>div{display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:.3rem 0;border-bottom:1px solid var(--line,#d0d7de)}
.check-meta dt{font-weight:600;min-width:6em}
.check-meta dd{margin:0;overflow-wrap:anywhere}
table.findings{min-width:40rem}
table.findings caption{text-align:left;font-weight:600;padding:.25rem 0}
table.findings th:first-child,table.findings td:nth-child(2),table.findings thead th:nth-child(2){white-space:nowrap}
table.findings tr.error th{color:var(--err,#b42318)}
table.findings td.message{overflow-wrap:anywhere}
.finding-cells{margin:0;padding-left:1rem}
.finding-cells code{font-size:.85em}
@media print{.report-check-form{display:none}}
`;
