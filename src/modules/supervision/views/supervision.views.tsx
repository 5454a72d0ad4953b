/** Back-office pages of 督办/意见. Pure components: plain data in, markup out. */
import type { FieldError } from '../../../platform/errors.js';
import { formatChineseDate, type LegalDate, toDayNumber } from '../../../platform/legal-date.js';
import {
  Csrf,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
  type Values,
} from '../../../platform/views/form.js';
import { Notices } from '../../../platform/views/notices.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import {
  isOverdue,
  LIMITS,
  NOTE_KIND_LABELS,
  NOTE_KINDS,
  NOTE_STATUS_LABELS,
  NOTE_STATUSES,
  type NoteView,
} from '../supervision.js';

type Option = { value: string; label: string };
type Named = { id: string; name: string };

export interface FormState {
  values: Values;
  errors: FieldError[];
}

/** What to tell the user after a redirect (`?done=`): fixed texts, never echoed input. */
export const DONE_MESSAGES: Record<string, string> = {
  posted: '已发出。被督办单位的单位管理员和公开办负责人可以在“督办”页面查看并答复。',
  answered: '已答复，等待主管部门办结。',
  closed: '已办结。',
};

function beijing(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

/** 办理期限 with what it means today: days left, or days overdue while unanswered. */
export function dueText(note: Pick<NoteView, 'dueOn' | 'status'>, today: LegalDate): string {
  if (!note.dueOn) return '未设期限';
  const date = formatChineseDate(note.dueOn);
  if (note.status !== 'open') return date;
  const days = toDayNumber(note.dueOn) - toDayNumber(today);
  if (days < 0) return `${date}（已逾期${-days}天）`;
  if (days === 0) return `${date}（今日到期）`;
  return `${date}（剩余${days}天）`;
}

function StatusText({ note, today }: { note: NoteView; today: LegalDate }) {
  return (
    <>
      {NOTE_STATUS_LABELS[note.status]}
      {isOverdue(note, today) ? <strong class="tag">逾期</strong> : null}
    </>
  );
}

/** Multi-line text as paragraphs (Preact escapes every line). */
function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split(/\r?\n/).map((line, i) => (
        <p key={i}>{line}</p>
      ))}
    </>
  );
}

export interface ListFilter {
  status: string;
  overdue: boolean;
  agencyId: string;
}

