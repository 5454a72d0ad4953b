/** The editor form of a publication (new draft, or a draft being changed). Pure components. */
import { Csrf, ErrorSummary, SelectField, TextArea, TextField } from '../../../../platform/views/form.js';
import {
  ATTRIBUTE_LABELS,
  ATTRIBUTES,
  formatDocNo,
  GENRE_LABELS,
  GENRES,
  TOPIC_LABELS,
  TOPICS,
  VALIDITIES,
  VALIDITY_LABELS,
  WITHHOLD_GROUND_LABELS,
  WITHHOLD_GROUNDS,
} from '../../vocabulary.js';
import type { AgencyRef } from '../admin-helpers.js';
import { errorOf, type FormState, type Option, RadioGroup, Select, str } from './shared.views.js';

const CHOOSE = { value: '', label: '请选择' };
export const TOPIC_OPTIONS: Option[] = [CHOOSE, ...TOPICS.map((t) => ({ value: t, label: TOPIC_LABELS[t] }))];
export const GENRE_OPTIONS: Option[] = [CHOOSE, ...GENRES.map((g) => ({ value: g, label: GENRE_LABELS[g] }))];

export interface EditorPageProps {
  csrf: string;
  agency: AgencyRef;
  /** Absent for a new draft. */
  publicationId?: string;
  form: FormState;
  columns: Option[];
  notice?: string | undefined;
}

/** 雅办发〔2017〕18号 from the three fields as typed, or null while incomplete. */
function docNoPreview(v: FormState['values']): string | null {
  const year = Number(str(v.docNoYear));
  const num = Number(str(v.docNoNumber));
  if (!str(v.docNoPrefix).trim() || !Number.isInteger(year) || !Number.isInteger(num) || !year || !num)
    return null;
  return formatDocNo(str(v.docNoPrefix).trim(), year, num);
}

function DocNoFields({ form }: { form: FormState }) {
  const f = { values: form.values, errors: form.errors };
  const preview = docNoPreview(form.values);
  return (
    <fieldset class="field">
      <legend>文号（发文字号）</legend>
      <p class="hint" id="h-docNo">
        代字、年份、序号分开填写，例如代字“雅办发”、年份“2017”、序号“18”，显示为“雅办发〔2017〕18号”。没有文号的信息三项都不填。
      </p>
      <TextField name="docNoPrefix" label="代字" {...f} />
      <TextField name="docNoYear" label="年份" {...f} inputmode="numeric" />
      <TextField name="docNoNumber" label="序号" {...f} inputmode="numeric" />
      <p>
        文号预览：
        <output for="f-docNoPrefix f-docNoYear f-docNoNumber">{preview ?? '（三项填齐后显示）'}</output>
      </p>
    </fieldset>
  );
}

function AttributeFields({ form }: { form: FormState }) {
  const f = { values: form.values, errors: form.errors };
  return (
    <>
      <RadioGroup
        name="disclosureAttribute"
        legend="公开属性"
        hint="公开属性在信息形成时认定。依申请公开和不予公开的信息经审核后登记到三项清单，不在网站发布，须填写理由和说明。"
        options={ATTRIBUTES.map((a) => ({ value: a, label: ATTRIBUTE_LABELS[a] }))}
        value={str(form.values.disclosureAttribute) || 'proactive'}
        error={errorOf(form.errors, 'disclosureAttribute')}
      />
      <SelectField
        name="withholdGround"
        label="不予公开（依申请公开）理由"
        hint="仅在公开属性为依申请公开或不予公开时填写"
        {...f}
        options={[
          CHOOSE,
          ...WITHHOLD_GROUNDS.map((g) => ({ value: g, label: `${g} ${WITHHOLD_GROUND_LABELS[g]}` })),
        ]}
      />
      <TextArea
        name="withholdReason"
        label="不公开的具体说明"
        hint="说明适用上述理由的具体情况，仅在公开属性为依申请公开或不予公开时填写"
        rows={3}
        {...f}
      />
    </>
  );
}

export function EditorPage(p: EditorPageProps) {
  const f = { values: p.form.values, errors: p.form.errors };
  const isNew = !p.publicationId;
  const action = isNew
    ? `/admin/publications?agencyId=${p.agency.id}`
    : `/admin/publications/${p.publicationId}/edit`;
  const back = isNew
    ? `/admin/publications?agencyId=${p.agency.id}`
    : `/admin/publications/${p.publicationId}`;
  return (
    <section>
      <h1>{isNew ? '新建主动公开信息' : '编辑草稿'}</h1>
      <p class="muted">
        {p.agency.name}
        。草稿可以分次填写；提交审核时系统会检查必填项和正文、附件中的个人信息。附件在保存草稿后于详情页上传。
      </p>
      {p.notice ? (
        <div class="notice err" role="alert">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={p.form.errors} />
      <form method="post" action={action} class="stack" novalidate>
        <Csrf token={p.csrf} />
        <TextField name="title" label="标题" {...f} required />
        <Select
          id="f-columnId"
          name="columnId"
          label="栏目"
          hint="信息在政府信息公开目录中所属的栏目。标注“分类”“指南”“页面”的不能直接放信息。"
          options={[{ value: '', label: '请选择' }, ...p.columns]}
          value={str(p.form.values.columnId)}
          error={errorOf(p.form.errors, 'columnId')}
        />
        <TextArea name="body" label="正文" rows={14} {...f} />
        <SelectField
          name="bodyFormat"
          label="正文格式"
          hint="Markdown：用空行分段，# 开头为标题；HTML：从其他编辑器粘贴的网页格式，保存时只保留安全的标签。"
          {...f}
          options={[
            { value: 'markdown', label: 'Markdown' },
            { value: 'html', label: 'HTML' },
          ]}
        />
        <TextArea name="summary" label="内容概述（摘要）" rows={3} {...f} />
        <TextField name="keywords" label="关键词" hint="多个关键词用逗号或顿号分隔，最多10个" {...f} />
        <DocNoFields form={p.form} />
        <TextField name="writtenOn" label="成文日期" type="date" {...f} hint="格式：YYYY-MM-DD" />
        <TextField
          name="formedOn"
          label="形成（变更）日期"
          type="date"
          {...f}
          hint="主动公开的信息应自形成或变更之日起20个工作日内公开（条例第二十六条）；系统据此计算公开期限。"
        />
        <TextField name="publisherName" label="发布机构" {...f} required />
        <SelectField name="topic" label="主题分类" {...f} options={TOPIC_OPTIONS} />
        <SelectField name="genre" label="体裁（公文种类）" {...f} options={GENRE_OPTIONS} />
        <SelectField
          name="validity"
          label="有效性"
          hint="只有规章和行政规范性文件标注有效性（新发布的一般为“有效”）；其他体裁保存时忽略此项。发布后如被修改、废止或失效，在详情页另行标注。"
          {...f}
          options={[CHOOSE, ...VALIDITIES.map((v) => ({ value: v, label: VALIDITY_LABELS[v] }))]}
        />
        <AttributeFields form={p.form} />
        <button type="submit">保存草稿</button> <a href={back}>取消</a>
      </form>
    </section>
  );
}
