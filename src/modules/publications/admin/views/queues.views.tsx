/** The queues page: tabs per queue, filters, the list, bulk approval, and the agency admin's stand-in tools. */
import type { FieldError } from '../../../../platform/errors.js';
import { ErrorSummary, SelectField, TextField, type Values } from '../../../../platform/views/form.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import type { Publication } from '../../publications.js';
import { ATTRIBUTE_LABELS, GENRE_LABELS, WITHHOLD_GROUND_LABELS } from '../../vocabulary.js';
import { STATE_LABELS, STATES } from '../../workflow.js';
import type { AgencyRef } from '../admin-helpers.js';
import { chinaTime } from '../format.js';
import type { Queue } from '../queues.repository.js';
import { GENRE_OPTIONS } from './editor.views.js';
import { Notices, type Option, Select, StateText, str } from './shared.views.js';
import { BulkForm, type BulkState, type StandIn, StandInSection } from './stand-in.views.js';

export const QUEUE_LABELS: Record<Queue, string> = {
  drafts: '我的草稿',
  review: '待我审核',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
  register: '不主动公开登记',
  all: '全部信息',
};

export interface QueueTab {
  queue: Queue;
  count?: number;
}

export interface QueuePageProps {
  csrf: string;
  agency: AgencyRef;
  choices: AgencyRef[] | null;
  tabs: QueueTab[];
  current: Queue;
  filter: Values;
  columns: Option[];
  columnNames: Record<string, string>;
  rows: Publication[];
  total: number;
  page: number;
  pageSize: number;
  canCreate: boolean;
  /** The viewer's own agency (personal queues exist only there). */
  own: boolean;
  /** 第二十六条 timeliness of the agency this year. */
  timeliness: { year: string; published: number; onTime: number; rate: number | null } | null;
  /** Items of the review queue that bulk approval may take (not at their last step). */
  bulk: BulkState | null;
  standIn: StandIn | null;
  message?: string | undefined;
  notice?: string | undefined;
  errors: FieldError[];
}

const base = (agencyId: string) => `/admin/publications?agencyId=${encodeURIComponent(agencyId)}`;

function queryOf(agencyId: string, queue: Queue, filter: Values, page?: number): string {
  const q = new URLSearchParams({ agencyId, queue });
  for (const [k, v] of Object.entries(filter)) {
    const s = str(v);
    if (s && k !== 'agencyId' && k !== 'queue' && k !== 'page') q.set(k, s);
  }
  if (page && page > 1) q.set('page', String(page));
  return `/admin/publications?${q.toString()}`;
}

function Tabs(p: { agencyId: string; tabs: QueueTab[]; current: Queue }) {
  return (
    <nav aria-label="队列">
      <p>
        {p.tabs.map((t, i) => {
          const label = `${QUEUE_LABELS[t.queue]}${t.count !== undefined ? `（${t.count}）` : ''}`;
          return (
            <span key={t.queue}>
              {i > 0 ? ' · ' : ''}
              {t.queue === p.current ? (
                <strong aria-current="page">{label}</strong>
              ) : (
                <a href={`${base(p.agencyId)}&queue=${t.queue}`}>{label}</a>
              )}
            </span>
          );
        })}
      </p>
    </nav>
  );
}

function AgencyPicker({ choices, current }: { choices: AgencyRef[]; current: string }) {
  return (
    <form method="get" action="/admin/publications" class="stack">
      <SelectField
        name="agencyId"
        label="查看单位"
        values={{ agencyId: current }}
        errors={[]}
        options={choices.map((a) => ({ value: a.id, label: a.name }))}
      />
      <button type="submit" class="secondary">
        查看
      </button>
    </form>
  );
}

