/** 三项清单: documents decided 依申请公开/不予公开, their 第十八条 re-review, and the review form. */
import type { FieldError } from '../../../../platform/errors.js';
import { type LegalDate, toDayNumber } from '../../../../platform/legal-date.js';
import { Csrf, ErrorSummary, TextArea, type Values } from '../../../../platform/views/form.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import { AgencyFilter, dateText, href, type Named, Notices } from './shared.views.js';

export interface RegisterItem {
  id: string;
  agencyName: string;
  title: string;
  docNo: string | null;
  attributeLabel: string;
  /** E6 属于四类过程性信息（第十六条第二款）. */
  groundLabel: string;
  reason: string;
  decidedOn: string | null;
  nextReviewOn: string | null;
  /** The viewer may re-review it (officeHead or signer of its agency). */
  actionable: boolean;
}

/** 逾期N天 / 今日到期 / 未到期, against China's date today. */
export function reviewStatus(nextReviewOn: string | null, today: LegalDate): { text: string; due: boolean } {
  if (!nextReviewOn) return { text: '—', due: false };
  const days = toDayNumber(today) - toDayNumber(nextReviewOn as LegalDate);
  if (days > 0) return { text: `逾期${days}天`, due: true };
  if (days === 0) return { text: '今日到期', due: true };
  return { text: '未到期', due: false };
}

export type RegisterFilter = 'due' | 'all';

export interface RegisterListProps {
  agency: Named | null;
  agencies: Named[] | null;
  filter: RegisterFilter;
  items: RegisterItem[];
  today: LegalDate;
  /** Someone who can only read (a supervisor of another agency, staff without the roles). */
  readOnlyNote: string | null;
  message?: string | undefined;
}

function FilterLinks({ agency, filter }: { agency: Named | null; filter: RegisterFilter }) {
  const link = (f: RegisterFilter, label: string) =>
    f === filter ? (
      <strong aria-current="page">{label}</strong>
    ) : (
      <a href={href('/admin/publications/register', { agencyId: agency?.id, filter: f })}>{label}</a>
    );
  return (
    <nav aria-label="筛选">
      <p>
        {link('due', '到期待复核')} · {link('all', '全部')}
      </p>
    </nav>
  );
}

