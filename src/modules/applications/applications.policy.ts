/**
 * Who may take which action on a case now, and why not — in plain Chinese, for the buttons of the back
 * office (the reasons show beside a disabled button) and for the commands, which refuse with the same
 * reasons (`assertCan`). Derived from the declaration in workflow.ts (states, roles, handler rule), plus
 * the facts only the case can tell: separation of duties on the reply (the drafter never signs it off —
 * assertNotOwnWork), an approved reply before sending, a paid fee before a refund, a decided reconsideration
 * before 重新答复, a responsible agency on the platform before forwarding.
 */
import { AppError } from '../../platform/errors.js';
import { type Principal, ROLE_LABELS, type Role } from '../accounts/accounts.js';
import { assertNotOwnWork, canAct } from '../accounts/accounts.policy.js';
import type { Appeal, ApplicationCase, Consultation, Fee, Letter } from './applications.js';
import {
  ACTION_LABELS,
  ACTION_SPECS,
  ACTIONS,
  type CaseAction,
  fromStates,
  STATE_LABELS,
} from './workflow.js';

/** What the policy needs to know about a case besides its row. */
export interface CaseFacts {
  /** The current round's reply letter not yet sent (draft or approved), if any. */
  reply: Letter | null;
  fee: Fee | null;
  consultations: readonly Consultation[];
  appeals: readonly Appeal[];
}

export const NO_FACTS: CaseFacts = { reply: null, fee: null, consultations: [], appeals: [] };

/** Actions that record clock events: not available while a reply is redone after a reconsideration. */
const CLOCK_ACTIONS: readonly CaseAction[] = [
  'requestCorrection',
  'sendConsultation',
  'grantExtension',
  'sendFeeNotice',
];

function roleReason(p: Principal, c: ApplicationCase, roles: readonly Role[]): string | null {
  if (canAct(p, c.agencyId, roles)) return null;
  if (p.agencyId !== c.agencyId) return '只有本单位工作人员可以办理';
  return `需要“${roles.map((r) => ROLE_LABELS[r]).join('”或“')}”角色`;
}

function ownWorkReason(p: Principal, authors: (string | null)[], step: string): string | null {
  try {
    assertNotOwnWork(p, authors, step);
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
}

/** A reply is being redone after a reconsideration decision: the original clock has closed. */
export function isRedo(c: ApplicationCase): boolean {
  return c.replyRound > 0 && c.closureReason === 'replied';
}

/** Why a staff member cannot take `action` on the case now; empty when they can. */
export function failureReasons(
  action: CaseAction,
  c: ApplicationCase,
  p: Principal,
  facts: CaseFacts = NO_FACTS,
): string[] {
  const spec = ACTION_SPECS[action];
  const out: string[] = [];
  if (!spec.actors.includes('staff'))
    return [spec.actors.includes('system') ? '由系统自动执行' : '由申请人办理'];
  if (!fromStates(action).includes(c.state))
    out.push(`当前状态为“${STATE_LABELS[c.state]}”，不能${ACTION_LABELS[action]}`);
  const role = roleReason(p, c, spec.roles);
  if (role) out.push(role);
  if (out.length > 0) return out;
  if (spec.handlerOnly && c.handlerId && c.handlerId !== p.userId && !p.roles.has('officeHead'))
    out.push('本申请已分办给其他工作人员，只有承办人或公开办负责人可以办理');
  if (isRedo(c) && CLOCK_ACTIONS.includes(action))
    out.push('重新答复期间不适用补正、征求意见、延期和收费，答复期限以复议决定或判决为准');
  switch (action) {
    case 'claim':
      if (c.handlerId) out.push('本申请已有承办人');
      break;
    case 'approveReply': {
      if (facts.reply?.status !== 'draft') out.push('没有待审签的答复稿');
      else {
        const own = ownWorkReason(p, [facts.reply.draftedBy], '答复审签');
        if (own) out.push(own);
      }
      break;
    }
    case 'returnReply':
      if (facts.reply?.status !== 'draft') out.push('没有待审签的答复稿');
      break;
    case 'sendReply':
      if (facts.reply?.status !== 'approved') out.push('答复书尚未审签，不能发出');
      break;
    case 'forward':
      if (!c.notOurs) out.push('只有答复“非本机关负责公开”的申请可以转送');
      else if (!c.notOurs.agencyId) out.push('负责公开的机关不在本平台，不能转送，请告知申请人向该机关申请');
      else if (c.forwardedToId) out.push('本申请已转送');
      break;
    case 'recordPayment':
    case 'recordFeeNoticeReceived':
      if (!facts.fee) out.push('本申请没有收费通知');
      break;
    case 'refund':
      if (!facts.fee?.paidOn) out.push('本申请没有已缴纳的信息处理费');
      else if (facts.fee.refundedAmount >= facts.fee.amount) out.push('信息处理费已全额退还');
      break;
    case 'recordConsultationReached':
    case 'recordConsultationAnswer':
      if (facts.consultations.length === 0) out.push('本申请没有征求意见');
      break;
    case 'redoReply':
      if (!facts.appeals.some((a) => a.result === 'corrected' && a.decidedOn))
        out.push('只有行政复议决定或判决予以纠正的，才需要重新答复：请先登记复议或诉讼结果');
      break;
    default:
      break;
  }
  return out;
}

export interface ActionAvailability {
  action: CaseAction;
  label: string;
  allowed: boolean;
  reasons: string[];
}

/** The staff actions with whether each is possible now and why not — for the case page's buttons. */
export function availableActions(c: ApplicationCase, p: Principal, facts: CaseFacts): ActionAvailability[] {
  return ACTIONS.filter((a) => ACTION_SPECS[a].actors.includes('staff') && a !== 'registerOffline').map(
    (action) => {
      const reasons = failureReasons(action, c, p, facts);
      return { action, label: ACTION_LABELS[action], allowed: reasons.length === 0, reasons };
    },
  );
}

/** Refuses with every reason at once (422, each reason also listed in `fields`). */
export function assertCan(action: CaseAction, c: ApplicationCase, p: Principal, facts: CaseFacts): void {
  const reasons = failureReasons(action, c, p, facts);
  if (reasons.length > 0)
    throw new AppError(
      'refused',
      `不能${ACTION_LABELS[action]}：${reasons.join('；')}`,
      reasons.map((message) => ({ field: action, message })),
    );
}

/** Why the applicant cannot withdraw now (the only thing an applicant does to an existing case). */
export function applicantWithdrawReasons(c: ApplicationCase): string[] {
  if (fromStates('withdraw').includes(c.state)) return [];
  return [`申请当前状态为“${STATE_LABELS[c.state]}”，已不能撤回`];
}