function Filters(p: { agencyId: string; current: Queue; filter: Values; columns: Option[] }) {
  const f = { values: p.filter, errors: [] };
  const active = ['columnId', 'state', 'genre', 'q', 'from', 'to'].some((k) => str(p.filter[k]) !== '');
  return (
    <details open={active}>
      <summary>筛选（栏目、{p.current === 'all' ? '状态、' : ''}体裁、标题关键词、日期范围）</summary>
      <form method="get" action="/admin/publications" class="stack">
        <input type="hidden" name="agencyId" value={p.agencyId} />
        <input type="hidden" name="queue" value={p.current} />
        <Select
          id="f-columnId"
          name="columnId"
          label="栏目"
          options={[{ value: '', label: '全部栏目' }, ...p.columns]}
          value={str(p.filter.columnId)}
        />
        {p.current === 'all' ? (
          <SelectField
            name="state"
            label="状态"
            {...f}
            options={[
              { value: '', label: '全部状态' },
              ...STATES.map((s) => ({ value: s, label: STATE_LABELS[s] })),
            ]}
          />
        ) : null}
        <SelectField
          name="genre"
          label="体裁"
          {...f}
          options={[{ value: '', label: '全部体裁' }, ...GENRE_OPTIONS.slice(1)]}
        />
        <TextField name="q" label="标题关键词" {...f} />
        <SelectField
          name="dateField"
          label="日期范围按"
          {...f}
          options={[
            { value: 'updatedAt', label: '最后修改日期' },
            { value: 'publishedOn', label: '发布日期' },
            { value: 'formedOn', label: '形成（变更）日期' },
          ]}
        />
        <TextField name="from" label="起始日期" type="date" {...f} />
        <TextField name="to" label="截止日期" type="date" {...f} />
        <button type="submit">筛选</button> <a href={`${base(p.agencyId)}&queue=${p.current}`}>清除筛选</a>
      </form>
    </details>
  );
}

/** The queue-specific columns after 标题 and 状态. */
function extraHeads(queue: Queue): string[] {
  switch (queue) {
    case 'scheduled':
      return ['定时发布时间'];
    case 'published':
      return ['索引号', '发布日期'];
    case 'withdrawn':
      return ['索引号', '撤回时间'];
    case 'register':
      return ['公开属性', '理由', '下次复核日期'];
    default:
      return ['最后修改'];
  }
}

function extraCells(queue: Queue, p: Publication) {
  switch (queue) {
    case 'scheduled':
      return [chinaTime(p.scheduledAt)];
    case 'published':
      return [p.indexNo ?? '—', p.publishedOn ?? '—'];
    case 'withdrawn':
      return [p.indexNo ?? '—', chinaTime(p.withdrawnAt)];
    case 'register':
      return [
        ATTRIBUTE_LABELS[p.disclosureAttribute],
        p.withholdGround ? `${p.withholdGround} ${WITHHOLD_GROUND_LABELS[p.withholdGround]}` : '—',
        p.nextReviewOn ?? '—',
      ];
    default:
      return [chinaTime(p.updatedAt)];
  }
}

