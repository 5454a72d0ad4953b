/** Back-office pages of agencies and staff. Pure components: plain data in, markup out. */
import type { FieldError } from '../../../platform/errors.js';
import {
  CheckboxGroup,
  Csrf,
  ErrorSummary,
  SelectField,
  TextField,
  type Values,
} from '../../../platform/views/form.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import {
  AGENCY_KIND_LABELS,
  AGENCY_KINDS,
  AGENCY_LEVEL_LABELS,
  AGENCY_LEVELS,
  type Agency,
  ROLE_LABELS,
  ROLES,
  type Role,
} from '../accounts.js';

type Option = { value: string; label: string };
const optionsOf = (list: Pick<Agency, 'id' | 'name'>[]): Option[] =>
  list.map((a) => ({ value: a.id, label: a.name }));
const CHOOSE: Option = { value: '', label: '请选择' };
const ROLE_OPTIONS: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** What to tell the user after a redirect (`?done=`): fixed texts, never echoed input. */
export const DONE_MESSAGES: Record<string, string> = {
  updated: '已保存修改。',
  merged: '已并入其他单位。该单位的记录全部保留，并入单位及其主管部门可以查阅。',
  abolished: '已撤销该单位。其记录全部保留，该单位人员的账号已停用。',
  revoked: '已结束该人员的全部登录会话，并解除了登录锁定。',
};

export function Notices({ message, notice }: { message?: string | undefined; notice?: string | undefined }) {
  return (
    <>
      {message ? (
        <div class="notice ok" role="status">
          {message}
        </div>
      ) : null}
      {notice ? (
        <div class="notice err" role="alert">
          {notice}
        </div>
      ) : null}
    </>
  );
}

// ── Agencies ──

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

