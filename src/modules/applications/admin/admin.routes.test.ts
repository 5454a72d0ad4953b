/**
 * The back office of the cases through its pages (every dialect): who sees the work views and the case page
 * and who is refused, the work views' filters as the days pass, the applicant's data only after the audited
 * view, each action posted from the case page (happy path, field errors re-rendered with the values, the
 * policy's Chinese reasons next to disabled buttons and on a refused post), registration of the other
 * channels, and the reminders on the back-office home.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Client, form, TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { setRoles } from '../../accounts/accounts.repository.js';
import { MZ, QH } from '../../publications/publications.fixtures.js';
import { build, PERSON } from '../applications.fixtures.js';
import { findCase, findFee, listLetters } from '../applications.repository.js';
import { CASE_ACTIONS } from './actions.js';

const LIST = '/admin/applications';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A multipart/form-data body as a browser sends the registration form: fields (repeated keys kept), then files. */
function multipart(fields: [string, string][], files: { field: string; fileName: string; bytes: Buffer }[]) {
  const boundary = '----gongkai-applications-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of fields)
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.fileName}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const caseUrl = (id: string) => `/admin/applications/cases/${id}`;

for (const dialect of dialects) {
  describe(`applications back office [${dialect}]`, () => {
    let t: TestApp;
    const c: Record<string, Client> = {};
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => day(TEST_NOW.slice(0, 10)));
    /** Moves the clock; sessions would expire over days, so everyone signs in again when next needed. */
    const day = async (d: string) => {
      t.clock.set(`${d}T02:00:00.000Z`);
      for (const u of Object.keys(c)) delete c[u];
    };
    const as = async (u: string) => {
      c[u] ??= await t.login(u);
      return c[u]!;
    };
    const get = async (u: string, url: string) => (await as(u)).inject({ url });
    const post = async (u: string, url: string, values: Record<string, string | string[]> = {}) =>
      (await as(u)).inject({ method: 'POST', url, ...form(values) });
    const row = async (id: string) => (await findCase(t.services.db, id))!;
    const noPersonalData = (html: string) => {
      for (const v of Object.values(PERSON)) expect(html).not.toContain(v);
    };

    it('work views: shown to case staff and supervisors, refused to other staff and other agencies', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      for (const u of ['mz.handler', 'mz.office', 'mz.signer', 'mz.admin']) {
        const res = await get(u, `${LIST}?view=open`);
        expect(res.statusCode, u).toBe(200);
        expect(res.body).toContain(b.trackingNo);
        noPersonalData(res.body);
      }
      const sup = await get('city.supervisor', `${LIST}?agencyId=${t.agencies[MZ]}&view=open`);
      expect(sup.statusCode).toBe(200);
      expect(sup.body).toContain(b.trackingNo);
      expect(sup.body).toContain('查看单位');
      expect(sup.body).not.toContain('我的案件');

      const editor = await get('mz.editor', LIST);
      expect(editor.statusCode).toBe(403);
      expect(editor.body).toContain('只有依申请公开办理人员');
      // A handler of another agency: the agency is outside his scope (404) and the case too.
      expect((await get('qh.editor', `${LIST}?agencyId=${t.agencies[MZ]}`)).statusCode).toBe(404);
      expect((await get('qh.editor', caseUrl(b.id))).statusCode).toBe(404);
      expect((await get('mz.editor', caseUrl(b.id))).statusCode).toBe(403);
      const anon = await t.app.inject({ url: caseUrl(b.id) });
      expect(anon.statusCode).toBe(303);
      expect(anon.headers.location).toContain('/login');
    });

    it('every case route answers 404 to staff of another agency and a supervisor outside it, writing nothing', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const before = JSON.stringify(await row(b.id));
      const events = async () =>
        (
          await t.handle.db
            .selectFrom('application_events')
            .select('id')
            .where('case_id', '=', b.id)
            .execute()
        ).length;
      const n = await events();
      const paths = [...CASE_ACTIONS.map((a) => a.path), 'applicant', 'to-proactive'];
      for (const u of ['qh.editor', 'county.supervisor'])
        for (const path of paths) {
          const res = await post(u, `${caseUrl(b.id)}/${path}`, { [`${path}-handlerId`]: t.users[u]! });
          expect(res.statusCode, `${u} ${path}`).toBe(404);
          expect(res.body).not.toContain(PERSON.name);
        }
      expect(JSON.stringify(await row(b.id))).toBe(before);
      expect(await events()).toBe(n);
    });

    it('work views: my cases, due within 3 and 5 working days, overdue, unconfirmed, by handler', async () => {
      const mine = await build.inProgress(t, 'mz.handler', { infoDescription: '我的案件的内容描述甲' });
      const unassigned = await build.received(t, 'mz.handler', { infoDescription: '尚未分办的内容描述乙' });
      const online = await build.submitted(t, MZ, { infoDescription: '网上提交未确认的内容丙' });
      const has = async (view: string, id: string, extra = '') => {
        const res = await get('mz.handler', `${LIST}?view=${view}${extra}`);
        expect(res.statusCode).toBe(200);
        return res.body.includes((await row(id)).tracking_no);
      };
      expect(await has('mine', mine.id)).toBe(true);
      expect(await has('mine', unassigned.id)).toBe(false);
      expect(await has('handler', unassigned.id, '&handler=none')).toBe(true);
      expect(await has('handler', mine.id, `&handler=${t.users['mz.handler']}`)).toBe(true);
      expect(await has('handler', unassigned.id, `&handler=${t.users['mz.handler']}`)).toBe(false);
      // Arrived Monday 2 March: still within its working day of grace on Tuesday, listed on Wednesday.
      await day('2026-03-03');
      expect(await has('unconfirmed', online.id)).toBe(false);
      await day('2026-03-04');
      expect(await has('unconfirmed', online.id)).toBe(true);
      // Received 2 March: due 30 March (20 working days).
      expect((await row(mine.id)).due_on).toBe('2026-03-30');
      await day('2026-03-20');
      expect(await has('due5', mine.id)).toBe(false);
      await day('2026-03-23');
      expect(await has('due5', mine.id)).toBe(true);
      expect(await has('due3', mine.id)).toBe(false);
      await day('2026-03-25');
      expect(await has('due3', mine.id)).toBe(true);
      expect(await has('overdue', mine.id)).toBe(false);
      await day('2026-03-31');
      expect(await has('overdue', mine.id)).toBe(true);
      const page = await get('mz.handler', `${LIST}?view=overdue`);
      expect(page.body).toContain('已逾期1个工作日');

      // The home page's reminders: counts with links.
      const home = await get('mz.handler', '/admin');
      expect(home.body).toMatch(
        /data-reminder="applicationsOverdue"><a href="\/admin\/applications\?view=overdue">已逾期未答复的政府信息公开申请：\d+件/,
      );
      expect(home.body).toContain('data-reminder="applicationsUnconfirmed"');
      expect((await get('mz.editor', '/admin')).body).not.toContain('applicationsOverdue');
      // Navigation.
      expect(home.body).toContain('<a href="/admin/applications">依申请公开</a>');
    });

    it('case page: clock explanation and timeline; the applicant only through the audited view, for those allowed', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const page = await get('mz.handler', caseUrl(b.id));
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('期限计算说明');
      expect(page.body).toContain('2026年3月30日');
      expect(page.body).toContain('办理记录');
      expect(page.body).toContain('认领');
      expect(page.body).toContain('政府信息公开申请受理回执');
      expect(page.body).toContain(`/admin/applications/cases/${b.id}/letters/`);
      expect(page.body).toContain('申请人本月共向本机关提出'.slice(0, 3));
      noPersonalData(page.body);
      expect(page.body).toContain('查看申请人信息');

      const auditCount = async () =>
        (
          await t.handle.db
            .selectFrom('audit_events')
            .select('id')
            .where('action', '=', 'application.view_applicant')
            .where('target_id', '=', b.id)
            .execute()
        ).length;
      const before = await auditCount();
      const shown = await post('mz.handler', `${caseUrl(b.id)}/applicant`);
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain(PERSON.name);
      expect(shown.body).toContain(PERSON.phone);
      expect(await auditCount()).toBe(before + 1);
      const sup = await post('city.supervisor', `${caseUrl(b.id)}/applicant`);
      expect(sup.statusCode).toBe(200);
      expect(sup.body).toContain(PERSON.name);

      // The agency admin sees the case, not the applicant.
      const admin = await get('mz.admin', caseUrl(b.id));
      expect(admin.statusCode).toBe(200);
      expect(admin.body).toContain('只有本申请的承办人、公开办负责人、审签领导和主管部门可以查看申请人信息');
      const refused = await post('mz.admin', `${caseUrl(b.id)}/applicant`);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).not.toContain(PERSON.name);
      expect(await auditCount()).toBe(before + 2);
    });

    it('actions: confirm, claim, 补正 (errors keep the values), correction, 征求意见, extension, fee and payment', async () => {
      const b = await build.submitted(t, MZ);
      let page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toContain('确认收到申请');
      expect(page.body).toContain('尚未确认收到申请');
      let res = await post('mz.handler', `${caseUrl(b.id)}/confirm`, { 'confirm-note': '电话确认' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`${caseUrl(b.id)}?done=confirm#h-actions`);
      page = await get('mz.handler', res.headers.location!);
      expect(page.body).toContain('已确认收到申请');
      expect((await row(b.id)).state).toBe('received');

      res = await post('mz.handler', `${caseUrl(b.id)}/claim`);
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).handler_id).toBe(t.users['mz.handler']);

      // 补正 without items: 400, the message names the field, the typed deadline stays.
      res = await post('mz.handler', `${caseUrl(b.id)}/correction`, {
        'correction-items': '',
        'correction-deadline': '2026-03-20',
      });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('请填写需要补正的事项');
      expect(res.body).toContain('href="#f-correction-items"');
      expect(res.body).toContain('value="2026-03-20"');
      res = await post('mz.handler', `${caseUrl(b.id)}/correction`, {
        'correction-items': '请说明所需文件的年份\n请提供文号',
      });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('awaitingCorrection');
      await day('2026-03-04');
      page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toMatch(/action="[^"]+\/correction-received" enctype="multipart\/form-data"/);
      const badFile = await (await as('mz.handler')).inject({
        method: 'POST',
        url: `${caseUrl(b.id)}/correction-received`,
        ...multipart(
          [],
          [{ field: 'correction-received-file', fileName: '补正.exe', bytes: Buffer.from('MZ') }],
        ),
      });
      expect(badFile.statusCode).toBe(400);
      expect(badFile.body).toContain('附件“补正.exe”不是可接受的文件类型');
      expect(badFile.body).toContain('href="#f-correction-received-file"');
      res = await (await as('mz.handler')).inject({
        method: 'POST',
        url: `${caseUrl(b.id)}/correction-received`,
        ...multipart(
          [['correction-received-note', '申请人补充了年份']],
          [{ field: 'correction-received-file', fileName: '补正.png', bytes: PNG }],
        ),
      });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('inProgress');
      const stored = await t.handle.db
        .selectFrom('application_attachments')
        .select('purpose')
        .where('case_id', '=', b.id)
        .execute();
      expect(stored.map((x) => x.purpose)).toEqual(['correction']);

      res = await post('mz.handler', `${caseUrl(b.id)}/consultation`, {
        'consultation-addresseeKind': 'thirdParty',
        'consultation-addresseeName': '示例科技有限公司',
      });
      expect(res.statusCode).toBe(303);
      page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toContain('示例科技有限公司');
      expect(page.body).toContain('征求意见书');
      const consultationId = /<option value="([0-9a-f-]{36})"[^>]*>示例科技有限公司/.exec(page.body)?.[1];
      expect(consultationId).toBeTruthy();
      await day('2026-03-05');
      res = await post('mz.handler', `${caseUrl(b.id)}/consultation-answer`, {
        'consultation-answer-consultationId': consultationId!,
        'consultation-answer-summary': '同意公开',
      });
      expect(res.statusCode).toBe(303);

      // The extension is the office head's: the handler sees the reason by a disabled button and is refused.
      page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toMatch(
        /disabled aria-describedby="why-extension">延长答复期限<\/button><ul id="why-extension" class="muted"><li>需要“公开办负责人”角色<\/li>/,
      );
      expect(
        (await post('mz.handler', `${caseUrl(b.id)}/extension`, { 'extension-workdays': '10' })).statusCode,
      ).toBe(403);
      const bad = await post('mz.office', `${caseUrl(b.id)}/extension`, {
        'extension-workdays': '30',
        'extension-reason': '需要调取档案',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('value="30"');
      const dueBefore = (await row(b.id)).due_on!;
      res = await post('mz.office', `${caseUrl(b.id)}/extension`, {
        'extension-workdays': '20',
        'extension-reason': '需要调取档案',
      });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).due_on! > dueBefore).toBe(true);

      page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toContain('按件计收');
      const preview = await get('mz.handler', `${caseUrl(b.id)}?feePages=50`);
      expect(preview.body).toContain('按量计收（50页）：200元');
      res = await post('mz.handler', `${caseUrl(b.id)}/fee`, { 'fee-mode': 'perPage', 'fee-pages': '50' });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('awaitingFee');
      await day('2026-03-06');
      const missing = await post('mz.handler', `${caseUrl(b.id)}/payment`, { 'payment-paymentCode': 'JK1' });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('请填写票据号');
      expect(missing.body).toContain('value="JK1"');
      res = await post('mz.handler', `${caseUrl(b.id)}/payment`, {
        'payment-paymentCode': 'JK2026000001',
        'payment-receiptNo': 'PJ0001',
      });
      expect(res.statusCode).toBe(303);
      const fee = (await findFee(t.services.db, b.id))!;
      expect([fee.amount, fee.payment_code, fee.receipt_no]).toEqual([200, 'JK2026000001', 'PJ0001']);
      expect((await row(b.id)).state).toBe('inProgress');
    });

    it('actions: reply drafted, signed off by another person, sent, delivered, archived; refusals in Chinese', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      let page = await get('mz.handler', `${caseUrl(b.id)}?replyOutcome=withheld.stateSecret`);
      // The outcome's legal basis is prefilled; outcomes are grouped as in 表三.
      expect(page.body).toContain('<optgroup label="（三）不予公开">');
      expect(page.body).toMatch(/name="reply-legalBasis"[^>]*>[^<]*第十四条/);
      const empty = await post('mz.handler', `${caseUrl(b.id)}/reply`, { 'reply-outcome': 'disclosed' });
      expect(empty.statusCode).toBe(400);
      expect(empty.body).toContain('请填写答复内容');
      expect(empty.body).toMatch(/<option value="disclosed" selected/);
      let res = await post('mz.handler', `${caseUrl(b.id)}/reply`, {
        'reply-outcome': 'disclosed',
        'reply-legalBasis': '',
        'reply-text': '经审查，您申请的信息予以公开，见附件。',
      });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('replyDrafted');

      // Sending before sign-off: the reason next to the disabled button, and the same reason on a post.
      page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toContain('当前状态为“答复待审签”，不能发出答复');
      expect(page.body).toContain('当前答复稿（待审签）');
      const early = await post('mz.handler', `${caseUrl(b.id)}/send`, {});
      expect(early.statusCode).toBe(422);
      expect(early.body).toContain('不能发出答复，原因如下');
      expect(early.body).toContain('当前状态为“答复待审签”，不能发出答复');

      res = await post('mz.signer', `${caseUrl(b.id)}/approve`, { 'approve-comment': '同意' });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('replyApproved');
      res = await post('mz.handler', `${caseUrl(b.id)}/send`, {});
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('replied');
      const reply = (await listLetters(t.services.db, b.id)).find((l) => l.kind === 'reply')!;
      const noProof = await post('mz.handler', `${caseUrl(b.id)}/delivery`, {
        'delivery-letterId': reply.id,
        'delivery-channel': 'courier',
      });
      expect(noProof.statusCode).toBe(400);
      expect(noProof.body).toContain('请填写送达凭证');
      res = await post('mz.handler', `${caseUrl(b.id)}/delivery`, {
        'delivery-letterId': reply.id,
        'delivery-channel': 'courier',
        'delivery-proof': 'EMS1234567890',
      });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('delivered');
      page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toContain('EMS1234567890');
      res = await post('mz.handler', `${caseUrl(b.id)}/archive`, {});
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('archived');

      // Appeals: a reconsideration corrected → 重新答复.
      res = await post('mz.handler', `${caseUrl(b.id)}/appeal`, {
        'appeal-kind': 'reconsideration',
        'appeal-bodyName': '示例市人民政府',
        'appeal-filedOn': '2026-03-02',
        'appeal-decidedOn': '2026-03-02',
        'appeal-result': 'corrected',
      });
      expect(res.statusCode).toBe(303);
      page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toContain('示例市人民政府');
      const appealId = /<option value="([0-9a-f-]{36})"[^>]*>行政复议：示例市人民政府/.exec(page.body)?.[1];
      res = await post('mz.handler', `${caseUrl(b.id)}/redo`, {
        'redo-appealId': appealId!,
        'redo-dueOn': '2026-04-15',
      });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('inProgress');
      expect((await get('mz.handler', caseUrl(b.id))).body).toContain('重新答复期间');
    });

    it('actions: 分办 by the office head, 征求意见书 reached, fee notice received, refund, a draft sent back', async () => {
      const b = await build.received(t, 'mz.handler');
      // 分办 is the office head's: the handler sees why not.
      let page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toMatch(
        /aria-describedby="why-assign">分办<\/button><ul id="why-assign" class="muted"><li>需要“公开办负责人”角色<\/li>/,
      );
      const noOne = await post('mz.office', `${caseUrl(b.id)}/assign`, {});
      expect(noOne.statusCode).toBe(400);
      expect(noOne.body).toContain('请填写承办人');
      let res = await post('mz.office', `${caseUrl(b.id)}/assign`, {
        'assign-handlerId': t.users['mz.handler']!,
        'assign-note': '请按期办理',
      });
      expect(res.statusCode).toBe(303);
      expect([(await row(b.id)).state, (await row(b.id)).handler_id]).toEqual([
        'inProgress',
        t.users['mz.handler'],
      ]);

      await post('mz.handler', `${caseUrl(b.id)}/consultation`, {
        'consultation-addresseeKind': 'agency',
        'consultation-addresseeName': '示例市财政局',
      });
      page = await get('mz.handler', caseUrl(b.id));
      const cid = /<option value="([0-9a-f-]{36})"[^>]*>示例市财政局/.exec(page.body)![1]!;
      res = await post('mz.handler', `${caseUrl(b.id)}/consultation-reached`, {
        'consultation-reached-consultationId': cid,
      });
      expect(res.statusCode).toBe(303);
      const again = await post('mz.handler', `${caseUrl(b.id)}/consultation-reached`, {
        'consultation-reached-consultationId': cid,
      });
      expect(again.statusCode).toBe(400);
      expect(again.body).toContain('该征求意见书已登记送达');
      await post('mz.handler', `${caseUrl(b.id)}/consultation-answer`, {
        'consultation-answer-consultationId': cid,
        'consultation-answer-summary': '无意见',
      });

      res = await post('mz.handler', `${caseUrl(b.id)}/fee`, { 'fee-mode': 'perPage', 'fee-pages': '40' });
      expect(res.statusCode).toBe(303);
      res = await post('mz.handler', `${caseUrl(b.id)}/fee-received`, {});
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).fee_payment_deadline).toBeTruthy();
      await post('mz.handler', `${caseUrl(b.id)}/payment`, {
        'payment-paymentCode': 'JK2',
        'payment-receiptNo': 'PJ2',
      });
      const tooMuch = await post('mz.handler', `${caseUrl(b.id)}/refund`, {
        'refund-amount': '1000',
        'refund-reason': '多收',
      });
      expect(tooMuch.statusCode).toBe(400);
      expect(tooMuch.body).toContain('value="1000"');
      res = await post('mz.handler', `${caseUrl(b.id)}/refund`, {
        'refund-amount': '10',
        'refund-reason': '多收',
      });
      expect(res.statusCode).toBe(303);
      expect(Number((await findFee(t.services.db, b.id))!.refunded_amount)).toBe(10);

      await post('mz.handler', `${caseUrl(b.id)}/reply`, {
        'reply-outcome': 'disclosed',
        'reply-text': '予以公开。',
      });
      const noComment = await post('mz.signer', `${caseUrl(b.id)}/return`, {});
      expect(noComment.statusCode).toBe(400);
      expect(noComment.body).toContain('请填写退回意见');
      res = await post('mz.signer', `${caseUrl(b.id)}/return`, { 'return-comment': '请补充获取方式' });
      expect(res.statusCode).toBe(303);
      expect((await row(b.id)).state).toBe('inProgress');
      page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toContain('请补充获取方式');
    });

    it('转为主动公开: disabled with the reason for a handler who is not an editor; a handler-editor drafts it', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await post('mz.handler', `${caseUrl(b.id)}/reply`, {
        'reply-outcome': 'disclosed',
        'reply-text': '经审查，予以公开。',
      });
      await post('mz.signer', `${caseUrl(b.id)}/approve`, {});
      expect((await post('mz.handler', `${caseUrl(b.id)}/send`, {})).statusCode).toBe(303);
      let page = await get('mz.handler', caseUrl(b.id));
      expect(page.body).toMatch(
        /disabled aria-describedby="why-to-proactive">转为主动公开<\/button><ul id="why-to-proactive" class="muted"><li>只有本单位的编辑可以将答复公开的信息转为主动公开<\/li>/,
      );
      expect((await post('mz.handler', `${caseUrl(b.id)}/to-proactive`, {})).statusCode).toBe(403);
      await setRoles(t.services.db, t.users['mz.handler']!, ['caseHandler', 'editor']);
      try {
        const missing = await post('mz.handler', `${caseUrl(b.id)}/to-proactive`, {});
        expect(missing.statusCode).toBe(400);
        expect(missing.body).toContain('请选择转为主动公开的理由');
        const res = await post('mz.handler', `${caseUrl(b.id)}/to-proactive`, {
          'to-proactive-ground': 'publicInterest',
        });
        expect(res.statusCode).toBe(303);
        expect(res.headers.location).toBe(`${caseUrl(b.id)}?done=publication#act-to-proactive`);
        page = await get('mz.handler', res.headers.location!);
        expect(page.body).toContain('已根据答复生成主动公开草稿');
        expect(page.body).toMatch(
          /<a href="\/admin\/publications\/[0-9a-f-]{36}">关于调整城乡居民最低生活保障标准的通知<\/a>/,
        );
      } finally {
        await setRoles(t.services.db, t.users['mz.handler']!, ['caseHandler']);
      }
    });

    it('actions: withdrawal on the applicant’s behalf, 非本机关负责 and forwarding with the new query code', async () => {
      const w = await build.inProgress(t, 'mz.handler');
      const noReason = await post('mz.handler', `${caseUrl(w.id)}/withdraw`, {});
      expect(noReason.statusCode).toBe(400);
      expect(noReason.body).toContain('请填写撤回情况说明');
      const ok = await post('mz.handler', `${caseUrl(w.id)}/withdraw`, {
        'withdraw-reason': '申请人来函撤回',
      });
      expect(ok.statusCode).toBe(303);
      expect((await row(w.id)).state).toBe('withdrawn');

      const b = await build.inProgress(t, 'mz.handler');
      const qh = t.agencies[QH]!;
      let res = await post('mz.handler', `${caseUrl(b.id)}/not-ours`, {
        'not-ours-otherAgencyId': qh,
        'not-ours-otherAgencyContact': '0000-1234567',
        'not-ours-text': '该信息由清河县民政局负责公开。',
      });
      expect(res.statusCode).toBe(303);
      await post('mz.signer', `${caseUrl(b.id)}/approve`, {});
      await post('mz.handler', `${caseUrl(b.id)}/send`, {});
      const before = await get('mz.handler', caseUrl(b.id));
      expect(before.body).toContain(`action="${caseUrl(b.id)}/forward"`);
      res = await post('mz.handler', `${caseUrl(b.id)}/forward`, {});
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/已转送，负责机关的申请编号为[A-Z]+-2026-\d+，查询码为/);
      expect((await row(b.id)).forwarded_to_id).toBeTruthy();
    });

    it('registration of other channels: field errors keep the values; in person and oral', async () => {
      const page = await get('mz.handler', '/admin/applications/new');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('签收日期');
      expect((await get('mz.signer', '/admin/applications/new')).statusCode).toBe(403);
      const key = /name="idempotencyKey" value="([^"]+)"/.exec(page.body)![1]!;
      const fields = {
        applicantKind: 'person',
        name: '李四',
        idKind: 'residentIdCard',
        idNumber: PERSON.idNumber,
        phone: '13900139000',
        infoDescription: '请提供本局2025年度部门预算。',
        deliveryMethods: 'pickup',
        idempotencyKey: key,
      };
      const oral = await post('mz.handler', '/admin/applications/new', {
        ...fields,
        channel: 'oral',
        submittedOn: '2026-03-02',
      });
      expect(oral.statusCode).toBe(400);
      expect(oral.body).toContain('口头申请由工作人员代为填写，须经申请人确认');
      expect(oral.body).toContain('value="李四"');
      const missing = await post('mz.handler', '/admin/applications/new', {
        ...fields,
        channel: 'mailSigned',
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toContain('请填写签收日期');
      const done = await post('mz.handler', '/admin/applications/new', {
        ...fields,
        channel: 'oral',
        submittedOn: '2026-03-02',
        applicantConfirmed: 'on',
      });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('申请已登记');
      expect(done.body).toContain('答复期限已开始计算');
      const trackingNo = /申请编号：<strong>([^<]+)<\/strong>/.exec(done.body)![1]!;
      const created = await t.handle.db
        .selectFrom('application_cases')
        .selectAll()
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow();
      expect([created.channel, created.state, created.received_on]).toEqual([
        'oral',
        'received',
        '2026-03-02',
      ]);
      // The same form again: refused as a duplicate.
      const again = await post('mz.handler', '/admin/applications/new', {
        ...fields,
        channel: 'oral',
        submittedOn: '2026-03-02',
        applicantConfirmed: 'on',
      });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('请勿重复登记');
    });

    it('registration with an agent: the authorization is uploaded with the no-script multipart form', async () => {
      const page = await get('mz.handler', '/admin/applications/new');
      expect(page.body).toContain('enctype="multipart/form-data"');
      const csrf = (await as('mz.handler')).csrf;
      const fields: [string, string][] = [
        ['_csrf', csrf],
        ['channel', 'inPerson'],
        ['submittedOn', '2026-03-02'],
        ['applicantKind', 'person'],
        ['name', '王五'],
        ['idKind', 'residentIdCard'],
        ['idNumber', PERSON.idNumber],
        ['phone', '13900139001'],
        ['infoDescription', '请提供本局2025年度部门决算。'],
        ['deliveryMethods', 'pickup'],
        ['deliveryMethods', 'onSiteReading'],
        ['hasAgent', 'on'],
        ['agentName', '赵律师'],
        ['agentIdKind', 'residentIdCard'],
        ['agentIdNumber', PERSON.idNumber],
        ['agentPhone', '13900139002'],
      ];
      const withoutFile = await (await as('mz.handler')).inject({
        method: 'POST',
        url: '/admin/applications/new',
        ...multipart(fields, []),
      });
      expect(withoutFile.statusCode).toBe(400);
      expect(withoutFile.body).toContain('委托他人代为申请的，请上传授权委托书');
      expect(withoutFile.body).toContain('href="#f-authorizationFile"');
      expect(withoutFile.body).toContain('value="赵律师"');
      // As a browser sends it: the CSRF token only as a form field, no header.
      const body = multipart(fields, [{ field: 'authorizationFile', fileName: '委托书.png', bytes: PNG }]);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/admin/applications/new',
        payload: body.payload,
        headers: { ...body.headers, cookie: (await as('mz.handler')).cookie },
      });
      expect(ok.statusCode).toBe(200);
      const trackingNo = /申请编号：<strong>([^<]+)<\/strong>/.exec(ok.body)![1]!;
      const created = await t.handle.db
        .selectFrom('application_cases')
        .selectAll()
        .where('tracking_no', '=', trackingNo)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(created.delivery_methods)).toEqual(['pickup', 'onSiteReading']);
      const files = await t.handle.db
        .selectFrom('application_attachments')
        .select(['purpose'])
        .where('case_id', '=', created.id)
        .execute();
      expect(files.map((f) => f.purpose)).toEqual(['authorization']);
      const casePage = await get('mz.handler', caseUrl(created.id));
      expect(casePage.body).toContain('授权委托书');
      expect(casePage.body).not.toContain('委托书.png');
    });
  });
}
