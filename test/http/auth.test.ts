/** Sign-in done properly: cookies, CSRF, lockout, TOTP, password change, session revocation. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { currentStep, totpAt } from '../../src/platform/auth/totp.js';
import { form, TEST_NOW, type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const raw = res.headers['set-cookie'];
  return (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String);
}

async function auditCount(t: TestApp, action?: string): Promise<number> {
  let q = t.handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n'));
  if (action) q = q.where('action', '=', action);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

for (const dialect of dialects) {
  describe(`sign-in and account security [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));

    it('signs in through the form with an httpOnly, SameSite session cookie and redirects', async () => {
      const anon = await t.anonymous();
      const res = await anon.inject({
        method: 'POST',
        url: '/login',
        ...form({ username: 'mz.editor', password: DEMO_PASSWORD, _csrf: anon.csrf, next: '/admin/audit' }),
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/audit');
      const cookie = setCookies(res).find((c) => c.startsWith('gk_session='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).not.toMatch(/Secure/i); // plain http in tests; Secure when behind HTTPS
      expect(await auditCount(t, 'auth.login')).toBeGreaterThan(0);
    });

    it('refuses an off-site redirect after sign-in', async () => {
      const anon = await t.anonymous();
      const res = await anon.inject({
        method: 'POST',
        url: '/login',
        ...form({
          username: 'mz.editor',
          password: DEMO_PASSWORD,
          _csrf: anon.csrf,
          next: '//evil.example/x',
        }),
      });
      expect(res.headers.location).toBe('/admin');
    });

    it('refuses a form post without the CSRF token and writes nothing', async () => {
      const before = await auditCount(t);
      const res = await t.app.inject({
        method: 'POST',
        url: '/login',
        ...form({ username: 'mz.editor', password: DEMO_PASSWORD }),
      });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('页面已过期');
      expect(await auditCount(t)).toBe(before);
      const c = await t.login('admin');
      const noToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        headers: { cookie: c.cookie },
        payload: { code: 'X-0001', name: '某单位', kind: 'government', level: 'city' },
      });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('csrf_failed');
    });

    it('shows a Chinese message for a wrong password, without saying whether the user exists', async () => {
      const anon = await t.anonymous();
      const wrong = await anon.inject({
        method: 'POST',
        url: '/login',
        ...form({ username: 'mz.reviewer', password: 'nope', _csrf: anon.csrf }),
      });
      const unknown = await anon.inject({
        method: 'POST',
        url: '/login',
        ...form({ username: 'nobody.here', password: 'nope', _csrf: anon.csrf }),
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.body).toContain('用户名或密码不正确');
      expect(unknown.body).toContain('用户名或密码不正确');
      expect(wrong.body).toContain('value="mz.reviewer"'); // what was typed is kept
      const empty = await anon.inject({
        method: 'POST',
        url: '/login',
        ...form({ username: '', password: '', _csrf: anon.csrf }),
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('请填写用户名');
      expect(empty.body).toContain('请填写密码');
    });

    it('locks an account after repeated failures, and unlocks after the lock time', async () => {
      const max = t.services.config.loginMaxFailures;
      for (let i = 0; i < max - 1; i++) {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/session',
          payload: { username: 'mz.signer', password: 'wrong' },
        });
        expect(r.statusCode).toBe(401);
      }
      const locking = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'mz.signer', password: 'wrong' },
      });
      expect(locking.statusCode).toBe(423);
      const stillLocked = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'mz.signer', password: DEMO_PASSWORD },
      });
      expect(stillLocked.statusCode).toBe(423);
      expect(stillLocked.json().error.message).toContain('锁定');
      expect(await auditCount(t, 'auth.locked')).toBe(1);
      t.clock.advance((t.services.config.loginLockMinutes + 1) * 60_000);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'mz.signer', password: DEMO_PASSWORD },
      });
      expect(ok.statusCode).toBe(201);
    });

    it('sets up TOTP and then requires a fresh code at sign-in', async () => {
      const c = await t.login('mz.office');
      const setup = await c.inject({ method: 'POST', url: '/account/totp/setup', ...form({}) });
      expect(setup.statusCode).toBe(200);
      const secret = /密钥：<code>([A-Z2-7]+)<\/code>/.exec(setup.body)?.[1];
      expect(secret).toBeTruthy();
      const bad = await c.inject({
        method: 'POST',
        url: '/account/totp/confirm',
        ...form({ code: '000000' }),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('动态验证码不正确');
      const code = totpAt(secret!, currentStep(t.clock.now()));
      const ok = await c.inject({ method: 'POST', url: '/account/totp/confirm', ...form({ code }) });
      expect(ok.body).toContain('已启用动态验证码');

      t.clock.advance(60_000);
      const anon = await t.anonymous();
      const first = await anon.inject({
        method: 'POST',
        url: '/login',
        ...form({ username: 'mz.office', password: DEMO_PASSWORD, _csrf: anon.csrf }),
      });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toMatch(/^\/login\/totp/);
      const half = setCookies(first)
        .find((x) => x.startsWith('gk_session='))!
        .split(';')[0]!;
      // Half-signed-in: the back office is still closed.
      const closed = await t.app.inject({ url: '/admin', headers: { cookie: half } });
      expect(closed.statusCode).toBe(303);
      expect(closed.headers.location).toMatch(/^\/login/);
      const page = await t.app.inject({ url: '/login/totp', headers: { cookie: half } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const post = (code: string) => {
        const f = form({ code, _csrf: csrf });
        return t.app.inject({
          method: 'POST',
          url: '/login/totp',
          payload: f.payload,
          headers: { ...f.headers, cookie: half },
        });
      };
      const wrong = await post('123456');
      expect(wrong.statusCode).toBe(400);
      const replay = await post(code);
      expect(replay.statusCode).toBe(400); // the code used to enable TOTP cannot be used again
      const fresh = totpAt(secret!, currentStep(t.clock.now()));
      const done = await post(fresh);
      expect(done.statusCode).toBe(303);
      const home = await t.app.inject({ url: '/admin', headers: { cookie: half } });
      expect(home.statusCode).toBe(200);
      // The API refuses a TOTP account without the code.
      const api = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'mz.office', password: DEMO_PASSWORD },
      });
      expect(api.statusCode).toBe(401);
      expect(api.json().error.fields[0].field).toBe('totp');
    });

    it('changes the password with every rule named, and ends the other sessions', async () => {
      const a = await t.login('mz.handler');
      const b = await t.login('mz.handler');
      const weak = await a.inject({
        method: 'POST',
        url: '/account/password',
        ...form({ currentPassword: 'wrong', newPassword: 'short', confirmPassword: 'other' }),
      });
      expect(weak.statusCode).toBe(400);
      for (const text of ['当前密码不正确', '密码至少需要10个字符', '两次输入的新密码不一致'])
        expect(weak.body).toContain(text);
      const next = 'Qinghe-Case-2026!';
      const ok = await a.inject({
        method: 'POST',
        url: '/account/password',
        ...form({ currentPassword: DEMO_PASSWORD, newPassword: next, confirmPassword: next }),
      });
      expect(ok.statusCode).toBe(200);
      expect((await a.inject({ url: '/api/v1/me' })).statusCode).toBe(200);
      expect((await b.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
      await t.login('mz.handler', next);
    });

    it('lets a person end one of their sessions, and an admin end all of them', async () => {
      const a = await t.login('mz.secrecy');
      const b = await t.login('mz.secrecy');
      const sessions = await t.handle.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', t.users['mz.secrecy']!)
        .where('revoked_at', 'is', null)
        .execute();
      expect(sessions.length).toBeGreaterThanOrEqual(2);
      const bId = sessions.at(-1)!.id;
      await a.inject({ method: 'POST', url: `/account/sessions/${bId}/revoke`, ...form({}) });
      const alive = [await a.inject({ url: '/api/v1/me' }), await b.inject({ url: '/api/v1/me' })].map(
        (r) => r.statusCode,
      );
      expect(alive.filter((s) => s === 401)).toHaveLength(1);
      const admin = await t.login('mz.admin');
      const res = await admin.inject({
        method: 'POST',
        url: `/api/v1/users/${t.users['mz.secrecy']}/revoke-sessions`,
      });
      expect(res.statusCode).toBe(200);
      expect((await a.inject({ url: '/api/v1/me' })).statusCode).toBe(401);
    });

    it('makes a reset password usable once and forces a change before anything else', async () => {
      const admin = await t.login('admin');
      const reset = await admin.inject({
        method: 'POST',
        url: `/api/v1/users/${t.users['qh.editor']}/reset-password`,
      });
      expect(reset.statusCode).toBe(200);
      const temp = reset.json().password as string;
      const c = await t.login('qh.editor', temp);
      const home = await c.inject({ url: '/admin' });
      expect(home.statusCode).toBe(303);
      expect(home.headers.location).toBe('/account/password');
      const api = await c.inject({ url: '/api/v1/agencies' });
      expect(api.statusCode).toBe(422);
      expect(api.json().error.message).toContain('修改初始密码');
    });

    it('writes no audit event for a refused command', async () => {
      const admin = await t.login('admin');
      const before = await auditCount(t);
      const res = await admin.inject({
        method: 'POST',
        url: '/api/v1/agencies',
        payload: { code: '11510100DEMO00002X', name: '重复单位', kind: 'government', level: 'city' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toContainEqual({
        field: 'code',
        message: expect.stringContaining('已被“示例市民政局”使用'),
      });
      expect(await auditCount(t)).toBe(before);
    });
  });
}

describe('secure cookies behind HTTPS', () => {
  it('marks the session cookie Secure when COOKIE_SECURE=always', async () => {
    const t = await testApp('sqlite');
    try {
      (t.services.config as { cookieSecure: string }).cookieSecure = 'always';
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { username: 'mz.editor', password: DEMO_PASSWORD },
      });
      expect(setCookies(res).find((c) => c.startsWith('gk_session='))).toMatch(/Secure/);
    } finally {
      await t.close();
    }
  });
});
