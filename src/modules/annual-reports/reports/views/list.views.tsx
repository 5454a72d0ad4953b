/** The agency's reports by year (GET /admin/annual-reports) with the form that generates a year's report. */
import type { FieldError } from '../../../../platform/errors.js';
import { Csrf, ErrorSummary, SelectField, type Values } from '../../../../platform/views/form.js';
import { Notices } from '../../../../platform/views/notices.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import type { ReportListItem } from '../report-page.js';
import { overviewUrl, reportUrl } from './urls.js';

export interface ReportListProps {
  csrf: string;
  agency: { id: string; name: string };
  items: ReportListItem[];
  years: number[];
  createReasons: string[];
  supervisor: boolean;
  lastYear: number;
  message?: string | undefined;
  errors: FieldError[];
  notice?: string | undefined;
  values: Values;
}

export function ReportListPage(p: ReportListProps) {
  return (
    <>
      <h1>{p.agency.name} · 政府信息公开工作年度报告</h1>
      <Notices message={p.message} notice={p.notice} />
      <ErrorSummary errors={p.errors} />
      {p.supervisor ? (
        <p>
          <a href={overviewUrl(p.lastYear)}>下级单位年度报告情况（{p.lastYear}年度）</a>
        </p>
      ) : null}
      <TableWrap label="年度报告列表">
        <table>
          <caption>各年度报告</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">状态</th>
              <th scope="col">发布期限</th>
              <th scope="col">检查结果</th>
            </tr>
          </thead>
          <tbody>
            {p.items.length === 0 ? (
              <tr>
                <td colSpan={4}>尚未生成年度报告。</td>
              </tr>
            ) : (
              p.items.map(({ report, status }) => (
                <tr key={report.id}>
                  <th scope="row">
                    <a href={reportUrl(report.id)}>{report.year}年度</a>
                  </th>
                  <td>
                    {status.label}
                    {status.sentBack ? '（审核退回）' : ''}
                  </td>
                  <td>{status.deadline}</td>
                  <td>
                    {report.errors}个错误，{report.warnings}个提示
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </TableWrap>
      <h2>生成年度报告</h2>
      {p.createReasons.length > 0 ? (
        <p class="muted">不能生成：{p.createReasons.join('；')}</p>
      ) : (
        <form method="post" action="/admin/annual-reports">
          <Csrf token={p.csrf} />
          <input type="hidden" name="agencyId" value={p.agency.id} />
          <SelectField
            name="year"
            label="报告年度"
            values={p.values}
            errors={p.errors}
            required
            options={p.years.map((y) => ({ value: String(y), label: `${y}年度` }))}
            hint="表格按本平台的依申请公开案件、主动公开信息自动计算；正文从上一年度已发布的报告预填。"
          />
          <button type="submit">生成</button>
        </form>
      )}
    </>
  );
}
