/** Sign-in, second factor, sign-out, the back-office home and "my account" pages. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { otpauthUri } from '../../../platform/auth/totp.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { RateLimiter } from '../../../platform/http/rate-limit.js';
import { sendPage } from '../../../platform/views/render.js';
import { applicationReminders } from '../../applications/admin/work-views.js';
import { remindersFor } from '../../publications/oversight/reminders.js';
import { findUser } from '../accounts.repository.js';
import {
  beginTotpSetup,
  changePassword,
  confirmTotp,
  disableTotp,
  endSession,
  mySessions,
} from '../commands/account-security.js';
import { completeSecondFactor, signIn } from '../commands/sign-in.js';
import { AccountPage, AdminHome, LoginPage, PasswordPage, TotpPage } from '../views/auth.views.js';
import { body, clearSessionCookie, commandContext, safeNext, setSessionCookie } from './route-helpers.js';

const loginLimiter = new RateLimiter(20, 60_000);

export async function authRoutes(app: FastifyInstance) {
  const pub = { config: { access: access.public }, schema: { hide: true } };
  const mine = {
    config: { access: access.signedIn, allowPendingPasswordChange: true },
    schema: { hide: true },
  };

  const showLogin = (
    req: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[],
    message?: string,
    status = 200,
  ) =>
    sendPage(req, reply, { title: '工作人员登录', area: 'public', status }, (ctx) => (
      <LoginPage
        csrf={ctx.csrf}
        values={body(req)}
        errors={errors}
        message={message}
        next={safeNext((req.query as { next?: string }).next ?? body(req).next)}
      />
    ));

  app.get('/login', pub, async (req, reply) => {
    if (req.principal) return reply.redirect('/admin', 303);
    return showLogin(req, reply, []);
  });

  app.post('/login', pub, async (req, reply) => {
    const b = body(req);
    if (!loginLimiter.take(`ip:${req.ip}`))
      return showLogin(req, reply, [], '登录尝试过于频繁，请1分钟后再试。', 429);
    try {
      const result = await signIn(app.services, {
        username: String(b.username ?? ''),
        password: String(b.password ?? ''),
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
      });
      setSessionCookie(req, reply, result.token);
      const next = safeNext(b.next);
      if (result.mfaRequired) return reply.redirect(`/login/totp?next=${encodeURIComponent(next)}`, 303);
      return reply.redirect(result.mustChangePassword ? '/account/password' : next, 303);
    } catch (err) {
      const e = toAppError(err);
      if (e.status >= 500) throw err;
      return showLogin(req, reply, e.fields, e.fields.length ? undefined : e.message, e.status);
    }
  });

  const showTotp = (req: FastifyRequest, reply: FastifyReply, errors: FieldError[], status = 200) =>
    sendPage(req, reply, { title: '动态验证码', area: 'public', status }, () => (
      <TotpPage
        csrf={req.session!.csrfToken}
        errors={errors}
        next={safeNext((req.query as { next?: string }).next ?? body(req).next)}
      />
    ));

  app.get('/login/totp', pub, async (req, reply) => {
    if (!req.session?.mfaPending) return reply.redirect('/login', 303);
    return showTotp(req, reply, []);
  });

  app.post('/login/totp', pub, async (req, reply) => {
    if (!req.session?.mfaPending) return reply.redirect('/login', 303);
    const row = await app.services.db
      .selectFrom('sessions')
      .select('user_id')
      .where('id', '=', req.session.id)
      .executeTakeFirst();
    if (!row) return reply.redirect('/login', 303);
    if (!loginLimiter.take(`ip:${req.ip}`)) throw new AppError('rate_limited');
    try {
      await completeSecondFactor(
        app.services,
        { id: req.session.id, userId: row.user_id },
        String(body(req).code ?? ''),
        req.id,
      );
    } catch (err) {
      const e = toAppError(err);
      if (e.status >= 500) throw err;
      return showTotp(
        req,
        reply,
        e.fields.length ? e.fields : [{ field: 'code', message: e.message }],
        e.status,
      );
    }
    const user = await findUser(app.services.db, row.user_id);
    return reply.redirect(
      Number(user?.must_change_password) === 1 ? '/account/password' : safeNext(body(req).next),
      303,
    );
  });

  app.post('/logout', mine, async (req, reply) => {
    await endSession(commandContext(req), req.session!.id, 'auth.logout');
    clearSessionCookie(reply);
    return reply.redirect('/', 303);
  });

  app.get('/admin', { config: { access: access.signedIn }, schema: { hide: true } }, async (req, reply) => {
    const reminders = [
      ...(await remindersFor(app.services, req.principal!)),
      ...(await applicationReminders(commandContext(req))),
    ];
    return sendPage(req, reply, { title: '工作台', area: 'admin' }, () => (
      <AdminHome principal={req.principal!} reminders={reminders} />
    ));
  });

  const showAccount = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; message?: string; newSecret?: string; status?: number } = {},
  ) => {
    const ctx = commandContext(req);
    const user = (await findUser(app.services.db, ctx.principal.userId))!;
    const sessions = await mySessions(ctx);
    const uri = extra.newSecret
      ? otpauthUri(extra.newSecret, user.username, app.services.config.platformName)
      : undefined;
    return sendPage(req, reply, { title: '我的账号', area: 'admin', status: extra.status }, (pc) => (
      <AccountPage
        csrf={pc.csrf}
        username={user.username}
        totpEnabled={Number(user.totp_enabled) === 1}
        sessions={sessions.map((s) => ({
          id: s.id,
          createdAt: s.created_at,
          lastSeenAt: s.last_seen_at,
          userAgent: s.user_agent,
          current: s.id === req.session!.id,
        }))}
        errors={extra.errors ?? []}
        message={extra.message}
        newSecret={extra.newSecret}
        otpauthUri={uri}
      />
    ));
  };

  app.get('/account', mine, async (req, reply) => showAccount(req, reply));

  const showPassword = (req: FastifyRequest, reply: FastifyReply, errors: FieldError[], status = 200) =>
    sendPage(req, reply, { title: '修改密码', area: 'admin', status }, (ctx) => (
      <PasswordPage csrf={ctx.csrf} errors={errors} mustChange={req.principal!.mustChangePassword} />
    ));

  app.get('/account/password', mine, async (req, reply) => showPassword(req, reply, []));
  app.post('/account/password', mine, async (req, reply) => {
    try {
      await changePassword(commandContext(req), req.session!.id, body(req));
    } catch (err) {
      const e = toAppError(err);
      if (e.code !== 'validation_failed') throw err;
      return showPassword(req, reply, e.fields, 400);
    }
    return showAccount(req, reply, { message: '密码已修改，其他设备上的登录已退出。' });
  });

  app.post('/account/totp/setup', mine, async (req, reply) => {
    const secret = await beginTotpSetup(commandContext(req));
    return showAccount(req, reply, { newSecret: secret });
  });
  app.post('/account/totp/confirm', mine, async (req, reply) => {
    try {
      await confirmTotp(commandContext(req), body(req));
    } catch (err) {
      const e = toAppError(err);
      if (e.code !== 'validation_failed') throw err;
      return showAccount(req, reply, { errors: e.fields, status: 400 });
    }
    return showAccount(req, reply, { message: '已启用动态验证码，下次登录时需要输入。' });
  });
  app.post('/account/totp/disable', mine, async (req, reply) => {
    try {
      await disableTotp(commandContext(req), body(req));
    } catch (err) {
      const e = toAppError(err);
      if (e.code !== 'validation_failed') throw err;
      return showAccount(req, reply, { errors: e.fields, status: 400 });
    }
    return showAccount(req, reply, { message: '已停用动态验证码。' });
  });
  app.post<{ Params: { sessionId: string } }>(
    '/account/sessions/:sessionId/revoke',
    mine,
    async (req, reply) => {
      await endSession(commandContext(req), req.params.sessionId);
      if (req.params.sessionId === req.session!.id) {
        clearSessionCookie(reply);
        return reply.redirect('/login', 303);
      }
      return showAccount(req, reply, { message: '该会话已结束。' });
    },
  );
}
