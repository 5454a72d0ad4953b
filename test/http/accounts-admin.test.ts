/** The back-office pages of agencies and staff, through the real app on every dialect. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Client, form, type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

/** Row counts that must not move when a submission fails. */
async function counts(t: TestApp) {
  const n = async (table: 'agencies' | 'audit_events' | 'users' | 'agency_name_history') =>
    Number(
      (
        await t.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    agencies: await n('agencies'),
    audit: await n('audit_events'),
    users: await n('users'),
    names: await n('agency_name_history'),
  };
}

const post = (c: Client, url: string, values: Record<string, string | string[]>) =>
  c.inject({ method: 'POST', url, ...form({ _csrf: c.csrf, ...values }) });

const oneTimePassword = (html: string) => /<code>([^<]+)<\/code>/.exec(html)?.[1] ?? '';

for (const dialect of dialects) {
  describe(`accounts back office [${dialect}]`, () => {
    let t: TestApp;
    let admin: Client;
    beforeEach(async () => {
      t = await testApp(dialect);
      admin = await t.login('admin');
    });
    afterEach(async () => t.close());
    const ag = (name: string) => t.agencies[name]!;
    const uid = (username: string) => t.users[username]!;

    const newAgency = (over: Record<string, string> = {}) => ({
      code: 'TEST-0001',
      name: '示例市测试局',
      kind: 'department',
      level: 'city',
      parentId: ag('示例市人民政府'),
      sortOrder: '9',
      ...over,
    });
    const editOf = (name: string, over: Record<string, string> = {}) => ({
      code: '11510100DEMO00002X',
      name,
      kind: 'department',
      level: 'city',
      parentId: ag('示例市人民政府'),
      sortOrder: '1',
      ...over,
    });

    describe('agencies', () => {
      it('a platform admin creates an agency through the form; it appears in the tree', async () => {
        const page = await admin.inject({ url: '/admin/agencies/new' });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('无（省级或顶层政府）');
        const res = await post(admin, '/admin/agencies', newAgency());
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toMatch(/^\/admin\/agencies\/[0-9a-f-]{36}$/);
        const detail = await admin.inject({ url: String(res.headers.location) });
        expect(detail.statusCode).toBe(200);
        expect(detail.body).toContain('TEST-0001');
        const tree = await admin.inject({ url: '/admin/agencies' });
        expect(tree.body).toContain('示例市测试局');
        expect(tree.body).toContain('新建单位');
      });

      it('a duplicate 单位代码 re-renders the form (400), keeps the input and writes nothing', async () => {
        const before = await counts(t);
        const res = await post(admin, '/admin/agencies', newAgency({ code: '11510100DEMO00002X' }));
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('单位代码“11510100DEMO00002X”已被“示例市民政局”使用');
        expect(res.body).toContain('value="示例市测试局"');
        expect(await counts(t)).toEqual(before);
      });

      it('a department without a parent government is refused with a field error', async () => {
        const before = await counts(t);
        const res = await post(admin, '/admin/agencies', newAgency({ parentId: '' }));
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('政府部门必须选择所属的人民政府');
        expect(await counts(t)).toEqual(before);
      });

      it('a rename keeps the old name in the name history', async () => {
        const id = ag('示例市民政局');
        const res = await post(admin, `/admin/agencies/${id}`, editOf('示例市民政和社会保障局'));
        expect(res.statusCode).toBe(303);
        const page = await admin.inject({ url: String(res.headers.location) });
        expect(page.body).toContain('<h1>示例市民政和社会保障局</h1>');
        expect(page.body).toContain('示例市民政局（使用至2026-03-02）');
        expect(page.body).toContain('已保存修改');
        const odd = await admin.inject({ url: `/admin/agencies/${id}?done=constructor` });
        expect(odd.statusCode).toBe(200);
      });

      it('an invalid edit re-renders with the typed values and writes nothing', async () => {
        const id = ag('示例市民政局');
        const before = await counts(t);
        const res = await post(admin, `/admin/agencies/${id}`, editOf('新名称', { sortOrder: 'abc' }));
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('排序号必须是整数');
        expect(res.body).toContain('value="新名称"');
        expect(await counts(t)).toEqual(before);
      });

      it('a merger keeps the records, readable by the successor’s staff, and moves the children', async () => {
        const jy = ag('示例市教育局');
        const res = await post(admin, `/admin/agencies/${jy}/merge`, {
          successorId: ag('示例市民政局'),
          endedOn: '2026-03-01',
        });
        expect(res.statusCode).toBe(303);
        const tree = await admin.inject({ url: '/admin/agencies' });
        expect(tree.body).toContain('已合并，并入示例市民政局（2026-03-01起）');
        const editor = await t.login('mz.editor');
        const page = await editor.inject({ url: `/admin/agencies/${jy}` });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('示例市教育局');
        const kept = await t.handle.db
          .selectFrom('audit_events')
          .select('id')
          .where('agency_id', '=', jy)
          .execute();
        expect(kept.length).toBeGreaterThanOrEqual(2); // its creation and the merger

        const county = ag('示例市清河县人民政府');
        const city = ag('示例市人民政府');
        expect((await post(admin, `/admin/agencies/${county}/merge`, { successorId: city })).statusCode).toBe(
          303,
        );
        const child = await t.handle.db
          .selectFrom('agencies')
          .select('parent_id')
          .where('id', '=', ag('清河县民政局'))
          .executeTakeFirstOrThrow();
        expect(child.parent_id).toBe(city);
      });

      it('abolishing needs the confirmation, is refused while children remain (422), then succeeds', async () => {
        const county = ag('示例市清河县人民政府');
        const before = await counts(t);
        const unconfirmed = await post(admin, `/admin/agencies/${county}/abolish`, {
          abolishedOn: '2026-03-02',
        });
        expect(unconfirmed.statusCode).toBe(400);
        expect(unconfirmed.body).toContain('请勾选“确认撤销”');
        const refused = await post(admin, `/admin/agencies/${county}/abolish`, {
          abolishedOn: '2026-03-02',
          confirm: 'yes',
        });
        expect(refused.statusCode).toBe(422);
        expect(refused.body).toContain('该单位还有2个未撤销的下级单位');
        expect(refused.body).toContain('value="2026-03-02"');
        expect(await counts(t)).toEqual(before);

        const zr = ag('清河县自然资源局');
        expect((await post(admin, `/admin/agencies/${zr}/abolish`, { confirm: 'yes' })).statusCode).toBe(303);
        const page = await admin.inject({ url: `/admin/agencies/${zr}` });
        expect(page.body).toContain('已撤销（2026-03-02起）');
      });

      it('a supervisor sees the county agencies but cannot edit them', async () => {
        const sup = await t.login('city.supervisor');
        const tree = await sup.inject({ url: '/admin/agencies' });
        expect(tree.body).toContain('清河县民政局');
        expect(tree.body).not.toContain('新建单位');
        const qh = ag('清河县民政局');
        const page = await sup.inject({ url: `/admin/agencies/${qh}` });
        expect(page.statusCode).toBe(200);
        expect(page.body).not.toContain('修改单位信息');
        expect(page.body).not.toContain(`action="/admin/agencies/${qh}"`);
        const before = await counts(t);
        const res = await post(sup, `/admin/agencies/${qh}`, editOf('改名', { code: '11510121DEMO00002X' }));
        expect(res.statusCode).toBe(403);
        expect(await counts(t)).toEqual(before);
      });

      it('staff without rights get 403 on the new-agency form', async () => {
        const editor = await t.login('mz.editor');
        expect((await editor.inject({ url: '/admin/agencies/new' })).statusCode).toBe(403);
        const res = await post(editor, '/admin/agencies', newAgency());
        expect(res.statusCode).toBe(403);
      });

      it('a POST without the CSRF token is refused and writes nothing', async () => {
        const before = await counts(t);
        const res = await t.app.inject({
          method: 'POST',
          url: '/admin/agencies',
          headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: form(newAgency()).payload,
        });
        expect(res.statusCode).toBe(403);
        expect(await counts(t)).toEqual(before);
      });
    });

    describe('staff', () => {
      const newUser = (over: Record<string, string | string[]> = {}) => ({
        username: 'mz.new',
        displayName: '钱新',
        agencyId: ag('示例市民政局'),
        roles: ['editor', 'caseHandler'],
        ...over,
      });

      it('an agency admin creates a user in its own agency and sees the initial password once', async () => {
        const mzAdmin = await t.login('mz.admin');
        const page = await mzAdmin.inject({ url: '/admin/users/new' });
        expect(page.statusCode).toBe(200);
        expect(page.body).toContain('示例市民政局');
        expect(page.body).not.toContain('示例市财政局');
        const res = await post(mzAdmin, '/admin/users', newUser());
        expect(res.statusCode).toBe(200);
        expect(res.headers.location).toBeUndefined();
        expect(res.body).toContain('请将初始密码当面或通过安全渠道交给本人，首次登录须修改');
        const password = oneTimePassword(res.body);
        expect(password.length).toBeGreaterThanOrEqual(10);
        const fresh = await t.login('mz.new', password);
        expect((await fresh.inject({ url: '/admin' })).headers.location).toBe('/account/password');
        const list = await mzAdmin.inject({ url: '/admin/users' });
        expect(list.body).toContain('mz.new');
        expect(list.body).not.toContain('qh.editor');
      });

      it('an agency admin cannot create a user in another agency, and nothing is written', async () => {
        const mzAdmin = await t.login('mz.admin');
        const before = await counts(t);
        const res = await post(mzAdmin, '/admin/users', newUser({ agencyId: ag('示例市财政局') }));
        expect([403, 404]).toContain(res.statusCode);
        expect(await counts(t)).toEqual(before);
      });

      it('a taken username re-renders the form (400) naming 用户名', async () => {
        const mzAdmin = await t.login('mz.admin');
        const before = await counts(t);
        const res = await post(mzAdmin, '/admin/users', newUser({ username: 'mz.editor' }));
        expect(res.statusCode).toBe(400);
        expect(res.body).toContain('用户名“mz.editor”已被占用');
        expect(res.body).toContain('value="钱新"');
        expect(await counts(t)).toEqual(before);
      });

      it('a password reset shows a new password once and ends the user’s sessions', async () => {
        const editor = await t.login('mz.editor');
        expect((await editor.inject({ url: '/admin' })).statusCode).toBe(200);
        const mzAdmin = await t.login('mz.admin');
        const res = await post(mzAdmin, `/admin/users/${uid('mz.editor')}/reset-password`, {});
        expect(res.statusCode).toBe(200);
        const password = oneTimePassword(res.body);
        expect(password.length).toBeGreaterThanOrEqual(10);
        const after = await editor.inject({ url: '/admin' });
        expect(after.statusCode).toBe(303);
        expect(after.headers.location).toMatch(/^\/login/);
        await expect(t.login('mz.editor')).rejects.toThrow();
        await t.login('mz.editor', password);
      });

      it('an agency admin edits a colleague and ends their sessions', async () => {
        const mzAdmin = await t.login('mz.admin');
        const id = uid('mz.reviewer');
        const page = await mzAdmin.inject({ url: `/admin/users/${id}` });
        expect(page.statusCode).toBe(200);
        const edit = await post(mzAdmin, `/admin/users/${id}`, {
          displayName: '王审核',
          roles: ['firstReviewer', 'editor'],
          status: 'active',
        });
        expect(edit.statusCode).toBe(303);
        const roles = await t.handle.db
          .selectFrom('user_roles')
          .select('role')
          .where('user_id', '=', id)
          .execute();
        expect(roles.map((r) => r.role).sort()).toEqual(['editor', 'firstReviewer']);
        const revoke = await post(mzAdmin, `/admin/users/${id}/revoke-sessions`, {});
        expect(revoke.statusCode).toBe(303);
        const other = await mzAdmin.inject({ url: `/admin/users/${uid('qh.editor')}` });
        expect(other.statusCode).toBe(404);
      });

      it('staff without rights see an explanation on /admin/users', async () => {
        const editor = await t.login('mz.editor');
        const res = await editor.inject({ url: '/admin/users' });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('您没有管理人员的权限');
        expect(res.body).not.toContain('mz.reviewer');
      });

      it('the platform admin filters staff by agency', async () => {
        const res = await admin.inject({ url: `/admin/users?agencyId=${ag('清河县民政局')}` });
        expect(res.statusCode).toBe(200);
        expect(res.body).toContain('qh.editor');
        expect(res.body).not.toContain('mz.editor');
      });
    });
  });
}
