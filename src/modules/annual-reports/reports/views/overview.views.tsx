/** A supervisor's view (GET /admin/annual-reports/overview?year=): every agency below and its report's state. */
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import { AGENCY_KIND_LABELS } from '../../../accounts/accounts.js';
import type { OverviewRow } from '../report-page.js';
import { overviewUrl, reportUrl } from './urls.js';

export function OverviewPage({ year, rows }: { year: number; rows: OverviewRow[] }) {
  const late = rows.filter((r) => r.status.late).length;
  const published = rows.filter((r) => r.status.online).length;
  return (
    <>
      <h1>{year}年度政府信息公开工作年度报告情况</h1>
      <p>
        共{rows.length}个单位：已发布{published}个，逾期{late}个。部门年报应于{year + 1}
        年1月31日前发布，本级政府年报应于
        {year + 1}年3月31日前发布（《条例》第四十九条）。
      </p>
      <p>
        <a href={overviewUrl(year - 1)}>{year - 1}年度</a> ·{' '}
        <a href={`/admin/annual-reports/overview.xlsx?year=${year}`}>导出各单位表格数据（Excel）</a>
      </p>
      <TableWrap label="各单位年度报告情况">
        <table>
          <caption>各单位年度报告情况</caption>
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">类别</th>
              <th scope="col">状态</th>
              <th scope="col">发布期限</th>
              <th scope="col">检查结果</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.agencyId}>
                <th scope="row">
                  {r.report ? <a href={reportUrl(r.report.id)}>{r.agencyName}</a> : r.agencyName}
                </th>
                <td>{AGENCY_KIND_LABELS[r.kind]}</td>
                <td>{r.status.label}</td>
                <td>{r.status.deadline}</td>
                <td>{r.report ? `${r.report.errors}个错误，${r.report.warnings}个提示` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
