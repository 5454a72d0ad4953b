/**
 * The other paths of a case on a real database (every dialect): the fee (按件 counted by natural month and
 * applicant, 按量, payment, refund, never both), the scheduled closures (逾期不补正, 逾期未缴费) with their
 * 视为放弃申请告知书 and the late correction, the day an online correction is received (China's date, whatever
 * the server's time zone: run it under TZ=UTC too), 非本机关 + forwarding, withdrawal by the applicant,
 * 重新答复 after a reconsideration and a withdrawal during it, the recomputation after a calendar change,
 * work views, the command line, and unique numbers under concurrency.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_NOW, type TestApp, testApp } from '../../../../test/app.js';
import { dialects } from '../../../../test/db.js';
import { AppError } from '../../../platform/errors.js';
import { legalDate } from '../../../platform/legal-date.js';
import { countingFacts } from '../../annual-reports/compute/table3.js';
import { idNumberCheckChar } from '../../checks/id-number.js';
import { MZ, QH } from '../../publications/publications.fixtures.js';
import { formatCalendarText } from '../../workdays/calendar-text.js';
import { saveCalendarYear } from '../../workdays/commands/save-calendar-year.js';
import { getYear } from '../../workdays/workdays.repository.js';
import { loadCaseView } from '../admin/case-page.js';
import { build, ctxOf, expectNoPersonalData, expectStoredClock, PERSON } from '../applications.fixtures.js';
import { toFee, toLetter } from '../applications.js';
import { findCase, findFee, listEvents, listLetters } from '../applications.repository.js';
import { casesCommand } from '../cli-command.js';
import { docxText } from '../letters/letters.fixtures.js';
import { renderLetter } from '../letters/render.js';
import { CLOSURE_NOTICE_LABEL, letterLabel } from '../letters.js';
import { renderApplicantLetter } from '../public/letter-download.js';
import { lookupCase } from '../public-view.js';
import {
  applicantMonthCount,
  casesByHandler,
  dueWithin,
  myCases,
  overdueCases,
  unconfirmedCases,
} from '../queries.js';
import { recordAppeal } from './appeal.js';
import { receiveCorrection, receiveCorrectionByApplicant, requestCorrection } from './correction.js';
import { recordDelivery } from './delivery.js';
import { recordFeeNoticeReceived, recordPayment, refundFee, sendFeeNotice } from './fee.js';
import { closeOverdue, recomputeOpenCases } from './jobs.js';
import { closeNotOurs, forwardCase } from './not-ours.js';
import { approveReply, draftReply, redoReply, sendReply } from './reply.js';
import { viewApplicant } from './view-applicant.js';
import { withdrawByApplicant, withdrawCase } from './withdraw.js';

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

/** A valid 公民身份号码 with the given first 17 digits. */
const idNo = (first17: string) => first17 + idNumberCheckChar(first17);