export function RegisterListPage(p: RegisterListProps) {
  const showAgency = p.agency === null && (p.agencies?.length ?? 0) > 1;
  return (
    <section>
      <h1>{p.agency ? `${p.agency.name} · ` : ''}三项清单</h1>
      <Notices message={p.message} />
      <p class="muted">
        {'经审核确定为依申请公开或不予公开的政府信息，及其理由。' +
          '第十八条：应当定期评估审查，因情势变化可以公开的，应当予以公开。' +
          '到期复核时，维持不公开的须写明复核意见，下次复核日期随之顺延；' +
          '可以公开的转为主动公开，信息回到草稿，重新审核后发布。'}
      </p>
      {p.readOnlyNote ? <p class="notice">{p.readOnlyNote}</p> : null}
      {p.agencies && p.agencies.length > 1 ? (
        <AgencyFilter
          action="/admin/publications/register"
          agencies={p.agencies}
          selected={p.agency?.id ?? ''}
          hidden={{ filter: p.filter }}
        />
      ) : null}
      <FilterLinks agency={p.agency} filter={p.filter} />
      {p.items.length === 0 ? (
        <p class="muted">{p.filter === 'due' ? '没有到期待复核的事项。' : '三项清单中没有事项。'}</p>
      ) : (
        <TableWrap label="三项清单">
          <table>
            <caption>
              {p.filter === 'due' ? '到期待复核的事项' : '三项清单全部事项'}共{p.items.length}
              项，按下次复核日期排列
            </caption>
            <thead>
              <tr>
                {showAgency ? <th scope="col">单位</th> : null}
                <th scope="col">标题</th>
                <th scope="col">公开属性</th>
                <th scope="col">理由</th>
                <th scope="col">说明</th>
                <th scope="col">决定日期</th>
                <th scope="col">下次复核日期</th>
                <th scope="col">复核状态</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => {
                const status = reviewStatus(i.nextReviewOn, p.today);
                return (
                  <tr key={i.id}>
                    {showAgency ? <td>{i.agencyName}</td> : null}
                    <th scope="row">{i.title}</th>
                    <td>{i.attributeLabel}</td>
                    <td>{i.groundLabel}</td>
                    <td>{i.reason}</td>
                    <td>{dateText(i.decidedOn)}</td>
                    <td>{dateText(i.nextReviewOn)}</td>
                    <td>{status.due ? <strong class="tag">{status.text}</strong> : status.text}</td>
                    <td>
                      <a
                        href={`/admin/publications/register/${i.id}`}
                        aria-label={`${i.actionable ? '复核' : '查看'}：${i.title}`}
                      >
                        {i.actionable ? '复核' : '查看'}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

export interface ReviewEvent {
  at: string;
  actorLabel: string;
  actionLabel: string;
  comment: string | null;
}

export interface RegisterEntryProps {
  csrf: string;
  item: RegisterItem;
  stateLabel: string;
  /** Still in the register (state registered). */
  registered: boolean;
  today: LegalDate;
  events: ReviewEvent[];
  /** Why the viewer cannot re-review it now, in plain Chinese (empty: the form is shown). */
  reasons: string[];
  form: { values: Values; errors: FieldError[] };
  notice?: string | undefined;
}

const beijing = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

function ReviewForm({ csrf, id, form }: { csrf: string; id: string; form: RegisterEntryProps['form'] }) {
  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">复核（第十八条）</h2>
      <ErrorSummary errors={form.errors} />
      <form method="post" action={`/admin/publications/register/${id}/confirm`} class="stack" novalidate>
        <Csrf token={csrf} />
        <TextArea
          name="comment"
          label="复核意见"
          values={form.values}
          errors={form.errors}
          required
          rows={4}
          hint="写明评估理由，1000字以内：维持不公开的，说明不公开的理由仍然成立；转为主动公开的，说明哪些情况已经变化"
        />
        <p>
          <button type="submit">维持不公开（顺延下次复核日期）</button>{' '}
          <button type="submit" class="secondary" formaction={`/admin/publications/register/${id}/release`}>
            转为主动公开（回到草稿，重新审核后发布）
          </button>
        </p>
      </form>
    </section>
  );
}

export function RegisterEntryPage(p: RegisterEntryProps) {
  const i = p.item;
  const status = reviewStatus(i.nextReviewOn, p.today);
  return (
    <section>
      <p>
        <a href="/admin/publications/register">返回三项清单</a>
      </p>
      <h1>三项清单复核：{i.title}</h1>
      <Notices notice={p.notice} />
      <TableWrap label="事项信息">
        <table>
          <tbody>
            <tr>
              <th scope="row">单位</th>
              <td>{i.agencyName}</td>
            </tr>
            <tr>
              <th scope="row">文号</th>
              <td>{i.docNo ?? '—'}</td>
            </tr>
            <tr>
              <th scope="row">状态</th>
              <td>{p.stateLabel}</td>
            </tr>
            <tr>
              <th scope="row">公开属性</th>
              <td>{i.attributeLabel}</td>
            </tr>
            <tr>
              <th scope="row">理由</th>
              <td>{i.groundLabel}</td>
            </tr>
            <tr>
              <th scope="row">说明</th>
              <td>{i.reason}</td>
            </tr>
            <tr>
              <th scope="row">决定日期</th>
              <td>{dateText(i.decidedOn)}</td>
            </tr>
            <tr>
              <th scope="row">下次复核日期</th>
              <td>
                {dateText(i.nextReviewOn)}
                {status.due ? <strong class="tag">{status.text}</strong> : null}
              </td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <p>
        <a href={`/admin/publications/${i.id}`}>查看信息详情</a>
      </p>
      {!p.registered ? (
        <p class="notice">该信息已不在三项清单中（当前状态：{p.stateLabel}）。</p>
      ) : p.reasons.length > 0 ? (
        <section aria-labelledby="why-title">
          <h2 id="why-title">您不能复核此事项</h2>
          <ul class="muted">
            {p.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      ) : (
        <ReviewForm csrf={p.csrf} id={i.id} form={p.form} />
      )}
      <h2>登记和复核记录</h2>
      {p.events.length === 0 ? (
        <p class="muted">暂无记录。</p>
      ) : (
        <ul>
          {p.events.map((e) => (
            <li key={e.at + e.actionLabel}>
              {beijing(e.at)} {e.actorLabel}：{e.actionLabel}
              {e.comment ? `。意见：${e.comment}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