export interface FormState {
  values: Values;
  errors: FieldError[];
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

export interface StaffRow {
  id: string;
  username: string;
  displayName: string;
  agencyId: string | null;
  agencyName: string | null;
  roles: Role[];
  state: 'active' | 'disabled' | 'locked';
  totpEnabled: boolean;
}

const STATE_LABELS: Record<StaffRow['state'], string> = {
  active: '正常',
  disabled: '停用',
  locked: '已锁定',
};

export function StaffTable({ rows, caption }: { rows: StaffRow[]; caption: string }) {
  return (
    <TableWrap label="人员列表">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">单位</th>
            <th scope="col">角色</th>
            <th scope="col">状态</th>
            <th scope="col">两步验证</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.id}>
              <th scope="row" class="mono">
                {u.agencyId ? <a href={`/admin/users/${u.id}`}>{u.username}</a> : u.username}
              </th>
              <td>{u.displayName}</td>
              <td>{u.agencyName ?? '—（平台管理员）'}</td>
              <td>{u.roles.map((r) => ROLE_LABELS[r]).join('、') || '—'}</td>
              <td>{STATE_LABELS[u.state]}</td>
              <td>{u.totpEnabled ? '已启用' : '未启用'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
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

// ── Staff ──

export function UsersPage(p: {
  rows: StaffRow[];
  filter: { agencies: Agency[]; current: string } | null;
  canCreate: boolean;
}) {
  return (
    <section>
      <h1>人员</h1>
      {p.canCreate ? (
        <p>
          <a class="button" href="/admin/users/new">
            新增人员
          </a>
        </p>
      ) : null}
      {p.filter ? (
        <form method="get" action="/admin/users" class="stack">
          <SelectField
            name="agencyId"
            label="按单位筛选"
            values={{ agencyId: p.filter.current }}
            errors={[]}
            options={[{ value: '', label: '全部单位' }, ...optionsOf(p.filter.agencies)]}
          />
          <button type="submit" class="secondary">
            筛选
          </button>
        </form>
      ) : null}
      {p.rows.length === 0 ? (
        <p class="muted">没有符合条件的人员。</p>
      ) : (
        <StaffTable rows={p.rows} caption="您可以管理的人员" />
      )}
    </section>
  );
}

export function NoStaffRightsPage() {
  return (
    <section>
      <h1>人员</h1>
      <p>您没有管理人员的权限。人员账号由本单位的单位管理员或平台管理员维护。</p>
      <p>
        如需新增人员、调整角色、重置密码或停用账号，请联系本单位的单位管理员。修改本人密码请前往
        <a href="/account">我的账号</a>。
      </p>
    </section>
  );
}

export function NewUserPage(p: {
  csrf: string;
  form: FormState;
  agencies: Agency[];
  notice?: string | undefined;
}) {
  const f = p.form;
  return (
    <section>
      <h1>新增人员</h1>
      <Notices notice={p.notice} />
      <ErrorSummary errors={f.errors} />
      <form method="post" action="/admin/users" class="stack" novalidate>
        <Csrf token={p.csrf} />
        <TextField
          name="username"
          label="用户名"
          {...f}
          required
          autocomplete="off"
          hint="以小写字母开头，只含小写字母、数字和 . _ -，3至32位；用于登录，创建后不能修改"
        />
        <TextField name="displayName" label="姓名" {...f} required autocomplete="off" />
        <SelectField name="agencyId" label="所属单位" {...f} required options={optionsOf(p.agencies)} />
        <CheckboxGroup name="roles" label="角色" {...f} options={ROLE_OPTIONS} />
        <button type="submit">新增人员</button> <a href="/admin/users">取消</a>
      </form>
    </section>
  );
}

/** Shown once, right after the password was made; it is never stored in clear or put in a URL. */
export function OneTimePasswordPage(p: { kind: 'initial' | 'reset'; user: StaffRow; password: string }) {
  const what = p.kind === 'initial' ? '初始密码' : '新密码';
  return (
    <section>
      <h1>{p.kind === 'initial' ? '人员已创建' : '密码已重置'}</h1>
      <p>
        人员：{p.user.displayName}（<span class="mono">{p.user.username}</span>）
        {p.user.agencyName ? `，${p.user.agencyName}` : ''}
      </p>
      <div class="notice warn">
        <p>
          {what}：<code>{p.password}</code>
        </p>
        <p>
          请将{what}当面或通过安全渠道交给本人，{p.kind === 'initial' ? '首次' : '下次'}
          登录须修改。此密码只显示这一次，离开本页后无法再次查看。
        </p>
      </div>
      <p>
        <a href={`/admin/users/${p.user.id}`}>查看该人员</a> · <a href="/admin/users">返回人员列表</a>
      </p>
    </section>
  );
}

export function UserDetailPage(p: {
  csrf: string;
  user: StaffRow;
  liveSessions: number;
  form: FormState;
  message?: string | undefined;
  notice?: string | undefined;
}) {
  const u = p.user;
  const base = `/admin/users/${u.id}`;
  const statuses = [
    { value: 'active', label: '正常' },
    { value: 'disabled', label: '停用' },
  ];
  return (
    <section>
      <h1>
        {u.displayName}（<span class="mono">{u.username}</span>）
      </h1>
      <Notices message={p.message} notice={p.notice} />
      <ErrorSummary errors={p.form.errors} />
      <dl>
        <dt>单位</dt>
        <dd>{u.agencyId ? <a href={`/admin/agencies/${u.agencyId}`}>{u.agencyName}</a> : '—'}</dd>
        <dt>状态</dt>
        <dd>{STATE_LABELS[u.state]}</dd>
        <dt>两步验证</dt>
        <dd>{u.totpEnabled ? '已启用' : '未启用'}</dd>
        <dt>当前有效登录</dt>
        <dd>{p.liveSessions}个</dd>
      </dl>
      <h2>修改人员信息</h2>
      <form method="post" action={base} class="stack" novalidate>
        <Csrf token={p.csrf} />
        <TextField name="displayName" label="姓名" {...p.form} required autocomplete="off" />
        <CheckboxGroup name="roles" label="角色" {...p.form} options={ROLE_OPTIONS} />
        <SelectField
          name="status"
          label="账号状态"
          {...p.form}
          options={statuses}
          hint="停用后该人员立即退出登录"
        />
        <button type="submit">保存修改</button>
      </form>
      <h2>重置密码</h2>
      <form method="post" action={`${base}/reset-password`} class="stack">
        <p class="muted">生成新的一次性密码，该人员的全部登录随即结束，下次登录须修改密码。</p>
        <Csrf token={p.csrf} />
        <button type="submit" class="secondary">
          重置密码
        </button>
      </form>
      <h2>结束全部登录</h2>
      <form method="post" action={`${base}/revoke-sessions`} class="stack">
        <p class="muted">用于设备遗失等情况；同时解除因多次输错密码造成的锁定。</p>
        <Csrf token={p.csrf} />
        <button type="submit" class="secondary">
          结束全部登录并解锁
        </button>
      </form>
      <p>
        <a href="/admin/users">返回人员列表</a>
      </p>
    </section>
  );
}
