/** The checker's answer as text for people (the CLI without --json). */
import type { CheckResult, Finding } from './model.js';
import { show } from './normalize.js';

const cellList = (cells: string[]) =>
  cells.length > 8 ? `${cells.slice(0, 8).join(', ')} 等${cells.length}个` : cells.join(', ');

function block(title: string, findings: Finding[]): string[] {
  if (findings.length === 0) return [];
  return [
    `${title}（${findings.length}）：`,
    ...findings.flatMap((f) => [
      `  [${f.rule}] ${f.message}`,
      ...(f.cells.length ? [`        单元格：${cellList(f.cells)}`] : []),
    ]),
  ];
}

export function summarize(result: CheckResult, fileName = ''): string {
  if (result.verdict === 'unreadable')
    return `${fileName ? `${fileName}：` : ''}无法作为政府信息公开工作年度报告读取 — ${result.reason}`;
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.filter((f) => f.severity === 'warning');
  const t3 = result.tables.T3;
  const total = (row: string) => show(t3[row]?.[6]);
  const t4 = result.tables.T4;
  return [
    `${result.agency ?? '（未识别机关名称）'} ${result.year}年度政府信息公开工作年度报告（${result.format}年格式）`,
    `表三总计：本年新收 ${total('R1')}，上年结转 ${total('R2')}，办理结果总计 ${total('R24')}，结转下年度 ${total('R25')}；` +
      `表四：行政复议 ${show(t4.K5)}，行政诉讼 ${show(t4.K10)}+${show(t4.K15)}`,
    result.verdict === 'pass'
      ? `结论：通过 — 没有硬性错误${warnings.length ? `，${warnings.length}条警告` : ''}`
      : `结论：不通过 — ${errors.length}个错误${warnings.length ? `，${warnings.length}条警告` : ''}`,
    ...block('错误', errors),
    ...block('警告', warnings),
  ].join('\n');
}
