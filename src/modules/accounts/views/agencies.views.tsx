/** Back-office pages of agencies: tree, new agency, one agency and its admin forms. Pure components. */
import type { FieldError } from '../../../platform/errors.js';
import { CheckboxGroup, Csrf, ErrorSummary, SelectField, TextField } from '../../../platform/views/form.js';
import {
  AGENCY_KIND_LABELS,
  AGENCY_KINDS,
  AGENCY_LEVEL_LABELS,
  AGENCY_LEVELS,
  type Agency,
} from '../accounts.js';
import { CHOOSE, type FormState, Notices, optionsOf, type StaffRow, StaffTable } from './shared.views.js';

export interface AgencyNode {
  agency: Agency;
  successorName: string | null;
  children: AgencyNode[];
}

/** The forest of visible agencies: a root is one whose parent the viewer cannot see (or has none). */
export function buildAgencyTree(visible: Agency[], nameOf: (id: string) => string | null): AgencyNode[] {
  const ids = new Set(visible.map((a) => a.id));
  const node = (a: Agency): AgencyNode => ({
    agency: a,
    successorName: a.successorId ? nameOf(a.successorId) : null,
    children: visible.filter((c) => c.parentId === a.id).map(node),
  });
  return visible.filter((a) => !a.parentId || !ids.has(a.parentId)).map(node);
}

export function AgencyStatusText({
  agency,
  successorName,
}: {
  agency: Agency;
  successorName: string | null;
}) {
  const on = agency.endedOn ? `（${agency.endedOn}起）` : '';
  if (agency.status === 'merged')
    return (
      <span>
        已合并，并入{successorName ?? '其他单位'}
        {on}
      </span>
    );
  if (agency.status === 'abolished') return <span>已撤销{on}</span>;
  return <span>正常</span>;
}

