/**
 * 确认收到申请 (双方确认, 第三十一条第（二）、（三）项): for an online application, a plain letter, a fax or an
 * e-mail, the day the office and the applicant confirm it is the receipt date; the reply clock starts from
 * it, and the 受理回执 is issued. A confirmation earlier than the arrival is refused; a plain letter confirmed
 * after the day it arrived is accepted and flagged by the clock.
 */
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import type { ApplicationCase } from '../applications.js';
import { issueReceipt } from './create-case.js';
import { readDate } from './inputs.js';
import { type CommandContext, runAction } from './run.js';

export function confirmReceipt(ctx: CommandContext, id: string, input: Input = {}): Promise<ApplicationCase> {
  return runAction(ctx, id, 'confirmReceipt', (lc, env) => {
    const fe = new FieldErrors();
    const confirmedOn = readDate(fe, input, 'confirmedOn', '确认日期', { fallback: env.today });
    const note = readText(fe, input, 'note', '确认情况说明', { max: 500 });
    fe.throwIfAny();
    return {
      clockEvent: {
        kind: 'received',
        channel: lc.case.channel,
        arrivedOn: lc.case.arrivedOn,
        confirmedOn: confirmedOn!,
      },
      note,
      patch: {
        received_on: confirmedOn,
        confirmed_at: env.now,
        confirmed_by: ctx.principal.userId,
      },
      write: async (trx, w) => {
        await issueReceipt(
          trx,
          { ...lc.row, received_on: confirmedOn, due_on: w.clock?.dueOn ?? null },
          w.actor.actorId,
          w.now,
          env.settings.letterPrefix,
        );
        return { audit: { receivedOn: confirmedOn } };
      },
    };
  });
}
