/**
 * A case from the online form to the archive, through every command on a real database (every dialect):
 * states, the clock stored after each event (= computeClock over the timeline, and the hand-worked dates),
 * letters and their numbers, the audit trail — which, like every other table but the envelope, holds none
 * of the applicant's personal data — and the applicant's view by tracking number and query code.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { AppError } from '../../../platform/errors.js';
import { addStaff, MZ } from '../../publications/publications.fixtures.js';
import { build, ctxOf, expectStoredClock, onlineForm, PERSON } from '../applications.fixtures.js';
import { toLetter } from '../applications.js';
import { findCase, listEvents, listLetters } from '../applications.repository.js';
import { lookupCase } from '../public-view.js';
import { claimCase } from './assign.js';
import { recordConsultationAnswer, recordConsultationReached, sendConsultation } from './consultation.js';
import { receiveCorrection, requestCorrection } from './correction.js';
import { archiveCase, recordDelivery } from './delivery.js';
import { grantExtension } from './extension.js';
import { confirmReceipt } from './receipt.js';
import { approveReply, draftReply, sendReply } from './reply.js';
import { submitOnline } from './submit-online.js';
import { viewApplicant } from './view-applicant.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

for (const dialect of dialects) {
  describe(`application lifecycle [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));
    const as = (u: string) => ctxOf(t, u);
    const day = (d: string) => t.clock.set(`${d}T02:00:00.000Z`);
    const row = async (id: string) => (await findCase(t.services.db, id))!;

    it('online → confirmed → 补正 → consultation → extension → reply signed off → delivered → archived', async () => {
      const db = t.services.db;
      const form = onlineForm();
      const sub = await submitOnline(t.services, t.agencies[MZ]!, form);
      expect(sub.created).toBe(true);
      expect(sub.trackingNo).toMatch(/^YSQ-2026-\d{6}$/);
      expect(sub.queryCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      expect(sub.case.state).toBe('submitted');
      expect(sub.case.receivedOn).toBeNull();
      const id = sub.case.id;
      await expectStoredClock(t.services, id);

      // 双方确认 on the day it arrived: 20 working days from 2026-03-02 → 2026-03-30.
      let c = await confirmReceipt(await as('mz.handler'), id);
      expect([c.state, c.receivedOn, c.clock.dueOn]).toEqual(['received', '2026-03-02', '2026-03-30']);
      await expectStoredClock(t.services, id);
      c = await claimCase(await as('mz.handler'), id);
      expect([c.state, c.handlerId]).toEqual(['inProgress', t.users['mz.handler']]);

      // 补正 on 03-03: the clock stops; the default deadline is 15 working days from the next day.
      day('2026-03-03');
      c = await requestCorrection(await as('mz.handler'), id, {
        items: '请说明所需文件的发布年份\n请补充身份证明复印件',
      });
      expect([c.state, c.clock.state, c.clock.dueOn, c.clock.correctionDeadline]).toEqual([
        'awaitingCorrection',
        'stoppedForCorrection',
        null,
        '2026-03-24',
      ]);
      await expectStoredClock(t.services, id);

      // Corrected on 03-05: the period restarts in full → 2026-04-02.
      day('2026-03-05');
      c = await receiveCorrection(await as('mz.handler'), id, { note: '已补充' });
      expect([c.state, c.clock.dueOn, c.clock.startOn]).toEqual(['inProgress', '2026-04-02', '2026-03-05']);
      await expectStoredClock(t.services, id);

      // A third party: letter 03-09, reached 03-10, answer 03-12 → paused 03-10…03-12 (3 working days),
      // the 清明 holiday 04-04…06 in between → 2026-04-08.
      day('2026-03-09');
      c = await sendConsultation(await as('mz.handler'), id, {
        addresseeKind: 'thirdParty',
        addresseeName: '某某科技有限公司',
      });
      await expectStoredClock(t.services, id);
      const consultationId = (
        await db
          .selectFrom('application_consultations')
          .select('id')
          .where('case_id', '=', id)
          .executeTakeFirstOrThrow()
      ).id;
      day('2026-03-10');
      c = await recordConsultationReached(await as('mz.handler'), id, { consultationId });
      expect(c.clock.state).toBe('paused');
      await expectStoredClock(t.services, id);
      day('2026-03-12');
      c = await recordConsultationAnswer(await as('mz.handler'), id, {
        consultationId,
        summary: '不同意公开合同单价',
      });
      expect(c.clock.dueOn).toBe('2026-04-08');
      await expectStoredClock(t.services, id);

      // Extension of 5 working days by the office head on 03-16 → 2026-04-15.
      day('2026-03-16');
      const refusedExt = await refusal(
        grantExtension(await as('mz.handler'), id, { workdays: 5, reason: '需要汇总多个科室的材料' }),
      );
      expect(refusedExt.message).toContain('需要“公开办负责人”角色');
      c = await grantExtension(await as('mz.office'), id, { workdays: 5, reason: '需要汇总多个科室的材料' });
      expect(c.clock.dueOn).toBe('2026-04-15');
      await expectStoredClock(t.services, id);
      const second = await refusal(
        grantExtension(await as('mz.office'), id, { workdays: 2, reason: '再延' }),
      );
      expect(second.code).toBe('refused');
      expect(second.message).toContain('每件申请只能延长一次答复期限');

      // The reply: drafted, refused to a signer who drafted it, signed off by another, sent.
      day('2026-03-17');
      c = await draftReply(await as('mz.handler'), id, {
        outcome: 'partlyDisclosed',
        text: '经审查，现提供调整标准的通知；附件中涉及第三方商业秘密的单价不予公开。',
      });
      expect(c.state).toBe('replyDrafted');
      const early = await refusal(sendReply(await as('mz.handler'), id));
      expect(early.message).toContain('当前状态为“答复待审签”，不能发出答复');
      const notSigner = await refusal(approveReply(await as('mz.handler'), id));
      expect(notSigner.message).toContain('需要“审签领导”角色');
      c = await approveReply(await as('mz.signer'), id);
      expect(c.state).toBe('replyApproved');
      const reply = (await listLetters(db, id)).map(toLetter).find((l) => l.kind === 'reply')!;
      expect([reply.status, reply.outcome, reply.approvedBy]).toEqual([
        'approved',
        'partlyDisclosed',
        t.users['mz.signer'],
      ]);
      expect(reply.number).toMatch(/^〔2026〕第\d+号$/);
      expect(reply.legalBasis).toBe('《中华人民共和国政府信息公开条例》第三十七条');
      day('2026-03-18');
      c = await sendReply(await as('mz.handler'), id);
      expect([c.state, c.outcome, c.closedOn, c.closureReason, c.clock.state]).toEqual([
        'replied',
        'partlyDisclosed',
        '2026-03-18',
        'replied',
        'closed',
      ]);
      await expectStoredClock(t.services, id);

      // Delivered by EMS, then archived.
      day('2026-03-20');
      const noProof = await refusal(
        recordDelivery(await as('mz.handler'), id, { letterId: reply.id, channel: 'courier' }),
      );
      expect(noProof.fields.map((f) => f.message)).toContain('请填写送达凭证');
      c = await recordDelivery(await as('mz.handler'), id, {
        letterId: reply.id,
        channel: 'courier',
        proof: 'EMS 1234567890123',
        deliveredOn: '2026-03-19',
      });
      expect(c.state).toBe('delivered');
      c = await archiveCase(await as('mz.handler'), id);
      expect(c.state).toBe('archived');

      // Every letter numbered per agency and year, in order; the timeline holds one event per command.
      const letters = (await listLetters(db, id)).map(toLetter);
      expect(letters.map((l) => l.kind)).toEqual([
        'receipt',
        'correctionNotice',
        'opinionRequest',
        'consultationNotice',
        'extensionNotice',
        'reply',
      ]);
      for (const l of letters) expect(l.number).toMatch(/^〔2026〕第\d+号$/);
      const events = await listEvents(db, id);
      expect(events.map((e) => e.kind)).toEqual([
        'submitOnline',
        'received',
        'claim',
        'correctionRequested',
        'correctionReceived',
        'opinionRequestSent',
        'opinionRequestDelivered',
        'opinionReceived',
        'extension',
        'draftReply',
        'approveReply',
        'replied',
        'recordReplyDelivery',
        'archive',
      ]);
      const audits = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', id)
        .orderBy('seq')
        .execute();
      expect(audits.map((a) => a.action)).toEqual([
        'application.submit_online',
        'application.confirm_receipt',
        'application.claim',
        'application.request_correction',
        'application.receive_correction',
        'application.send_consultation',
        'application.record_consultation_reached',
        'application.record_consultation_answer',
        'application.grant_extension',
        'application.draft_reply',
        'application.approve_reply',
        'application.send_reply',
        'application.record_reply_delivery',
        'application.archive',
      ]);

      // The applicant's view: steps with dates, the letters sent to the applicant, no staff names.
      const view = await lookupCase(t.services, sub.trackingNo, sub.queryCode.toLowerCase());
      expect(view.outcome?.label).toBe('部分公开');
      expect(view.letters.map((l) => l.kind)).toEqual([
        'receipt',
        'correctionNotice',
        'consultationNotice',
        'extensionNotice',
        'reply',
      ]);
      expect(view.steps[0]!.on).toBe('2026-03-02');
      expect(view.steps.some((s) => s.text.includes('答复期限暂停：2026年3月10日'))).toBe(true);
      const json = JSON.stringify(view);
      for (const staff of ['孙办理', '陈局长', '刘主任', 'mz.handler']) expect(json).not.toContain(staff);
      for (const v of Object.values(PERSON)) expect(json).not.toContain(v);
      expect(view.canWithdraw).toBe(false);

      // Personal data exists only in the sealed envelope: not in the case row, the events, the letters,
      // the consultations, nor in any audit event's before/after.
      const raw = await row(id);
      const { pii_envelope, ...rest } = raw;
      expect(pii_envelope.startsWith('sm4e1.')).toBe(true);
      const haystacks = [
        JSON.stringify(raw),
        JSON.stringify(rest),
        JSON.stringify(events),
        JSON.stringify(letters),
        JSON.stringify(
          await db.selectFrom('audit_events').select(['before_json', 'after_json', 'actor_label']).execute(),
        ),
      ];
      for (const h of haystacks) for (const v of Object.values(PERSON)) expect(h).not.toContain(v);
    });

    it('idempotency: the same form again returns the same case and code; different content is refused', async () => {
      const form = onlineForm();
      const a = await submitOnline(t.services, t.agencies[MZ]!, form);
      const b = await submitOnline(t.services, t.agencies[MZ]!, { ...form });
      expect(b.created).toBe(false);
      expect([b.case.id, b.trackingNo, b.queryCode]).toEqual([a.case.id, a.trackingNo, a.queryCode]);
      const n = await t.services.db
        .selectFrom('application_cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('idempotency_key', '=', form.idempotencyKey as string)
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
      const changed = await refusal(
        submitOnline(t.services, t.agencies[MZ]!, { ...form, infoDescription: '另一份文件' }),
      );
      expect(changed.code).toBe('conflict');
      // Concurrent resubmissions after a timeout: one case.
      const form2 = onlineForm();
      const all = await Promise.all(
        Array.from({ length: 5 }, () => submitOnline(t.services, t.agencies[MZ]!, form2)),
      );
      expect(new Set(all.map((r) => r.trackingNo)).size).toBe(1);
      expect(all.filter((r) => r.created)).toHaveLength(1);
    });

    it('bad input: every field at once, in Chinese, naming the field and never repeating the value', async () => {
      const e = await refusal(
        submitOnline(t.services, t.agencies[MZ]!, {
          applicantKind: 'person',
          name: '',
          idKind: 'residentIdCard',
          idNumber: '110105194912310021',
          phone: '12345',
          deliveryMethods: ['email', 'post'],
          infoDescription: '',
          idempotencyKey: 'short',
        }),
      );
      expect(e.code).toBe('validation_failed');
      const byField = Object.fromEntries(e.fields.map((f) => [f.field, f.message]));
      expect(byField).toMatchObject({
        name: '请填写申请人姓名',
        idNumber: '居民身份证号码的校验码（最后1位）不正确，请核对',
        phone: '联系电话应为11位手机号码，或带区号的固定电话（例如 010-12345678）',
        email: '选择以电子邮件获取信息的，请填写电子邮箱',
        address: '请填写通信地址',
        infoDescription: '请填写所需信息的内容描述',
        privacyConsent: '请阅读并同意个人信息保护说明',
        declaration: '请确认申请人声明（所填信息真实、不用于违法用途）',
        idempotencyKey: '表单标识无效，请刷新页面后重新提交',
      });
      expect(e.message).not.toContain('110105194912310021');
      const org = await refusal(
        submitOnline(
          t.services,
          t.agencies[MZ]!,
          onlineForm({ applicantKind: 'business', name: '某公司', creditCode: '' }),
        ),
      );
      expect(Object.fromEntries(org.fields.map((f) => [f.field, f.message]))).toMatchObject({
        creditCode: '请填写统一社会信用代码；没有统一社会信用代码的，请说明原因',
        legalRepresentative: '请填写法定代表人或负责人',
        contactName: '请填写联系人姓名',
      });
      const agent = await refusal(
        submitOnline(
          t.services,
          t.agencies[MZ]!,
          onlineForm({
            hasAgent: 'on',
            agentName: '李四',
            agentIdKind: 'passport',
            agentIdNumber: 'E12345678',
            agentPhone: '13900139000',
          }),
        ),
      );
      expect(agent.fields).toEqual([
        { field: 'attachments', message: '委托他人代为申请的，请上传授权委托书' },
      ]);
    });

    it('refusals: wrong state, another agency (404), another handler, the drafter signing, dates the clock rejects', async () => {
      const sub = await build.submitted(t, MZ);
      const wrongState = await refusal(requestCorrection(await as('mz.handler'), sub.id, { items: '说明' }));
      expect(wrongState.message).toBe('不能告知补正：当前状态为“待确认（网上等渠道提交）”，不能告知补正');
      const other = await refusal(claimCase(await as('qh.editor'), sub.id));
      expect(other.code).toBe('not_found');
      const future = await refusal(
        confirmReceipt(await as('mz.handler'), sub.id, { confirmedOn: '2026-03-03' }),
      );
      expect(future.message).toContain('收到申请之日不能晚于今天');

      const b = await build.inProgress(t, 'mz.handler');
      await addStaff(t, `mz.handler2.${dialect}`, MZ, ['caseHandler']);
      const notMine = await refusal(
        requestCorrection(await as(`mz.handler2.${dialect}`), b.id, { items: '说明' }),
      );
      expect(notMine.message).toContain('本申请已分办给其他工作人员，只有承办人或公开办负责人可以办理');
      const tomorrow = await refusal(
        sendConsultation(await as('mz.handler'), b.id, {
          addresseeKind: 'agency',
          addresseeName: '示例市财政局',
          sentOn: '2026-03-03',
        }),
      );
      expect(tomorrow.message).toBe('日期不能晚于今天');
      const noCorrection = await refusal(receiveCorrection(await as('mz.handler'), b.id, {}));
      expect(noCorrection.message).toContain('当前状态为“办理中”');

      // Someone holding both roles drafts, then cannot sign off his own draft.
      const both = `mz.both.${dialect}`;
      await addStaff(t, both, MZ, ['caseHandler', 'signer']);
      const c = await build.inProgress(t, both);
      await draftReply(await as(both), c.id, { outcome: 'disclosed', text: '予以公开。' });
      const own = await refusal(approveReply(await as(both), c.id));
      expect(own.message).toContain('不能审核本人经手的内容：答复审签须由其他人员完成。');

      // A back-dated event the clock rejects because of one already recorded.
      day('2026-03-04');
      const d = await build.inProgress(t, 'mz.handler');
      day('2026-03-06');
      await requestCorrection(await as('mz.handler'), d.id, { items: '说明用途' });
      const wrongOrder = await refusal(requestCorrection(await as('mz.handler'), d.id, { items: '再说明' }));
      expect(wrongOrder.message).toContain('当前状态为“待补正”');
      const before = await refusal(
        receiveCorrection(await as('mz.handler'), d.id, { receivedOn: '2026-03-05' }),
      );
      expect(before.message).toBe('未发出补正告知书，不能登记收到补正');
    });

    it('viewing the applicant: handler, office head and supervisor may, each view audited; an editor may not', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const data = await viewApplicant(await as('mz.handler'), b.id);
      expect([data.name, data.idNumber, data.phone]).toEqual([PERSON.name, PERSON.idNumber, PERSON.phone]);
      await viewApplicant(await as('city.supervisor'), b.id);
      const denied = await refusal(viewApplicant(await as('mz.editor'), b.id));
      expect(denied.code).toBe('forbidden');
      const views = await t.services.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', b.id)
        .where('action', '=', 'application.view_applicant')
        .orderBy('seq')
        .execute();
      expect(views.map((v) => v.actor_id)).toEqual([t.users['mz.handler'], t.users['city.supervisor']]);
      for (const v of views) expect(v.after_json).not.toContain(PERSON.name);
    });
  });
}