function AgencyItem({ node }: { node: AgencyNode }) {
  const a = node.agency;
  return (
    <li>
      <a href={`/admin/agencies/${a.id}`}>{a.name}</a> <span class="mono muted">{a.code}</span>{' '}
      <span class="tag">{AGENCY_KIND_LABELS[a.kind]}</span>
      <span class="tag">{AGENCY_LEVEL_LABELS[a.level]}</span>{' '}
      <AgencyStatusText agency={a} successorName={node.successorName} />
      {node.children.length > 0 ? (
        <ul>
          {node.children.map((c) => (
            <AgencyItem key={c.agency.id} node={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export function AgencyTreePage({ roots, canCreate }: { roots: AgencyNode[]; canCreate: boolean }) {
  return (
    <section>
      <h1>单位</h1>
      {canCreate ? (
        <p>
          <a class="button" href="/admin/agencies/new">
            新建单位
          </a>
        </p>
      ) : null}
      {roots.length === 0 ? (
        <p class="muted">没有您可以查看的单位。</p>
      ) : (
        <div class="tree">
          <ul aria-label="单位层级">
            {roots.map((n) => (
              <AgencyItem key={n.agency.id} node={n} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function AgencyFields({ form, governments }: { form: FormState; governments: Agency[] }) {
  const f = { values: form.values, errors: form.errors };
  const parents = [{ value: '', label: '无（省级或顶层政府）' }, ...optionsOf(governments)];
  const kinds = [CHOOSE, ...AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }))];
  const levels = [CHOOSE, ...AGENCY_LEVELS.map((l) => ({ value: l, label: AGENCY_LEVEL_LABELS[l] }))];
  return (
    <>
      <TextField
        name="code"
        label="单位代码"
        {...f}
        required
        hint="统一社会信用代码或组织机构代码，字母、数字和连字符"
      />
      <TextField name="name" label="单位名称" {...f} required />
      <SelectField name="kind" label="单位类型" {...f} required options={kinds} />
      <SelectField name="level" label="行政层级" {...f} required options={levels} />
      <SelectField
        name="parentId"
        label="上级单位"
        {...f}
        options={parents}
        hint="政府部门须选择所属的人民政府"
      />
      <TextField name="sortOrder" label="排序号" {...f} inputmode="numeric" hint="数字小的排在前面" />
    </>
  );
}

export function NewAgencyPage(p: {
  csrf: string;
  form: FormState;
  governments: Agency[];
  notice?: string | undefined;
}) {
  return (
    <section>
      <h1>新建单位</h1>
      <Notices notice={p.notice} />
      <ErrorSummary errors={p.form.errors} />
      <form method="post" action="/admin/agencies" class="stack" novalidate>
        <Csrf token={p.csrf} />
        <AgencyFields form={p.form} governments={p.governments} />
        <button type="submit">新建单位</button> <a href="/admin/agencies">取消</a>
      </form>
    </section>
  );
}

export interface AgencyAdminForms {
  edit: FormState;
  merge: FormState;
  abolish: FormState;
  governments: Agency[];
  successors: Agency[];
}

export function AgencyDetailPage(p: {
  csrf: string;
  agency: Agency;
  parentName: string | null;
  successorName: string | null;
  history: { name: string; validUntil: string }[];
  staff: StaffRow[] | null;
  admin: AgencyAdminForms | null;
  message?: string | undefined;
  notice?: string | undefined;
  errors: FieldError[];
}) {
  const a = p.agency;
  return (
    <section>
      <h1>{a.name}</h1>
      <Notices message={p.message} notice={p.notice} />
      <ErrorSummary errors={p.errors} />
      <dl>
        <dt>单位代码</dt>
        <dd class="mono">{a.code}</dd>
        <dt>单位类型与层级</dt>
        <dd>
          {AGENCY_KIND_LABELS[a.kind]} · {AGENCY_LEVEL_LABELS[a.level]}
        </dd>
        <dt>上级单位</dt>
        <dd>{p.parentName ?? '无'}</dd>
        <dt>状态</dt>
        <dd>
          <AgencyStatusText agency={a} successorName={p.successorName} />
        </dd>
        <dt>排序号</dt>
        <dd>{a.sortOrder}</dd>
      </dl>
      <h2>曾用名</h2>
      {p.history.length === 0 ? (
        <p class="muted">无</p>
      ) : (
        <ul>
          {p.history.map((h) => (
            <li key={h.name + h.validUntil}>
              {h.name}（使用至{h.validUntil}）
            </li>
          ))}
        </ul>
      )}
      {p.staff ? <AgencyStaff agency={a} staff={p.staff} /> : null}
      {p.admin ? <AgencyAdminSection csrf={p.csrf} agency={a} forms={p.admin} /> : null}
      <p>
        <a href="/admin/agencies">返回单位列表</a>
      </p>
    </section>
  );
}

function AgencyStaff({ agency, staff }: { agency: Agency; staff: StaffRow[] }) {
  return (
    <>
      <h2>本单位人员</h2>
      {agency.status === 'active' ? (
        <p>
          <a href={`/admin/users/new?agencyId=${encodeURIComponent(agency.id)}`}>为本单位新增人员</a>
        </p>
      ) : null}
      {staff.length === 0 ? (
        <p class="muted">暂无人员。</p>
      ) : (
        <StaffTable rows={staff} caption={`${agency.name}的人员`} />
      )}
    </>
  );
}

function AgencyAdminSection({
  csrf,
  agency,
  forms,
}: {
  csrf: string;
  agency: Agency;
  forms: AgencyAdminForms;
}) {
  const base = `/admin/agencies/${agency.id}`;
  if (agency.status !== 'active') return <p class="muted">已合并或撤销的单位不能再修改，其记录保持原样。</p>;
  return (
    <>
      <h2>修改单位信息</h2>
      <p class="muted">修改单位名称时，原名称记入曾用名。</p>
      <form method="post" action={base} class="stack" novalidate>
        <Csrf token={csrf} />
        <AgencyFields form={forms.edit} governments={forms.governments} />
        <button type="submit">保存修改</button>
      </form>
      <h2>并入其他单位</h2>
      <p class="muted">
        并入后本单位不再办理新事项；已有记录全部保留，由并入单位查阅。下级单位随之转到并入单位之下。
      </p>
      <form method="post" action={`${base}/merge`} class="stack" novalidate>
        <Csrf token={csrf} />
        <SelectField
          name="successorId"
          label="并入单位"
          {...forms.merge}
          required
          options={[CHOOSE, ...optionsOf(forms.successors)]}
        />
        <TextField
          name="endedOn"
          label="生效日期"
          type="date"
          {...forms.merge}
          hint="格式如 2026-01-01；留空表示今天"
        />
        <button type="submit">并入</button>
      </form>
      <h2>撤销单位</h2>
      <p class="muted">撤销后该单位人员的账号将停用；已有记录全部保留。仍有下级单位时不能撤销。</p>
      <form method="post" action={`${base}/abolish`} class="stack" novalidate>
        <Csrf token={csrf} />
        <TextField
          name="abolishedOn"
          label="生效日期"
          type="date"
          {...forms.abolish}
          hint="格式如 2026-01-01；留空表示今天"
        />
        <CheckboxGroup
          name="confirm"
          label="确认"
          {...forms.abolish}
          options={[{ value: 'yes', label: '确认撤销' }]}
        />
        <button type="submit">撤销单位</button>
      </form>
    </>
  );
}
