/** The disclosure settings form: 索引号 pattern with an example, sensitive words, contacts, review steps. */
import type { FieldError } from '../../../platform/errors.js';
import { Csrf, ErrorSummary, TextArea, TextField } from '../../../platform/views/form.js';
import { DEFAULT_INDEX_NO_PATTERN } from '../index-no.js';
import { MANDATORY_STEP, WORKFLOW_STEP_LABELS, WORKFLOW_STEPS } from '../settings.js';
import { type AgencyRef, CatalogTabs, type FormState, Notices, ReadOnlyNote } from './shared.views.js';

export interface SettingsPageProps {
  csrf: string;
  agency: AgencyRef;
  form: FormState;
  /** formatIndexNo of the pattern shown, or null when that pattern is invalid. */
  example: string | null;
  guideContacts: string[];
  canEdit: boolean;
  message?: string | undefined;
  notice?: string | undefined;
}

function StepsField({ values, errors }: { values: FormState['values']; errors: FieldError[] }) {
  const raw = values.workflowSteps;
  const chosen = new Set(Array.isArray(raw) ? raw : raw ? [raw] : []);
  const err = errors.find((e) => e.field === 'workflowSteps')?.message;
  return (
    <fieldset class={`field checks${err ? ' has-error' : ''}`} id="f-workflowSteps">
      <legend>主动公开审核环节</legend>
      {err ? <p class="error">{err}</p> : null}
      {WORKFLOW_STEPS.map((s) =>
        s === MANDATORY_STEP ? (
          <label key={s}>
            <input type="checkbox" checked disabled aria-describedby="h-secrecy" /> {WORKFLOW_STEP_LABELS[s]}
            <input type="hidden" name="workflowSteps" value={s} />
          </label>
        ) : (
          <label key={s}>
            <input type="checkbox" name="workflowSteps" value={s} checked={chosen.has(s)} />{' '}
            {WORKFLOW_STEP_LABELS[s]}
          </label>
        ),
      )}
      <p class="hint" id="h-secrecy">
        保密审查不能取消：条例第十七条要求行政机关建立健全政府信息公开审查机制，公开前依法进行审查。
      </p>
    </fieldset>
  );
}

export function SettingsPage(p: SettingsPageProps) {
  const f = { values: p.form.values, errors: p.form.errors };
  return (
    <section>
      <h1>{p.agency.name} · 公开设置</h1>
      <CatalogTabs agency={p.agency} current="settings" />
      <Notices message={p.message} notice={p.notice} />
      <ErrorSummary errors={p.form.errors} />
      <ReadOnlyNote canEdit={p.canEdit} />
      <form method="post" action={`/admin/catalog/${p.agency.id}/settings`} class="stack" novalidate>
        <Csrf token={p.csrf} />
        <fieldset disabled={!p.canEdit}>
          <TextField
            name="indexNoPattern"
            label="索引号规则"
            {...f}
            hint={`不填则使用平台默认规则 ${DEFAULT_INDEX_NO_PATTERN}。可用占位符：{code} 机构代码、{YYYY} 年份、{MM} 月份、{serial5} 5位流水号（3至8位）。流水号每年从1重新编号，因此必须包含 {YYYY}。`}
          />
          <p id="index-no-example">
            {p.example ? (
              <>
                示例（本年第12条信息）：<code>{p.example}</code>
              </>
            ) : (
              '索引号规则有误，无法生成示例。'
            )}
          </p>
          {p.canEdit ? (
            <button type="submit" name="action" value="preview" class="secondary">
              预览索引号
            </button>
          ) : null}
          <TextArea
            name="sensitiveWords"
            label="敏感词"
            {...f}
            rows={6}
            hint="每行一个。发布前检查信息中是否含有这些词语。"
          />
          <div class="field">
            <p>
              <strong>指南中的联系方式</strong>（自动作为公开联系方式，发布检查不视为个人信息）：
              {p.guideContacts.length > 0
                ? p.guideContacts.join('、')
                : '指南尚未填写联系电话、传真号码或电子邮箱'}
            </p>
          </div>
          <TextArea
            name="extraContacts"
            label="其他公开联系方式"
            {...f}
            rows={4}
            hint="每行一个，如业务科室的咨询电话、监督电话。"
          />
          <StepsField values={p.form.values} errors={p.form.errors} />
          <TextField
            name="withheldReviewMonths"
            label="不公开信息复核周期（月）"
            {...f}
            required
            inputmode="numeric"
            hint="条例第十八条：定期对不予公开的政府信息进行评估审查。1至36个月，默认12个月。"
          />
        </fieldset>
        {p.canEdit ? <button type="submit">保存设置</button> : null}
      </form>
    </section>
  );
}
