/**
 * 撤回: the applicant withdraws — online with the tracking number and query code, or by telling the office,
 * which records it. The case closes on that day and counts in 表三 as 其他处理·其他 (R23; codes.ts
 * CLOSURE_OUTCOMES). An unsent reply draft is dropped.
 *
 * During a 重新答复 (a reply redone after a reconsideration decision or judgment) the application was already
 * answered: its first closure — the first reply's outcome, basis and day, which the annual report counts
 * (docs/legal/report-counting.md 3.15, 3.16) — stays on the case (`outcome`, `outcome_basis`, `closed_on`).
 * The withdrawal closes the redo round only: recorded on the timeline with the round (no clock event: the
 * redo has no clock), the round's unsent draft dropped, the redo's due date cleared; `closure_reason` says
 * how the case ended last (`withdrawn`), as it did before.
 */

import type { Actor } from '../../../platform/audit/audit.js';
import { AppError, FieldErrors } from '../../../platform/errors.js';
import type { LegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { type Input, readText } from '../../../platform/validate.js';
import type { ApplicationCase } from '../applications.js';
import { applicantWithdrawReasons, isRedo } from '../applications.policy.js';
import { CLOSURE_OUTCOMES } from '../codes.js';
import { findApplicantCase } from '../public-view.js';
import { readDate } from './inputs.js';
import { supersedeOpenReplies } from './reply.js';
import {
  applyAction,
  type CasePlan,
  type CommandContext,
  type LoadedCase,
  loadRow,
  planEnv,
  reloadCase,
  runAction,
} from './run.js';
import { APPLICANT_ACTOR_LABEL } from './submit-online.js';

function withdrawPlan(
  lc: LoadedCase,
  on: LegalDate,
  reason: string | null,
  by: 'applicant' | 'staff',
): CasePlan {
  if (isRedo(lc.case)) return redoWithdrawPlan(lc, on, reason, by);
  return {
    ...(lc.case.receivedOn ? { clockEvent: { kind: 'withdrawn' as const, on } } : { on }),
    note: reason,
    data: lc.case.receivedOn ? undefined : { by },
    patch: { outcome: CLOSURE_OUTCOMES.withdrawn, closed_on: on, closure_reason: 'withdrawn' },
    audit: { by, outcome: CLOSURE_OUTCOMES.withdrawn },
    write: async (trx, w) => {
      await supersedeOpenReplies(trx, lc, w.now);
      return undefined;
    },
  };
}

function redoWithdrawPlan(
  lc: LoadedCase,
  on: LegalDate,
  reason: string | null,
  by: 'applicant' | 'staff',
): CasePlan {
  const c = lc.case;
  // The first closure as it is on the case: applyAction requires a terminal action to name its outcome
  // (R23), so the row is put back to these in the same transaction, after that update.
  const first = { outcome: c.outcome, outcome_basis: c.outcomeBasis, closed_on: c.closedOn };
  return {
    on,
    note: reason,
    data: { by, replyRound: c.replyRound, redo: true },
    patch: { outcome: CLOSURE_OUTCOMES.withdrawn, closure_reason: 'withdrawn' },
    audit: { by, replyRound: c.replyRound, outcome: c.outcome, closedOn: c.closedOn },
    write: async (trx, w) => {
      await supersedeOpenReplies(trx, lc, w.now);
      return { patch: { ...first, due_on: null, clock_state: 'closed' } };
    },
  };
}

/** Staff record a withdrawal the applicant made to the office (in writing or orally). */
export function withdrawCase(ctx: CommandContext, id: string, input: Input): Promise<ApplicationCase> {
  return runAction(ctx, id, 'withdraw', (lc, env) => {
    const fe = new FieldErrors();
    const on = readDate(fe, input, 'withdrawnOn', '撤回日期', { fallback: env.today });
    const reason = readText(fe, input, 'reason', '撤回情况说明', { required: true, max: 500 });
    fe.throwIfAny();
    return withdrawPlan(lc, on!, reason, 'staff');
  });
}

/** The applicant withdraws online: tracking number + query code (checked in constant time). */
export async function withdrawByApplicant(
  services: Services,
  trackingNo: unknown,
  queryCode: unknown,
  input: Input = {},
  requestId: string | null = null,
): Promise<ApplicationCase> {
  const row = await findApplicantCase(services, trackingNo, queryCode);
  const lc = await loadRow(services, row);
  const reasons = applicantWithdrawReasons(lc.case);
  if (reasons.length) throw new AppError('refused', `不能撤回申请：${reasons.join('；')}`);
  const fe = new FieldErrors();
  const reason = readText(fe, input, 'reason', '撤回原因', { max: 500 });
  fe.throwIfAny();
  const env = await planEnv(services, row);
  const actor: Actor = { actorId: null, actorLabel: APPLICANT_ACTOR_LABEL, requestId };
  await applyAction(
    services,
    actor,
    lc,
    'withdraw',
    withdrawPlan(lc, env.today, reason || null, 'applicant'),
    env,
  );
  return reloadCase(services, row.id);
}
