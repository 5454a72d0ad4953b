/** Back-office pages of staff: list, new user, one user, one-time password. Pure components. */
import { CheckboxGroup, Csrf, ErrorSummary, SelectField, TextField } from '../../../platform/views/form.js';
import type { Agency } from '../accounts.js';
import {
  type FormState,
  Notices,
  optionsOf,
  ROLE_OPTIONS,
  STATE_LABELS,
  type StaffRow,
  StaffTable,
} from './shared.views.js';

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
