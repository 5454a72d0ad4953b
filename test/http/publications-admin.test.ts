/**
 * The back office of 主动公开 work through its pages (every dialect): the editor form with its 400
 * re-render, each person's queues, the detail page with findings in place and the reasons next to
 * disabled buttons, masking, overrides with a required reason, attachments from a no-script form,
 * bulk approval with mixed results, 转交草稿, the preview, and the workflow driven from the page.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { newUserRow } from '../../src/modules/accounts/accounts.js';
import { setRoles } from '../../src/modules/accounts/accounts.repository.js';
import { textPdf } from '../../src/modules/checks/test-files.fixture.js';
import { queuePage } from '../../src/modules/publications/admin/queues.repository.js';
import {
  buildPublication,
  columnOf,
  completeInput,
  ctxOf,
  MZ,
} from '../../src/modules/publications/publications.fixtures.js';
import { awaitingMyReview, myDrafts } from '../../src/modules/publications/queries.repository.js';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import { type Client, form, type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';

const ID_NUMBER = '11010519491231002X';
const MASKED_ID = '110***********002X';

/** A multipart/form-data body as a browser sends a file form: the CSRF token as a field, then the file. */
function multipartForm(csrf: string, fileName: string, bytes: Uint8Array) {
  const boundary = '----gongkai-admin-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(bytes), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const idOf = (location: string | undefined) =>
  /\/admin\/publications\/([0-9a-f-]{36})/.exec(location ?? '')?.[1];

for (const dialect of dialects) {
  describe(`publications back office [${dialect}]`, () => {
    let t: TestApp;
    const c: Record<string, Client> = {};
    beforeAll(async () => {
      t = await testApp(dialect);
      for (const u of ['mz.editor', 'mz.reviewer', 'mz.secrecy', 'mz.signer', 'mz.admin', 'city.supervisor'])
        c[u] = await t.login(u);
    });
    afterAll(async () => t?.close());

    const get = (u: string, url: string) => c[u]!.inject({ url });
    const post = (u: string, url: string, values: Record<string, string | string[]> = {}) =>
      c[u]!.inject({ method: 'POST', url, ...form(values) });
    const row = (id: string) =>
      t.handle.db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    /** Form fields for a complete draft, as the editor form sends them. */
    const formFields = async (extra: Record<string, string> = {}) => {
      const input = completeInput(await columnOf(t));
      return {
        ...Object.fromEntries(
          Object.entries(input).map(([k, v]) => [
            k === 'body' ? 'body' : k,
            Array.isArray(v) ? v.join('，') : String(v),
          ]),
        ),
        publisherName: MZ,
        disclosureAttribute: 'proactive',
        withholdGround: '',
        withholdReason: '',
        validity: '',
        ...extra,
      } as Record<string, string>;
    };

    it('creates a draft through the form; a 400 keeps what was typed and names every field', async () => {
      const page = await get('mz.editor', '/admin/publications/new');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('新建主动公开信息');
      expect(page.body).toContain('雅办发〔2017〕18号');
      // Columns indented by depth; sections cannot be chosen.
      expect(page.body).toMatch(/<option value="[^"]+" disabled>法定主动公开内容（分类）<\/option>/);
      expect(page.body).toMatch(/<option value="[^"]+">\u3000[^<]+<\/option>/);

      const bad = await post('mz.editor', '/admin/publications', {
        ...(await formFields()),
        title: '',
        docNoYear: '二〇二六',
        formedOn: '2026-02-30',
        keywords: '低保，救助',
      });
      expect(bad.statusCode).toBe(400);
      for (const message of [
        '请填写标题',
        '文号年份必须是整数',
        '形成（变更）日期应为有效日期，格式为YYYY-MM-DD',
      ])
        expect(bad.body).toContain(message);
      expect(bad.body).toContain('href="#f-title"');
      expect(bad.body).toContain('href="#f-docNoYear"');
      expect(bad.body).toContain('value="二〇二六"');
      expect(bad.body).toContain('value="低保，救助"');
      expect(bad.body).toContain('value="2026-02-30"');
      expect(bad.body).toMatch(/id="f-title"[^>]*aria-invalid="true"/);

      const ok = await post(
        'mz.editor',
        '/admin/publications',
        await formFields({ title: '关于表单新建的通知' }),
      );
      expect(ok.statusCode).toBe(303);
      const id = idOf(ok.headers.location)!;
      expect(ok.headers.location).toBe(`/admin/publications/${id}?done=created`);
      const saved = await row(id);
      expect([
        saved.title,
        saved.doc_no_prefix,
        Number(saved.doc_no_year),
        saved.keywords,
        saved.state,
      ]).toEqual(['关于表单新建的通知', '示民发', 2026, JSON.stringify(['低保', '社会救助']), 'draft']);
      const detail = await get('mz.editor', ok.headers.location!);
      expect(detail.body).toContain('已保存草稿');
      expect(detail.body).toContain('示民发〔2026〕3号');

      // Editing keeps the form's values and saves the change.
      const edit = await get('mz.editor', `/admin/publications/${id}/edit`);
      expect(edit.body).toContain('value="关于表单新建的通知"');
      const changed = await post('mz.editor', `/admin/publications/${id}/edit`, {
        ...(await formFields()),
        title: '关于表单修改后的通知',
      });
      expect(changed.statusCode).toBe(303);
      expect((await row(id)).title).toBe('关于表单修改后的通知');

      // Only editors of the agency reach the form.
      expect((await get('mz.reviewer', '/admin/publications/new')).statusCode).toBe(403);
      expect(
        (await get('city.supervisor', `/admin/publications/new?agencyId=${t.agencies[MZ]}`)).statusCode,
      ).toBe(403);
    });

    it('shows each person their own queues', async () => {
      const draft = await buildPublication.draft(t, { title: '队列测试：草稿' });
      const first = await buildPublication.inReview(t, 'firstReview', { title: '队列测试：待初审' });
      const secrecy = await buildPublication.inReview(t, 'secrecyReview', { title: '队列测试：待保密审查' });
      const signOff = await buildPublication.atSignOff(t, { title: '队列测试：待审签' });
      const published = await buildPublication.published(t, { title: '队列测试：已发布' });
      const registered = await buildPublication.registered(t, { title: '队列测试：不公开' });

      const drafts = (await get('mz.editor', '/admin/publications')).body;
      expect(drafts).toContain('aria-current="page">我的草稿');
      expect(drafts).toContain(draft.title);
      expect(drafts).not.toContain(first.title);
      expect(drafts).toContain('新建</a>');

      const review = (u: string) => get(u, '/admin/publications?queue=review').then((r) => r.body);
      const rv = await review('mz.reviewer');
      expect(rv).toContain(first.title);
      expect(rv).not.toContain(secrecy.title);
      expect(rv).not.toContain(draft.title);
      expect(rv).not.toContain('新建</a>');
      expect(await review('mz.secrecy')).toContain(secrecy.title);
      expect(await review('mz.secrecy')).not.toContain(first.title);
      const sg = await review('mz.signer');
      expect(sg).toContain(signOff.title);
      // The last step publishes item by item: no checkbox for it.
      expect(sg).not.toContain(`value="${signOff.id}"`);
      // An editor has no review queue: the page falls back to their drafts.
      expect(await review('mz.editor')).toContain('aria-current="page">我的草稿');

      const pub = (await get('mz.reviewer', '/admin/publications?queue=published')).body;
      expect(pub).toContain(published.title);
      expect(pub).toContain(published.indexNo!);
      expect((await get('mz.reviewer', '/admin/publications?queue=register')).body).toContain(
        registered.title,
      );

      // Filters: title keyword, and state in the 全部 list.
      const filtered = (
        await get('mz.reviewer', `/admin/publications?queue=all&q=${encodeURIComponent('待保密')}`)
      ).body;
      expect(filtered).toContain(secrecy.title);
      expect(filtered).not.toContain(first.title);
      const byState = (await get('mz.reviewer', '/admin/publications?queue=all&state=registered')).body;
      expect(byState).toContain(registered.title);
      expect(byState).not.toContain(published.title);

      // A supervisor picks an agency of their scope and reads; no personal queues, no 新建.
      const sup = await get(
        'city.supervisor',
        `/admin/publications?agencyId=${t.agencies[MZ]}&queue=published`,
      );
      expect(sup.statusCode).toBe(200);
      expect(sup.body).toContain(published.title);
      expect(sup.body).toContain('查看单位');
      expect(sup.body).not.toContain('我的草稿');
      expect(sup.body).not.toContain('新建</a>');

      // The filtered queues agree with the core's queue definitions.
      for (const u of ['mz.editor', 'mz.reviewer', 'mz.secrecy', 'mz.signer']) {
        const ctx = await ctxOf(t, u);
        const paging = { limit: 500, offset: 0 };
        const ids = (r: { rows: { id: string }[] }) => r.rows.map((x) => x.id).sort();
        const agencyId = t.agencies[MZ]!;
        expect(ids(await queuePage(t.services.db, ctx.principal, agencyId, 'review', {}, paging))).toEqual(
          ids(await awaitingMyReview(t.services.db, ctx.principal, paging)),
        );
        expect(ids(await queuePage(t.services.db, ctx.principal, agencyId, 'drafts', {}, paging))).toEqual(
          ids(await myDrafts(t.services.db, ctx.principal, paging)),
        );
      }
    });

    it('shows findings in place (masked), and the reasons next to disabled buttons', async () => {
      const p = await buildPublication.draft(t, { body: `申请人身份证号 ${ID_NUMBER}，请核实。` });
      const page = await get('mz.editor', `/admin/publications/${p.id}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(ID_NUMBER);
      expect(page.body).toContain(`<mark><strong>〔身份证号·须处理〕</strong>${MASKED_ID}</mark>`);
      // Submission is refused while the finding stands: the button is disabled, the reason beside it.
      expect(page.body).toMatch(
        /<button type="button" class="secondary" disabled aria-describedby="why-submit">提交审核<\/button>/,
      );
      expect(page.body).toContain(`正文中发现身份证号“${MASKED_ID}”`);
      expect(page.body).toContain('一键脱敏</button>');

      // The reviewer sees the same item read-only, each refusal explained.
      const seen = await get('mz.reviewer', `/admin/publications/${p.id}`);
      expect(seen.body).toContain('需要“编辑”角色');
      expect(seen.body).toMatch(/aria-describedby="why-mask"/);

      // Trying anyway is refused with the reasons (422), nothing changes.
      const refused = await post('mz.editor', `/admin/publications/${p.id}/submit`);
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('不能提交审核，原因如下');
      expect(refused.body).toContain(`正文中发现身份证号“${MASKED_ID}”`);
      expect((await row(p.id)).state).toBe('draft');
    });

    it('masks the body with one click, and the item can then be submitted', async () => {
      const p = await buildPublication.draft(t, {
        body: `身份证号 ${ID_NUMBER}，银行卡 6222021234567890128。`,
      });
      const res = await post('mz.editor', `/admin/publications/${p.id}/mask`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/admin/publications/${p.id}?done=mask`);
      const after = await row(p.id);
      expect(after.body_text).toContain(MASKED_ID);
      expect(after.body_text).not.toContain(ID_NUMBER);
      const page = await get('mz.editor', res.headers.location!);
      expect(page.body).toContain('已一键脱敏');
      expect(page.body).not.toContain('须处理');
      expect((await post('mz.editor', `/admin/publications/${p.id}/submit`)).statusCode).toBe(303);
      expect((await row(p.id)).state).toBe('firstReview');
    });

    it('uploads from a no-script form, needs a written reason to override, replaces a file', async () => {
      const p = await buildPublication.draft(t);
      const pdf = textPdf([['Mingdan', `ID ${ID_NUMBER}`]]);
      // The browser form sends the CSRF token as a field, not a header.
      const upload = (url: string, name: string, bytes: Uint8Array, csrf = c['mz.editor']!.csrf) =>
        t.app.inject({
          method: 'POST',
          url,
          ...multipartForm(csrf, name, bytes),
          headers: { ...multipartForm(csrf, name, bytes).headers, cookie: c['mz.editor']!.cookie },
        });
      const forged = await upload(`/admin/publications/${p.id}/attachments`, '名单.pdf', pdf, 'wrong-token');
      expect(forged.statusCode).toBe(403);
      const up = await upload(`/admin/publications/${p.id}/attachments`, '困难群众名单.pdf', pdf);
      expect(up.statusCode).toBe(303);
      const page = await get('mz.editor', `/admin/publications/${p.id}`);
      expect(page.body).toContain('困难群众名单.pdf');
      expect(page.body).toContain(`附件“困难群众名单.pdf”中发现身份证号“${MASKED_ID}”`);
      expect(page.body).not.toContain(ID_NUMBER);
      const key = /name="findingKey" value="([^"]+)"/.exec(page.body)![1]!;
      const field = `ov-${key.replace(/[^A-Za-z0-9_-]/g, '-')}-reason`;
      expect(page.body).toContain(`id="f-${field}"`);

      const empty = await post('mz.editor', `/admin/publications/${p.id}/override`, {
        findingKey: key,
        [field]: '',
      });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('请填写忽略理由');
      expect(empty.body).toContain(`href="#f-${field}"`);
      const short = await post('mz.editor', `/admin/publications/${p.id}/override`, {
        findingKey: key,
        [field]: '可以',
      });
      expect(short.statusCode).toBe(400);
      expect(short.body).toContain('忽略理由至少写4个字');
      expect(short.body).toContain('>可以</textarea>');
      const ok = await post('mz.editor', `/admin/publications/${p.id}/override`, {
        findingKey: key,
        [field]: '该名单经本人书面同意公开',
      });
      expect(ok.statusCode).toBe(303);
      const audit = await t.handle.db
        .selectFrom('audit_events')
        .select('after_json')
        .where('action', '=', 'publication.override_finding')
        .where('target_id', '=', p.id)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({ reason: '该名单经本人书面同意公开' });
      expect((await get('mz.editor', `/admin/publications/${p.id}`)).body).toContain(
        '已忽略：该名单经本人书面同意公开',
      );

      // A file that is not a document is refused naming the file; a clean file replaces the old one.
      const wrong = await upload(
        `/admin/publications/${p.id}/attachments`,
        '通知.pdf',
        Buffer.from('纯文本'),
      );
      expect(wrong.statusCode).toBe(400);
      expect(wrong.body).toContain('附件“通知.pdf”不是可接受的文件类型');
      expect(wrong.body).toContain('href="#f-upload-file"');
      const [att] = await t.handle.db
        .selectFrom('publication_attachments')
        .select('id')
        .where('publication_id', '=', p.id)
        .execute();
      const replaced = await upload(
        `/admin/publications/${p.id}/attachments/${att!.id}/replace`,
        '困难群众名单（脱敏）.pdf',
        textPdf([['Mingdan', `ID ${MASKED_ID}`]]),
      );
      expect(replaced.statusCode).toBe(303);
      const files = await t.handle.db
        .selectFrom('publication_attachments')
        .select('file_name')
        .where('publication_id', '=', p.id)
        .execute();
      expect(files.map((f) => f.file_name)).toEqual(['困难群众名单（脱敏）.pdf']);
      const del = await post('mz.editor', `/admin/publications/${p.id}/attachments/${att!.id}/delete`);
      expect(del.statusCode).toBe(404);
    });

    it('drives the workflow from the page: send-back needs a comment, scheduling reads China time', async () => {
      const p = await buildPublication.inReview(t, 'firstReview');
      const noComment = await post('mz.reviewer', `/admin/publications/${p.id}/send-back`, {
        'send-back-comment': '',
      });
      expect(noComment.statusCode).toBe(400);
      expect(noComment.body).toContain('请填写退回意见');
      expect(noComment.body).toContain('href="#f-send-back-comment"');
      const approved = await post('mz.reviewer', `/admin/publications/${p.id}/approve`, {
        'approve-comment': '同意',
      });
      expect(approved.statusCode).toBe(303);
      await post('mz.secrecy', `/admin/publications/${p.id}/approve`);
      const page = (await get('mz.signer', `/admin/publications/${p.id}`)).body;
      expect(page).toContain('type="datetime-local"');
      expect(page).toContain('审签通过并立即发布</button>');
      const badTime = await post('mz.signer', `/admin/publications/${p.id}/schedule`, {
        'schedule-scheduledAt': '明天上午',
      });
      expect(badTime.statusCode).toBe(400);
      expect(badTime.body).toContain('value="明天上午"');
      const scheduled = await post('mz.signer', `/admin/publications/${p.id}/schedule`, {
        'schedule-scheduledAt': '2026-03-05T09:00',
      });
      expect(scheduled.statusCode).toBe(303);
      const r = await row(p.id);
      expect([r.state, r.scheduled_at]).toEqual(['scheduled', '2026-03-05T01:00:00.000Z']);
      const log = (await get('mz.signer', `/admin/publications/${p.id}`)).body;
      expect(log).toContain('王初审（mz.reviewer）');
      expect(log).toContain('同意');
      expect(log).toContain('2026-03-05 09:00');
    });

    it('approves in bulk: the passable pass, each refused one says why', async () => {
      const a = await buildPublication.inReview(t, 'firstReview', { title: '批量：可以通过' });
      const b = await buildPublication.inReview(t, 'secrecyReview', { title: '批量：已到保密审查' });
      const d = await buildPublication.draft(t, { title: '批量：还是草稿' });
      const none = await post('mz.reviewer', '/admin/publications/bulk-approve', { comment: '同意' });
      expect(none.statusCode).toBe(400);
      expect(none.body).toContain('请至少选择一条信息');
      const res = await post('mz.reviewer', '/admin/publications/bulk-approve', {
        ids: [a.id, b.id, d.id, randomUUID()],
        comment: '同意',
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('共选择4条：审核通过1条，未能通过3条');
      expect(res.body).toContain('不是“全部成功或全部不办”');
      expect(res.body).toContain('需要“保密审查”角色');
      expect(res.body).toContain('当前状态为“草稿”，不能审核通过');
      expect(res.body).toContain('（无法查看的信息）');
      expect((await row(a.id)).state).toBe('secrecyReview');
      expect((await row(b.id)).state).toBe('secrecyReview');
      expect((await row(d.id)).state).toBe('draft');
      // Editors cannot reach it at all.
      expect((await post('mz.editor', '/admin/publications/bulk-approve', { ids: [a.id] })).statusCode).toBe(
        403,
      );
    });

    it("hands a departed editor's drafts to another editor", async () => {
      const agencyId = t.agencies[MZ]!;
      const id = randomUUID();
      await t.handle.db
        .insertInto('users')
        .values(
          newUserRow({
            id,
            username: `mz.editor2.${dialect}`,
            displayName: '钱编辑',
            agencyId,
            passwordHash: await hashPassword(DEMO_PASSWORD),
            mustChangePassword: false,
            now: t.clock.now().toISOString(),
          }),
        )
        .execute();
      await setRoles(t.handle.db, id, ['editor']);
      const mine = (
        await myDrafts(t.services.db, (await ctxOf(t, 'mz.editor')).principal, { limit: 500, offset: 0 })
      ).rows.map((r) => r.id);
      expect(mine.length).toBeGreaterThan(0);

      const page = (await get('mz.admin', '/admin/publications')).body;
      expect(page).toContain('代为审核与转交草稿');
      expect(page).toContain('王初审（mz.reviewer）');
      expect(page).toContain(`李编辑（mz.editor） · ${mine.length}条草稿`);

      const bad = await post('mz.admin', `/admin/publications/reassign-drafts?agencyId=${agencyId}`, {
        fromUserId: t.users['mz.editor']!,
        toUserId: t.users['mz.reviewer']!,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('没有“编辑”角色');
      expect(
        (await post('mz.editor', '/admin/publications/reassign-drafts', { fromUserId: id, toUserId: id }))
          .statusCode,
      ).toBe(403);

      const ok = await post('mz.admin', `/admin/publications/reassign-drafts?agencyId=${agencyId}`, {
        fromUserId: t.users['mz.editor']!,
        toUserId: id,
        note: '李编辑已调离',
      });
      expect(ok.statusCode).toBe(303);
      expect((await get('mz.admin', ok.headers.location!)).body).toContain(`已转交${mine.length}条草稿`);
      for (const pid of mine) {
        const r = await row(pid);
        expect(r.updated_by).toBe(id);
      }
      const events = await t.handle.db
        .selectFrom('publication_events')
        .select(['comment'])
        .where('action', '=', 'reassign')
        .where('publication_id', 'in', mine)
        .execute();
      expect(events).toHaveLength(mine.length);
      expect(events[0]!.comment).toContain('李编辑已调离');
      const audits = await t.handle.db
        .selectFrom('audit_events')
        .select('target_id')
        .where('action', '=', 'publication.reassign_draft')
        .execute();
      expect(audits.map((x) => x.target_id).sort()).toEqual([...mine].sort());

      const successor = await t.login(`mz.editor2.${dialect}`);
      const queue = (await successor.inject({ url: '/admin/publications' })).body;
      const first = await row(mine[0]!);
      expect(queue).toContain(first.title);
    });

    it('after publication: validity, amendment, 政策解读 links and withdrawal from the page', async () => {
      const policy = await buildPublication.published(t, {
        genre: 'normativeDocument',
        title: '页面测试：规范性文件',
      });
      const page = (await get('mz.signer', `/admin/publications/${policy.id}`)).body;
      expect(page).toContain('待解读');
      expect(page).toContain('name="validity-validity"');
      const noNote = await post('mz.signer', `/admin/publications/${policy.id}/validity`, {
        'validity-validity': 'repealed',
        'validity-note': '',
      });
      expect(noNote.statusCode).toBe(400);
      expect(noNote.body).toContain('href="#f-validity-note"');
      const marked = await post('mz.signer', `/admin/publications/${policy.id}/validity`, {
        'validity-validity': 'amended',
        'validity-note': '部分条款被示民规〔2026〕2号修改',
      });
      expect(marked.statusCode).toBe(303);
      expect((await row(policy.id)).validity).toBe('amended');

      // An interpretation links to it; both pages show the link.
      const interp = await buildPublication.draft(t, { genre: 'interpretation', title: '页面测试：解读' });
      const form = (await get('mz.editor', `/admin/publications/${interp.id}`)).body;
      expect(form).toContain(
        `<option value="${policy.id}">〔待解读〕页面测试：规范性文件（示民发〔2026〕3号）</option>`,
      );
      const linked = await post('mz.editor', `/admin/publications/${interp.id}/link`, {
        'link-policyId': policy.id,
      });
      expect(linked.statusCode).toBe(303);
      expect((await get('mz.editor', `/admin/publications/${policy.id}`)).body).toContain('页面测试：解读');
      const again = await post('mz.editor', `/admin/publications/${interp.id}/link`, {
        'link-policyId': policy.id,
      });
      expect(again.statusCode).toBe(400);
      const unlinked = await post('mz.editor', `/admin/publications/${interp.id}/links/${policy.id}/delete`);
      expect(unlinked.statusCode).toBe(303);

      // Amend: a new working version, the published one stays online.
      const amended = await post('mz.editor', `/admin/publications/${policy.id}/amend`, {
        'amend-formedOn': '2026-03-02',
        'amend-comment': '调整标准',
      });
      expect(amended.statusCode).toBe(303);
      const during = (await get('mz.editor', `/admin/publications/${policy.id}`)).body;
      expect(during).toContain('修订中（第1版仍在公开）');
      expect(during).toContain('编辑草稿');

      // Withdraw needs a reason, and the signer or the agency admin.
      expect((await post('mz.editor', `/admin/publications/${policy.id}/withdraw`, {})).statusCode).toBe(403);
      const noReason = await post('mz.admin', `/admin/publications/${policy.id}/withdraw`, {
        'withdraw-reason': '',
      });
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('请填写撤回理由');
      const gone = await post('mz.admin', `/admin/publications/${policy.id}/withdraw`, {
        'withdraw-reason': '政策已调整',
      });
      expect(gone.statusCode).toBe(303);
      const after = await row(policy.id);
      expect([after.state, after.withdrawn_reason, after.index_no]).toEqual([
        'withdrawn',
        '政策已调整',
        policy.indexNo,
      ]);
      expect((await get('mz.admin', '/admin/publications?queue=withdrawn')).body).toContain(policy.title);
    });

    it('previews the public page, 索引号 shown as 发布时生成 before publication', async () => {
      const draft = await buildPublication.draft(t, {
        genre: 'normativeDocument',
        title: '预览测试：规范性文件',
      });
      const page = await get('mz.reviewer', `/admin/publications/${draft.id}/preview`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<strong>预览</strong>');
      const labels = ['索引号', '主题分类', '发文机关', '成文日期', '标题', '发文字号', '发布日期', '有效性'];
      const at = labels.map((l) => page.body.indexOf(`<th scope="row">${l}</th>`));
      expect(at.every((i) => i > 0)).toBe(true);
      expect([...at].sort((x, y) => x - y)).toEqual(at);
      expect(page.body).toContain('发布时生成');
      expect(page.body).toContain('示民发〔2026〕3号');
      expect(page.body).toContain('>有效</td>');

      const live = await buildPublication.published(t, { title: '预览测试：已发布' });
      const shown = await get('mz.editor', `/admin/publications/${live.id}/preview`);
      expect(shown.body).toContain(live.indexNo!);
      expect(shown.body).not.toContain('发布时生成');
      const detail = await get('mz.editor', `/admin/publications/${live.id}`);
      expect(detail.body).toContain(live.indexNo!);
      expect(detail.body).toContain('版本记录');
      expect(detail.body).toContain('陈局长（mz.signer）');
    });
  });
}
