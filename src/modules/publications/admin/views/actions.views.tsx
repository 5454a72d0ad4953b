/**
 * The 办理 section of the detail page: every action the item's state offers, as a form when the person
 * may take it, else a disabled button with the policy's reasons next to it; the actions the state does
 * not offer are listed apart with their reasons. Pure components.
 */
import type { ComponentChildren } from 'preact';
import type { FieldError } from '../../../../platform/errors.js';
import { Csrf, SelectField, TextArea, TextField, type Values } from '../../../../platform/views/form.js';
import type { ActionAvailability, PublicationAction } from '../../publications.policy.js';
import { VALIDITIES, VALIDITY_LABELS } from '../../vocabulary.js';
import { pathOf } from '../actions.js';
import { type DetailView, isRelevant } from '../detail-page.js';
import { Reasons } from './shared.views.js';

type F = { values: Values; errors: FieldError[] };

/** The fields of each action's form (names prefixed with the action's path). */
function fieldsOf(action: PublicationAction, f: F): ComponentChildren {
  const comment = (path: string, label: string, required = false) => (
    <TextArea name={`${path}-comment`} label={label} rows={2} required={required} {...f} />
  );
  switch (action) {
    case 'submit':
      return comment('submit', '提交说明（可选）');
    case 'approve':
      return comment('approve', '审核意见（可选）');
    case 'sendBack':
      return comment('send-back', '退回意见', true);
    case 'publish':
      return comment('publish', '审签意见（可选）');
    case 'schedule':
      return (
        <>
          <TextField
            name="schedule-scheduledAt"
            label="定时发布时间（北京时间）"
            type="datetime-local"
            hint="到时系统再次检查后自动发布；须晚于现在，最晚一年之内。"
            required
            {...f}
          />
          {comment('schedule', '审签意见（可选）')}
        </>
      );
    case 'unschedule':
      return comment('unschedule', '说明（可选）');
    case 'register':
      return comment('register', '审签意见（可选）');
    case 'amend':
      return (
        <>
          <TextField
            name="amend-formedOn"
            label="变更日期"
            type="date"
            hint="修订版本的20个工作日公开期限自变更日期起算（条例第二十六条）；索引号不变。"
            required
            {...f}
          />
          {comment('amend', '修订说明（可选）')}
        </>
      );
    case 'withdraw':
      return <TextArea name="withdraw-reason" label="撤回理由" rows={2} required {...f} />;
    case 'confirmRegistered':
      return comment('confirm-registered', '复核意见（说明仍不公开的理由）', true);
    case 'releaseRegistered':
      return comment('release-registered', '复核意见（说明可以公开的理由）', true);
    case 'setValidity':
      return (
        <>
          <SelectField
            name="validity-validity"
            label="有效性"
            {...f}
            options={VALIDITIES.map((v) => ({ value: v, label: VALIDITY_LABELS[v] }))}
          />
          <TextArea
            name="validity-note"
            label="有效性说明"
            hint="标为已修改、已废止或失效时必填，例如“被示民规〔2026〕1号废止”。"
            rows={2}
            {...f}
          />
        </>
      );
    default:
      return null;
  }
}

function ActionCard(p: { csrf: string; id: string; a: ActionAvailability; f: F }) {
  const { a } = p;
  if (!a.allowed)
    return (
      <li class="card">
        <button type="button" class="secondary" disabled aria-describedby={`why-${a.action}`}>
          {a.label}
        </button>
        <Reasons id={`why-${a.action}`} reasons={a.reasons} />
      </li>
    );
  if (a.action === 'edit')
    return (
      <li class="card">
        <a class="button" href={`/admin/publications/${p.id}/edit`}>
          编辑草稿
        </a>
        <p class="hint">修改标题、正文和元数据；附件在本页“附件”中上传和更换。</p>
      </li>
    );
  return (
    <li class="card">
      <form method="post" action={`/admin/publications/${p.id}/${pathOf(a.action)}`}>
        <Csrf token={p.csrf} />
        {fieldsOf(a.action, p.f)}
        <button type="submit">{a.label}</button>
      </form>
    </li>
  );
}

/** Handled in their own sections: findings (mask, override) and 政策解读 links. */
const ELSEWHERE: readonly PublicationAction[] = ['maskFindings', 'overrideFinding', 'linkInterpretation'];

export function ActionsSection(p: { csrf: string; view: DetailView; values: Values; errors: FieldError[] }) {
  const pub = p.view.detail.publication;
  const actions = p.view.detail.actions.filter((a) => !ELSEWHERE.includes(a.action));
  const now = actions.filter((a) => isRelevant(a, pub));
  const other = actions.filter((a) => !isRelevant(a, pub));
  const f = { values: p.values, errors: p.errors };
  return (
    <section aria-labelledby="h-actions">
      <h2 id="h-actions">办理</h2>
      {now.length === 0 ? (
        <p class="muted">当前状态下没有可办理的操作。</p>
      ) : (
        <ul class="cards">
          {now.map((a) => (
            <ActionCard key={a.action} csrf={p.csrf} id={pub.id} a={a} f={f} />
          ))}
        </ul>
      )}
      <p class="hint">一键脱敏和说明理由后忽略检查问题，见“检查结果”；政策解读的关联，见“政策解读”。</p>
      <details>
        <summary>其他操作（当前状态不适用）及原因</summary>
        <ul>
          {other.map((a) => (
            <li key={a.action}>
              <button type="button" class="secondary" disabled aria-describedby={`why-${a.action}`}>
                {a.label}
              </button>
              <Reasons id={`why-${a.action}`} reasons={a.reasons} />
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
