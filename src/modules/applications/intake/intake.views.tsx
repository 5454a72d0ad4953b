/** The back-office pages of intake: the go-live import of cases and the retention period of personal data. */
import type { FieldError } from '../../../platform/errors.js';
import { Csrf, ErrorSummary, TextField, type Values } from '../../../platform/views/form.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { ImportCasesResult } from './import-cases.js';
import { IMPORT_COLUMNS, IMPORT_KEYS } from './import-columns.js';
import { DEFAULT_RETENTION_YEARS, MAX_RETENTION_YEARS, MIN_RETENTION_YEARS } from './retention.js';

export const IMPORT_URL = '/admin/applications/import';
export const RETENTION_URL = '/admin/applications/retention';

interface AgencyRef {
  id: string;
  name: string;
}

function Problems({ result }: { result: Extract<ImportCasesResult, { ok: false }> }) {
  return (
    <>
      <div class="notice err" role="alert" id="import-result">
        <h2>未导入：发现{result.problems.length}个问题，没有导入任何申请</h2>
        <p>请按下表修改文件后重新上传。文件共{result.rows}件申请。</p>
      </div>
      <TableWrap label="导入问题">
        <table>
          <caption>导入问题</caption>
          <thead>
            <tr>
              <th scope="col">位置</th>
              <th scope="col">列</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {result.problems.map((p, i) => (
              <tr key={i}>
                <td>{p.where}</td>
                <td>{p.field ?? '—'}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function Imported({ result }: { result: Extract<ImportCasesResult, { ok: true }> }) {
  const caption = result.dryRun ? '可以导入的申请' : '已导入的申请';
  return (
    <>
      <div class="notice ok" role="status" id="import-result">
        {result.dryRun
          ? `校验通过：${result.cases.length}件申请可以导入。本次仅校验，未写入任何数据。`
          : `已导入${result.cases.length}件申请。办理中的申请已按所填日期计算答复期限，已办结的申请已归档并计入年度报告。`}
      </div>
      <TableWrap label={caption}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">位置</th>
              <th scope="col">原申请编号</th>
              <th scope="col">申请编号</th>
              <th scope="col">状态</th>
              <th scope="col">收到申请之日</th>
              <th scope="col">答复期限或办理结果</th>
              <th scope="col">提示</th>
            </tr>
          </thead>
          <tbody>
            {result.cases.map((c) => (
              <tr key={c.line}>
                <td>第{c.line}行</td>
                <td>{c.legacyNo}</td>
                <td>
                  {c.trackingNo ? (
                    <a href={`/admin/applications/cases/${c.caseId}`}>{c.trackingNo}</a>
                  ) : (
                    '（导入后生成）'
                  )}
                </td>
                <td>{c.stateLabel}</td>
                <td>{c.receivedOn}</td>
                <td>
                  {c.closedOn
                    ? `${c.outcome}（${c.closedOn}办结）`
                    : (c.dueOn ?? '停止计时（待补正或暂停中）')}
                </td>
                <td>{c.remarks.join('；') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

function Columns() {
  return (
    <details>
      <summary>可导入的列</summary>
      <p>
        CSV 文件第一行为表头（中文列名或英文键名均可，列的顺序不限），编码为 UTF-8（可带 BOM）或
        GBK/GB18030（Excel“CSV（逗号分隔）”另存即可）。含逗号或换行的内容须用英文双引号括起。每行一件申请。
      </p>
      <TableWrap label="可导入的列">
        <table>
          <thead>
            <tr>
              <th scope="col">列名</th>
              <th scope="col">英文键名</th>
              <th scope="col">说明</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_KEYS.map((k) => (
              <tr key={k}>
                <td>
                  {IMPORT_COLUMNS[k].label}
                  {IMPORT_COLUMNS[k].required ? '（必填）' : ''}
                </td>
                <td>
                  <code>{k}</code>
                </td>
                <td>{IMPORT_COLUMNS[k].hint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}

export interface ImportCasesPageProps {
  csrf: string;
  agency: AgencyRef;
  values: Values;
  errors: FieldError[];
  result: ImportCasesResult | null;
}

export function ImportCasesPage(p: ImportCasesPageProps) {
  const dryRun = p.values.dryRun === '1' || p.values.dryRun === 'on';
  return (
    <section>
      <h1>{p.agency.name} · 导入原系统的依申请公开申请</h1>
      <p>
        平台上线时，将原系统中办理中的申请（以及本年度已办结的申请）连同关键日期导入，使答复期限和年度报告从第一天起即正确。先校验全部内容：有任何问题时不导入任何一件，并列出每个问题所在的行和列。申请人的个人信息导入后加密保存。
      </p>
      <ErrorSummary errors={p.errors} />
      {p.result ? p.result.ok ? <Imported result={p.result} /> : <Problems result={p.result} /> : null}
      <form method="post" action={IMPORT_URL} enctype="multipart/form-data" class="stack" novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="agencyId" value={p.agency.id} />
        <div class={`field${p.errors.some((e) => e.field === 'file') ? ' has-error' : ''}`}>
          <label for="f-file">
            申请文件（CSV）<span aria-hidden="true">（必填）</span>
          </label>
          <input id="f-file" name="file" type="file" accept=".csv,.txt" required aria-required="true" />
        </div>
        <fieldset class="field checks">
          <legend>选项</legend>
          <label>
            <input type="checkbox" name="dryRun" value="1" checked={dryRun} /> 仅校验，不导入
          </label>
        </fieldset>
        <button type="submit">上传并导入</button>
      </form>
      <Columns />
    </section>
  );
}

export interface RetentionPageProps {
  csrf: string;
  agency: AgencyRef;
  years: number;
  values: Values;
  errors: FieldError[];
  saved: boolean;
}

export function RetentionPage(p: RetentionPageProps) {
  return (
    <section>
      <h1>{p.agency.name} · 申请人个人信息保存期限</h1>
      <p>
        申请归档后，申请人的个人信息（姓名或名称、证件号码、联系方式等）及申请附件保存至期限届满，届满次日由系统自动删除；申请的办理记录、日期和办理结果继续保留，仍计入年度报告。尚有未审结的行政复议或行政诉讼的申请，待审结后再删除。
      </p>
      <p>
        当前保存期限：归档后{p.years}年（平台默认{DEFAULT_RETENTION_YEARS}
        年，与文书档案定期10年的保管期限一致）。修改只影响今后的删除，已删除的信息不能恢复。
      </p>
      {p.saved ? (
        <div class="notice ok" role="status">
          已保存。
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <form method="post" action={RETENTION_URL} class="stack" novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="agencyId" value={p.agency.id} />
        <TextField
          name="retentionYears"
          label="保存期限（归档后年数）"
          type="number"
          inputmode="numeric"
          values={{ retentionYears: String(p.years), ...p.values }}
          errors={p.errors}
          required
          hint={`${MIN_RETENTION_YEARS}至${MAX_RETENTION_YEARS}年`}
        />
        <button type="submit">保存</button>
      </form>
    </section>
  );
}
