/**
 * One report (GET /admin/annual-reports/:reportId): state and deadline, the findings of the last check, the
 * submission, the computed 表二/三/四 (each counted cell links to what it counts), the entered 表二 figures,
 * the opening balance, and the narrative editor 一 to 六 with its warnings. Each form re-renders with what
 * was typed and the Chinese field messages when it fails.
 */
import type { FieldError } from '../../../../platform/errors.js';
import { Csrf, ErrorSummary, TextArea, TextField, type Values } from '../../../../platform/views/form.js';
import { Notices } from '../../../../platform/views/notices.js';
import { TableWrap } from '../../../../platform/views/table-wrap.js';
import { type CellValue, type Finding, SECTION_KEYS } from '../../checker/model.js';
import { printedTables, show } from '../layout.js';
import { CARRIED_LABELS, FIGURE_FIELDS, PENDING_FIELDS, sectionField } from '../report-input.js';
import type { ReportPageData } from '../report-page.js';
import { SECTION_TITLES } from '../reports.js';
import { cellUrl } from './urls.js';

export type ReportForm = 'figures' | 'narrative' | 'openingBalance' | 'submit';

export interface ReportPageProps {
  csrf: string;
  data: ReportPageData;
  /** The form that failed, what was typed in it, and why. */
  failed?: { form: ReportForm; values: Values; errors: FieldError[]; notice?: string } | undefined;
  message?: string | undefined;
}

const SEVERITY = { error: '错误', warning: '提示' } as const;

