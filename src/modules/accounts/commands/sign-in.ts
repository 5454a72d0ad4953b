/**
 * Signing in: password (scrypt), then the TOTP code when the person has
 * enabled it. Repeated failures lock the account for a while (config
 * LOGIN_MAX_FAILURES / LOGIN_LOCK_MINUTES); every outcome on a known account
 * is audited. Messages never reveal whether a username exists.
 */

import { hashPassword, verifyPassword } from '../../../platform/auth/passwords.js';
import { createSession } from '../../../platform/auth/sessions.js';
import { verifyTotp } from '../../../platform/auth/totp.js';
import { AppError } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import { actorLabel } from '../accounts.js';
import { findUser, findUserByUsername, updateSession, updateUser } from '../accounts.repository.js';

const WRONG = '用户名或密码不正确。';
// Spend the same time on unknown usernames as on known ones.
let dummyHash: Promise<string> | null = null;

export interface SignInResult {
  token: string;
  mfaRequired: boolean;
  mustChangePassword: boolean;
}

export async function signIn(
  s: Services,
  input: { username: string; password: string; userAgent: string | null; requestId: string | null },
): Promise<SignInResult> {
  const username = input.username.trim().toLowerCase();
  if (!username || !input.password)
    throw AppError.validation([
      ...(!username ? [{ field: 'username', message: '请填写用户名' }] : []),
      ...(!input.password ? [{ field: 'password', message: '请填写密码' }] : []),
    ]);
  const user = await findUserByUsername(s.db, username);
  if (!user) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(input.password, await dummyHash);
    throw new AppError('unauthenticated', WRONG);
  }
  const now = s.clock.now();
  const actor = {
    actorId: user.id,
    actorLabel: actorLabel({ displayName: user.display_name, username: user.username }),
    requestId: input.requestId,
  };
  if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) {
    const minutes = Math.ceil((Date.parse(user.locked_until) - now.getTime()) / 60_000);
    throw new AppError(
      'account_locked',
      `登录失败次数过多，账号已锁定，请${minutes}分钟后再试，或联系管理员解锁。`,
    );
  }
  const ok = await verifyPassword(input.password, user.password_hash);
  if (!ok || user.status !== 'active') {
    const failures = Number(user.failed_logins) + 1;
    const lock = failures >= s.config.loginMaxFailures;
    await s.db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock
          ? new Date(now.getTime() + s.config.loginLockMinutes * 60_000).toISOString()
          : user.locked_until,
      });
      await s.audit.record(trx, actor, {
        agencyId: user.agency_id,
        action: lock ? 'auth.locked' : 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        after: { failures, locked: lock },
      });
    });
    if (lock)
      throw new AppError('account_locked', `登录失败次数过多，账号已锁定${s.config.loginLockMinutes}分钟。`);
    throw new AppError('unauthenticated', WRONG);
  }
  const mfa = Number(user.totp_enabled) === 1;
  return s.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { failed_logins: 0, locked_until: null });
    const { token } = await createSession(trx, s, user.id, { mfaPending: mfa, userAgent: input.userAgent });
    await s.audit.record(trx, actor, {
      agencyId: user.agency_id,
      action: mfa ? 'auth.password_ok' : 'auth.login',
      targetType: 'user',
      targetId: user.id,
    });
    return { token, mfaRequired: mfa, mustChangePassword: Number(user.must_change_password) === 1 };
  });
}

/** Second step: a half-signed-in session becomes a full one with a valid, unused TOTP code. */
export async function completeSecondFactor(
  s: Services,
  session: { id: string; userId: string },
  code: string,
  requestId: string | null,
): Promise<void> {
  const user = await findUser(s.db, session.userId);
  if (!user?.totp_secret || user.status !== 'active') throw new AppError('unauthenticated');
  const step = verifyTotp(user.totp_secret, code.replace(/\s/g, ''), s.clock.now(), user.totp_last_step);
  const actor = {
    actorId: user.id,
    actorLabel: actorLabel({ displayName: user.display_name, username: user.username }),
    requestId,
  };
  if (step === null) {
    await s.db.transaction().execute(async (trx) => {
      const failures = Number(user.failed_logins) + 1;
      const lock = failures >= s.config.loginMaxFailures;
      await updateUser(trx, user.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock
          ? new Date(s.clock.now().getTime() + s.config.loginLockMinutes * 60_000).toISOString()
          : null,
      });
      if (lock) await updateSession(trx, session.id, { revoked_at: s.clock.now().toISOString() });
      await s.audit.record(trx, actor, {
        agencyId: user.agency_id,
        action: 'auth.totp_failed',
        targetType: 'user',
        targetId: user.id,
        after: { failures, locked: lock },
      });
    });
    throw AppError.validation([
      { field: 'code', message: '动态验证码不正确或已使用，请输入验证器上当前显示的6位数字' },
    ]);
  }
  await s.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { totp_last_step: step, failed_logins: 0 });
    await updateSession(trx, session.id, { mfa_pending: 0 });
    await s.audit.record(trx, actor, {
      agencyId: user.agency_id,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      after: { secondFactor: 'totp' },
    });
  });
}
