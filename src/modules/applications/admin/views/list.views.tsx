/** The work views page (GET /admin/applications): tabs, agency and handler pickers, the list, paging. */
import { SelectField } from '../../../../platform/views/form.js';
import { Notices } from '../../../../platform/views/notices.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import { chineseDate } from '../../../publications/admin/format.js';
import { applicantKindInfo, channelInfo } from '../../codes.js';
import type { CaseListItem } from '../../queries.js';
import type { AgencyRef } from '../admin-helpers.js';
import { caseUrl } from '../admin-helpers.js';
import { type HandlerOption, LIST_CAP, VIEW_HINTS, VIEW_LABELS, type WorkView } from '../work-views.js';

export interface ListPageProps {
  agency: AgencyRef;
  choices: AgencyRef[] | null;
  views: WorkView[];
  current: WorkView;
  handler: string;
  handlers: HandlerOption[];
  rows: CaseListItem[];
  total: number;
  page: number;
  pageSize: number;
  canRegister: boolean;
  message?: string | undefined;
}

function href(agencyId: string, view: WorkView, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ agencyId, view, ...extra });
  return `/admin/applications?${q.toString()}`;
}

function Tabs(p: { agencyId: string; views: WorkView[]; current: WorkView }) {
  return (
    <nav aria-label="工作视图">
      <p>
        {p.views.map((v, i) => (
          <span key={v}>
            {i > 0 ? ' · ' : ''}
            {v === p.current ? (
              <strong aria-current="page">{VIEW_LABELS[v]}</strong>
            ) : (
              <a href={href(p.agencyId, v)}>{VIEW_LABELS[v]}</a>
            )}
          </span>
        ))}
      </p>
    </nav>
  );
}

export function workdaysLeftText(n: number | null): string {
  if (n === null) return '—';
  if (n < 0) return `已逾期${-n}个工作日`;
  if (n === 0) return '今天到期';
  return `${n}个工作日`;
}

export function CaseTable({ rows, caption }: { rows: CaseListItem[]; caption: string }) {
  return (
    <TableWrap label={caption}>
      <table>
        <caption class="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">申请编号</th>
            <th scope="col">所需信息</th>
            <th scope="col">渠道</th>
            <th scope="col">申请人类型</th>
            <th scope="col">收到申请日期</th>
            <th scope="col">答复期限</th>
            <th scope="col">剩余</th>
            <th scope="col">状态</th>
            <th scope="col">承办人</th>
            <th scope="col">疑似重复申请</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-case={r.trackingNo}>
              <td>
                <a href={caseUrl(r.id)}>{r.trackingNo}</a>
              </td>
              <td>{r.title}</td>
              <td>{channelInfo(r.channel).label}</td>
              <td>{applicantKindInfo(r.applicantKind).fullLabel}</td>
              <td>{r.receivedOn ? chineseDate(r.receivedOn) : `${chineseDate(r.arrivedOn)}到达，待确认`}</td>
              <td>
                {chineseDate(r.dueOn)}
                {r.provisional ? <span class="tag">节假日安排未公布，暂估</span> : null}
              </td>
              <td>{workdaysLeftText(r.workdaysLeft)}</td>
              <td>
                {r.stateLabel}
                {r.clockState ? <span class="muted">（{r.clockState}）</span> : null}
              </td>
              <td>{r.handlerName ?? '未分办'}</td>
              <td>{r.possibleRepeat ? <span class="tag">疑似重复</span> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function ListPage(p: ListPageProps) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const extra: Record<string, string> = p.current === 'handler' && p.handler ? { handler: p.handler } : {};
  return (
    <section>
      <h1>依申请公开</h1>
      <p>
        {p.agency.name}
        {p.canRegister ? (
          <>
            {' · '}
            <a href="/admin/applications/new">登记当面、信函、传真、电子邮件、口头申请</a>
            {' · '}
            <a href="/admin/applications/import">导入历史案件</a>
          </>
        ) : null}
      </p>
      <Notices message={p.message} />
      {p.choices ? (
        <form method="get" action="/admin/applications" class="stack">
          <input type="hidden" name="view" value={p.current === 'mine' ? 'open' : p.current} />
          <SelectField
            name="agencyId"
            label="查看单位"
            values={{ agencyId: p.agency.id }}
            errors={[]}
            options={p.choices.map((a) => ({ value: a.id, label: a.name }))}
          />
          <button type="submit" class="secondary">
            查看
          </button>
        </form>
      ) : null}
      <Tabs agencyId={p.agency.id} views={p.views} current={p.current} />
      <h2 id="h-list">{VIEW_LABELS[p.current]}</h2>
      <p class="hint">{VIEW_HINTS[p.current]}</p>
      {p.current === 'handler' ? (
        <form method="get" action="/admin/applications" class="stack">
          <input type="hidden" name="agencyId" value={p.agency.id} />
          <input type="hidden" name="view" value="handler" />
          <SelectField
            name="handler"
            label="承办人"
            values={{ handler: p.handler }}
            errors={[]}
            options={[
              { value: '', label: '请选择' },
              { value: 'none', label: '尚未分办' },
              ...p.handlers.map((h) => ({ value: h.id, label: h.label })),
            ]}
          />
          <button type="submit" class="secondary">
            查看
          </button>
        </form>
      ) : null}
      {p.rows.length === 0 ? (
        <p class="muted">
          {p.current === 'handler' && !p.handler ? '请选择承办人。' : '没有符合条件的申请。'}
        </p>
      ) : (
        <CaseTable rows={p.rows} caption={`共${p.total}件，第${p.page}/${pages}页`} />
      )}
      {p.total >= LIST_CAP ? (
        <p class="notice warn">本视图最多列出{LIST_CAP}件，请使用更具体的视图查看其余申请。</p>
      ) : null}
      {pages > 1 ? (
        <nav class="pager" aria-label="分页">
          {p.page > 1 ? (
            <a href={href(p.agency.id, p.current, { ...extra, page: String(p.page - 1) })}>上一页</a>
          ) : null}
          {p.page < pages ? (
            <a href={href(p.agency.id, p.current, { ...extra, page: String(p.page + 1) })}>下一页</a>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
