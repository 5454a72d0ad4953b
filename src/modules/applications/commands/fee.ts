/**
 * 信息处理费 (条例第四十二条, 国办函〔2020〕109号): the fee notice (收费通知书) with its amount from fees.ts —
 * 按件 from the number of applications the same applicant (same document number, or same name and phone, by
 * blind index) made to this agency in the same natural month by receipt date, whatever their outcome; or
 * 按量 from the pages — never both. The notice pauses the clock from the next day until payment is recorded;
 * the applicant has 20 working days from the day after receiving it (recorded here or as the notice's
 * delivery). Payments carry the 缴款码 and 票据号; refunds are recorded against the payment.
 */
import { randomUUID } from 'node:crypto';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import type { LegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { type Input, readChoice, readInt, readText } from '../../../platform/validate.js';
import type { ApplicationCase } from '../applications.js';
import { sameApplicantCases } from '../applications.repository.js';
import type { ApplicationCaseTable } from '../applications.table.js';
import { computeFee, type FeeMethod, itemsBeforeInMonth, type MonthlyApplication } from '../fees.js';
import { issueLetter } from '../letters.js';
import { readDate } from './inputs.js';
import { type CommandContext, runAction } from './run.js';

/**
 * The applicant's applications to the agency received in the month of `row`'s receipt date, in registration
 * order (receipt date, then registration), for `itemsBeforeInMonth`: every outcome counts, withdrawn ones too.
 */
export async function monthlyHistory(
  services: Services,
  row: Pick<ApplicationCaseTable, 'agency_id' | 'applicant_id_index' | 'applicant_contact_index'>,
): Promise<MonthlyApplication[]> {
  const rows = await sameApplicantCases(services.db, row.agency_id, {
    idIndex: row.applicant_id_index,
    contactIndex: row.applicant_contact_index,
  });
  return rows
    .filter((r) => r.received_on !== null)
    .map((r) => ({ id: r.id, receivedOn: r.received_on as LegalDate, items: Number(r.items) }));
}

export function sendFeeNotice(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'sendFeeNotice', async (lc, env) => {
    const fe = new FieldErrors();
    const mode = readChoice(fe, input, 'mode', '计收方式', ['perItem', 'perPage'] as const);
    const sentOn = readDate(fe, input, 'sentOn', '收费通知发出日期', { fallback: env.today });
    const items =
      mode === 'perItem' ? readInt(fe, input, 'items', '本申请计收件数', { min: 1, max: 1000 }) : null;
    const pages = mode === 'perPage' ? readInt(fe, input, 'pages', '页数', { required: true, min: 1 }) : null;
    if (mode === 'perItem' && input.pages !== undefined && input.pages !== '')
      fe.add('mode', '不得同时按件和按量计收信息处理费，请选择一种计收方式');
    if (mode === 'perPage' && input.items !== undefined && input.items !== '')
      fe.add('mode', '不得同时按件和按量计收信息处理费，请选择一种计收方式');
    fe.throwIfAny();
    const caseItems = items ?? lc.case.items;
    let fee: ReturnType<typeof computeFee>;
    let itemsBefore: number | null = null;
    if (mode === 'perItem') {
      const history = (await monthlyHistory(ctx.services, lc.row)).map((h) =>
        h.id === id ? { ...h, items: caseItems } : h,
      );
      itemsBefore = itemsBeforeInMonth(history, id);
      fee = computeFee({ method: 'perItem', itemsBefore, items: caseItems });
    } else fee = computeFee({ method: 'perPage', pages: pages! });
    if (!fee.ok) throw AppError.validation([{ field: fee.field, message: fee.message }]);
    if (fee.amount === 0)
      throw new AppError(
        'refused',
        `按此方式计算，本申请无需收取信息处理费，不必发出收费通知：${fee.explanation.join('')}`,
        [{ field: 'mode', message: '计算结果为0元' }],
      );
    const method: FeeMethod = fee.method;
    const computed = fee;
    return {
      clockEvent: { kind: 'feeNoticeSent', on: sentOn! },
      patch: mode === 'perItem' ? { items: caseItems } : {},
      write: async (trx, w) => {
        const letter = await issueLetter(trx, {
          caseId: id,
          agencyId: lc.case.agencyId,
          kind: 'feeNotice',
          replyRound: lc.case.replyRound,
          content: {
            mode: method,
            amount: computed.amount,
            explanation: computed.explanation,
            itemsBefore,
            items: method === 'perItem' ? caseItems : null,
            pages,
            paymentWorkdays: env.clockSettings.feePaymentWorkdays,
          },
          actorId: w.actor.actorId,
          now: w.now,
          sentOn: sentOn!,
          prefix: env.settings.letterPrefix,
        });
        await trx
          .insertInto('application_fees')
          .values({
            id: randomUUID(),
            case_id: id,
            mode: method,
            items_before: itemsBefore,
            items: method === 'perItem' ? caseItems : null,
            pages,
            amount: computed.amount,
            explanation_json: JSON.stringify(computed.explanation),
            notice_letter_id: letter.id,
            notice_sent_on: sentOn!,
            notice_received_on: null,
            payment_code: null,
            paid_on: null,
            receipt_no: null,
            refunded_amount: 0,
            refunded_on: null,
            refund_reason: null,
            created_by: ctx.principal.userId,
            created_at: w.now,
            updated_at: w.now,
          })
          .execute();
        return {
          audit: { mode: method, amount: computed.amount, itemsBefore, pages, letterNo: letter.number },
        };
      },
    };
  });
}