export function FindingsTable({ findings, caption }: { findings: Finding[]; caption: string }) {
  if (findings.length === 0) return <p>{caption}：无。</p>;
  return (
    <TableWrap label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">规则</th>
            <th scope="col">类别</th>
            <th scope="col">说明（含数字）</th>
            <th scope="col">单元格</th>
          </tr>
        </thead>
        <tbody>
          {findings.map((f, i) => (
            <tr key={`${f.rule}-${i}`}>
              <th scope="row">{f.rule}</th>
              <td>{SEVERITY[f.severity]}</td>
              <td>{f.message}</td>
              <td>{f.cells.join('、') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Cell({
  reportId,
  id,
  value,
  counted,
}: {
  reportId: string;
  id: string;
  value: CellValue;
  counted: boolean;
}) {
  const text = show(value);
  return (
    <td>
      {counted && typeof value === 'number' && value > 0 ? (
        <a href={cellUrl(reportId, id)} title={`${id}：查看计入的记录`}>
          {text}
        </a>
      ) : (
        text
      )}
    </td>
  );
}

function ComputedTables({ data }: { data: ReportPageData }) {
  const { computed, report } = data;
  return (
    <>
      {printedTables(computed.tables).map((t) => (
        <TableWrap key={t.title} label={t.title}>
          <table>
            <caption>{t.title}</caption>
            <thead>
              <tr>
                {t.header.map((h) => (
                  <th scope="col" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {t.rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  {r.cells.map((c) => (
                    <Cell
                      key={c.id}
                      reportId={report.id}
                      id={c.id}
                      value={c.value}
                      counted={(computed.sources[c.id] ?? []).length > 0}
                    />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ))}
    </>
  );
}

function formState(p: ReportPageProps, form: ReportForm, defaults: Values) {
  const mine = p.failed?.form === form ? p.failed : undefined;
  return { values: mine?.values ?? defaults, errors: mine?.errors ?? [], notice: mine?.notice };
}

const str = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

function Locked({ reasons }: { reasons: string[] }) {
  return reasons.length > 0 ? <p class="muted">不能修改：{reasons.join('；')}</p> : null;
}

export function ReportPage(p: ReportPageProps) {
  const { data } = p;
  const { report, status, computed } = data;
  const version = String(report.version);
  const canEdit = data.editReasons.length === 0;
  const figures = formState(
    p,
    'figures',
    Object.fromEntries([
      ...FIGURE_FIELDS.map(({ field }) => [field, str(report.table2[field])]),
      ['feesAmount', str(report.table2.feesAmount)],
    ]),
  );
  const narrative = formState(
    p,
    'narrative',
    Object.fromEntries(SECTION_KEYS.map((k, i) => [sectionField(i), report.sections[k]])),
  );
  const opening = formState(p, 'openingBalance', {
    ...Object.fromEntries(
      CARRIED_LABELS.map((_, i) => [`carried${i + 1}`, str(data.opening?.carriedOver[i])]),
    ),
    ...Object.fromEntries(
      PENDING_FIELDS.map(({ field }) => [field, str(data.opening?.pendingAppeals?.[field])]),
    ),
  });
  const submit = formState(p, 'submit', {});
  const narrativeFindings = report.findings.filter((f) => ['V8', 'V9', 'V11', 'V12'].includes(f.rule));
  const allErrors = [...figures.errors, ...narrative.errors, ...opening.errors];
  return (
    <>
      <h1>
        {data.agency.name}
        {report.year}年政府信息公开工作年度报告
      </h1>
      <Notices message={p.message} notice={p.failed?.notice} />
      <ErrorSummary errors={allErrors} />
      <dl class="facts">
        <dt>状态</dt>
        <dd>
          {status.label}
          {status.sentBack ? '（审核退回，请修改后重新提交）' : ''}
          {status.online && status.state !== 'published' ? '（已有发布版本在网上）' : ''}
        </dd>
        <dt>发布期限</dt>
        <dd>
          {status.deadline}（《条例》第四十九条：
          {data.agency.kind === 'government' ? '本级政府年报3月31日前' : '部门年报1月31日前'}）
        </dd>
        <dt>最近检查</dt>
        <dd>{report.checkedAt ? `${report.errors}个错误，${report.warnings}个提示` : '尚未检查'}</dd>
        {report.publicationId ? (
          <>
            <dt>发布审核</dt>
            <dd>
              <a href={`/admin/publications/${encodeURIComponent(report.publicationId)}`}>
                查看主动公开信息及审核流程
              </a>
            </dd>
          </>
        ) : null}
      </dl>

      <h2 id="h-findings">检查结果</h2>
      <FindingsTable findings={report.findings} caption="检查发现的问题" />
      {computed.notes.length > 0 ? (
        <ul>
          {computed.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}

      <h2 id="h-submit">提交发布审核</h2>
      {data.submitReasons.length > 0 ? (
        <div class="notice warn">
          <p>暂不能提交：</p>
          <ul>
            {data.submitReasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : (
        <form method="post" action={`/admin/annual-reports/${report.id}/submit`}>
          <Csrf token={p.csrf} />
          <p>
            提交后，报告作为主动公开信息进入“政府信息公开年报”栏目的审核流程（初审、保密审查、领导审签后发布），附Word和Excel版本。
          </p>
          {submit.notice ? <p class="error">{submit.notice}</p> : null}
          <button type="submit">提交发布审核</button>
        </form>
      )}

      <h2 id="h-tables">统计表（按平台数据计算）</h2>
      <p class="hint">数字带链接的单元格可查看计入该数的案件或信息。</p>
      <ComputedTables data={data} />

      <h2 id="h-figures">表二中由本单位填报的数据</h2>
      <Locked reasons={data.editReasons} />
      <form method="post" action={`/admin/annual-reports/${report.id}/figures`}>
        <Csrf token={p.csrf} />
        <input type="hidden" name="version" value={version} />
        {FIGURE_FIELDS.map(({ field, label }) => (
          <TextField
            key={field}
            name={field}
            label={label}
            values={figures.values}
            errors={figures.errors}
            inputmode="numeric"
          />
        ))}
        <TextField
          name="feesAmount"
          label="行政事业性收费本年收费金额（万元）"
          values={figures.values}
          errors={figures.errors}
          inputmode="decimal"
          hint="来自其他业务系统的数字，未填写的单元格在表中留空"
        />
        {figures.notice ? <p class="error">{figures.notice}</p> : null}
        <button type="submit" disabled={!canEdit}>
          保存并检查
        </button>
      </form>

      <h2 id="h-opening">上年结转（平台启用前一年的数据，只需填写一次）</h2>
      <p class="hint">
        上一年度不在本平台办理时，填写上一年度年报表三“四、结转下年度继续办理”的数字和尚未审结的复议、诉讼数；本年度的“二、上年结转”将取这些数字。
      </p>
      {data.openingNotApplicable ? (
        <p class="muted">{data.openingNotApplicable}</p>
      ) : (
        <form method="post" action={`/admin/annual-reports/${report.id}/opening-balance`}>
          <Csrf token={p.csrf} />
          <input type="hidden" name="version" value={version} />
          <fieldset>
            <legend>{report.year - 1}年度结转下年度继续办理</legend>
            {CARRIED_LABELS.map((label, i) => (
              <TextField
                key={label}
                name={`carried${i + 1}`}
                label={label}
                values={opening.values}
                errors={opening.errors}
                inputmode="numeric"
                required
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>{report.year - 1}年底尚未审结的复议、诉讼</legend>
            {PENDING_FIELDS.map(({ field, label }) => (
              <TextField
                key={field}
                name={field}
                label={label}
                values={opening.values}
                errors={opening.errors}
                inputmode="numeric"
              />
            ))}
          </fieldset>
          {opening.notice ? <p class="error">{opening.notice}</p> : null}
          <button type="submit" disabled={!canEdit}>
            保存并检查
          </button>
        </form>
      )}

      <h2 id="h-narrative">正文</h2>
      <FindingsTable findings={narrativeFindings} caption="正文的检查提示" />
      <form method="post" action={`/admin/annual-reports/${report.id}/narrative`}>
        <Csrf token={p.csrf} />
        <input type="hidden" name="version" value={version} />
        {SECTION_KEYS.map((k, i) => (
          <TextArea
            key={k}
            name={sectionField(i)}
            label={SECTION_TITLES[k]}
            values={narrative.values}
            errors={narrative.errors}
            rows={k === '六' ? 4 : 8}
          />
        ))}
        {narrative.notice ? <p class="error">{narrative.notice}</p> : null}
        <button type="submit" disabled={!canEdit}>
          保存并检查
        </button>
      </form>
    </>
  );
}
