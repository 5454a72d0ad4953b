/**
 * 督办/意见 through the real app on every dialect: a supervisor posts, the agency answers, the supervisor
 * closes; scope (404 outside the subtree), roles (403 inside it), validation naming 主题/内容/办理期限, the
 * overdue flag, and one audit event per step in the supervised agency's chain. API and pages both.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Client, form, TEST_NOW, type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

const post = (c: Client, url: string, payload: Record<string, unknown> = {}) =>
  c.inject({ method: 'POST', url, payload });
const postForm = (c: Client, url: string, values: Record<string, string>) =>
  c.inject({ method: 'POST', url, ...form({ _csrf: c.csrf, ...values }) });

const urge = (over: Record<string, unknown> = {}) => ({
  kind: 'urge',
  subject: '政府信息公开工作年度报告未按时发布',
  body: '请于期限前说明原因并完成发布。',
  dueOn: '2026-03-10',
  ...over,
});

for (const dialect of dialects) {
  describe(`supervision notes [${dialect}]`, () => {
    let t: TestApp;
    const c: Record<string, Client> = {};
    const ag = (name: string) => t.agencies[name]!;
    const notesUrl = (agency: string) => `/api/v1/agencies/${ag(agency)}/supervision-notes`;

    beforeAll(async () => {
      t = await testApp(dialect);
      for (const u of [
        'city.supervisor',
        'county.supervisor',
        'mz.admin',
        'mz.office',
        'mz.editor',
        'qh.editor',
        'admin',
      ])
        c[u] = await t.login(u);
    });
    afterAll(async () => t?.close());
    afterEach(() => t.clock.set(TEST_NOW));

    const count = async (table: 'supervision_notes' | 'audit_events') =>
      Number(
        (
          await t.handle.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const counts = async () => ({
      notes: await count('supervision_notes'),
      audit: await count('audit_events'),
    });
    const newUrge = async (
      agency = '示例市民政局',
      over: Record<string, unknown> = {},
      by = 'city.supervisor',
    ) => {
      const res = await post(c[by]!, notesUrl(agency), urge(over));
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; status: string; overdue: boolean };
    };

    it('API journey: post → answer → close, each step audited in the agency chain', async () => {
      const created = await newUrge();
      expect(created).toMatchObject({
        agencyId: ag('示例市民政局'),
        agencyName: '示例市民政局',
        authorAgencyId: ag('示例市人民政府'),
        authorName: '周政务',
        kind: 'urge',
        dueOn: '2026-03-10',
        status: 'open',
        overdue: false,
        answer: null,
      });

      const list = await c['mz.admin']!.inject({ url: notesUrl('示例市民政局') });
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((n: { id: string }) => n.id)).toContain(created.id);

      const answered = await post(c['mz.office']!, `/api/v1/supervision-notes/${created.id}/answer`, {
        answer: '已于3月5日在门户网站发布。',
      });
      expect(answered.statusCode, answered.body).toBe(200);
      expect(answered.json()).toMatchObject({ status: 'answered', answer: '已于3月5日在门户网站发布。' });
      expect(answered.json().answeredBy).toBe(t.users['mz.office']);

      const closed = await post(c['city.supervisor']!, `/api/v1/supervision-notes/${created.id}/close`, {});
      expect(closed.statusCode, closed.body).toBe(200);
      expect(closed.json()).toMatchObject({ status: 'closed', closedBy: t.users['city.supervisor'] });

      const events = await t.handle.db
        .selectFrom('audit_events')
        .select(['chain', 'agency_id', 'action', 'actor_id', 'target_type'])
        .where('target_id', '=', created.id)
        .orderBy('seq')
        .execute();
      expect(events).toEqual(
        [
          ['supervision.post', 'city.supervisor'],
          ['supervision.answer', 'mz.office'],
          ['supervision.close', 'city.supervisor'],
        ].map(([action, user]) => ({
          chain: ag('示例市民政局'),
          agency_id: ag('示例市民政局'),
          action,
          actor_id: t.users[user!],
          target_type: 'supervisionNote',
        })),
      );
    });

    it('keeps supervisors to their subtree: county cannot post to a city department (404, nothing written)', async () => {
      const before = await counts();
      const res = await post(c['county.supervisor']!, notesUrl('示例市民政局'), urge());
      expect(res.statusCode).toBe(404);
      expect(await counts()).toEqual(before);
      // Inside its subtree it may; the city supervisor, above it, sees and may close the county's note.
      const note = await newUrge('清河县民政局', {}, 'county.supervisor');
      expect(
        (await c['city.supervisor']!.inject({ url: `/api/v1/supervision-notes/${note.id}` })).statusCode,
      ).toBe(200);
      expect((await c['mz.admin']!.inject({ url: `/api/v1/supervision-notes/${note.id}` })).statusCode).toBe(
        404,
      );
    });

    it('only the agency’s agencyAdmin/officeHead answers: not an editor, not a supervisor', async () => {
      const note = await newUrge();
      const url = `/api/v1/supervision-notes/${note.id}/answer`;
      const before = await counts();
      expect((await post(c['mz.editor']!, url, { answer: '编辑代答' })).statusCode).toBe(403);
      expect((await post(c['city.supervisor']!, url, { answer: '主管部门代答' })).statusCode).toBe(403);
      expect((await post(c['county.supervisor']!, url, { answer: '越权' })).statusCode).toBe(404);
      expect((await post(c['qh.editor']!, url, { answer: '越权' })).statusCode).toBe(404);
      expect(await counts()).toEqual(before);

      const empty = await post(c['mz.admin']!, url, { answer: '  ' });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.fields).toEqual([{ field: 'answer', message: '请填写答复内容' }]);
      const long = await post(c['mz.admin']!, url, { answer: '答'.repeat(2001) });
      expect(long.json().error.fields).toEqual([{ field: 'answer', message: '答复内容不能超过2000个字' }]);

      expect((await post(c['mz.admin']!, url, { answer: '已整改。' })).statusCode).toBe(200);
      const again = await post(c['mz.office']!, url, { answer: '再答一次' });
      expect(again.statusCode).toBe(422);
      expect(again.json().error.message).toBe('该事项已经答复，等待主管部门办结。');
    });

    it('names 主题, 内容 and 办理期限 when they are wrong; a comment needs no due date', async () => {
      const before = await counts();
      const res = await post(c['city.supervisor']!, notesUrl('示例市民政局'), {
        kind: 'urge',
        subject: '',
        body: '',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([
        { field: 'subject', message: '请填写主题' },
        { field: 'body', message: '请填写内容' },
        { field: 'dueOn', message: '请填写办理期限（督办须规定办理期限）' },
      ]);
      const past = await post(c['city.supervisor']!, notesUrl('示例市民政局'), urge({ dueOn: '2026-03-02' }));
      expect(past.json().error.fields).toEqual([{ field: 'dueOn', message: '办理期限应晚于今天' }]);
      const kind = await post(c['city.supervisor']!, notesUrl('示例市民政局'), urge({ kind: 'order' }));
      expect(kind.json().error.fields).toEqual([{ field: 'kind', message: '类型的取值无效' }]);
      expect(await counts()).toEqual(before);

      const comment = await post(
        c['city.supervisor']!,
        notesUrl('示例市民政局'),
        urge({ kind: 'comment', dueOn: '' }),
      );
      expect(comment.statusCode).toBe(201);
      expect(comment.json()).toMatchObject({ kind: 'comment', dueOn: null, overdue: false });
    });

    it('flags a 督办 overdue once its due date has passed unanswered, and filters by it', async () => {
      const note = await newUrge('示例市民政局', { subject: '逾期测试', dueOn: '2026-03-05' });
      // Sessions expire when idle, so each moment signs in afresh.
      const at = async (iso: string, username: string) => {
        t.clock.set(iso);
        return t.login(username);
      };
      const overdueIds = async () => {
        const res = await (await t.login('mz.admin')).inject({
          url: `${notesUrl('示例市民政局')}?overdue=true`,
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items.map((n: { id: string }) => n.id);
      };
      expect(note.overdue).toBe(false);
      expect(await overdueIds()).not.toContain(note.id);

      await at('2026-03-05T15:59:00.000Z', 'mz.admin'); // 23:59 on the due date in Beijing: still in time
      expect(await overdueIds()).not.toContain(note.id);
      const admin = await at('2026-03-05T16:00:00.000Z', 'mz.admin'); // 00:00 on 6 March in Beijing
      expect(await overdueIds()).toContain(note.id);
      const one = await admin.inject({ url: `/api/v1/supervision-notes/${note.id}` });
      expect(one.json().overdue).toBe(true);
      const page = await (await t.login('city.supervisor')).inject({ url: '/admin/supervision?overdue=1' });
      expect(page.body).toContain('逾期测试');
      expect(page.body).toContain('已逾期1天');
      expect(page.body).not.toContain('剩余'); // open notes not yet due are filtered out

      await post(admin, `/api/v1/supervision-notes/${note.id}/answer`, { answer: '已补办。' });
      expect(await overdueIds()).not.toContain(note.id);
    });

    it('closes an unanswered note only with a reason, and only from the author’s level or above', async () => {
      const note = await newUrge('清河县民政局', {}, 'city.supervisor');
      const url = `/api/v1/supervision-notes/${note.id}/close`;
      const lower = await post(c['county.supervisor']!, url, { reason: '下级办结' });
      expect(lower.statusCode).toBe(403);
      expect(lower.json().error.message).toBe('该事项由上级主管部门发出，只能由其办结。');
      const noBody = await c['city.supervisor']!.inject({ method: 'POST', url });
      expect(noBody.statusCode).toBe(400);
      const bare = await post(c['city.supervisor']!, url, {});
      expect(bare.statusCode).toBe(400);
      expect(bare.json().error.fields).toEqual([
        { field: 'reason', message: '该事项尚未答复，办结须填写办结说明' },
      ]);
      expect((await post(c['mz.admin']!, url, { reason: 'x' })).statusCode).toBe(404);
      const done = await post(c['city.supervisor']!, url, { reason: '已电话核实整改。' });
      expect(done.json()).toMatchObject({ status: 'closed', closeReason: '已电话核实整改。' });
      expect((await post(c['city.supervisor']!, url, { reason: '再次办结' })).statusCode).toBe(422);
    });

    it('refuses a note to an abolished agency (422)', async () => {
      const abolish = await post(c.admin!, `/api/v1/agencies/${ag('清河县自然资源局')}/abolish`, {});
      expect(abolish.statusCode, abolish.body).toBe(200);
      const before = await counts();
      const res = await post(c['county.supervisor']!, notesUrl('清河县自然资源局'), urge());
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toBe('清河县自然资源局已撤销，不能再向其发出意见或督办。');
      expect(await counts()).toEqual(before);
    });

    it('documents the API under the supervision tag', async () => {
      const doc = (await t.app.inject({ url: '/api/docs' })).json();
      const paths = Object.keys(doc.paths).filter((p) => p.includes('supervision-notes'));
      expect(paths.sort()).toEqual([
        '/api/v1/agencies/{agencyId}/supervision-notes',
        '/api/v1/supervision-notes/{noteId}',
        '/api/v1/supervision-notes/{noteId}/answer',
        '/api/v1/supervision-notes/{noteId}/close',
      ]);
      expect(doc.paths['/api/v1/supervision-notes/{noteId}/answer'].post.tags).toEqual(['supervision']);
    });

    it('pages: post with a form error, answer, close; staff see their own agency only', async () => {
      const sup = c['city.supervisor']!;
      const list = await sup.inject({ url: '/admin/supervision' });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('发出意见或督办');
      expect(list.body).toContain(`<option value="${ag('清河县民政局')}">清河县民政局</option>`);
      expect(list.body).toContain('href="/admin/supervision"'); // the nav link

      const before = await counts();
      const bad = await postForm(sup, '/admin/supervision/notes', {
        agencyId: ag('示例市民政局'),
        kind: 'urge',
        subject: '页面督办 <主题>',
        body: '请按期答复。',
        dueOn: '',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('请填写办理期限（督办须规定办理期限）');
      expect(bad.body).toContain('value="页面督办 &lt;主题>"');
      expect(bad.body).toContain(`<option value="${ag('示例市民政局')}" selected>`);
      expect(await counts()).toEqual(before);

      const outside = await postForm(c['county.supervisor']!, '/admin/supervision/notes', {
        agencyId: ag('示例市民政局'),
        kind: 'comment',
        subject: '越权',
        body: '越权',
      });
      expect(outside.statusCode).toBe(404);
      const notSupervisor = await postForm(c['mz.admin']!, '/admin/supervision/notes', {
        agencyId: ag('示例市民政局'),
        kind: 'comment',
        subject: '自督',
        body: '自督',
      });
      expect(notSupervisor.statusCode).toBe(403);
      expect(await counts()).toEqual(before);

      const ok = await postForm(sup, '/admin/supervision/notes', {
        agencyId: ag('示例市民政局'),
        kind: 'urge',
        subject: '页面督办',
        body: '请按期答复。',
        dueOn: '2026-03-20',
      });
      expect(ok.statusCode).toBe(303);
      const noteUrl = ok.headers.location!.split('?')[0]!;
      expect(ok.headers.location).toMatch(/^\/admin\/supervision\/notes\/[0-9a-f-]{36}\?done=posted$/);

      const mzList = await c['mz.admin']!.inject({ url: '/admin/supervision' });
      expect(mzList.body).toContain('页面督办');
      expect(mzList.body).toContain('待答复');
      expect(mzList.body).not.toContain('发出意见或督办');
      expect(mzList.body).toMatch(/本单位有\d+项意见或督办待答复/);
      expect((await c['mz.editor']!.inject({ url: '/admin/supervision' })).body).not.toContain(
        '项意见或督办待答复',
      );
      const county = await newUrge('清河县民政局', { subject: '县里的督办' }, 'county.supervisor');
      expect((await c['mz.admin']!.inject({ url: '/admin/supervision' })).body).not.toContain('县里的督办');
      expect((await c['mz.admin']!.inject({ url: `/admin/supervision/notes/${county.id}` })).statusCode).toBe(
        404,
      );

      const editorView = await c['mz.editor']!.inject({ url: noteUrl });
      expect(editorView.statusCode).toBe(200);
      expect(editorView.body).not.toContain('提交答复');
      expect((await postForm(c['mz.editor']!, `${noteUrl}/answer`, { answer: '编辑代答' })).statusCode).toBe(
        403,
      );
      expect((await postForm(sup, `${noteUrl}/answer`, { answer: '主管部门代答' })).statusCode).toBe(403);

      const detail = await c['mz.office']!.inject({ url: noteUrl });
      expect(detail.body).toContain('提交答复');
      expect(detail.body).not.toContain('办结此事项');
      const empty = await postForm(c['mz.office']!, `${noteUrl}/answer`, { answer: '' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('请填写答复内容');
      const answered = await postForm(c['mz.office']!, `${noteUrl}/answer`, { answer: '已按期整改。' });
      expect(answered.statusCode).toBe(303);
      expect(answered.headers.location).toBe(`${noteUrl}?done=answered`);

      const supDetail = await sup.inject({ url: noteUrl });
      expect(supDetail.body).toContain('已按期整改。');
      expect(supDetail.body).toContain('办结此事项');
      expect((await postForm(sup, `${noteUrl}/close`, {})).statusCode).toBe(303);
      const closed = await sup.inject({ url: `${noteUrl}?done=closed` });
      expect(closed.body).toContain('已办结');
      expect(closed.body).not.toContain('办结此事项');

      // A refusal re-renders the page with its reason (422).
      const late = await postForm(c['mz.admin']!, `${noteUrl}/answer`, { answer: '迟到的答复' });
      expect(late.statusCode).toBe(422);
      expect(late.body).toContain('该事项已办结，不能再答复。');
    });
  });
}
