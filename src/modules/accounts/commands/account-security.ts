/** A person's own account: change password, set up or switch off TOTP, see and end sessions. */
import { hashPassword, passwordProblems, verifyPassword } from '../../../platform/auth/passwords.js';
import { generateTotpSecret, verifyTotp } from '../../../platform/auth/totp.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import {
  findUser,
  liveSessionsOf,
  revokeSessions,
  updateSession,
  updateUser,
} from '../accounts.repository.js';
import { auditActor, type CommandContext } from './context.js';

async function me(ctx: CommandContext) {
  const user = await findUser(ctx.services.db, ctx.principal.userId);
  if (!user) throw new AppError('unauthenticated');
  return user;
}

export async function changePassword(
  ctx: CommandContext,
  currentSessionId: string,
  input: Input,
): Promise<void> {
  const user = await me(ctx);
  const fe = new FieldErrors();
  const current = typeof input.currentPassword === 'string' ? input.currentPassword : '';
  const next = typeof input.newPassword === 'string' ? input.newPassword : '';
  const confirm = typeof input.confirmPassword === 'string' ? input.confirmPassword : '';
  if (!current) fe.add('currentPassword', '请填写当前密码');
  else if (!(await verifyPassword(current, user.password_hash))) fe.add('currentPassword', '当前密码不正确');
  if (!next) fe.add('newPassword', '请填写新密码');
  else for (const p of passwordProblems(next, user.username)) fe.add('newPassword', `新密码：${p}`);
  if (next && current && next === current) fe.add('newPassword', '新密码不能与当前密码相同');
  if (next !== confirm) fe.add('confirmPassword', '两次输入的新密码不一致');
  fe.throwIfAny();
  const now = ctx.services.clock.now().toISOString();
  await ctx.services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      password_hash: await hashPassword(next),
      must_change_password: 0,
      password_changed_at: now,
      updated_at: now,
    });
    const revoked = await revokeSessions(trx, user.id, now, currentSessionId);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: user.agency_id,
      action: 'user.change_password',
      targetType: 'user',
      targetId: user.id,
      after: { otherSessionsRevoked: revoked },
    });
  });
}

/** Stores a fresh secret (not yet enabled) and returns it for the authenticator app. */
export async function beginTotpSetup(ctx: CommandContext): Promise<string> {
  const user = await me(ctx);
  if (Number(user.totp_enabled) === 1)
    throw new AppError('refused', '已启用动态验证码；如需更换，请先停用。');
  const secret = generateTotpSecret();
  await ctx.services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_secret: secret,
      updated_at: ctx.services.clock.now().toISOString(),
    });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: user.agency_id,
      action: 'user.totp_setup_started',
      targetType: 'user',
      targetId: user.id,
    });
  });
  return secret;
}

export async function confirmTotp(ctx: CommandContext, input: Input): Promise<void> {
  const user = await me(ctx);
  const fe = new FieldErrors();
  const code = readText(fe, input, 'code', '动态验证码', {
    required: true,
    pattern: /^\d{6}$/,
    patternHint: '应为6位数字',
  });
  fe.throwIfAny();
  if (!user.totp_secret) throw new AppError('refused', '请先生成动态验证码密钥。');
  const step = verifyTotp(user.totp_secret, code, ctx.services.clock.now(), user.totp_last_step);
  if (step === null)
    throw AppError.validation([{ field: 'code', message: '动态验证码不正确，请核对验证器上的6位数字' }]);
  await ctx.services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_enabled: 1,
      totp_last_step: step,
      updated_at: ctx.services.clock.now().toISOString(),
    });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: user.agency_id,
      action: 'user.totp_enabled',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

export async function disableTotp(ctx: CommandContext, input: Input): Promise<void> {
  const user = await me(ctx);
  const password = typeof input.currentPassword === 'string' ? input.currentPassword : '';
  if (!password || !(await verifyPassword(password, user.password_hash)))
    throw AppError.validation([{ field: 'currentPassword', message: '当前密码不正确' }]);
  await ctx.services.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, {
      totp_enabled: 0,
      totp_secret: null,
      totp_last_step: null,
      updated_at: ctx.services.clock.now().toISOString(),
    });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: user.agency_id,
      action: 'user.totp_disabled',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

export function mySessions(ctx: CommandContext) {
  return liveSessionsOf(ctx.services.db, ctx.principal.userId, ctx.services.clock.now().toISOString());
}

/** Ends one of the person's own sessions (e.g. one left open elsewhere). Sign-out uses the same. */
export async function endSession(
  ctx: CommandContext,
  sessionId: string,
  action = 'auth.session_revoked',
): Promise<void> {
  const sessions = await mySessions(ctx);
  if (!sessions.some((x) => x.id === sessionId)) throw new AppError('not_found', '会话不存在或已结束。');
  await ctx.services.db.transaction().execute(async (trx) => {
    await updateSession(trx, sessionId, { revoked_at: ctx.services.clock.now().toISOString() });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: ctx.principal.agencyId,
      action,
      targetType: 'session',
      targetId: sessionId.slice(0, 12),
    });
  });
}
