/**
 * The 办理 section of the case page: one form per action the person may take now; a disabled button with
 * the policy's Chinese reasons next to it where they may not; the actions the case's state does not offer
 * listed apart with their reasons. Field names carry the form's path as prefix (`reply-outcome`), so each
 * field has its own id and a failed form re-renders with its values and messages.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../../platform/errors.js';
import {
  CheckboxGroup,
  Csrf,
  SelectField,
  TextArea,
  TextField,
  type Values,
} from '../../../../platform/views/form.js';
import { chineseDate } from '../../../publications/admin/format.js';
import { RadioGroup, Reasons, str } from '../../../publications/admin/views/shared.views.js';
import {
  STATE_LABELS as PUBLICATION_STATE_LABELS,
  type PublicationState,
} from '../../../publications/workflow.js';
import { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS } from '../../applications.js';
import type { ActionAvailability } from '../../applications.policy.js';
import { OUTCOME_GROUP_LABELS, OUTCOMES, type OutcomeGroup, outcomeFullLabel } from '../../codes.js';
import { PROACTIVE_GROUNDS, TO_PROACTIVE_LABEL } from '../../intake/publish-from-case.js';
import { formatLegalRefs } from '../../legal-refs.js';
import { DELIVERY_CHANNELS, letterLabel } from '../../letters.js';
import { ACTION_LABELS, REPLY_OUTCOMES } from '../../workflow.js';
import { CASE_ACTIONS, type CasePageAction } from '../actions.js';
import { caseUrl } from '../admin-helpers.js';
import type { CaseView } from '../case-page.js';

type F = { values: Values; errors: FieldError[] };

const DATE_HINT = '不填则为今天。';

function date(name: string, label: string, f: F, hint = DATE_HINT, required = false) {
  return <TextField name={name} label={label} type="date" hint={hint} required={required} {...f} />;
}

/** The reply outcomes grouped as in 表三 (codes.ts), each with its default legal basis in the hint table. */
function OutcomeSelect(p: { name: string; f: F }) {
  const current = str(p.f.values[p.name]);
  const err = p.f.errors.find((e) => e.field === p.name)?.message;
  const groups = [...new Set(OUTCOMES.map((o) => o.group))] as OutcomeGroup[];
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={`f-${p.name}`}>
        办理结果<span aria-hidden="true">（必填）</span>
      </label>
      {err ? (
        <p class="error" id={`e-${p.name}`}>
          {err}
        </p>
      ) : null}
      <select
        id={`f-${p.name}`}
        name={p.name}
        required
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `e-${p.name}` : undefined}
      >
        <option value="">请选择</option>
        {groups.map((g) => {
          const list = OUTCOMES.filter((o) => o.group === g && REPLY_OUTCOMES.includes(o.code));
          if (list.length === 0) return null;
          return (
            <optgroup key={g} label={OUTCOME_GROUP_LABELS[g]}>
              {list.map((o) => (
                <option key={o.code} value={o.code} selected={o.code === current}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </div>
  );
}

/**
 * Without script the reply form cannot refill its legal basis when another outcome is picked: this small GET
 * form reloads the page with the outcome chosen and its default basis in the reply form.
 */
function OutcomePicker({ view, values }: { view: CaseView; values: Values }) {
  return (
    <form method="get" action={`${caseUrl(view.case.id)}#act-reply`} class="stack">
      <h3>按办理结果带出法律依据</h3>
      <OutcomeSelect
        name="replyOutcome"
        f={{ values: { replyOutcome: values['reply-outcome'] }, errors: [] }}
      />
      <button type="submit" class="secondary">
        带出法律依据
      </button>
    </form>
  );
}

function BasisTable() {
  return (
    <details>
      <summary>各办理结果的默认法律依据</summary>
      <ul>
        {OUTCOMES.filter((o) => REPLY_OUTCOMES.includes(o.code)).map((o) => (
          <li key={o.code}>
            {outcomeFullLabel(o.code)}：{formatLegalRefs(o.basis) || '（无默认依据，须填写）'}
          </li>
        ))}
      </ul>
    </details>
  );
}

function FileInput(p: { name: string; label: string; f: F }) {
  const err = p.f.errors.find((e) => e.field === p.name)?.message;
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={`f-${p.name}`}>{p.label}</label>
      {err ? (
        <p class="error" id={`e-${p.name}`}>
          {err}
        </p>
      ) : null}
      <input
        type="file"
        id={`f-${p.name}`}
        name={p.name}
        accept=".pdf,.jpg,.jpeg,.png,.doc,.docx"
        aria-invalid={err ? 'true' : undefined}
        aria-describedby={err ? `e-${p.name}` : undefined}
      />
    </div>
  );
}

function fieldsOf(path: string, view: CaseView, f: F): ComponentChildren {
  const c = view.case;
  const facts = view.lc.facts;
  const n = (field: string) => `${path}-${field}`;
  switch (path) {
    case 'confirm':
      return (
        <>
          <p class="hint">与申请人确认收到申请之日为收到申请之日（第三十一条），答复期限自该日起计算。</p>
          {date(n('confirmedOn'), '确认日期', f)}
          <TextArea name={n('note')} label="确认情况说明（可选）" rows={2} {...f} />
        </>
      );
    case 'claim':
      return <p class="hint">由您承办本申请。</p>;
    case 'assign':
      return (
        <>
          <SelectField
            name={n('handlerId')}
            label="承办人"
            required
            {...f}
            options={[
              { value: '', label: '请选择' },
              ...view.handlers.map((h) => ({ value: h.id, label: h.label })),
            ]}
          />
          <TextArea name={n('note')} label="分办意见（可选）" rows={2} {...f} />
        </>
      );
    case 'correction':
      return (
        <>
          <TextArea
            name={n('items')}
            label="需要补正的事项"
            hint="一行一项，一次性告知全部需要补正的事项（第三十条）。"
            rows={4}
            required
            {...f}
          />
          {date(n('sentOn'), '告知日期', f)}
          {date(
            n('deadline'),
            '补正期限',
            f,
            `不填则为告知之日后第${view.correctionPeriodWorkdays}个工作日（本单位设置）。`,
          )}
          <TextArea
            name={n('stillUnclearReason')}
            label="补正后仍不明确的情况"
            hint="仅在已告知过补正、补正后申请内容仍不明确时填写。"
            rows={2}
            {...f}
          />
        </>
      );
    case 'correction-received':
      return (
        <>
          {date(n('receivedOn'), '收到补正的日期', f)}
          <TextArea
            name={n('lateReason')}
            label="逾期补正的正当理由"
            hint="超过补正期限才收到补正的，须说明正当理由。"
            rows={2}
            {...f}
          />
          <TextArea name={n('note')} label="补正情况说明（可选）" rows={2} {...f} />
          <FileInput name={n('file')} label="补正材料（可选；PDF、JPEG、PNG、Word，不超过10 MB）" f={f} />
        </>
      );
    case 'consultation':
      return (
        <>
          <RadioGroup
            name={n('addresseeKind')}
            legend="被征求意见方"
            value={str(f.values[n('addresseeKind')])}
            error={f.errors.find((e) => e.field === n('addresseeKind'))?.message}
            options={[
              { value: 'thirdParty', label: '第三方（第三十二条）' },
              { value: 'agency', label: '其他行政机关（共同制作或需确认，第三十三条第三款、第三十四条）' },
            ]}
          />
          <TextField name={n('addresseeName')} label="被征求意见方名称" required {...f} />
          {date(n('sentOn'), '发函日期', f)}
          {facts.consultations.length > 0 ? (
            <CheckboxGroup
              name={n('notifyApplicant')}
              label="告知申请人"
              {...f}
              options={[{ value: 'on', label: '再次向申请人发出征求意见告知书' }]}
            />
          ) : (
            <p class="hint">
              首次征求意见时，同时生成征求意见告知书，告知申请人征求意见的时间不计入答复期限。
            </p>
          )}
        </>
      );
    case 'consultation-reached':
    case 'consultation-answer': {
      const reached = path === 'consultation-reached';
      const open = facts.consultations.filter((x) => (reached ? !x.reachedOn : !x.answeredOn));
      return (
        <>
          <SelectField
            name={n('consultationId')}
            label="征求意见函"
            required
            {...f}
            options={[
              { value: '', label: '请选择' },
              ...open.map((x) => ({
                value: x.id,
                label: `${x.addresseeName}（${chineseDate(x.sentOn)}发出）`,
              })),
            ]}
          />
          {reached ? (
            date(n('reachedOn'), '送达日期', f)
          ) : (
            <>
              {date(n('answeredOn'), '收到意见的日期', f)}
              <TextArea name={n('summary')} label="意见摘要" rows={3} required {...f} />
            </>
          )}
        </>
      );
    }
    case 'extension':
      return (
        <>
          <TextField
            name={n('workdays')}
            label="延长的工作日数"
            type="number"
            hint="最长20个工作日，每件申请只能延长一次，须在答复期限届满前告知申请人（第三十三条第二款）。"
            required
            {...f}
          />
          {date(n('approvedOn'), '公开办负责人同意日期', f)}
          {date(n('notifiedOn'), '告知申请人日期', f)}
          <TextArea name={n('reason')} label="延期理由" rows={2} required {...f} />
        </>
      );
    case 'fee': {
      const pi = view.feePreview.perItem;
      const pp = view.feePreview.perPage;
      return (
        <>
          <div class="notice">
            <p>
              按件计收：
              {pi
                ? pi.ok
                  ? `${pi.amount}元。${pi.explanation.join('')}`
                  : pi.message
                : '收到申请之日确定后计算。'}
            </p>
            {pp ? (
              <p>
                按量计收（{view.feePreview.pages}页）：
                {pp.ok ? `${pp.amount}元。${pp.explanation.join('')}` : pp.message}
              </p>
            ) : null}
          </div>
          <RadioGroup
            name={n('mode')}
            legend="计收方式（按件或按量，只能选一种）"
            value={str(f.values[n('mode')])}
            error={f.errors.find((e) => e.field === n('mode'))?.message}
            options={[
              { value: 'perItem', label: '按件计收' },
              { value: 'perPage', label: '按量计收' },
            ]}
          />
          <TextField
            name={n('items')}
            label="本申请计收件数（按件）"
            type="number"
            hint={`不填则为${c.items}件；按量计收时不填。`}
            {...f}
          />
          <TextField name={n('pages')} label="页数（按量）" type="number" hint="按件计收时不填。" {...f} />
          {date(n('sentOn'), '收费通知发出日期', f)}
        </>
      );
    }
    case 'fee-received':
      return date(n('receivedOn'), '申请人收到收费通知的日期', f);
    case 'payment':
      return (
        <>
          {date(n('paidOn'), '缴费日期', f)}
          <TextField name={n('paymentCode')} label="缴款码" required {...f} />
          <TextField name={n('receiptNo')} label="票据号" required {...f} />
        </>
      );
    case 'refund':
      return (
        <>
          <TextField name={n('amount')} label="退费金额（元）" type="number" required {...f} />
          {date(n('refundedOn'), '退费日期', f)}
          <TextArea name={n('reason')} label="退费原因" rows={2} required {...f} />
        </>
      );
    case 'reply':
      return (
        <>
          <OutcomeSelect name={n('outcome')} f={f} />
          <TextArea
            name={n('legalBasis')}
            label="法律依据"
            hint="已按所选办理结果带出默认依据，可修改；留空则采用所选办理结果的默认依据。"
            rows={2}
            {...f}
          />
          <BasisTable />
          <TextArea name={n('text')} label="答复内容（理由、获取方式等）" rows={6} required {...f} />
        </>
      );
    case 'not-ours':
      return (
        <>
          <p class="hint">
            答复申请人本机关不负责公开该信息，告知负责公开的机关名称和联系方式（第三十六条第（五）项）；负责机关在本平台的，审签发出后可以转送。
          </p>
          <SelectField
            name={n('otherAgencyId')}
            label="负责公开的机关（在本平台的）"
            {...f}
            options={[
              { value: '', label: '不在本平台（在下面填写名称）' },
              ...view.otherAgencies.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <TextField name={n('otherAgencyName')} label="负责公开的机关名称（不在本平台的）" {...f} />
          <TextField name={n('otherAgencyContact')} label="负责公开的机关联系方式" required {...f} />
          <TextArea name={n('text')} label="答复内容" rows={4} required {...f} />
          <TextArea
            name={n('legalBasis')}
            label="法律依据"
            hint="留空则为《政府信息公开条例》第三十六条第（五）项。"
            rows={2}
            {...f}
          />
        </>
      );
    case 'forward':
      return (
        <>
          <p class="hint">
            在负责公开的机关新建一件申请（待该机关确认收到），本申请保持不变；新申请的编号和查询码只显示一次，请告知申请人。
          </p>
          <TextArea name={n('note')} label="转送说明（可选）" rows={2} {...f} />
        </>
      );
    case 'return':
      return <TextArea name={n('comment')} label="退回意见" rows={2} required {...f} />;
    case 'approve':
      return <TextArea name={n('comment')} label="审签意见（可选）" rows={2} {...f} />;
    case 'send':
      return date(n('sentOn'), '答复日期', f);
    case 'delivery': {
      const open = view.letters.filter((l) => l.status === 'sent' && !l.deliveredOn);
      return (
        <>
          <SelectField
            name={n('letterId')}
            label="文书"
            required
            {...f}
            options={[
              { value: '', label: '请选择' },
              ...open.map((l) => ({
                value: l.id,
                label: `${letterLabel(l)}${l.number ? ` ${l.number}` : ''}（${chineseDate(l.sentOn)}发出）`,
              })),
            ]}
          />
          {date(n('deliveredOn'), '送达日期', f)}
          <SelectField
            name={n('channel')}
            label="送达方式"
            required
            {...f}
            options={[
              { value: '', label: '请选择' },
              ...Object.entries(DELIVERY_CHANNELS).map(([value, label]) => ({ value, label })),
            ]}
          />
          <TextField
            name={n('proof')}
            label="送达凭证"
            hint="如EMS单号、电子邮件发送记录、传真回执、网上下载时间；邮寄、快递、电子邮件、传真和网上下载必填。"
            {...f}
          />
        </>
      );
    }
    case 'archive':
      return <TextArea name={n('note')} label="归档说明（可选）" rows={2} {...f} />;
    case 'withdraw':
      return (
        <>
          <p class="hint">申请人以书面或口头方式向本机关撤回申请的，由工作人员代为登记。</p>
          {date(n('withdrawnOn'), '撤回日期', f)}
          <TextArea
            name={n('reason')}
            label="撤回情况说明"
            hint="如申请人来函撤回、电话撤回的记录。"
            rows={2}
            required
            {...f}
          />
        </>
      );
    case 'redo': {
      const decided = facts.appeals.filter((a) => a.result === 'corrected' && a.decidedOn);
      return (
        <>
          <SelectField
            name={n('appealId')}
            label="复议决定或判决"
            required
            {...f}
            options={[
              { value: '', label: '请选择' },
              ...decided.map((a) => ({
                value: a.id,
                label: `${APPEAL_KIND_LABELS[a.kind]}：${a.bodyName}（${chineseDate(a.decidedOn)}审结）`,
              })),
            ]}
          />
          {date(n('dueOn'), '重新答复期限', f, '复议决定或判决规定的期限。')}
          <TextArea name={n('note')} label="说明（可选）" rows={2} {...f} />
        </>
      );
    }
    case 'appeal':
      return (
        <>
          <SelectField
            name={n('appealId')}
            label="记录"
            hint="登记新的复议或诉讼，或选择已有记录更新其结果。"
            {...f}
            options={[
              { value: '', label: '新登记' },
              ...facts.appeals.map((a) => ({
                value: a.id,
                label: `更新：${APPEAL_KIND_LABELS[a.kind]} ${a.bodyName}（${chineseDate(a.filedOn)}）`,
              })),
            ]}
          />
          <RadioGroup
            name={n('kind')}
            legend="类别"
            value={str(f.values[n('kind')])}
            error={f.errors.find((e) => e.field === n('kind'))?.message}
            options={Object.entries(APPEAL_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <CheckboxGroup
            name={n('afterReconsideration')}
            label="行政诉讼"
            {...f}
            options={[{ value: 'on', label: '经行政复议后起诉' }]}
          />
          <TextField name={n('bodyName')} label="复议机关或受理法院" required {...f} />
          <TextField name={n('caseNo')} label="案号（可选）" {...f} />
          {date(n('filedOn'), '申请复议或起诉日期', f, '', true)}
          {date(n('decidedOn'), '审结日期', f, '尚未审结的不填。')}
          <SelectField
            name={n('result')}
            label="结果"
            required
            {...f}
            options={[
              { value: '', label: '请选择' },
              ...Object.entries(APPEAL_RESULT_LABELS).map(([value, label]) => ({ value, label })),
            ]}
          />
          <TextArea name={n('note')} label="备注（可选）" rows={2} {...f} />
        </>
      );
    default:
      return null;
  }
}

interface Combined {
  def: CasePageAction;
  label: string;
  allowed: boolean;
  reasons: string[];
  /** Refused only because of the case's state (listed apart). */
  stateOnly: boolean;
}

function combine(def: CasePageAction, view: CaseView): Combined | null {
  const list = def.actions
    .map((a) => view.actions.get(a))
    .filter((x): x is ActionAvailability => x !== undefined);
  if (list.length === 0) return null;
  const ok = list.find((a) => a.allowed);
  const first = list[0]!;
  const label = def.path === 'delivery' ? '登记文书送达' : ACTION_LABELS[first.action];
  if (ok) return { def, label, allowed: true, reasons: [], stateOnly: false };
  const reasons = [...new Set(list.flatMap((a) => a.reasons))];
  const stateOnly = list.every((a) => a.reasons.length === 1 && a.reasons[0]!.startsWith('当前状态为'));
  return { def, label, allowed: false, reasons, stateOnly };
}

function Disabled({ a }: { a: Combined }) {
  return (
    <>
      <button type="button" class="secondary" disabled aria-describedby={`why-${a.def.path}`}>
        {a.label}
      </button>
      <Reasons id={`why-${a.def.path}`} reasons={a.reasons} />
    </>
  );
}

function DraftSummary({ view }: { view: CaseView }) {
  const r = view.lc.facts.reply;
  if (!r) return null;
  const text = typeof r.content.text === 'string' ? r.content.text : '';
  return (
    <div class="card" data-reply-draft="">
      <h3>当前答复稿（{r.status === 'draft' ? '待审签' : '已审签待发出'}）</h3>
      <dl>
        <dt>办理结果</dt>
        <dd>{r.outcome ? outcomeFullLabel(r.outcome) : '—'}</dd>
        <dt>法律依据</dt>
        <dd>{r.legalBasis ?? '—'}</dd>
        <dt>答复内容</dt>
        <dd>{text}</dd>
        <dt>拟稿人</dt>
        <dd>{(r.draftedBy && view.names[r.draftedBy]) || '—'}</dd>
        {r.number ? (
          <>
            <dt>文号</dt>
            <dd>{r.number}</dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}

/** 转为主动公开 (第四十四条): a draft publication from the disclosed reply, through intake/publish-from-case.ts. */
function ToProactive(p: { csrf: string; view: CaseView; f: F }) {
  const tp = p.view.toProactive;
  const n = (field: string) => `to-proactive-${field}`;
  return (
    <div class="card" id="act-to-proactive">
      <h3>{TO_PROACTIVE_LABEL}</h3>
      {tp.publications.length > 0 ? (
        <ul>
          {tp.publications.map((x) => (
            <li key={x.id}>
              <a href={`/admin/publications/${encodeURIComponent(x.id)}`}>{x.title || '（未填写标题）'}</a>（
              {PUBLICATION_STATE_LABELS[x.state as PublicationState] ?? x.state}；{x.ground}）
            </li>
          ))}
        </ul>
      ) : null}
      {tp.reasons.length === 0 ? (
        <form method="post" action={`${caseUrl(p.view.case.id)}/to-proactive`}>
          <Csrf token={p.csrf} />
          <p class="hint">
            根据答复公开的信息新建主动公开草稿，经初审、保密审查和审签后发布；草稿只带出信息名称和文号，不含申请人信息。
          </p>
          <RadioGroup
            name={n('ground')}
            legend="理由"
            value={str(p.f.values[n('ground')])}
            error={p.f.errors.find((e) => e.field === n('ground'))?.message}
            options={Object.entries(PROACTIVE_GROUNDS).map(([value, label]) => ({ value, label }))}
          />
          <TextField
            name={n('title')}
            label="标题"
            hint={`不填则为所需信息的名称${p.view.case.info.title ? `“${p.view.case.info.title}”` : ''}。`}
            {...p.f}
          />
          <TextArea name={n('note')} label="说明（可选）" rows={2} {...p.f} />
          <button type="submit">{TO_PROACTIVE_LABEL}</button>
        </form>
      ) : (
        <>
          <button type="button" class="secondary" disabled aria-describedby="why-to-proactive">
            {TO_PROACTIVE_LABEL}
          </button>
          <Reasons id="why-to-proactive" reasons={tp.reasons} />
        </>
      )}
    </div>
  );
}

export function ActionsSection(p: { csrf: string; view: CaseView; values: Values; errors: FieldError[] }) {
  const f = { values: p.values, errors: p.errors };
  const all = CASE_ACTIONS.map((d) => combine(d, p.view)).filter((x): x is Combined => x !== null);
  const now = all.filter((a) => a.allowed || !a.stateOnly);
  const other = all.filter((a) => !a.allowed && a.stateOnly);
  const id = p.view.case.id;
  return (
    <section aria-labelledby="h-actions">
      <h2 id="h-actions">办理</h2>
      <DraftSummary view={p.view} />
      {now.length === 0 ? (
        <p class="muted">当前状态下没有可办理的操作。</p>
      ) : (
        <ul class="cards">
          {now.map((a) => (
            <li key={a.def.path} class="card" id={`act-${a.def.path}`}>
              {a.allowed ? (
                <form
                  method="post"
                  action={`${caseUrl(id)}/${a.def.path}`}
                  enctype={a.def.files ? 'multipart/form-data' : undefined}
                >
                  <Csrf token={p.csrf} />
                  <h3>{a.label}</h3>
                  {fieldsOf(a.def.path, p.view, f)}
                  <button type="submit">{a.label}</button>
                </form>
              ) : (
                <Disabled a={a} />
              )}
            </li>
          ))}
        </ul>
      )}
      {p.view.actions.get('draftReply')?.allowed ? <OutcomePicker view={p.view} values={p.values} /> : null}
      {p.view.actions.get('sendFeeNotice')?.allowed ? (
        <form method="get" action={`${caseUrl(id)}#act-fee`} class="stack">
          <TextField
            name="feePages"
            label="按量试算：页数"
            type="number"
            hint="输入页数，试算按量计收的金额（不发出通知）。"
            values={{ feePages: p.view.feePreview.pages ? String(p.view.feePreview.pages) : '' }}
            errors={[]}
          />
          <button type="submit" class="secondary">
            试算
          </button>
        </form>
      ) : null}
      <ToProactive csrf={p.csrf} view={p.view} f={f} />
      {other.length > 0 ? (
        <details>
          <summary>其他操作（当前状态不适用）及原因</summary>
          <ul>
            {other.map((a) => (
              <li key={a.def.path}>
                <Disabled a={a} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
