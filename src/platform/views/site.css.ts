/** The platform's one stylesheet, served at /assets/site.css (cacheable, no build step). */
export const SITE_CSS = `
:root{--red:#b31b1b;--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;--link:#0b57a4;--ok:#116329;--warn:#7d4e00;--err:#b42318;font-size:16px}
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;color:var(--ink);background:#fff;line-height:1.7}
a{color:var(--link)}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
.site-header{background:var(--red);color:#fff}
.site-header .bar{max-width:72rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
.site-header a{color:#fff}
.brand{font-size:1.35rem;font-weight:700;text-decoration:none}
.site-nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.site-footer{border-top:4px solid var(--red);background:var(--bg);color:var(--muted);margin-top:3rem}
.site-footer .bar{max-width:72rem;margin:0 auto;padding:1rem;font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;padding:0;list-style:none}
.card{border:1px solid var(--line);border-radius:6px;padding:1rem;background:#fff}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:var(--bg)}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
form.stack{max-width:40rem}
.field{margin:0 0 1rem}
.field label,.field legend{display:block;font-weight:600;margin-bottom:.25rem}
.field .hint{color:var(--muted);font-size:.9rem;margin:.1rem 0 .3rem}
.field input[type=text],.field input[type=password],.field input[type=date],.field input[type=number],.field input[type=email],.field select,.field textarea{width:100%;max-width:100%;padding:.45rem;border:1px solid #6e7781;border-radius:4px;font:inherit}
.field textarea{min-height:8rem}
.field .error{color:var(--err);font-weight:600;margin:.2rem 0}
.field.has-error input,.field.has-error select,.field.has-error textarea{border:2px solid var(--err)}
fieldset{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
.checks label{display:inline-block;font-weight:400;margin-right:1rem}
button,.button{display:inline-block;background:var(--red);color:#fff;border:0;border-radius:4px;padding:.5rem 1.1rem;font:inherit;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--ink);border:1px solid #6e7781}
.inline{display:inline}
.notice{border-left:4px solid var(--link);background:#eef5fc;padding:.75rem 1rem;margin:1rem 0}
.notice.ok{border-color:var(--ok);background:#eefbf1}
.notice.warn{border-color:var(--warn);background:#fff8e6}
.notice.err{border-color:var(--err);background:#fdeeee}
.muted{color:var(--muted)}
.tag{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .35rem;font-size:.85rem;margin-right:.25rem}
.pager{display:flex;gap:1rem;margin:1rem 0}
.tree ul{list-style:none;padding-left:1.25rem;margin:0}
.tree>ul{padding-left:0}
code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
@media (max-width:40rem){h1{font-size:1.35rem}.site-header .bar{display:block}.site-nav ul{margin-top:.5rem}th,td{padding:.3rem}}
@media print{.site-header,.site-footer,.skip,.no-print{display:none}}
`;
