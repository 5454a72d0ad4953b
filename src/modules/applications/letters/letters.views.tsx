/** Pages of the letter templates and letter settings. Pure components: plain data in, markup out. */
import type { AppError, FieldError } from '../../../platform/errors.js';
import { Csrf, ErrorSummary, TextArea, TextField, type Values } from '../../../platform/views/form.js';
import { Notices } from '../../../platform/views/notices.js';
import type { LetterSettings, StoredTemplate } from './letter-store.js';
import {
  PLACEHOLDERS,
  type PlaceholderInfo,
  type PlaceholderName,
  RECONSIDERATION_BODY_FALLBACK,
  REMEDY_KEYS,
  REMEDY_LABELS,
  type TemplateKey,
  templateLabel,
} from './templates.js';

export interface AgencyRef {
  id: string;
  name: string;
}

const q = (agencyId: string) => `?agencyId=${encodeURIComponent(agencyId)}`;
export const templatesUrl = (agencyId: string) => `/admin/applications/templates${q(agencyId)}`;
export const templateUrl = (agencyId: string, key: TemplateKey) =>
  `/admin/applications/templates/${encodeURIComponent(key)}${q(agencyId)}`;

function Failure({ error }: { error: AppError | undefined }) {
  if (!error) return null;
  if (error.code === 'validation_failed') return <ErrorSummary errors={error.fields} />;
  return (
    <div class="notice err" role="alert" id="error-summary" tabIndex={-1}>
      {error.message}
    </div>
  );
}

/** What the remedies defaults mean, said wherever they are edited. */
function RemediesNote() {
  return (
    <div class="notice warn">
      <p>
        救济途径的默认文本：对“不予公开”（8类）和“部分公开”，按2024年1月1日起施行的修订后《中华人民共和国行政复议法》，申请人应当先申请行政复议，对复议决定不服的再提起行政诉讼（复议前置）；其他办理结果，申请人可以在60日内申请行政复议，也可以在6个月内提起行政诉讼。
      </p>
      <p>
        哪些办理结果属于复议前置的“不予公开”、本机关的行政复议机关是谁，须由本机关法制部门确认后在此填写或修改；平台的默认文本仅供参考。
      </p>
    </div>
  );
}

export interface TemplateListProps {
  agency: AgencyRef;
  choices: AgencyRef[] | null;
  templates: StoredTemplate[];
  settings: LetterSettings;
  csrf: string;
  canEdit: boolean;
  message?: string | undefined;
  settingsForm?: { values: Values; error: AppError } | undefined;
}