/** The applicant received the fee notice: the 20 working days to pay start the next day. */
export function recordFeeNoticeReceived(
  ctx: CommandContext,
  id: string,
  input: Input,
): Promise<ApplicationCase> {
  return runAction(ctx, id, 'recordFeeNoticeReceived', (lc, env) => {
    const fe = new FieldErrors();
    const on = readDate(fe, input, 'receivedOn', '申请人收到收费通知的日期', { fallback: env.today });
    if (lc.facts.fee?.noticeReceivedOn) fe.add('receivedOn', '已登记申请人收到收费通知的日期');
    fe.throwIfAny();
    return {
      clockEvent: { kind: 'feeNoticeDelivered', on: on! },
      write: async (trx, w) => {
        await trx
          .updateTable('application_fees')
          .set({ notice_received_on: on, updated_at: w.now })
          .where('case_id', '=', id)
          .execute();
        return { audit: { paymentDeadline: w.clock?.feePaymentDeadline ?? null } };
      },
    };
  });
}

export function recordPayment(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'recordPayment', (_lc, env) => {
    const fe = new FieldErrors();
    const paidOn = readDate(fe, input, 'paidOn', '缴费日期', { fallback: env.today });
    const paymentCode = readText(fe, input, 'paymentCode', '缴款码', { required: true, max: 50 });
    const receiptNo = readText(fe, input, 'receiptNo', '票据号', { required: true, max: 50 });
    fe.throwIfAny();
    return {
      clockEvent: { kind: 'feePaid', on: paidOn! },
      write: async (trx, w) => {
        await trx
          .updateTable('application_fees')
          .set({ paid_on: paidOn, payment_code: paymentCode, receipt_no: receiptNo, updated_at: w.now })
          .where('case_id', '=', id)
          .execute();
        return { audit: { paymentCode, receiptNo } };
      },
    };
  });
}

export function refundFee(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'refund', (lc, env) => {
    const fee = lc.facts.fee!;
    const fe = new FieldErrors();
    const left = fee.amount - fee.refundedAmount;
    const amount = readInt(fe, input, 'amount', '退费金额（元）', { required: true, min: 1, max: left });
    const on = readDate(fe, input, 'refundedOn', '退费日期', { fallback: env.today });
    const reason = readText(fe, input, 'reason', '退费原因', { required: true, max: 500 });
    if (on && fee.paidOn && on < fee.paidOn) fe.add('refundedOn', '退费日期不能早于缴费日期');
    if (on && on > env.today) fe.add('refundedOn', '退费日期不能晚于今天');
    fe.throwIfAny();
    return {
      on,
      note: reason,
      data: { amount },
      write: async (trx, w) => {
        await trx
          .updateTable('application_fees')
          .set({
            refunded_amount: fee.refundedAmount + amount!,
            refunded_on: on,
            refund_reason: reason,
            updated_at: w.now,
          })
          .where('case_id', '=', id)
          .execute();
        return { audit: { amount, refundedTotal: fee.refundedAmount + amount! } };
      },
    };
  });
}
