/** The audit trail page: filters, a table of events, paging. */

import { TableWrap } from '../views/table-wrap.js';
import type { AuditFilters } from './audit.routes.js';
import type { PresentedAuditEvent } from './audit-presenter.js';

const ACTION_LABELS: Record<string, string> = {
  'agency.create': '新建单位',
  'agency.update': '修改单位',
  'agency.rename': '单位更名',
  'agency.merge': '单位合并',
  'agency.absorb': '并入单位',
  'agency.abolish': '撤销单位',
  'user.create': '新建人员',
  'user.update': '修改人员',
  'user.reset_password': '重置密码',
  'user.revoke_sessions': '结束会话并解锁',
  'user.change_password': '修改密码',
  'user.totp_setup_started': '开始设置动态验证码',
  'user.totp_enabled': '启用动态验证码',
  'user.totp_disabled': '停用动态验证码',
  'auth.login': '登录',
  'auth.password_ok': '密码验证通过',
  'auth.login_failed': '登录失败',
  'auth.totp_failed': '动态验证码错误',
  'auth.locked': '账号锁定',
  'auth.logout': '退出登录',
  'auth.session_revoked': '结束会话',
  'calendar.save': '保存工作日历',
  'portal.site_update': '修改站点设置',
  'supervision.post': '发出意见/督办',
  'supervision.answer': '答复督办',
  'supervision.close': '办结督办',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

function beijing(iso: string): string {
  return new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}

function Change({ before, after }: { before: unknown; after: unknown }) {
  if (!before && !after) return <span class="muted">—</span>;
  const fmt = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  return (
    <span class="mono">
      {before ? <>前：{fmt(before)}</> : null}
      {before && after ? <br /> : null}
      {after ? <>后：{fmt(after)}</> : null}
    </span>
  );
}

export function AuditPage(p: {
  filters: AuditFilters;
  agencies: { id: string; name: string }[];
  events: (PresentedAuditEvent & { agencyName: string })[];
  total: number;
  pageSize: number;
}) {
  const f = p.filters;
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  const link = (page: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...f, page: String(page) })) if (v) q.set(k, String(v));
    return `/admin/audit?${q.toString()}`;
  };
  return (
    <section>
      <h1>审计日志</h1>
      <p class="muted">每一次数据变更都记录在所属单位的审计链中，记录的个人信息已脱敏。</p>
      <form method="get" action="/admin/audit" class="stack">
        <div class="field">
          <label for="f-agencyId">单位</label>
          <select id="f-agencyId" name="agencyId">
            <option value="">全部可见单位</option>
            {p.agencies.map((a) => (
              <option key={a.id} value={a.id} selected={a.id === f.agencyId}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-action">操作</label>
          <select id="f-action" name="action">
            <option value="">全部操作</option>
            {Object.entries(ACTION_LABELS).map(([k, v]) => (
              <option key={k} value={k} selected={k === f.action}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-from">起始日期</label>
          <input id="f-from" name="from" type="date" value={f.from ?? ''} />
        </div>
        <div class="field">
          <label for="f-to">截止日期</label>
          <input id="f-to" name="to" type="date" value={f.to ?? ''} />
        </div>
        <button type="submit">筛选</button>
      </form>
      <p>共 {p.total} 条记录。</p>
      <TableWrap label="审计日志">
        <table>
          <caption class="muted">
            第 {f.page} 页，共 {pages} 页
          </caption>
          <thead>
            <tr>
              <th scope="col">时间（北京时间）</th>
              <th scope="col">单位 · 序号</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">对象</th>
              <th scope="col">变更内容</th>
            </tr>
          </thead>
          <tbody>
            {p.events.map((e) => (
              <tr key={e.id}>
                <td>{beijing(e.occurredAt)}</td>
                <td>
                  {e.agencyName} · #{e.seq}
                </td>
                <td>{e.actor.label}</td>
                <td>{actionLabel(e.action)}</td>
                <td class="mono">
                  {e.target.type}
                  {e.target.id ? ` ${e.target.id.slice(0, 8)}` : ''}
                </td>
                <td>
                  <Change before={e.before} after={e.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <nav class="pager" aria-label="分页">
        {f.page > 1 ? <a href={link(f.page - 1)}>上一页</a> : null}
        {f.page < pages ? <a href={link(f.page + 1)}>下一页</a> : null}
      </nav>
    </section>
  );
}