export function TemplateListPage(p: TemplateListProps) {
  const values: Values = p.settingsForm?.values ?? {
    reconsiderationBody: p.settings.reconsiderationBody ?? '',
    contactLine: p.settings.contactLine ?? '',
    address: p.settings.address ?? '',
    ...Object.fromEntries(REMEDY_KEYS.map((k) => [`remedy.${k}`, p.settings.remedies[k]])),
  };
  const errors: FieldError[] =
    p.settingsForm?.error.code === 'validation_failed' ? p.settingsForm.error.fields : [];
  const f = { values, errors };
  return (
    <section>
      <h1>文书模板与文书设置</h1>
      <p class="muted">
        {p.agency.name}
        。依申请公开的各类文书按以下模板生成Word文件；未修改的模板使用平台默认文本。修改只影响此后生成的文书。
      </p>
      {p.choices ? (
        <form method="get" action="/admin/applications/templates" class="inline">
          <label for="f-agencyId">查看单位</label>{' '}
          <select id="f-agencyId" name="agencyId">
            {p.choices.map((a) => (
              <option key={a.id} value={a.id} selected={a.id === p.agency.id}>
                {a.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="secondary">
            查看
          </button>
        </form>
      ) : null}
      <Notices message={p.message} />
      {!p.settings.reconsiderationBody ? (
        <div class="notice warn" role="status">
          尚未填写本机关的行政复议机关。答复书中的救济途径暂写作“{RECONSIDERATION_BODY_FALLBACK}
          ”，请在下方“文书设置”中填写。
        </div>
      ) : null}
      <h2>文书模板</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">文书</th>
              <th scope="col">标题</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {p.templates.map((t) => (
              <tr key={t.key}>
                <td>
                  <a href={templateUrl(p.agency.id, t.key)}>{templateLabel(t.key)}</a>
                </td>
                <td>{t.title}</td>
                <td>
                  {t.custom ? <span class="tag">本机关已修改</span> : <span class="muted">平台默认</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="settings">文书设置</h2>
      <RemediesNote />
      <Failure error={p.settingsForm?.error} />
      {p.canEdit ? (
        <form
          method="post"
          action={`/admin/applications/templates/settings${q(p.agency.id)}`}
          class="stack"
          novalidate
        >
          <Csrf token={p.csrf} />
          <TextField
            name="reconsiderationBody"
            label="行政复议机关"
            hint="例如：示例市人民政府。县级以上地方人民政府工作部门一般为本级人民政府；海关、税务等实行垂直领导的机关为上一级主管部门。"
            {...f}
          />
          <TextField name="contactLine" label="联系人及电话" hint="印在文书正文末尾；不填则不印" {...f} />
          <TextField name="address" label="受理地址" {...f} />
          <fieldset class="field">
            <legend>救济途径（按办理结果）</legend>
            <p class="hint">
              可使用占位符{'{{复议机关}}'}和{'{{机关名称}}'}。清空某一项即恢复平台默认文本。
            </p>
            {REMEDY_KEYS.map((k) => (
              <TextArea key={k} name={`remedy.${k}`} label={REMEDY_LABELS[k]} rows={3} {...f} />
            ))}
          </fieldset>
          <button type="submit">保存文书设置</button>
        </form>
      ) : (
        <dl>
          <dt>行政复议机关</dt>
          <dd>{p.settings.reconsiderationBody ?? '（未填写）'}</dd>
          {REMEDY_KEYS.map((k) => (
            <>
              <dt key={`t-${k}`}>救济途径（{REMEDY_LABELS[k]}）</dt>
              <dd key={`d-${k}`}>{p.settings.remedies[k]}</dd>
            </>
          ))}
        </dl>
      )}
    </section>
  );
}

export interface TemplateEditProps {
  agency: AgencyRef;
  template: StoredTemplate;
  placeholders: PlaceholderName[];
  values: Values;
  csrf: string;
  canEdit: boolean;
  /** The preview of what is in the form (saved or typed), filled with sample data. */
  preview: { title: string; paragraphs: string[] } | null;
  error?: AppError | undefined;
  message?: string | undefined;
}

export function TemplateEditPage(p: TemplateEditProps) {
  const key = p.template.key;
  const errors = p.error?.code === 'validation_failed' ? p.error.fields : [];
  const f = { values: p.values, errors };
  const action = `/admin/applications/templates/${encodeURIComponent(key)}${q(p.agency.id)}`;
  return (
    <section>
      <p>
        <a href={templatesUrl(p.agency.id)}>← 文书模板列表</a>
      </p>
      <h1>{templateLabel(key)}</h1>
      <p class="muted">
        {p.agency.name}。{p.template.custom ? '本机关已修改此模板。' : '当前使用平台默认模板。'}
        正文每行为一段；以“一、”“二、”等开头的行排为小标题；第一行为称谓（不缩进）；某行的占位符全部为空时（如未填写联系电话），该行不印出。编号、落款机关和日期由系统自动加在文书中。
      </p>
      <Notices message={p.message} />
      <Failure error={p.error} />
      {key.startsWith('reply.') ? <RemediesNote /> : null}
      {p.canEdit ? (
        <form method="post" action={action} class="stack" novalidate>
          <Csrf token={p.csrf} />
          <TextField name="title" label="文书标题" required {...f} />
          <TextArea name="body" label="文书正文" rows={18} required {...f} />
          <button type="submit" name="intent" value="save">
            保存
          </button>{' '}
          <button type="submit" name="intent" value="preview" class="secondary">
            预览（不保存）
          </button>
        </form>
      ) : (
        <pre>{`${p.template.title}\n\n${p.template.body}`}</pre>
      )}
      {p.canEdit && p.template.custom ? (
        <form
          method="post"
          action={`/admin/applications/templates/${encodeURIComponent(key)}/reset${q(p.agency.id)}`}
        >
          <Csrf token={p.csrf} />
          <button type="submit" class="secondary">
            恢复平台默认模板
          </button>
        </form>
      ) : null}

      <h2>可用占位符</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">占位符</th>
              <th scope="col">含义</th>
              <th scope="col">预览示例</th>
            </tr>
          </thead>
          <tbody>
            {p.placeholders.map((n) => {
              const info: PlaceholderInfo = PLACEHOLDERS[n];
              return (
                <tr key={n}>
                  <td>
                    <code>{`{{${n}}}`}</code>
                  </td>
                  <td>
                    {info.description}
                    {info.personal ? '（个人信息，只在生成文书时填入）' : ''}
                  </td>
                  <td>{info.sample}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {p.preview ? (
        <>
          <h2 id="preview">预览（示例数据）</h2>
          <p>
            <a
              href={`/admin/applications/templates/${encodeURIComponent(key)}/preview.docx${q(p.agency.id)}`}
            >
              下载已保存模板的Word预览
            </a>
          </p>
          <div class="letter-preview" style="border:1px solid #ccc;padding:1rem 2rem;max-width:40rem">
            <p style="text-align:center;font-size:1.3rem">{p.preview.title}</p>
            <p style="text-align:center">示民信公开〔2026〕第12号</p>
            {p.preview.paragraphs.map((para, i) => (
              <p key={`${i}-${para}`} style={i === 0 ? undefined : 'text-indent:2em'}>
                {para}
              </p>
            ))}
            <p style="text-align:right">{p.agency.name}</p>
            <p style="text-align:right">2026年3月20日</p>
          </div>
        </>
      ) : null}
    </section>
  );
}
