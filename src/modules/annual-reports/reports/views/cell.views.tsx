/** The records behind one computed cell (GET /admin/annual-reports/:reportId/cells/:cellId). */
import type { CellSource } from '../report-page.js';
import { reportUrl } from './urls.js';

const hrefOf = (s: CellSource) =>
  s.kind === 'case'
    ? `/admin/applications/cases/${encodeURIComponent(s.id)}`
    : `/admin/publications/${encodeURIComponent(s.id)}`;

export function CellPage(p: {
  reportId: string;
  title: string;
  cellId: string;
  value: string;
  sources: CellSource[];
}) {
  return (
    <>
      <h1>
        {p.title} · 单元格 {p.cellId}
      </h1>
      <p>
        数值：{p.value || '（空）'}；计入的{p.cellId.startsWith('T2.') ? '主动公开信息' : '申请案件'}共
        {p.sources.length}件。
      </p>
      <ul>
        {p.sources.map((s) => (
          <li key={s.id}>
            <a href={hrefOf(s)}>{s.label}</a>
          </li>
        ))}
      </ul>
      <p>
        <a href={reportUrl(p.reportId)}>返回年度报告</a>
      </p>
    </>
  );
}