for (const dialect of dialects) {
  describe(`application cases [${dialect}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await testApp(dialect);
    });
    afterAll(async () => t?.close());
    beforeEach(() => t.clock.set(TEST_NOW));
    const as = (u: string) => ctxOf(t, u);
    const day = (d: string) => t.clock.set(`${d}T02:00:00.000Z`);
    const caseRow = async (id: string) => (await findCase(t.services.db, id))!;

    it('按件: counts the same applicant’s applications to this agency in the natural month, by receipt date', async () => {
      const who = { name: '王五', idNumber: idNo('11010519900101001'), phone: '13700137000' };
      // February does not count; another agency does not count; the same ID with another phone counts, and
      // so does the same name and phone with another ID.
      await build.received(t, 'mz.handler', { ...who, submittedOn: '2026-02-27' });
      await build.received(t, 'qh.editor', who);
      const march = [];
      for (let i = 0; i < 9; i++) {
        const over =
          i === 3 ? { phone: '13700137001' } : i === 4 ? { idNumber: idNo('11010519900101002') } : {};
        march.push(
          await build.inProgress(t, 'mz.handler', { ...who, ...over, infoDescription: `文件${i}号的全文` }),
        );
      }
      // The 9th 件 of the month is free: no fee notice.
      const free = await refusal(sendFeeNotice(await as('mz.handler'), march[8]!.id, { mode: 'perItem' }));
      expect(free.message).toContain('本申请无需收取信息处理费');
      expect(free.message).toContain('申请人本自然月内此前已向本机关提出8件申请');
      // Two more: the 11th 件 costs 100元.
      day('2026-03-03');
      await build.inProgress(t, 'mz.handler', { ...who, infoDescription: '第十份申请的内容' });
      const eleventh = await build.inProgress(t, 'mz.handler', {
        ...who,
        infoDescription: '第十一份申请的内容',
      });
      const both = await refusal(
        sendFeeNotice(await as('mz.handler'), eleventh.id, { mode: 'perItem', pages: '40' }),
      );
      expect(both.fields[0]!.message).toBe('不得同时按件和按量计收信息处理费，请选择一种计收方式');
      const c = await sendFeeNotice(await as('mz.handler'), eleventh.id, { mode: 'perItem' });
      expect([c.state, c.clock.state]).toEqual(['awaitingFee', 'running']); // the pause starts tomorrow
      const fee = toFee((await findFee(t.services.db, eleventh.id))!);
      expect([fee.mode, fee.itemsBefore, fee.items, fee.amount]).toEqual(['perItem', 10, 1, 100]);
      expect(await applicantMonthCount(await as('mz.handler'), eleventh.id)).toEqual({
        month: '2026-03',
        total: 11,
        before: 10,
      });
      await expectStoredClock(t.services, eleventh.id);
    });

    it('按量, payment (缴款码, 票据号) resumes the clock; refunds up to what was paid', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      let c = await sendFeeNotice(await as('mz.handler'), b.id, { mode: 'perPage', pages: 50 });
      expect(toFee((await findFee(t.services.db, b.id))!).amount).toBe(200); // pages 31–50 at 10元
      day('2026-03-03');
      c = await recordFeeNoticeReceived(await as('mz.handler'), b.id, {});
      expect(c.clock.feePaymentDeadline).toBe('2026-03-31');
      day('2026-03-05');
      const missing = await refusal(recordPayment(await as('mz.handler'), b.id, {}));
      expect(missing.fields.map((f) => f.message)).toEqual(['请填写缴款码', '请填写票据号']);
      c = await recordPayment(await as('mz.handler'), b.id, {
        paymentCode: 'JK2026000001',
        receiptNo: 'PJ0001',
      });
      // Paused 03-03…03-05: three working days added to 2026-03-30.
      expect([c.state, c.clock.dueOn]).toEqual(['inProgress', '2026-04-02']);
      await expectStoredClock(t.services, b.id);
      await refundFee(await as('mz.handler'), b.id, { amount: 50, reason: '页数多计' });
      const tooMuch = await refusal(refundFee(await as('mz.handler'), b.id, { amount: 151, reason: '再退' }));
      expect(tooMuch.fields[0]).toEqual({ field: 'amount', message: '退费金额（元）不能大于150' });
      expect(toFee((await findFee(t.services.db, b.id))!).refundedAmount).toBe(50);
    });

    it('closeOverdue: 逾期不补正 and 逾期未缴费 close on the day after the deadline, audited as the system', async () => {
      const corr = await build.inProgress(t, 'mz.handler');
      await requestCorrection(await as('mz.handler'), corr.id, { items: '请明确所需信息的名称' });
      expect((await caseRow(corr.id)).correction_deadline).toBe('2026-03-23');
      const fee = await build.inProgress(t, 'mz.handler');
      await sendFeeNotice(await as('mz.handler'), fee.id, { mode: 'perPage', pages: 31 });
      day('2026-03-03');
      await recordFeeNoticeReceived(await as('mz.handler'), fee.id, {});

      day('2026-03-23');
      expect((await closeOverdue(t.services, legalDate('2026-03-23'))).map((x) => x.id)).not.toContain(
        corr.id,
      );
      day('2026-03-24');
      const closed = await closeOverdue(t.services, legalDate('2026-03-24'));
      expect(closed.filter((x) => x.id === corr.id)).toEqual([
        { id: corr.id, trackingNo: corr.trackingNo, reason: 'correctionOverdue', closedOn: '2026-03-24' },
      ]);
      const r = await caseRow(corr.id);
      expect([r.state, r.outcome, r.closed_on, r.clock_state]).toEqual([
        'closedCorrectionOverdue',
        'otherHandling.correctionOverdue',
        '2026-03-24',
        'closed',
      ]);
      const audit = await t.services.db
        .selectFrom('audit_events')
        .selectAll()
        .where('target_id', '=', corr.id)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect([audit.action, audit.actor_id, audit.actor_label]).toEqual([
        'application.close_correction_overdue',
        null,
        '系统（依申请公开期限）',
      ]);
      const late = await refusal(receiveCorrection(await as('mz.handler'), corr.id, {}));
      expect(late.message).toContain('当前状态为“已办结（逾期不补正）”');

      // The notice of the closure: issued in the closure's transaction, numbered, sent, no sign-off.
      const corrLetters = (await listLetters(t.services.db, corr.id)).map(toLetter);
      const notice = corrLetters.find((l) => l.kind === 'reply')!;
      const corrNotice = corrLetters.find((l) => l.kind === 'correctionNotice')!;
      expect([notice.status, notice.outcome, notice.sentOn, notice.replyRound, notice.approvedBy]).toEqual([
        'sent',
        'otherHandling.correctionOverdue',
        '2026-03-24',
        0,
        null,
      ]);
      expect(notice.number).toMatch(/〔2026〕第\d+号$/);
      expect(notice.number).not.toBe(corrNotice.number);
      expect(notice.legalBasis).toBe('《中华人民共和国政府信息公开条例》第三十条');
      expect(notice.content.text).toBe(
        `本机关于2026年3月2日向您发出《补正申请告知书》（${corrNotice.number}），告知您需要补正的事项，补正期限至2026年3月23日。补正期限届满，本机关未收到您补正后的申请。本申请于2026年3月24日办结。`,
      );
      expect(letterLabel(notice)).toBe(CLOSURE_NOTICE_LABEL);
      expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
        letterId: notice.id,
        letterNo: notice.number,
        outcome: 'otherHandling.correctionOverdue',
      });
      // Its .docx: the agency's reply.<outcome> template, with the dates, the basis and the remedies.
      const doc = docxText((await renderLetter(t.services, corr.id, notice.id)).bytes);
      expect(doc).toContain('示例市民政局政府信息公开申请告知书（视为放弃申请）');
      expect(doc).toContain(notice.number!);
      expect(doc).toContain(`${PERSON.name}：`);
      expect(doc).toContain('补正期限至2026年3月23日');
      expect(doc).toContain('本申请于2026年3月24日办结');
      expect(doc).toContain(
        '根据《中华人民共和国政府信息公开条例》第三十条关于“申请人无正当理由逾期不补正的，视为放弃申请”的规定',
      );
      expect(doc).toContain('6个月内依法向人民法院提起行政诉讼');
      expect(doc).not.toContain('草稿');
      // The case page lists it; the applicant sees it on the lookup page, downloadable like every letter.
      const page = await loadCaseView(await as('mz.handler'), corr.id);
      expect(page.letters.map((l) => [l.kind, l.outcome, l.status])).toContainEqual([
        'reply',
        'otherHandling.correctionOverdue',
        'sent',
      ]);
      const seen = await lookupCase(t.services, corr.trackingNo, corr.queryCode);
      expect(seen.letters.map((l) => [l.kind, l.number])).toContainEqual(['reply', notice.number]);
      expect(seen.status).toBe('已办结（逾期未补正，视为放弃申请）');
      const dl = await renderApplicantLetter(
        t.services,
        { id: corr.id, agencyId: t.agencies[MZ]!, trackingNo: corr.trackingNo },
        { id: notice.id, kind: notice.kind, number: notice.number },
        null,
      );
      expect(docxText(dl.bytes)).toContain('本申请于2026年3月24日办结');

      day('2026-04-01');
      const closedFee = await closeOverdue(t.services, legalDate('2026-04-01'));
      expect(closedFee.filter((x) => x.id === fee.id).map((x) => [x.reason, x.closedOn])).toEqual([
        ['feeUnpaid', '2026-04-01'],
      ]);
      expect((await caseRow(fee.id)).outcome).toBe('otherHandling.feeUnpaid');
      const feeLetters = (await listLetters(t.services.db, fee.id)).map(toLetter);
      const feeNotice = feeLetters.find((l) => l.kind === 'feeNotice')!;
      const feeClosure = feeLetters.find((l) => l.kind === 'reply')!;
      expect([feeClosure.outcome, feeClosure.sentOn, feeClosure.status]).toEqual([
        'otherHandling.feeUnpaid',
        '2026-04-01',
        'sent',
      ]);
      expect(feeClosure.legalBasis).toContain('国办函〔2020〕109号');
      expect(feeClosure.content.text).toBe(
        `本机关于2026年3月2日向您发出《收费通知书》（${feeNotice.number}），告知您应缴纳信息处理费人民币10元；您于2026年3月3日收到该通知，缴费期限至2026年3月31日。缴费期限届满，本机关未收到您缴纳的信息处理费。本申请于2026年4月1日办结。`,
      );
      const feeDoc = docxText((await renderLetter(t.services, fee.id, feeClosure.id)).bytes);
      expect(feeDoc).toContain('《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）');
      expect(feeDoc).toContain('视为放弃申请');
      // Nothing left to close.
      expect(await closeOverdue(t.services, legalDate('2026-04-01'))).toEqual([]);
    });

    it('a correction after the deadline (job not yet run) needs the good reason recorded', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await requestCorrection(await as('mz.handler'), b.id, {
        items: '请明确所需信息',
        deadline: '2026-03-06',
      });
      day('2026-03-09');
      const refused = await refusal(receiveCorrection(await as('mz.handler'), b.id, {}));
      expect(refused.message).toContain('补正期限已届满，申请已于2026年3月7日视为放弃');
      const c = await receiveCorrection(await as('mz.handler'), b.id, {
        lateReason: '申请人住院，提供了证明',
      });
      expect([c.state, c.clock.dueOn]).toEqual(['inProgress', legalDate('2026-04-07')]);
      await expectStoredClock(t.services, b.id);
      // A second notice only if still unclear, said why.
      const second = await refusal(requestCorrection(await as('mz.handler'), b.id, { items: '仍不明确' }));
      expect(second.fields.map((f) => f.field)).toEqual(['stillUnclearReason']);
      await requestCorrection(await as('mz.handler'), b.id, {
        items: '请明确年份',
        stillUnclearReason: '补正后仍未说明所需文件的年份',
      });
    });

    it('an online correction is received on its day in China — late at night, on a rest day — and restarts the period in full', async () => {
      // Sent 2026-03-02 with the deadline Monday 03-09. It arrives on Saturday 03-07 at 00:30 in China
      // (Friday 16:30 UTC): received on 03-07, the 20 working days counted from the next day — the same due
      // date as a correction on Friday, since rest days never count (第三十条; no 16:00 cut-off in the law).
      const a = await build.inProgress(t, 'mz.handler');
      await requestCorrection(await as('mz.handler'), a.id, { items: '请写明文号', deadline: '2026-03-09' });
      t.clock.set('2026-03-06T16:30:00.000Z');
      let c = await receiveCorrectionByApplicant(t.services, a.trackingNo, a.queryCode, {
        receivedOn: '2026-03-01',
        lateReason: '不应采用',
      });
      let ev = (await listEvents(t.services.db, a.id)).at(-1)!;
      expect([ev.kind, ev.on_date, ev.actor_label, JSON.parse(ev.data_json).lateReason]).toEqual([
        'correctionReceived',
        '2026-03-07',
        '申请人',
        undefined,
      ]);
      expect([c.state, c.clock.startOn, c.clock.dueOn]).toEqual(['inProgress', '2026-03-07', '2026-04-03']);
      await expectStoredClock(t.services, a.id);

      // On the deadline day at 23:59 in China (15:59 UTC): on time, received that day.
      const b = await build.inProgress(t, 'mz.handler');
      await requestCorrection(await as('mz.handler'), b.id, { items: '请写明文号', deadline: '2026-03-09' });
      t.clock.set('2026-03-09T15:59:00.000Z');
      c = await receiveCorrectionByApplicant(t.services, b.trackingNo, b.queryCode, {});
      ev = (await listEvents(t.services.db, b.id)).at(-1)!;
      expect([ev.on_date, c.clock.startOn, c.clock.dueOn]).toEqual([
        '2026-03-09',
        '2026-03-09',
        '2026-04-07',
      ]);

      // One minute later it is 03-10 in China: after the deadline, refused (the office decides on a reason).
      const d = await build.inProgress(t, 'mz.handler');
      await requestCorrection(await as('mz.handler'), d.id, { items: '请写明文号', deadline: '2026-03-09' });
      t.clock.set('2026-03-09T16:00:00.000Z');
      const late = await refusal(receiveCorrectionByApplicant(t.services, d.trackingNo, d.queryCode, {}));
      expect(late.message).toContain('补正期限已届满，申请已于2026年3月10日视为放弃');
      expect((await caseRow(d.id)).state).toBe('awaitingCorrection');
    });

    it('非本机关负责公开: a reply naming the agency (R13), then forwarded as a new case with its own receipt', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const noName = await refusal(
        closeNotOurs(await as('mz.handler'), b.id, { text: '不属于本机关', otherAgencyContact: '电话' }),
      );
      expect(noName.fields.map((f) => f.field)).toEqual(['otherAgencyName']);
      let c = await closeNotOurs(await as('mz.handler'), b.id, {
        text: '您申请的信息由清河县民政局制作并保存。',
        otherAgencyId: t.agencies[QH],
        otherAgencyContact: '0830-1234567',
      });
      expect([c.state, c.notOurs]).toEqual([
        'replyDrafted',
        { agencyId: t.agencies[QH], name: QH, contact: '0830-1234567' },
      ]);
      await approveReply(await as('mz.signer'), b.id);
      c = await sendReply(await as('mz.handler'), b.id);
      expect(c.outcome).toBe('unavailable.notHeld');
      expect(c.outcomeBasis).toBe('《中华人民共和国政府信息公开条例》第三十六条第（五）项');

      const f = await forwardCase(await as('mz.handler'), b.id, { note: '转清河县民政局' });
      expect(f.case.forwardedToId).toBe(f.forwarded.id);
      expect([
        f.forwarded.agencyId,
        f.forwarded.state,
        f.forwarded.forwardedFromId,
        f.forwarded.receivedOn,
      ]).toEqual([t.agencies[QH], 'submitted', b.id, null]);
      // The receiving agency reads the same applicant (its handler, the case being unassigned).
      expect((await viewApplicant(await as('qh.editor'), f.forwarded.id)).idNumber).toBe(PERSON.idNumber);
      const again = await refusal(forwardCase(await as('mz.handler'), b.id));
      expect(again.message).toContain('本申请已转送');
      const source = await lookupCase(t.services, b.trackingNo, b.queryCode);
      expect(source.notOurs).toEqual({ name: QH, contact: '0830-1234567' });
      expect(source.forwardedTo).toEqual({ trackingNo: f.forwarded.trackingNo, agencyName: QH });
      const target = await lookupCase(t.services, f.forwarded.trackingNo, f.queryCode);
      expect([target.agencyName, target.status]).toEqual([QH, '已提交，待受理机关确认']);
      // Both agencies' chains record the forward.
      const audits = await t.services.db
        .selectFrom('audit_events')
        .select(['action', 'agency_id'])
        .where('action', 'in', ['application.forward', 'application.forwarded_in'])
        .where('target_id', 'in', [b.id, f.forwarded.id])
        .execute();
      expect(audits.map((a) => [a.action, a.agency_id]).sort()).toEqual([
        ['application.forward', t.agencies[MZ]],
        ['application.forwarded_in', t.agencies[QH]],
      ]);
    });

    it('withdrawal by the applicant with tracking number + query code counts as 其他处理·其他', async () => {
      const b = await build.confirmed(t, MZ, 'mz.handler');
      const wrong = await refusal(withdrawByApplicant(t.services, b.trackingNo, 'AAAA-AAAA-AAAA'));
      const unknown = await refusal(withdrawByApplicant(t.services, 'YSQ-2026-999999', b.queryCode));
      expect([wrong.code, wrong.message]).toEqual(['not_found', '申请编号或查询码不正确，请核对后重试。']);
      expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
      day('2026-03-04');
      const c = await withdrawByApplicant(
        t.services,
        ` ${b.trackingNo.toLowerCase()} `,
        b.queryCode.replaceAll('-', ' '),
        {
          reason: '已从其他途径获得',
        },
      );
      expect([c.state, c.outcome, c.closedOn, c.closureReason, c.clock.state]).toEqual([
        'withdrawn',
        'otherHandling.other',
        '2026-03-04',
        'withdrawn',
        'closed',
      ]);
      const last = (await listEvents(t.services.db, b.id)).at(-1)!;
      expect([last.kind, last.actor_id, last.actor_label]).toEqual(['withdrawn', null, '申请人']);
      const twice = await refusal(withdrawByApplicant(t.services, b.trackingNo, b.queryCode));
      expect(twice.message).toBe('不能撤回申请：申请当前状态为“已撤回”，已不能撤回');
      // Before confirmation there is no receipt and no clock: still withdrawn, still R23.
      const s = await build.submitted(t, MZ);
      const w = await withdrawByApplicant(t.services, s.trackingNo, s.queryCode);
      expect([w.state, w.outcome, w.receivedOn]).toEqual(['withdrawn', 'otherHandling.other', null]);
      // Staff record one made at the office, with what the applicant said.
      const o = await build.inProgress(t, 'mz.handler');
      const noReason = await refusal(withdrawCase(await as('mz.handler'), o.id, {}));
      expect(noReason.fields[0]!.message).toBe('请填写撤回情况说明');
      expect((await withdrawCase(await as('mz.handler'), o.id, { reason: '申请人电话撤回' })).state).toBe(
        'withdrawn',
      );
    });

    it('重新答复 after a reconsideration decision corrects the reply, on the same case', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      await draftReply(await as('mz.handler'), b.id, {
        outcome: 'withheld.processInformation',
        text: '属于过程性信息。',
      });
      await approveReply(await as('mz.signer'), b.id);
      day('2026-03-03');
      await sendReply(await as('mz.handler'), b.id);
      day('2026-03-10');
      let c = await recordAppeal(await as('mz.handler'), b.id, {
        kind: 'reconsideration',
        bodyName: '示例市人民政府',
        filedOn: '2026-03-05',
        result: 'pending',
      });
      const early = await refusal(redoReply(await as('mz.handler'), b.id, {}));
      expect(early.message).toContain('只有行政复议决定或判决予以纠正的，才需要重新答复');
      const appealId = (
        await t.services.db
          .selectFrom('application_appeals')
          .select('id')
          .where('case_id', '=', b.id)
          .executeTakeFirstOrThrow()
      ).id;
      const noDate = await refusal(
        recordAppeal(await as('mz.handler'), b.id, {
          appealId,
          kind: 'reconsideration',
          bodyName: '示例市人民政府',
          filedOn: '2026-03-05',
          result: 'corrected',
        }),
      );
      expect(noDate.fields[0]!.message).toBe('已有结果的，请填写审结日期');
      await recordAppeal(await as('mz.handler'), b.id, {
        appealId,
        kind: 'reconsideration',
        bodyName: '示例市人民政府',
        filedOn: '2026-03-05',
        decidedOn: '2026-03-10',
        result: 'corrected',
      });
      c = await redoReply(await as('mz.handler'), b.id, { appealId, dueOn: '2026-03-24' });
      expect([c.state, c.replyRound, c.clock.dueOn]).toEqual(['inProgress', 1, '2026-03-24']);
      const noClock = await refusal(requestCorrection(await as('mz.handler'), b.id, { items: '说明' }));
      expect(noClock.message).toContain('重新答复期间不适用补正、征求意见、延期和收费');
      await draftReply(await as('mz.handler'), b.id, {
        outcome: 'disclosed',
        text: '根据复议决定，予以公开。',
      });
      await approveReply(await as('mz.signer'), b.id);
      day('2026-03-12');
      c = await sendReply(await as('mz.handler'), b.id);
      expect([c.state, c.outcome, c.closedOn]).toEqual(['replied', 'disclosed', '2026-03-03']);
      const replies = (await listLetters(t.services.db, b.id))
        .map(toLetter)
        .filter((l) => l.kind === 'reply');
      expect(replies.map((l) => [l.replyRound, l.outcome, l.status, l.sentOn])).toEqual([
        [0, 'withheld.processInformation', 'sent', '2026-03-03'],
        [1, 'disclosed', 'sent', '2026-03-12'],
      ]);
      await recordDelivery(await as('mz.handler'), b.id, {
        letterId: replies[1]!.id,
        channel: 'online',
        proof: '2026-03-12 10:05 申请人下载',
      });
      expect((await caseRow(b.id)).state).toBe('delivered');
    });

    it('a withdrawal during 重新答复 closes the redo round and keeps the first reply as the case’s closure', async () => {
      const corrected = async (id: string) => {
        const h = await as('mz.handler');
        await draftReply(h, id, { outcome: 'withheld.processInformation', text: '属于过程性信息。' });
        await approveReply(await as('mz.signer'), id);
        day('2026-03-03');
        await sendReply(h, id);
        day('2026-03-10');
        await recordAppeal(h, id, {
          kind: 'reconsideration',
          bodyName: '示例市人民政府',
          filedOn: '2026-03-05',
          decidedOn: '2026-03-10',
          result: 'corrected',
        });
        const appealId = (
          await t.services.db
            .selectFrom('application_appeals')
            .select('id')
            .where('case_id', '=', id)
            .executeTakeFirstOrThrow()
        ).id;
        await redoReply(h, id, { appealId, dueOn: '2026-03-24' });
      };
      // By the applicant online, with a redo draft pending.
      const b = await build.inProgress(t, 'mz.handler');
      await corrected(b.id);
      await draftReply(await as('mz.handler'), b.id, { outcome: 'disclosed', text: '予以公开。' });
      day('2026-03-12');
      expect((await lookupCase(t.services, b.trackingNo, b.queryCode)).canWithdraw).toBe(true);
      const c = await withdrawByApplicant(t.services, b.trackingNo, b.queryCode, { reason: '不再需要' });
      expect([c.state, c.outcome, c.closedOn, c.closureReason, c.replyRound, c.clock.dueOn]).toEqual([
        'withdrawn',
        'withheld.processInformation',
        '2026-03-03',
        'withdrawn',
        1,
        null,
      ]);
      const r = await caseRow(b.id);
      expect([r.outcome_basis, r.clock_state]).toEqual([
        '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项',
        'closed',
      ]);
      const last = (await listEvents(t.services.db, b.id)).at(-1)!;
      expect([last.action, last.clock, last.on_date, last.to_state, JSON.parse(last.data_json)]).toEqual([
        'withdraw',
        0,
        '2026-03-12',
        'withdrawn',
        { by: 'applicant', replyRound: 1, redo: true },
      ]);
      // The redo draft is dropped; the first reply stays sent.
      const replies = (await listLetters(t.services.db, b.id))
        .map(toLetter)
        .filter((l) => l.kind === 'reply');
      expect(replies.map((l) => [l.replyRound, l.status, l.superseded])).toEqual([
        [0, 'sent', false],
        [1, 'draft', true],
      ]);
      const audit = await t.services.db
        .selectFrom('audit_events')
        .select('after_json')
        .where('target_id', '=', b.id)
        .where('action', '=', 'application.withdraw')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json!)).toMatchObject({
        state: 'withdrawn',
        by: 'applicant',
        replyRound: 1,
        outcome: 'withheld.processInformation',
        closedOn: '2026-03-03',
      });
      // The annual report still counts the first reply (R10, on 2026-03-03), not 其他处理·其他.
      const fact = (await countingFacts(t.services.db, t.agencies[MZ]!, 2026, legalDate('2026-12-31'))).find(
        (f) => f.id === b.id,
      )!;
      expect([fact.closedOn, fact.row]).toEqual(['2026-03-03', 'R10']);
      const seen = await lookupCase(t.services, b.trackingNo, b.queryCode);
      expect([seen.status, seen.outcome?.code, seen.dueOn, seen.canWithdraw]).toEqual([
        '已撤回',
        'withheld.processInformation',
        null,
        false,
      ]);
      // Recorded by staff the same way; a withdrawal outside a redo round still counts as R23.
      day('2026-03-02');
      const o = await build.inProgress(t, 'mz.handler');
      await corrected(o.id);
      day('2026-03-11');
      const w = await withdrawCase(await as('mz.handler'), o.id, { reason: '申请人书面撤回' });
      expect([w.state, w.outcome, w.closedOn, w.closureReason]).toEqual([
        'withdrawn',
        'withheld.processInformation',
        '2026-03-03',
        'withdrawn',
      ]);
    });

    it('a calendar change recomputes open cases and records it on those whose due date moved', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      expect((await caseRow(b.id)).due_on).toBe('2026-03-30');
      const year = (await getYear(t.services.db, 2026))!;
      const text = formatCalendarText(year);
      await saveCalendarYear(await as('admin'), 2026, {
        status: 'official',
        noticeTitle: year.noticeTitle,
        holidays: `${text.holidays}\n测试假日 2026-03-10`,
        makeupWorkdays: text.makeupWorkdays,
      });
      try {
        expect((await caseRow(b.id)).due_on).toBe('2026-03-31');
        const last = (await listEvents(t.services.db, b.id)).at(-1)!;
        expect([last.kind, last.note]).toEqual([
          'recomputeClock',
          '工作日历调整，答复期限重新计算：由2026-03-30变更为2026-03-31。',
        ]);
        await expectStoredClock(t.services, b.id);
        // Nothing else changes: a second run records nothing.
        const again = await recomputeOpenCases(t.services, { reason: 'daily' });
        expect(again.changed).toEqual([]);
      } finally {
        await saveCalendarYear(await as('admin'), 2026, {
          status: 'official',
          noticeTitle: year.noticeTitle,
          holidays: text.holidays,
          makeupWorkdays: text.makeupWorkdays,
        });
      }
      expect((await caseRow(b.id)).due_on).toBe('2026-03-30');
    });

    it('work views: mine, due within 3/5 working days, overdue, unconfirmed after one working day, by handler', async () => {
      const mine = await build.inProgress(t, 'mz.handler');
      const unassigned = await build.received(t, 'mz.handler');
      const online = await build.submitted(t, MZ);
      const ctx = await as('mz.office');
      const ids = (list: { id: string }[]) => list.map((c) => c.id);
      expect(ids(await myCases(await as('mz.handler')))).toContain(mine.id);
      expect(ids(await casesByHandler(ctx, t.agencies[MZ]!, null))).toContain(unassigned.id);
      expect(ids(await casesByHandler(ctx, t.agencies[MZ]!, null))).not.toContain(mine.id);

      day('2026-03-03');
      expect(ids(await unconfirmedCases(ctx, t.agencies[MZ]!))).not.toContain(online.id);
      day('2026-03-04');
      expect(ids(await unconfirmedCases(ctx, t.agencies[MZ]!))).toContain(online.id);

      day('2026-03-24'); // due 2026-03-30: 4 working days ahead
      expect(ids(await dueWithin(ctx, t.agencies[MZ]!, 3))).not.toContain(mine.id);
      const five = await dueWithin(ctx, t.agencies[MZ]!, 5);
      expect(five.find((c) => c.id === mine.id)?.workdaysLeft).toBe(4);
      day('2026-03-25');
      expect(ids(await dueWithin(ctx, t.agencies[MZ]!, 3))).toContain(mine.id);
      day('2026-03-31');
      const overdue = await overdueCases(ctx, t.agencies[MZ]!);
      expect(overdue.find((c) => c.id === mine.id)?.workdaysLeft).toBe(-1);
      // Another agency's views are not readable.
      const foreign = await refusal(overdueCases(await as('qh.editor'), t.agencies[MZ]!));
      expect(foreign.code).toBe('not_found');
      // Lists carry no personal data.
      for (const v of Object.values(PERSON)) expect(JSON.stringify(overdue)).not.toContain(v);
    });

    it('gongkai cases due --agency CODE [--json]', async () => {
      const b = await build.inProgress(t, 'mz.handler');
      const code = (
        await t.services.db
          .selectFrom('agencies')
          .select('code')
          .where('id', '=', t.agencies[MZ]!)
          .executeTakeFirstOrThrow()
      ).code;
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) };
      const withServices = <T>(fn: (s: typeof t.services) => Promise<T>) => fn(t.services);
      expect(await casesCommand(['due', '--agency', code, '--json'], withServices, io)).toBe(0);
      const listed = JSON.parse(out.join('\n')) as {
        trackingNo: string;
        dueOn: string;
        workdaysLeft: number;
      }[];
      expect(listed.find((c) => c.trackingNo === b.trackingNo)).toMatchObject({
        dueOn: '2026-03-30',
        workdaysLeft: 20,
      });
      out.length = 0;
      expect(await casesCommand(['due', `--agency=${code}`], withServices, io)).toBe(0);
      expect(out[0]).toMatch(/^示例市民政局：办理中的政府信息公开申请 \d+ 件$/);
      expect(out.some((l) => l.startsWith(b.trackingNo) && l.includes('2026-03-30'))).toBe(true);
      expect(await casesCommand(['due'], withServices, io)).toBe(2);
      expect(await casesCommand(['due', '--agency', 'NOPE'], withServices, io)).toBe(1);
      expect(err.join('\n')).toContain('no agency with code "NOPE"');
    });

    it('concurrent commands draw unique, gap-free letter and tracking numbers', async () => {
      const cases = [];
      for (let i = 0; i < 8; i++) cases.push(await build.inProgress(t, 'mz.handler'));
      const ctx = await as('mz.handler');
      await Promise.all(cases.map((c) => requestCorrection(ctx, c.id, { items: '请说明用途' })));
      const letters = await t.services.db
        .selectFrom('application_letters')
        .select(['serial', 'number'])
        .where('agency_id', '=', t.agencies[MZ]!)
        .where('year', '=', 2026)
        .execute();
      const serials = letters.map((l) => Number(l.serial)).sort((a, b) => a - b);
      expect(serials).toEqual(serials.map((_, i) => i + 1));
      expect(new Set(letters.map((l) => l.number)).size).toBe(letters.length);

      const submitted = await Promise.all(Array.from({ length: 12 }, () => build.submitted(t, MZ)));
      const all = await t.services.db.selectFrom('application_cases').select('tracking_no').execute();
      const nos = all.map((r) => r.tracking_no);
      expect(new Set(nos).size).toBe(nos.length);
      for (const s of submitted) expect(nos).toContain(s.trackingNo);
      const tail = nos.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
      expect(tail).toEqual(tail.map((_, i) => i + 1));
      // Each letter of these corrections is on its own case.
      for (const c of cases)
        expect((await listLetters(t.services.db, c.id)).map((l) => l.kind)).toEqual([
          'receipt',
          'correctionNotice',
        ]);
    });

    it('after all of the above, no personal data outside the envelopes, nor in any audit event', async () => {
      await expectNoPersonalData(t.services, [
        ...Object.values(PERSON),
        '王五',
        idNo('11010519900101001'),
        idNo('11010519900101002'),
        '13700137000',
        '13700137001',
      ]);
      // The checks can fail: a value that is there, a stored due date that is not the clock's.
      await expect(expectNoPersonalData(t.services, ['YSQ-2026-'])).rejects.toThrow('personal data found');
      const b = await build.inProgress(t, 'mz.handler');
      await t.services.db
        .updateTable('application_cases')
        .set({ due_on: '2099-01-01' })
        .where('id', '=', b.id)
        .execute();
      await expect(expectStoredClock(t.services, b.id)).rejects.toThrow();
    });
  });
}
