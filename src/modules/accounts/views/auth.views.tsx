/** Pages of signing in and of one's own account. Pure components: props in, markup out. */
import type { FieldError } from '../../../platform/errors.js';
import { Csrf, ErrorSummary, TextField, type Values } from '../../../platform/views/form.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { type Principal, ROLE_LABELS } from '../accounts.js';

export function LoginPage(p: {
  csrf: string;
  values: Values | Record<string, unknown>;
  errors: FieldError[];
  message?: string;
  next: string;
}) {
  const values: Values = { username: typeof p.values.username === 'string' ? p.values.username : '' };
  return (
    <section>
      <h1>工作人员登录</h1>
      {p.message ? (
        <div class="notice err" role="alert">
          {p.message}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/login" class="stack" novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <TextField
          name="username"
          label="用户名"
          values={values}
          errors={p.errors}
          required
          autocomplete="username"
        />
        <TextField
          name="password"
          label="密码"
          type="password"
          values={{}}
          errors={p.errors}
          required
          autocomplete="current-password"
        />
        <button type="submit">登录</button>
      </form>
      <p class="muted">公众查询信息或提交政府信息公开申请无需登录。</p>
    </section>
  );
}

export function TotpPage(p: { csrf: string; errors: FieldError[]; next: string }) {
  return (
    <section>
      <h1>输入动态验证码</h1>
      <p>您的账号已启用两步验证。请打开验证器应用，输入当前显示的6位数字。</p>
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/login/totp" class="stack" novalidate>
        <Csrf token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <TextField
          name="code"
          label="动态验证码"
          values={{}}
          errors={p.errors}
          required
          autocomplete="one-time-code"
          inputmode="numeric"
        />
        <button type="submit">验证</button>
      </form>
    </section>
  );
}

/** One line of the 待办提醒 panel: what waits (with its count) and where to deal with it. */
export interface HomeReminder {
  key: string;
  text: string;
  href: string;
}

export function AdminHome({ principal, reminders }: { principal: Principal; reminders: HomeReminder[] }) {
  const roles = [...principal.roles].map((r) => ROLE_LABELS[r]);
  return (
    <section>
      <h1>工作台</h1>
      <p>
        您好，{principal.displayName}。{principal.isPlatformAdmin ? '您是平台管理员。' : ''}
        {roles.length > 0 ? `您的角色：${roles.join('、')}。` : ''}
      </p>
      <section class="card" aria-labelledby="reminders-title">
        <h2 id="reminders-title">待办提醒</h2>
        {reminders.length > 0 ? (
          <ul>
            {reminders.map((r) => (
              <li key={r.key} data-reminder={r.key}>
                <a href={r.href}>{r.text}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">暂无待办事项。</p>
        )}
      </section>
      <ul class="cards">
        <li class="card">
          <h2>单位与人员</h2>
          <p>
            <a href="/admin/agencies">查看单位</a> · <a href="/admin/users">查看人员</a>
          </p>
        </li>
        <li class="card">
          <h2>审计日志</h2>
          <p>
            <a href="/admin/audit">查看可见单位的操作记录</a>
          </p>
        </li>
        {principal.isPlatformAdmin ? (
          <li class="card">
            <h2>工作日历</h2>
            <p>
              <a href="/admin/calendar">维护法定节假日与调休安排</a>
            </p>
          </li>
        ) : null}
        <li class="card">
          <h2>我的账号</h2>
          <p>
            <a href="/account">密码、动态验证码与登录设备</a>
          </p>
        </li>
      </ul>
    </section>
  );
}

export function PasswordPage(p: { csrf: string; errors: FieldError[]; mustChange: boolean }) {
  return (
    <section>
      <h1>修改密码</h1>
      {p.mustChange ? (
        <div class="notice warn">首次登录或密码被重置后，须先设置新密码才能继续使用。</div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <form method="post" action="/account/password" class="stack" novalidate>
        <Csrf token={p.csrf} />
        <TextField
          name="currentPassword"
          label="当前密码"
          type="password"
          values={{}}
          errors={p.errors}
          required
          autocomplete="current-password"
        />
        <TextField
          name="newPassword"
          label="新密码"
          type="password"
          values={{}}
          errors={p.errors}
          required
          autocomplete="new-password"
          hint="至少10个字符，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名。"
        />
        <TextField
          name="confirmPassword"
          label="再次输入新密码"
          type="password"
          values={{}}
          errors={p.errors}
          required
          autocomplete="new-password"
        />
        <button type="submit">修改密码</button>
      </form>
    </section>
  );
}

export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  current: boolean;
}

function beijingTime(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

export function AccountPage(p: {
  csrf: string;
  username: string;
  totpEnabled: boolean;
  sessions: SessionView[];
  errors: FieldError[];
  message?: string;
  newSecret?: string;
  otpauthUri?: string;
}) {
  return (
    <section>
      <h1>我的账号</h1>
      {p.message ? (
        <div class="notice ok" role="status">
          {p.message}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <p>
        用户名：<span class="mono">{p.username}</span>
      </p>
      <h2>密码</h2>
      <p>
        <a href="/account/password">修改密码</a>
      </p>
      <h2>动态验证码（两步验证）</h2>
      {p.totpEnabled ? (
        <form method="post" action="/account/totp/disable" class="stack">
          <p>已启用。登录时除密码外还需输入验证器上的6位数字。</p>
          <Csrf token={p.csrf} />
          <TextField
            name="currentPassword"
            label="当前密码（停用时确认身份）"
            type="password"
            values={{}}
            errors={p.errors}
            autocomplete="current-password"
          />
          <button type="submit" class="secondary">
            停用动态验证码
          </button>
        </form>
      ) : p.newSecret ? (
        <form method="post" action="/account/totp/confirm" class="stack">
          <p>请在验证器应用中添加以下密钥（或导入下方链接），然后输入显示的6位数字完成启用：</p>
          <p>
            密钥：<code>{p.newSecret}</code>
          </p>
          <p>
            链接：<code>{p.otpauthUri}</code>
          </p>
          <Csrf token={p.csrf} />
          <TextField
            name="code"
            label="动态验证码"
            values={{}}
            errors={p.errors}
            required
            autocomplete="one-time-code"
            inputmode="numeric"
          />
          <button type="submit">确认启用</button>
        </form>
      ) : (
        <form method="post" action="/account/totp/setup">
          <p>未启用。启用后，登录需同时提供密码和验证器应用生成的动态验证码。</p>
          <Csrf token={p.csrf} />
          <button type="submit">启用动态验证码</button>
        </form>
      )}
      <h2>登录设备</h2>
      <TableWrap label="登录设备">
        <table>
          <caption class="muted">当前有效的登录会话</caption>
          <thead>
            <tr>
              <th scope="col">登录时间</th>
              <th scope="col">最近活动</th>
              <th scope="col">浏览器</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {p.sessions.map((s) => (
              <tr key={s.id}>
                <td>{beijingTime(s.createdAt)}</td>
                <td>{beijingTime(s.lastSeenAt)}</td>
                <td>{s.userAgent ?? '未知'}</td>
                <td>
                  <form method="post" action={`/account/sessions/${s.id}/revoke`} class="inline">
                    <Csrf token={p.csrf} />
                    <button type="submit" class="secondary">
                      {s.current ? '退出本设备' : '结束该会话'}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
