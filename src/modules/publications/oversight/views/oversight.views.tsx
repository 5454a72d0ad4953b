/** The supervisor's pages: the per-agency table, the versions behind a timeliness figure, 待解读 policies. */
import type { FieldError } from '../../../../platform/errors.js';
import { formatChineseDate, type LegalDate } from '../../../../platform/legal-date.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import {
  type AgencyFigures,
  lateCount,
  type Period,
  periodQuery,
  periodText,
  rateText,
} from '../oversight.js';
import { AgencyFilter, href, type Named, PeriodForm } from './shared.views.js';

/** A count that links to its list when there is something to see. */
function Count({ n, to, label }: { n: number; to: string; label: string }) {
  return (
    <td class="num">
      {n > 0 ? (
        <a href={to} aria-label={`${label}${n}，查看清单`}>
          {n}
        </a>
      ) : (
        n
      )}
    </td>
  );
}

export interface OversightPageProps {
  rows: AgencyFigures[];
  period: Period;
  typed: { from: string; to: string };
  errors: FieldError[];
  today: LegalDate;
  /** Supervisors send 督办; the platform admin only looks. */
  canUrge: boolean;
}

function FiguresTable(p: OversightPageProps) {
  const pq = periodQuery(p.period);
  return (
    <TableWrap label="各单位政务公开情况">
      <table>
        <caption>
          {`${periodText(p.period)}发布信息的按时公开情况（第二十六条：自形成或变更之日起20个工作日内公开）；` +
            `待解读、三项清单到期未复核、逾期督办为截至${formatChineseDate(p.today)}的数量。` +
            '按问题数（逾期发布、待解读、到期未复核、逾期督办之和）从多到少排列。'}
        </caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col" class="num">
              本期发布数
            </th>
            <th scope="col" class="num">
              按时发布数
            </th>
            <th scope="col" class="num">
              及时率
            </th>
            <th scope="col" class="num">
              待解读政策数
            </th>
            <th scope="col" class="num">
              三项清单到期未复核数
            </th>
            <th scope="col" class="num">
              逾期督办数
            </th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((f) => {
            const timely = href('/admin/oversight/timeliness', { agencyId: f.agencyId, ...pq });
            return (
              <tr key={f.agencyId}>
                <th scope="row">{f.agencyName}</th>
                <Count n={f.published} to={timely} label={`${f.agencyName}本期发布数`} />
                <td class="num">{f.onTime}</td>
                <td class="num">{rateText(f)}</td>
                <Count
                  n={f.awaitingInterpretation}
                  to={href('/admin/oversight/interpretations', { agencyId: f.agencyId })}
                  label={`${f.agencyName}待解读政策数`}
                />
                <Count
                  n={f.registerDue}
                  to={href('/admin/publications/register', { agencyId: f.agencyId, filter: 'due' })}
                  label={`${f.agencyName}三项清单到期未复核数`}
                />
                <Count
                  n={f.overdueNotes}
                  to={href('/admin/supervision', { agencyId: f.agencyId, overdue: '1' })}
                  label={`${f.agencyName}逾期督办数`}
                />
                <td>
                  {lateCount(f) > 0 ? (
                    <a
                      href={href('/admin/oversight/timeliness', { agencyId: f.agencyId, ...pq, late: '1' })}
                      aria-label={`${f.agencyName}逾期发布${lateCount(f)}件`}
                    >
                      逾期发布{lateCount(f)}件
                    </a>
                  ) : null}
                  {lateCount(f) > 0 && p.canUrge ? ' · ' : null}
                  {p.canUrge ? (
                    <a
                      href={`${href('/admin/supervision', { agencyId: f.agencyId, kind: 'urge' })}#post-title`}
                      aria-label={`向${f.agencyName}发督办`}
                    >
                      发督办
                    </a>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function OversightPage(p: OversightPageProps) {
  const csv = href('/admin/oversight.csv', periodQuery(p.period));
  return (
    <section>
      <h1>政务公开监督</h1>
      <p class="muted">
        {'监督范围内各单位的主动公开及时率、待解读的政策文件（规章、行政规范性文件未关联政策解读的）、' +
          '到期未复核的三项清单（第十八条）和逾期未答复的督办。'}
        {p.canUrge ? '发现问题可以直接向该单位发出督办。' : ''}
      </p>
      <PeriodForm action="/admin/oversight" period={p.period} typed={p.typed} errors={p.errors} />
      {p.errors.length > 0 ? null : (
        <>
          <p>
            <a href={csv}>导出本表（CSV，可用Excel打开）</a> ·{' '}
            <a href="/admin/oversight/interpretations">待解读政策清单</a> ·{' '}
            <a href="/admin/publications/register?filter=due">三项清单到期未复核清单</a>
          </p>
          {p.rows.length > 0 ? <FiguresTable {...p} /> : <p class="muted">监督范围内没有单位。</p>}
        </>
      )}
    </section>
  );
}

export interface VersionItem {
  publicationId: string;
  agencyName: string;
  title: string;
  docNo: string | null;
  version: number;
  formedOn: string | null;
  dueOn: string | null;
  publishedOn: string;
  late: boolean;
}

export interface TimelinessPageProps {
  /** Supervisors and the platform admin come from the per-agency table; agency staff see their own. */
  overseer: boolean;
  agency: Named | null;
  agencies: Named[] | null;
  items: VersionItem[];
  /** More than shown (the list is capped). */
  truncated: boolean;
  lateOnly: boolean;
  period: Period;
  typed: { from: string; to: string };
  errors: FieldError[];
}

export function TimelinessPage(p: TimelinessPageProps) {
  const hidden: Record<string, string> = {};
  if (p.agency) hidden.agencyId = p.agency.id;
  if (p.lateOnly) hidden.late = '1';
  return (
    <section>
      {p.overseer ? (
        <p>
          <a href={href('/admin/oversight', periodQuery(p.period))}>返回政务公开监督</a>
        </p>
      ) : null}
      <h1>{p.agency ? `${p.agency.name} · ` : ''}发布及时情况</h1>
      <p class="muted">
        {'第二十六条：主动公开的信息应自形成或变更之日起20个工作日内公开。' +
          '应发布日期按工作日历（含调休）计算；修订版本从变更日期起算；导入的存量信息不计入。'}
      </p>
      <PeriodForm
        action="/admin/oversight/timeliness"
        period={p.period}
        typed={p.typed}
        errors={p.errors}
        hidden={hidden}
      />
      {p.agencies ? (
        <AgencyFilter
          action="/admin/oversight/timeliness"
          agencies={p.agencies}
          selected={p.agency?.id ?? ''}
          hidden={{ ...periodQuery(p.period), ...(p.lateOnly ? { late: '1' } : {}) }}
        />
      ) : null}
      <p>
        {p.lateOnly ? (
          <a href={href('/admin/oversight/timeliness', { agencyId: p.agency?.id, ...periodQuery(p.period) })}>
            显示全部发布
          </a>
        ) : (
          <a
            href={href('/admin/oversight/timeliness', {
              agencyId: p.agency?.id,
              ...periodQuery(p.period),
              late: '1',
            })}
          >
            只看逾期发布
          </a>
        )}
      </p>
      {p.errors.length > 0 ? null : p.items.length === 0 ? (
        <p class="muted">{periodText(p.period)}没有符合条件的发布。</p>
      ) : (
        <TableWrap label="发布及时情况">
          <table>
            <caption>
              {periodText(p.period)}
              {p.lateOnly ? '逾期发布的信息' : '发布的信息（逾期的在前）'}
              {p.truncated ? `，仅显示前${p.items.length}条` : ''}
            </caption>
            <thead>
              <tr>
                {p.agency ? null : <th scope="col">单位</th>}
                <th scope="col">标题</th>
                <th scope="col">文号</th>
                <th scope="col">版本</th>
                <th scope="col">形成（变更）日期</th>
                <th scope="col">应发布日期</th>
                <th scope="col">发布日期</th>
                <th scope="col">是否按时</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((v) => (
                <tr key={`${v.publicationId}-${v.version}`}>
                  {p.agency ? null : <td>{v.agencyName}</td>}
                  <th scope="row">
                    <a href={`/admin/publications/${v.publicationId}`}>{v.title}</a>
                  </th>
                  <td>{v.docNo ?? '—'}</td>
                  <td>{v.version === 1 ? '首次发布' : `第${v.version}版（修订）`}</td>
                  <td>{v.formedOn ? formatChineseDate(v.formedOn as LegalDate) : '—'}</td>
                  <td>{v.dueOn ? formatChineseDate(v.dueOn as LegalDate) : '—'}</td>
                  <td>{formatChineseDate(v.publishedOn as LegalDate)}</td>
                  <td>{v.late ? <strong class="tag">逾期</strong> : '按时'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
