/** The import page: the upload form, the result (every problem, or the items imported) and the columns accepted. */
import type { FieldError } from '../../../platform/errors.js';
import { Csrf, ErrorSummary, TextArea, type Values } from '../../../platform/views/form.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { FIELD_KEYS, IMPORT_FIELDS, REQUIRED_FIELDS } from './fields.js';
import type { ImportResult } from './import-publications.js';
import { rowPlace } from './problems.js';

export interface ImportPageProps {
  csrf: string;
  agency: { id: string; name: string };
  values: Values;
  errors: FieldError[];
  result: ImportResult | null;
}

function Problems({ result }: { result: Extract<ImportResult, { ok: false }> }) {
  return (
    <>
      <div class="notice err" role="alert" id="import-result">
        <h2>未导入：发现{result.problems.length}个问题，没有导入任何信息</h2>
        <p>请按下表修改文件（或附件）后重新上传。文件共{result.rows}条信息。</p>
        {result.problems.some((p) => p.finding) ? (
          <p>
            如确认检查发现的内容可以公开，可勾选“忽略检查发现的问题”并填写理由后重新导入，理由将记入审计日志。
          </p>
        ) : null}
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

function Imported({ result }: { result: Extract<ImportResult, { ok: true }> }) {
  const unit = result.format === 'json' ? '条' : '行';
  const files = result.items.reduce((n, i) => n + i.attachments, 0);
  return (
    <>
      <div class="notice ok" role="status" id="import-result">
        {result.dryRun
          ? `校验通过：${result.items.length}条信息（附件${files}个）可以导入。本次仅校验，未写入任何数据。`
          : `已导入${result.items.length}条信息（附件${files}个），状态为已发布。`}
      </div>
      <TableWrap label={result.dryRun ? '可以导入的信息' : '已导入的信息'}>
        <table>
          <caption>{result.dryRun ? '可以导入的信息' : '已导入的信息'}</caption>
          <thead>
            <tr>
              <th scope="col">位置</th>
              <th scope="col">索引号</th>
              <th scope="col">标题</th>
              <th scope="col">附件</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((i) => (
              <tr key={i.indexNo}>
                <td>{rowPlace(unit, i.line)}</td>
                <td>{i.indexNo}</td>
                <td>{i.title}</td>
                <td>{i.attachments}</td>
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
        CSV 文件第一行为表头（中文列名或英文键名均可），编码为 UTF-8 或 GBK；JSON
        文件为对象数组，键名同上。含逗号或换行的内容须用英文双引号括起。
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
            {FIELD_KEYS.map((k) => (
              <tr key={k}>
                <td>
                  {IMPORT_FIELDS[k].label}
                  {REQUIRED_FIELDS.includes(k) ? '（必填）' : ''}
                </td>
                <td>
                  <code>{k}</code>
                </td>
                <td>{IMPORT_FIELDS[k].hint}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </details>
  );
}

const checked = (v: Values[string]) => v === '1' || v === 'on';

export function ImportPage(p: ImportPageProps) {
  return (
    <section>
      <h1>{p.agency.name} · 导入已公开信息</h1>
      <p>
        将本单位已在其他系统公开的信息连同原索引号导入平台，导入后即为“已发布”。先校验全部内容：有任何问题时不导入任何一条，并列出每个问题所在的行和列。
      </p>
      <ErrorSummary errors={p.errors} />
      {p.result ? p.result.ok ? <Imported result={p.result} /> : <Problems result={p.result} /> : null}
      <form
        method="post"
        action="/admin/publications/import"
        enctype="multipart/form-data"
        class="stack"
        novalidate
      >
        <Csrf token={p.csrf} />
        <input type="hidden" name="agencyId" value={p.agency.id} />
        <div class={`field${p.errors.some((e) => e.field === 'file') ? ' has-error' : ''}`}>
          <label for="f-file">
            信息文件（CSV 或 JSON）<span aria-hidden="true">（必填）</span>
          </label>
          <input id="f-file" name="file" type="file" accept=".csv,.json,.txt" required aria-required="true" />
        </div>
        <div class={`field${p.errors.some((e) => e.field === 'attachments') ? ' has-error' : ''}`}>
          <label for="f-attachments">附件包（ZIP，可选）</label>
          <p class="hint" id="h-attachments">
            “附件”列中的文件名为附件包内的路径。附件须为 PDF、Word、Excel 或图片，单个不超过50 MB。
          </p>
          <input
            id="f-attachments"
            name="attachments"
            type="file"
            accept=".zip"
            aria-describedby="h-attachments"
          />
        </div>
        <fieldset class="field checks">
          <legend>选项</legend>
          <label>
            <input type="checkbox" name="dryRun" value="1" checked={checked(p.values.dryRun)} />{' '}
            仅校验，不导入
          </label>
          <label>
            <input type="checkbox" name="allowFindings" value="1" checked={checked(p.values.allowFindings)} />{' '}
            忽略检查发现的问题（身份证号、银行卡号、敏感词）
          </label>
        </fieldset>
        <TextArea
          name="allowFindingsReason"
          label="忽略理由"
          values={p.values}
          errors={p.errors}
          rows={3}
          hint="勾选忽略时必填，至少4个字，说明为何可以公开。理由记入每条信息和审计日志。"
        />
        <button type="submit">上传并导入</button>
      </form>
      <Columns />
    </section>
  );
}
