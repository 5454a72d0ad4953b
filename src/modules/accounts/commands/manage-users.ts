/**
 * Use cases of staff accounts: create, edit (name, roles, status), reset the
 * password, unlock. A platform admin manages everyone; an agency admin manages
 * the staff of its own agency. Nobody changes their own roles.
 */
import { randomUUID } from 'node:crypto';
import { diff } from '../../../platform/audit/audit.js';
import { generatePassword, hashPassword } from '../../../platform/auth/passwords.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readBool, readChoice, readChoices, readText } from '../../../platform/validate.js';
import { newUserRow, ROLES, type Role, toUser, type User } from '../accounts.js';
import { canManageStaff } from '../accounts.policy.js';
import {
  findAgency,
  findUser,
  findUserByUsername,
  insertUser,
  revokeSessions,
  rolesOf,
  setRoles,
  updateUser,
} from '../accounts.repository.js';
import { auditActor, type CommandContext } from './context.js';

const USERNAME = /^[a-z][a-z0-9._-]{2,31}$/;

async function loadUser(ctx: CommandContext, id: string): Promise<User> {
  const row = await findUser(ctx.services.db, id);
  if (!row || !canManageStaff(ctx.principal, row.agency_id)) throw new AppError('not_found', '人员不存在。');
  return toUser(row, await rolesOf(ctx.services.db, id));
}

function snapshot(
  u: Pick<User, 'username' | 'displayName' | 'agencyId' | 'roles' | 'status' | 'isPlatformAdmin'>,
) {
  return {
    username: u.username,
    displayName: u.displayName,
    agencyId: u.agencyId,
    roles: [...u.roles],
    status: u.status,
    isPlatformAdmin: u.isPlatformAdmin,
  };
}

export interface CreatedUser {
  user: User;
  initialPassword: string;
}

export async function createUser(ctx: CommandContext, input: Input): Promise<CreatedUser> {
  const db = ctx.services.db;
  const fe = new FieldErrors();
  const username = readText(fe, input, 'username', '用户名', {
    required: true,
    max: 32,
    pattern: USERNAME,
    patternHint: '须以小写字母开头，只含小写字母、数字和 . _ -，3至32位',
  }).toLowerCase();
  const displayName = readText(fe, input, 'displayName', '姓名', { required: true, max: 50 });
  const agencyId = readText(fe, input, 'agencyId', '所属单位', {
    required: !readBool(input, 'isPlatformAdmin'),
    max: 64,
  });
  const roles = readChoices(fe, input, 'roles', '角色', ROLES);
  const isPlatformAdmin = readBool(input, 'isPlatformAdmin');
  if (isPlatformAdmin && !ctx.principal.isPlatformAdmin)
    fe.add('isPlatformAdmin', '只有平台管理员可以设置平台管理员');
  const agency = agencyId ? await findAgency(db, agencyId) : undefined;
  if (agencyId && !agency) fe.add('agencyId', '所属单位不存在');
  if (agency && agency.status !== 'active') fe.add('agencyId', '所属单位已合并或撤销，不能新增人员');
  if (agency && !canManageStaff(ctx.principal, agency.id)) fe.add('agencyId', '您不能为该单位添加人员');
  if (roles.includes('supervisor') && agency && agency.kind !== 'government')
    fe.add('roles', '“主管部门”角色只能授予人民政府（政务公开办）的人员');
  if (username && (await findUserByUsername(db, username))) fe.add('username', `用户名“${username}”已被占用`);
  fe.throwIfAny();
  const initialPassword = generatePassword();
  const now = ctx.services.clock.now().toISOString();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertUser(
      trx,
      newUserRow({
        id,
        username,
        displayName: displayName,
        agencyId: agencyId || null,
        isPlatformAdmin,
        passwordHash: await hashPassword(initialPassword),
        mustChangePassword: true,
        now,
      }),
    );
    await setRoles(trx, id, roles);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: agencyId || null,
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      after: snapshot({
        username,
        displayName,
        agencyId: agencyId || null,
        roles,
        status: 'active',
        isPlatformAdmin,
      }),
    });
  });
  const row = (await findUser(db, id))!;
  return { user: toUser(row, roles), initialPassword };
}

export async function updateUserDetails(ctx: CommandContext, id: string, input: Input): Promise<User> {
  const db = ctx.services.db;
  const existing = await loadUser(ctx, id);
  const fe = new FieldErrors();
  const displayName = readText(fe, input, 'displayName', '姓名', { required: true, max: 50 });
  const roles = readChoices(fe, input, 'roles', '角色', ROLES) as Role[];
  const status =
    readChoice(fe, input, 'status', '账号状态', ['active', 'disabled'] as const) ?? existing.status;
  const agency = existing.agencyId ? await findAgency(db, existing.agencyId) : undefined;
  if (roles.includes('supervisor') && agency && agency.kind !== 'government')
    fe.add('roles', '“主管部门”角色只能授予人民政府（政务公开办）的人员');
  if (id === ctx.principal.userId && roles.join() !== existing.roles.join())
    fe.add('roles', '不能修改本人的角色，请由其他管理员操作');
  if (id === ctx.principal.userId && status === 'disabled') fe.add('status', '不能停用本人的账号');
  fe.throwIfAny();
  const now = ctx.services.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, id, { display_name: displayName, status, updated_at: now });
    await setRoles(trx, id, roles);
    if (status === 'disabled') await revokeSessions(trx, id, now);
    const d = diff(snapshot(existing), snapshot({ ...existing, displayName, roles, status }));
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: existing.agencyId,
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      before: d.before,
      after: d.after,
    });
  });
  return loadUser(ctx, id);
}

/** Sets a new random password the person must change at next sign-in; ends their sessions. */
export async function resetPassword(ctx: CommandContext, id: string): Promise<string> {
  const existing = await loadUser(ctx, id);
  if (id === ctx.principal.userId) throw new AppError('refused', '请在“我的账号”中修改本人密码。');
  const password = generatePassword();
  const now = ctx.services.clock.now().toISOString();
  await ctx.services.db.transaction().execute(async (trx) => {
    await updateUser(trx, id, {
      password_hash: await hashPassword(password),
      must_change_password: 1,
      failed_logins: 0,
      locked_until: null,
      password_changed_at: now,
      updated_at: now,
    });
    const revoked = await revokeSessions(trx, id, now);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: existing.agencyId,
      action: 'user.reset_password',
      targetType: 'user',
      targetId: id,
      after: { mustChangePassword: true, sessionsRevoked: revoked },
    });
  });
  return password;
}

/** Ends every session of a person (e.g. a lost laptop), and lifts a lockout. */
export async function revokeUserSessions(ctx: CommandContext, id: string): Promise<number> {
  const existing = await loadUser(ctx, id);
  const now = ctx.services.clock.now().toISOString();
  return ctx.services.db.transaction().execute(async (trx) => {
    const n = await revokeSessions(trx, id, now);
    await updateUser(trx, id, { failed_logins: 0, locked_until: null, updated_at: now });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: existing.agencyId,
      action: 'user.revoke_sessions',
      targetType: 'user',
      targetId: id,
      after: { sessionsRevoked: n, unlocked: true },
    });
    return n;
  });
}
