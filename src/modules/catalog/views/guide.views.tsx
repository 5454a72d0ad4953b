/** The 指南 editor: every 第十二条 field and the outline sections, with what is still missing. */
import { Csrf, ErrorSummary, TextArea, TextField } from '../../../platform/views/form.js';
import { GUIDE_FIELDS, GUIDE_GROUP_LABELS, type GuideGroup } from '../guide.js';
import { type AgencyRef, CatalogTabs, type FormState, Notices, ReadOnlyNote } from './shared.views.js';

export interface GuidePageProps {
  csrf: string;
  agency: AgencyRef;
  form: FormState;
  problems: string[];
  canEdit: boolean;
  updatedAt: string | null;
  message?: string | undefined;
  notice?: string | undefined;
}

const GROUPS = Object.keys(GUIDE_GROUP_LABELS) as GuideGroup[];

export function GuidePage(p: GuidePageProps) {
  const f = { values: p.form.values, errors: p.form.errors };
  return (
    <section>
      <h1>{p.agency.name}政府信息公开指南</h1>
      <CatalogTabs agency={p.agency} current="guide" />
      <Notices message={p.message} notice={p.notice} />
      <ErrorSummary errors={p.form.errors} />
      <ReadOnlyNote canEdit={p.canEdit} />
      {p.problems.length > 0 ? (
        <div class="notice warn" id="guide-problems">
          <h2>指南尚缺以下内容</h2>
          <p>
            条例第十二条要求指南载明政府信息的分类、编排体系、获取方式和工作机构的名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式等内容。
          </p>
          <ul>
            {p.problems.map((x) => (
              <li key={x}>{x}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p class="notice ok">指南已载明条例第十二条要求的全部内容。</p>
      )}
      {p.updatedAt ? <p class="muted">最近更新：{p.updatedAt.slice(0, 10)}</p> : null}
      <form method="post" action={`/admin/catalog/${p.agency.id}/guide`} class="stack" novalidate>
        <Csrf token={p.csrf} />
        <fieldset disabled={!p.canEdit}>
          {GROUPS.map((g) => (
            <section key={g}>
              <h2>{GUIDE_GROUP_LABELS[g]}</h2>
              {GUIDE_FIELDS.filter((d) => d.group === g).map((d) =>
                d.multiline ? (
                  <TextArea
                    key={d.key}
                    name={d.key}
                    label={d.label}
                    {...f}
                    rows={6}
                    required={d.required}
                    hint={'hint' in d ? d.hint : undefined}
                  />
                ) : (
                  <TextField
                    key={d.key}
                    name={d.key}
                    label={d.label}
                    {...f}
                    required={d.required}
                    hint={'hint' in d ? d.hint : undefined}
                  />
                ),
              )}
            </section>
          ))}
        </fieldset>
        {p.canEdit ? <button type="submit">保存指南</button> : null}
      </form>
    </section>
  );
}
