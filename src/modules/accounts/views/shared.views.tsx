/** What the agency and staff back-office pages share: notices, the staff table, select options. */
import type { FieldError } from '../../../platform/errors.js';
import type { Values } from '../../../platform/views/form.js';
import { Notices } from '../../../platform/views/notices.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import { type Agency, ROLE_LABELS, ROLES, type Role } from '../accounts.js';

export type Option = { value: string; label: string };
export const optionsOf = (list: Pick<Agency, 'id' | 'name'>[]): Option[] =>
  list.map((a) => ({ value: a.id, label: a.name }));
export const CHOOSE: Option = { value: '', label: '请选择' };
export const ROLE_OPTIONS: Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** What to tell the user after a redirect (`?done=`): fixed texts, never echoed input. */
export const DONE_MESSAGES: Record<string, string> = {
  updated: '已保存修改。',
  merged: '已并入其他单位。该单位的记录全部保留，并入单位及其主管部门可以查阅。',
  abolished: '已撤销该单位。其记录全部保留，该单位人员的账号已停用。',
  revoked: '已结束该人员的全部登录会话，并解除了登录锁定。',
};

export { Notices };

export interface FormState {
  values: Values;
  errors: FieldError[];
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

export const STATE_LABELS: Record<StaffRow['state'], string> = {
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
