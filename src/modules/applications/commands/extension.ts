/**
 * 延期 (第三十三条第二款): at most 20 working days, once per case, approved by the head of the disclosure office
 * (the office head takes this action himself; `approvedOn` is the day of his approval) and notified to the
 * applicant no later than the current, pause-adjusted due date — the clock refuses anything else with its
 * reason. The 延期答复告知书 records the old and the new due date and the reason.
 */
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readInt, readText } from '../../../platform/validate.js';
import type { ApplicationCase } from '../applications.js';
import { LEGAL_PERIODS } from '../clock.js';
import { issueLetter } from '../letters.js';
import { readDate } from './inputs.js';
import { type CommandContext, runAction } from './run.js';

export function grantExtension(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'grantExtension', (lc, env) => {
    const fe = new FieldErrors();
    const workdays = readInt(fe, input, 'workdays', '延长的工作日数', {
      required: true,
      min: 1,
      max: LEGAL_PERIODS.maxExtension,
    });
    const approvedOn = readDate(fe, input, 'approvedOn', '负责人同意日期', { fallback: env.today });
    const notifiedOn = readDate(fe, input, 'notifiedOn', '告知申请人日期', { fallback: env.today });
    const reason = readText(fe, input, 'reason', '延期理由', { required: true, max: 1000 });
    fe.throwIfAny();
    const previousDueOn = lc.case.clock.dueOn;
    return {
      clockEvent: { kind: 'extension', on: notifiedOn!, approvedOn: approvedOn!, workdays: workdays! },
      note: reason,
      write: async (trx, w) => {
        const letter = await issueLetter(trx, {
          caseId: id,
          agencyId: lc.case.agencyId,
          kind: 'extensionNotice',
          replyRound: lc.case.replyRound,
          content: { workdays, approvedOn, previousDueOn, newDueOn: w.clock?.dueOn ?? null, reason },
          actorId: w.actor.actorId,
          now: w.now,
          sentOn: notifiedOn!,
          prefix: env.settings.letterPrefix,
        });
        return { audit: { workdays, approvedOn, previousDueOn, letterNo: letter.number } };
      },
    };
  });
}
