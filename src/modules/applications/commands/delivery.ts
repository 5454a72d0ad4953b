/**
 * 送达 and 归档. Delivery is recorded per letter: the date, the channel and the proof (EMS number, e-mail
 * log, download time …). The reply's delivery moves the case to `delivered`; a 收费通知书's delivery is the
 * day the applicant received it (the payment period starts the next day) and a 征求意见书's the day it
 * reached its addressee (the 15 working days start the next day), so those also go on the clock.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readChoice, readText } from '../../../platform/validate.js';
import type { ApplicationCase } from '../applications.js';
import { toLetter } from '../applications.js';
import { listLetters } from '../applications.repository.js';
import type { ClockEvent } from '../clock.js';
import { DELIVERY_CHANNEL_CODES, type DeliveryChannel } from '../letters.js';
import { OPEN_STATES } from '../workflow.js';
import { markConsultationReached } from './consultation.js';
import { readDate } from './inputs.js';
import { type CommandContext, loadCase, runAction } from './run.js';

/** Channels whose delivery leaves a trace to record. */
const PROOF_REQUIRED: readonly DeliveryChannel[] = ['post', 'courier', 'email', 'fax', 'online'];

export async function recordDelivery(
  ctx: CommandContext,
  id: string,
  input: Input,
): Promise<ApplicationCase> {
  const pre = await loadCase(ctx, id);
  const letterId = typeof input.letterId === 'string' ? input.letterId : '';
  const letter = (await listLetters(ctx.services.db, id)).map(toLetter).find((l) => l.id === letterId);
  if (!letter) throw AppError.validation([{ field: 'letterId', message: '请选择本申请已发出的文书' }]);
  const isReply =
    letter.kind === 'reply' && letter.replyRound === pre.case.replyRound && pre.case.state === 'replied';
  return runAction(ctx, id, isReply ? 'recordReplyDelivery' : 'recordLetterDelivery', (lc, env) => {
    const fe = new FieldErrors();
    const deliveredOn = readDate(fe, input, 'deliveredOn', '送达日期', { fallback: env.today });
    const channel = readChoice(fe, input, 'channel', '送达方式', DELIVERY_CHANNEL_CODES);
    const proof = readText(fe, input, 'proof', '送达凭证', {
      required: channel !== null && PROOF_REQUIRED.includes(channel),
      max: 500,
    });
    if (letter.status !== 'sent' || !letter.sentOn) fe.add('letterId', '该文书尚未发出');
    else if (letter.deliveredOn) fe.add('letterId', '该文书已登记送达');
    else if (deliveredOn && deliveredOn < letter.sentOn) fe.add('deliveredOn', '送达日期不能早于发出日期');
    if (deliveredOn && deliveredOn > env.today) fe.add('deliveredOn', '送达日期不能晚于今天');
    fe.throwIfAny();
    // The fee notice and the 征求意见书 carry a clock meaning, while the case is open.
    let clockEvent: ClockEvent | undefined;
    const open = OPEN_STATES.includes(lc.case.state);
    const consultation =
      letter.kind === 'opinionRequest'
        ? lc.facts.consultations.find((c) => c.letterId === letter.id)
        : undefined;
    if (open && letter.kind === 'feeNotice' && lc.facts.fee && !lc.facts.fee.noticeReceivedOn)
      clockEvent = { kind: 'feeNoticeDelivered', on: deliveredOn! };
    else if (open && consultation && !consultation.reachedOn)
      clockEvent = { kind: 'opinionRequestDelivered', on: deliveredOn!, requestId: consultation.id };
    return {
      ...(clockEvent ? { clockEvent } : { on: deliveredOn }),
      data: clockEvent ? undefined : { letterId: letter.id },
      write: async (trx, w) => {
        await trx
          .updateTable('application_letters')
          .set({
            delivered_on: deliveredOn,
            delivery_channel: channel,
            delivery_proof: proof || null,
            delivery_recorded_by: ctx.principal.userId,
            updated_at: w.now,
          })
          .where('id', '=', letter.id)
          .execute();
        if (clockEvent?.kind === 'feeNoticeDelivered')
          await trx
            .updateTable('application_fees')
            .set({ notice_received_on: deliveredOn, updated_at: w.now })
            .where('case_id', '=', id)
            .execute();
        if (clockEvent?.kind === 'opinionRequestDelivered')
          await markConsultationReached(trx, consultation!, deliveredOn!, w.now);
        return {
          audit: { letterId: letter.id, letterNo: letter.number, kind: letter.kind, deliveredOn, channel },
        };
      },
    };
  });
}

/** 归档: the case's file is complete (delivered, or closed without a decision). */
export function archiveCase(ctx: CommandContext, id: string, input: Input = {}): Promise<ApplicationCase> {
  return runAction(ctx, id, 'archive', (_lc, env) => {
    const fe = new FieldErrors();
    const note = readText(fe, input, 'note', '归档说明', { max: 500 });
    fe.throwIfAny();
    return { note: note || null, patch: { archived_at: env.now } };
  });
}