function QueueTable(p: {
  queue: Queue;
  rows: Publication[];
  total: number;
  columnNames: Record<string, string>;
  selectable: string[] | null;
  checked: string[];
}) {
  return (
    <TableWrap label={`${QUEUE_LABELS[p.queue]}列表`}>
      <table>
        <caption>
          {QUEUE_LABELS[p.queue]}：共{p.total}条
        </caption>
        <thead>
          <tr>
            {p.selectable ? <th scope="col">选择</th> : null}
            <th scope="col">标题（栏目 · 体裁 · 文号）</th>
            <th scope="col">状态</th>
            {extraHeads(p.queue).map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr key={r.id}>
              {p.selectable ? (
                <td>
                  {p.selectable.includes(r.id) ? (
                    <input
                      type="checkbox"
                      name="ids"
                      value={r.id}
                      checked={p.checked.includes(r.id)}
                      aria-label={`选择“${r.title || '（未填写标题）'}”`}
                    />
                  ) : (
                    <span class="muted">逐条办理</span>
                  )}
                </td>
              ) : null}
              <th scope="row">
                <a href={`/admin/publications/${r.id}`}>{r.title || '（未填写标题）'}</a>
                <br />
                <span class="muted">
                  {[
                    r.columnId ? (p.columnNames[r.columnId] ?? '栏目已删除') : '未选栏目',
                    r.genre ? GENRE_LABELS[r.genre] : '未选体裁',
                    r.docNo,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </th>
              <td>
                <StateText pub={r} />
              </td>
              {extraCells(p.queue, r).map((c, i) => (
                <td
                  key={String(i)}
                  class={i === 0 && (p.queue === 'published' || p.queue === 'withdrawn') ? 'mono' : undefined}
                >
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Pager(p: {
  agencyId: string;
  queue: Queue;
  filter: Values;
  page: number;
  pageSize: number;
  total: number;
}) {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label="分页" class="pager">
      {p.page > 1 ? <a href={queryOf(p.agencyId, p.queue, p.filter, p.page - 1)}>上一页</a> : null}
      <span>
        第{p.page}页，共{pages}页
      </span>
      {p.page < pages ? <a href={queryOf(p.agencyId, p.queue, p.filter, p.page + 1)}>下一页</a> : null}
    </nav>
  );
}

export function QueuePage(p: QueuePageProps) {
  const selectable = p.bulk ? p.bulk.ids : null;
  const checkedRaw = p.bulk?.values.ids;
  const checked = Array.isArray(checkedRaw) ? checkedRaw : checkedRaw ? [checkedRaw] : [];
  const table = (
    <QueueTable
      queue={p.current}
      rows={p.rows}
      total={p.total}
      columnNames={p.columnNames}
      selectable={selectable}
      checked={checked}
    />
  );
  return (
    <section>
      <h1>{p.agency.name} · 主动公开</h1>
      <Notices message={p.message} notice={p.notice} />
      <ErrorSummary errors={p.errors} />
      {p.choices ? <AgencyPicker choices={p.choices} current={p.agency.id} /> : null}
      {p.canCreate ? (
        <p>
          <a class="button" href={`/admin/publications/new?agencyId=${p.agency.id}`}>
            新建
          </a>{' '}
          <a href={`/admin/publications/import?agencyId=${p.agency.id}`}>导入存量信息（CSV、JSON）</a>
        </p>
      ) : (
        <p class="muted">
          {p.own
            ? '您可以查看本单位的主动公开信息。新建信息需要“编辑”角色。'
            : `您正在查看${p.agency.name}的主动公开信息（只读）。`}
        </p>
      )}
      {p.timeliness ? (
        <p>
          {p.timeliness.year}年按时公开率（条例第二十六条，20个工作日内）：
          {p.timeliness.rate === null
            ? '本年度尚未发布信息'
            : `${Math.floor(p.timeliness.rate * 1000) / 10}%（发布${p.timeliness.published}条次，按时${p.timeliness.onTime}条次）`}{' '}
          <a href={`/admin/oversight/timeliness?agencyId=${p.agency.id}`}>按时公开统计</a>
        </p>
      ) : null}
      <Tabs agencyId={p.agency.id} tabs={p.tabs} current={p.current} />
      {p.current === 'register' ? (
        <p>
          依申请公开和不予公开的信息登记在三项清单中，须定期复核（条例第十八条）。复核到期情况和复核办理见
          <a href="/admin/publications/register">三项清单</a>。
        </p>
      ) : null}
      <Filters agencyId={p.agency.id} current={p.current} filter={p.filter} columns={p.columns} />
      {p.rows.length === 0 ? (
        <p class="muted">没有找到符合条件的信息。</p>
      ) : p.bulk && p.bulk.ids.length > 0 ? (
        <BulkForm csrf={p.csrf} agencyId={p.agency.id} bulk={p.bulk}>
          {table}
        </BulkForm>
      ) : (
        table
      )}
      <Pager
        agencyId={p.agency.id}
        queue={p.current}
        filter={p.filter}
        page={p.page}
        pageSize={p.pageSize}
        total={p.total}
      />
      {p.standIn ? <StandInSection csrf={p.csrf} agencyId={p.agency.id} standIn={p.standIn} /> : null}
    </section>
  );
}