function FilterForm({ filter, agencies }: { filter: ListFilter; agencies: Named[] | null }) {
  return (
    <form method="get" action="/admin/supervision" class="stack" aria-label="筛选">
      {agencies ? (
        <div class="field">
          <label for="q-agencyId">被督办单位</label>
          <select id="q-agencyId" name="agencyId">
            <option value="">全部</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id} selected={a.id === filter.agencyId}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for="q-status">状态</label>
        <select id="q-status" name="status">
          <option value="">全部</option>
          {NOTE_STATUSES.map((s) => (
            <option key={s} value={s} selected={s === filter.status}>
              {NOTE_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div class="field checks">
        <label>
          <input type="checkbox" name="overdue" value="1" checked={filter.overdue} /> 只看逾期未答复的
        </label>
      </div>
      <button type="submit" class="secondary">
        筛选
      </button>
    </form>
  );
}

function NotesTable({ rows, today, overseer }: { rows: NoteView[]; today: LegalDate; overseer: boolean }) {
  if (rows.length === 0) return <p class="muted">没有符合条件的意见或督办。</p>;
  return (
    <TableWrap label="意见和督办列表">
      <table>
        <thead>
          <tr>
            <th scope="col">主题</th>
            <th scope="col">类型</th>
            <th scope="col">{overseer ? '被督办单位' : '发出单位'}</th>
            <th scope="col">发出时间</th>
            <th scope="col">办理期限</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((n) => (
            <tr key={n.id}>
              <th scope="row">
                <a href={`/admin/supervision/notes/${n.id}`}>{n.subject}</a>
              </th>
              <td>{NOTE_KIND_LABELS[n.kind]}</td>
              <td>{overseer ? n.agencyName : n.authorAgencyName}</td>
              <td>{beijing(n.createdAt)}</td>
              <td>{dueText(n, today)}</td>
              <td>
                <StatusText note={n} today={today} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function PostForm({ csrf, agencies, form }: { csrf: string; agencies: Named[]; form: FormState }) {
  const f = { values: form.values, errors: form.errors };
  const choose: Option = { value: '', label: '请选择' };
  const agencyOptions = [choose, ...agencies.map((a) => ({ value: a.id, label: a.name }))];
  const kinds = [choose, ...NOTE_KINDS.map((k) => ({ value: k, label: NOTE_KIND_LABELS[k] }))];
  return (
    <section aria-labelledby="post-title">
      <h2 id="post-title">发出意见或督办</h2>
      <ErrorSummary errors={form.errors} />
      <form method="post" action="/admin/supervision/notes" class="stack" novalidate>
        <Csrf token={csrf} />
        <SelectField name="agencyId" label="被督办单位" {...f} required options={agencyOptions} />
        <SelectField
          name="kind"
          label="类型"
          {...f}
          required
          options={kinds}
          hint="意见：提出工作意见，可不设期限；督办：要求在办理期限前答复"
        />
        <TextField name="subject" label="主题" {...f} required hint={`${LIMITS.subject}字以内`} />
        <TextArea name="body" label="内容" {...f} required rows={6} hint={`${LIMITS.body}字以内`} />
        <TextField
          name="dueOn"
          label="办理期限"
          type="date"
          {...f}
          hint="督办必填，须晚于今天，格式如 2026-03-31；被督办单位须在此日期前答复"
        />
        <button type="submit">发出</button>
      </form>
    </section>
  );
}

export interface ListPageProps {
  csrf: string;
  /** A supervisor or the platform admin sees its whole scope; agency staff the notes addressed to them. */
  overseer: boolean;
  rows: NoteView[];
  today: LegalDate;
  filter: ListFilter;
  filterAgencies: Named[] | null;
  /** The post form, for supervisors only. */
  post: { agencies: Named[]; form: FormState } | null;
  /** Open notes waiting for the viewer's answer (it is its agency's agencyAdmin or officeHead). */
  waiting: number;
  message?: string | undefined;
  notice?: string | undefined;
}

export function SupervisionListPage(p: ListPageProps) {
  return (
    <section>
      <h1>督办</h1>
      <Notices message={p.message} notice={p.notice} />
      <p class="muted">
        {p.overseer
          ? '主管部门对督导范围内单位发出的意见和督办。主管部门只提意见、督办，不修改被督办单位的数据。'
          : '主管部门（政务公开办）对本单位发出的意见和督办。单位管理员和公开办负责人可以打开事项进行答复。'}
      </p>
      {p.waiting > 0 ? (
        <div class="notice warn" role="status">
          本单位有{p.waiting}项意见或督办待答复，请打开事项填写答复。
        </div>
      ) : null}
      <FilterForm filter={p.filter} agencies={p.filterAgencies} />
      <NotesTable rows={p.rows} today={p.today} overseer={p.overseer} />
      {p.post ? <PostForm csrf={p.csrf} agencies={p.post.agencies} form={p.post.form} /> : null}
    </section>
  );
}

export interface DetailPageProps {
  csrf: string;
  note: NoteView;
  today: LegalDate;
  /** For the agency's agencyAdmin/officeHead while the note is open: why not, or the form. */
  answer: { blockers: string[]; form: FormState } | null;
  /** For a supervisor who may close it, until it is closed: why not, or the form. */
  close: { blockers: string[]; needsReason: boolean; form: FormState } | null;
  message?: string | undefined;
  notice?: string | undefined;
}

function Blockers({ list }: { list: string[] }) {
  return (
    <ul class="muted">
      {list.map((b) => (
        <li key={b}>{b}</li>
      ))}
    </ul>
  );
}

export function NoteDetailPage(p: DetailPageProps) {
  const n = p.note;
  return (
    <section>
      <p>
        <a href="/admin/supervision">返回督办列表</a>
      </p>
      <h1>
        {NOTE_KIND_LABELS[n.kind]}：{n.subject}
      </h1>
      <Notices message={p.message} notice={p.notice} />
      <TableWrap label="事项信息">
        <table>
          <tbody>
            <tr>
              <th scope="row">被督办单位</th>
              <td>{n.agencyName}</td>
            </tr>
            <tr>
              <th scope="row">发出</th>
              <td>
                {n.authorAgencyName} {n.authorName}，{beijing(n.createdAt)}
              </td>
            </tr>
            <tr>
              <th scope="row">办理期限</th>
              <td>{dueText(n, p.today)}</td>
            </tr>
            <tr>
              <th scope="row">状态</th>
              <td>
                <StatusText note={n} today={p.today} />
              </td>
            </tr>
          </tbody>
        </table>
      </TableWrap>
      <h2>内容</h2>
      <Paragraphs text={n.body} />
      {n.answer !== null ? (
        <>
          <h2>答复</h2>
          <p class="muted">
            {n.answererName ?? ''}
            {n.answeredAt ? `，${beijing(n.answeredAt)}` : ''}
          </p>
          <Paragraphs text={n.answer} />
        </>
      ) : null}
      {n.status === 'closed' ? (
        <>
          <h2>办结</h2>
          <p class="muted">
            {n.closerName ?? ''}
            {n.closedAt ? `，${beijing(n.closedAt)}` : ''}
          </p>
          {n.closeReason ? <Paragraphs text={n.closeReason} /> : null}
        </>
      ) : null}
      {p.answer && n.status === 'open' ? (
        <section aria-labelledby="answer-title">
          <h2 id="answer-title">填写答复</h2>
          {p.answer.blockers.length > 0 ? (
            <Blockers list={p.answer.blockers} />
          ) : (
            <>
              <ErrorSummary errors={p.answer.form.errors} />
              <form method="post" action={`/admin/supervision/notes/${n.id}/answer`} class="stack" novalidate>
                <Csrf token={p.csrf} />
                <TextArea
                  name="answer"
                  label="答复内容"
                  values={p.answer.form.values}
                  errors={p.answer.form.errors}
                  required
                  rows={6}
                  hint={`${LIMITS.answer}字以内，答复后由主管部门办结`}
                />
                <button type="submit">提交答复</button>
              </form>
            </>
          )}
        </section>
      ) : null}
      {p.close && n.status !== 'closed' ? (
        <section aria-labelledby="close-title">
          <h2 id="close-title">办结此事项</h2>
          {p.close.blockers.length > 0 ? (
            <Blockers list={p.close.blockers} />
          ) : (
            <>
              <ErrorSummary errors={p.close.form.errors} />
              <form method="post" action={`/admin/supervision/notes/${n.id}/close`} class="stack" novalidate>
                <Csrf token={p.csrf} />
                <TextArea
                  name="reason"
                  label="办结说明"
                  values={p.close.form.values}
                  errors={p.close.form.errors}
                  required={p.close.needsReason}
                  rows={3}
                  hint={
                    p.close.needsReason ? '该事项尚未答复，办结须说明理由' : `可选，${LIMITS.reason}字以内`
                  }
                />
                <button type="submit">办结</button>
              </form>
            </>
          )}
        </section>
      ) : null}
    </section>
  );
}
