/**
 * The 年报体检 page's bodies (inside the portal layout): the form (file or pasted text; multipart, no script
 * needed) and the result — verdict with its reason, year, format, agency, every finding with the cells it
 * names (in Chinese and by id), and the tables as read, with the cells the errors name marked.
 */
import type { CheckResult, Finding } from '../checker/model.js';
import { ReportTable2, ReportTable3, ReportTable4 } from '../render/html.js';
import { cellName } from '../render/layout.js';
import { REPORT_CSS_PATH } from '../render/styles.js';
import { CHECKER_PAGE_CSS_PATH } from './assets.js';

export const MAX_UPLOAD_MB = 20;

export interface FormProps {
  action: string;
  csrf: string;
  /** The text pasted last time (re-shown after a problem). */
  text?: string;
  /** A problem with what was sent, in Chinese. */
  error?: string | null;
}

function Styles() {
  return (
    <>
      <link rel="stylesheet" href={REPORT_CSS_PATH} />
      <link rel="stylesheet" href={CHECKER_PAGE_CSS_PATH} />
    </>
  );
}

export function CheckForm({ action, csrf, text = '', error }: FormProps) {
  return (
    <form class="report-check-form" method="post" action={action} enctype="multipart/form-data" noValidate>
      <input type="hidden" name="_csrf" value={csrf} />
      {error ? (
        <div class="notice err" role="alert" id="check-error">
          <p>{error}</p>
        </div>
      ) : null}
      <div class="field">
        <label for="check-file">报告文件</label>
        <p class="hint" id="check-file-hint">
          PDF、Word（.docx）、网页（.html）或纯文本（.txt）文件，不超过{MAX_UPLOAD_MB}
          MB。扫描件（图片）无法识别。
        </p>
        <input
          id="check-file"
          type="file"
          name="file"
          accept=".pdf,.docx,.doc,.html,.htm,.txt,application/pdf,text/html,text/plain"
          aria-describedby={error ? 'check-file-hint check-error' : 'check-file-hint'}
        />
      </div>
      <div class="field">
        <label for="check-text">或粘贴报告全文</label>
        <p class="hint" id="check-text-hint">
          从网页或文档中复制全文粘贴于此（包括标题和表格）。同时选择了文件时，只检查文件。
        </p>
        <textarea id="check-text" name="text" rows={10} aria-describedby="check-text-hint">
          {text}
        </textarea>
      </div>
      <p>
        <button type="submit">开始体检</button>
      </p>
    </form>
  );
}

export function CheckFormPage(p: FormProps) {
  return (
    <>
      <Styles />
      <h1>年报体检</h1>
      <p>
        检查任何一份已公开的政府信息公开工作年度报告（2019年及以后的国家格式）：读出报告年度、格式、发布机关和表二、表三、表四，
        按勾稽关系等规则逐项核对，并指出有问题的单元格。
      </p>
      <ul class="check-facts">
        <li>上传的文件只在内存中读取，检查完即丢弃，不会保存或记录。</li>
        <li>结果只供参考，以发布机关公开的报告为准。</li>
      </ul>
      <CheckForm {...p} />
    </>
  );
}

const FORMAT_NAMES: Record<string, string> = {
  '2021': '2021年版格式（国办公开办函〔2021〕30号）',
  '2019': '2019年版格式（国办公开办函〔2019〕60号）',
};

const SEVERITY = { error: '错误', warning: '提示' } as const;

function Cells({ finding, format }: { finding: Finding; format: '2019' | '2021' }) {
  if (finding.cells.length === 0) return <span class="muted">—</span>;
  const shown = finding.cells.slice(0, 8);
  return (
    <ul class="finding-cells">
      {shown.map((id) => (
        <li key={id}>
          {cellName(id, format)}（<code>{id}</code>）
        </li>
      ))}
      {finding.cells.length > shown.length ? <li>等共{finding.cells.length}个单元格</li> : null}
    </ul>
  );
}

export interface ResultProps {
  result: CheckResult;
  /** The uploaded file's name, or null for pasted text. */
  source: string | null;
  again: string;
}

export function CheckResultPage({ result, source, again }: ResultProps) {
  const what = source ? `文件“${source}”` : '粘贴的文字';
  if (result.verdict === 'unreadable')
    return (
      <>
        <Styles />
        <h1>年报体检结果</h1>
        <div class="verdict verdict-unreadable" role="status">
          <p class="verdict-word">无法识别</p>
          <p>
            {what}：{result.reason}
          </p>
        </div>
        <p>
          <a href={again}>重新选择文件或粘贴全文</a>
        </p>
      </>
    );
  const errors = result.findings.filter((f) => f.severity === 'error');
  const warnings = result.findings.length - errors.length;
  const flagged = new Set(errors.flatMap((f) => f.cells));
  const pass = result.verdict === 'pass';
  return (
    <>
      <Styles />
      <h1>年报体检结果</h1>
      <div class={`verdict ${pass ? 'verdict-pass' : 'verdict-fail'}`} role="status">
        <p class="verdict-word">{pass ? '通过' : '未通过'}</p>
        <p>
          {pass
            ? `${what}读出的表格未发现违反勾稽关系的错误${warnings > 0 ? `，另有${warnings}条提示供核对` : ''}。`
            : `${what}有${errors.length}处错误（表格数字之间的勾稽关系不成立或章节缺失）${warnings > 0 ? `，另有${warnings}条提示` : ''}。`}
        </p>
      </div>
      <dl class="check-meta">
        <div>
          <dt>报告年度</dt>
          <dd>{result.year}年</dd>
        </div>
        <div>
          <dt>报告格式</dt>
          <dd>{FORMAT_NAMES[result.format] ?? result.format}</dd>
        </div>
        <div>
          <dt>发布机关</dt>
          <dd>{result.agency ?? '未能识别'}</dd>
        </div>
      </dl>
      <h2 id="findings">检查发现（{result.findings.length}条）</h2>
      {result.findings.length === 0 ? (
        <p>没有发现问题。</p>
      ) : (
        <section class="table-wrap" tabIndex={0} aria-labelledby="findings">
          <table class="findings">
            <caption>检查发现：规则、性质、说明和涉及的单元格</caption>
            <thead>
              <tr>
                <th scope="col">规则</th>
                <th scope="col">性质</th>
                <th scope="col">说明</th>
                <th scope="col">涉及单元格</th>
              </tr>
            </thead>
            <tbody>
              {result.findings.map((f, i) => (
                <tr key={`${f.rule}-${i}`} class={f.severity}>
                  <th scope="row">{f.rule}</th>
                  <td>{SEVERITY[f.severity]}</td>
                  <td class="message">{f.message}</td>
                  <td>
                    <Cells finding={f} format={result.format} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <h2>读出的表格</h2>
      {flagged.size > 0 ? <p>错误涉及的单元格已标出。</p> : null}
      <div class="annual-report">
        <ReportTable2 table={result.tables.T2} format={result.format} flagged={flagged} idPrefix="chk" />
        <ReportTable3 table={result.tables.T3} flagged={flagged} idPrefix="chk" />
        <ReportTable4 table={result.tables.T4} flagged={flagged} idPrefix="chk" />
      </div>
      <p>
        <a href={again}>再检查一份报告</a>
      </p>
    </>
  );
}

export function BusyPage({ message, again }: { message: string; again: string }) {
  return (
    <>
      <h1>年报体检</h1>
      <div class="notice warn" role="alert">
        <p>{message}</p>
      </div>
      <p>
        <a href={again}>返回年报体检</a>
      </p>
    </>
  );
}
