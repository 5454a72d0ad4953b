/**
 * The life of a 政府信息公开申请, declared as data: states, actions (with who may take them) and edges.
 *
 *   (online) ─submitOnline→ submitted ─confirmReceipt→ received        (第三十一条: 双方确认之日)
 *   (other channels) ─registerOffline→ received (or submitted while a confirmation is still needed)
 *   received ─assign/claim→ inProgress
 *   inProgress ─requestCorrection→ awaitingCorrection ─receiveCorrection→ inProgress
 *                                                    ─closeCorrectionOverdue (system)→ closedCorrectionOverdue  R21
 *   inProgress ─sendFeeNotice→ awaitingFee ─recordPayment→ inProgress
 *                                          ─closeFeeUnpaid (system)→ closedFeeUnpaid                          R22
 *     (each system closure issues its 告知书 in the same transaction: commands/jobs.ts)
 *   inProgress ─draftReply / closeNotOurs→ replyDrafted ─approveReply (signer)→ replyApproved
 *              ─sendReply→ replied (the outcome, R3–R20/R23) ─recordReplyDelivery→ delivered ─archive→ archived
 *   replyDrafted ─returnReply (signer)→ inProgress
 *   any open state ─withdraw (applicant or staff)→ withdrawn                                                R23
 *   replied / delivered / archived ─redoReply (重新答复 after a reconsideration decision)→ inProgress
 *     (in a redo round the case was already closed by its first reply: sendReply and withdraw keep that
 *     first closure's day, and withdraw its outcome too — commands/withdraw.ts, report-counting.md 3.15–3.16)
 *
 * 征求意见 is not a state: consultations overlap and the case stays in progress while they run (the clock
 * pauses; clock.ts). Actions that leave the state as it is (assign in progress, consultations, extension,
 * fee-notice receipt, refunds, letter deliveries, appeals, forward) are edges to 'same'.
 *
 * Terminal actions carry their outcome codes: each (action, outcome) pair decides the case's 表三 row, and
 * `terminalTransitions()` derives the list from the declaration (tested against codes.ts `reportCell`).
 */
import type { Role } from '../accounts/accounts.js';
import { CLOSURE_OUTCOMES, OUTCOMES, type OutcomeCode } from './codes.js';

export const CASE_STATES = [
  'submitted',
  'received',
  'inProgress',
  'awaitingCorrection',
  'awaitingFee',
  'replyDrafted',
  'replyApproved',
  'replied',
  'delivered',
  'closedCorrectionOverdue',
  'closedFeeUnpaid',
  'withdrawn',
  'archived',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Staff labels. */
export const STATE_LABELS: Record<CaseState, string> = {
  submitted: '待确认（网上等渠道提交）',
  received: '已受理待分办',
  inProgress: '办理中',
  awaitingCorrection: '待补正',
  awaitingFee: '待缴费',
  replyDrafted: '答复待审签',
  replyApproved: '答复已审签待发出',
  replied: '已答复',
  delivered: '已送达',
  closedCorrectionOverdue: '已办结（逾期不补正）',
  closedFeeUnpaid: '已办结（逾期未缴费）',
  withdrawn: '已撤回',
  archived: '已归档',
};

/** What the applicant sees (portal-and-letters.md §8: no internal steps such as 审签). */
export const PUBLIC_STATE_LABELS: Record<CaseState, string> = {
  submitted: '已提交，待受理机关确认',
  received: '已受理',
  inProgress: '办理中',
  awaitingCorrection: '待补正',
  awaitingFee: '待缴费',
  replyDrafted: '办理中',
  replyApproved: '办理中',
  replied: '已答复',
  delivered: '已答复',
  closedCorrectionOverdue: '已办结（逾期未补正，视为放弃申请）',
  closedFeeUnpaid: '已办结（逾期未缴费，视为放弃申请）',
  withdrawn: '已撤回',
  archived: '已办结',
};

/** States in which the application is still being handled (the reply clock may run). */
export const OPEN_STATES: readonly CaseState[] = [
  'received',
  'inProgress',
  'awaitingCorrection',
  'awaitingFee',
  'replyDrafted',
  'replyApproved',
];
/** Open, plus submitted and not yet confirmed. */
export const UNFINISHED_STATES: readonly CaseState[] = ['submitted', ...OPEN_STATES];
/** A decision has been made or the case ended without one. */
export const CLOSED_STATES: readonly CaseState[] = [
  'replied',
  'delivered',
  'closedCorrectionOverdue',
  'closedFeeUnpaid',
  'withdrawn',
  'archived',
];

export const ACTIONS = [
  'submitOnline',
  'registerOffline',
  'confirmReceipt',
  'assign',
  'claim',
  'requestCorrection',
  'receiveCorrection',
  'closeNotOurs',
  'forward',
  'sendConsultation',
  'recordConsultationReached',
  'recordConsultationAnswer',
  'grantExtension',
  'sendFeeNotice',
  'recordFeeNoticeReceived',
  'recordPayment',
  'refund',
  'draftReply',
  'returnReply',
  'approveReply',
  'sendReply',
  'recordReplyDelivery',
  'recordLetterDelivery',
  'archive',
  'withdraw',
  'closeCorrectionOverdue',
  'closeFeeUnpaid',
  'redoReply',
  'recordAppeal',
] as const;
export type CaseAction = (typeof ACTIONS)[number];

/** Who takes an action: staff with one of the roles, the applicant (tracking number + query code), or the platform. */
export type ActorKind = 'staff' | 'applicant' | 'system';

export interface ActionSpec {
  label: string;
  actors: readonly ActorKind[];
  /** For staff: the roles, in the case's own agency. */
  roles: readonly Role[];
  /**
   * Once the case has a handler, only that handler — or the 公开办负责人 — may take the action (the roles
   * above still apply).
   */
  handlerOnly?: boolean;
  /** Terminal: the case's 表三 row is decided by this action, as one of these outcomes. */
  outcomes?: readonly OutcomeCode[];
}

const HANDLING: readonly Role[] = ['caseHandler', 'officeHead'];
const staff = (label: string, roles: readonly Role[], more: Partial<ActionSpec> = {}): ActionSpec => ({
  label,
  actors: ['staff'],
  roles,
  ...more,
});

/**
 * The outcomes a reply may carry: every 表三 row except the two the clock decides by itself (逾期不补正 R21,
 * 逾期未缴费 R22). R23 其他 stays possible for a reply (the format's catch-all) as well as for a withdrawal.
 */
export const REPLY_OUTCOMES: readonly OutcomeCode[] = OUTCOMES.map((o) => o.code).filter(
  (c) => c !== CLOSURE_OUTCOMES.correctionOverdue && c !== CLOSURE_OUTCOMES.feeUnpaid,
);

export const ACTION_SPECS: Record<CaseAction, ActionSpec> = {
  submitOnline: { label: '网上提交申请', actors: ['applicant'], roles: [] },
  registerOffline: staff('登记申请', HANDLING),
  confirmReceipt: staff('确认收到申请', HANDLING),
  // Handing a case to someone is the office head's; a handler takes an unassigned one himself.
  assign: staff('分办', ['officeHead']),
  claim: staff('认领', ['caseHandler']),
  requestCorrection: staff('告知补正', HANDLING, { handlerOnly: true }),
  receiveCorrection: staff('登记收到补正', HANDLING, { handlerOnly: true }),
  closeNotOurs: staff('拟答复：非本机关负责公开', HANDLING, { handlerOnly: true }),
  forward: staff('转送负责机关', HANDLING, { handlerOnly: true }),
  sendConsultation: staff('征求意见', HANDLING, { handlerOnly: true }),
  recordConsultationReached: staff('登记征求意见书送达', HANDLING, { handlerOnly: true }),
  recordConsultationAnswer: staff('登记收到意见', HANDLING, { handlerOnly: true }),
  // 第三十三条第二款: 「经政府信息公开工作机构负责人同意」 — the office head takes it himself.
  grantExtension: staff('延长答复期限', ['officeHead']),
  sendFeeNotice: staff('发出收费通知', HANDLING, { handlerOnly: true }),
  recordFeeNoticeReceived: staff('登记申请人收到收费通知', HANDLING, { handlerOnly: true }),
  recordPayment: staff('登记缴费', HANDLING, { handlerOnly: true }),
  refund: staff('登记退费', HANDLING),
  draftReply: staff('拟写答复', HANDLING, { handlerOnly: true }),
  returnReply: staff('退回答复稿', ['signer']),
  approveReply: staff('审签答复', ['signer']),
  sendReply: staff('发出答复', HANDLING, { handlerOnly: true, outcomes: REPLY_OUTCOMES }),
  recordReplyDelivery: staff('登记答复书送达', HANDLING),
  recordLetterDelivery: staff('登记文书送达', HANDLING),
  archive: staff('归档', HANDLING),
  withdraw: {
    label: '撤回申请',
    actors: ['applicant', 'staff'],
    roles: HANDLING,
    outcomes: [CLOSURE_OUTCOMES.withdrawn],
  },
  closeCorrectionOverdue: {
    label: '逾期不补正，视为放弃申请',
    actors: ['system'],
    roles: [],
    outcomes: [CLOSURE_OUTCOMES.correctionOverdue],
  },
  closeFeeUnpaid: {
    label: '逾期未缴费，视为放弃申请',
    actors: ['system'],
    roles: [],
    outcomes: [CLOSURE_OUTCOMES.feeUnpaid],
  },
  redoReply: staff('重新答复', HANDLING),
  recordAppeal: staff('登记行政复议、行政诉讼', HANDLING),
};

export const ACTION_LABELS: Record<CaseAction, string> = Object.fromEntries(
  ACTIONS.map((a) => [a, ACTION_SPECS[a].label]),
) as Record<CaseAction, string>;

/** `'none'`: the action creates the case. `'same'`: the state does not change. */
export interface Edge {
  action: CaseAction;
  from: CaseState | 'none';
  to: CaseState | 'same';
}

const edges = (action: CaseAction, from: readonly (CaseState | 'none')[], to: CaseState | 'same'): Edge[] =>
  from.map((f) => ({ action, from: f, to }));

/** Open states once the case is in someone's hands (a handler exists). */
const HANDLED: readonly CaseState[] = [
  'inProgress',
  'awaitingCorrection',
  'awaitingFee',
  'replyDrafted',
  'replyApproved',
];
/** Where the reply clock still runs and a decision is not yet out. */
const DECIDING: readonly CaseState[] = ['inProgress', 'awaitingFee', 'replyDrafted', 'replyApproved'];

export const EDGES: readonly Edge[] = [
  ...edges('submitOnline', ['none'], 'submitted'),
  ...edges('registerOffline', ['none'], 'received'),
  ...edges('registerOffline', ['none'], 'submitted'),
  ...edges('confirmReceipt', ['submitted'], 'received'),
  ...edges('assign', ['received'], 'inProgress'),
  ...edges('assign', HANDLED, 'same'),
  ...edges('claim', ['received'], 'inProgress'),
  ...edges('requestCorrection', ['inProgress'], 'awaitingCorrection'),
  ...edges('receiveCorrection', ['awaitingCorrection'], 'inProgress'),
  ...edges('closeNotOurs', ['inProgress', 'replyDrafted'], 'replyDrafted'),
  ...edges('forward', ['replyDrafted', 'replyApproved', 'replied', 'delivered', 'archived'], 'same'),
  ...edges('sendConsultation', ['inProgress'], 'same'),
  ...edges('recordConsultationReached', DECIDING, 'same'),
  ...edges('recordConsultationAnswer', DECIDING, 'same'),
  ...edges('grantExtension', ['received', ...DECIDING], 'same'),
  ...edges('sendFeeNotice', ['inProgress'], 'awaitingFee'),
  ...edges('recordFeeNoticeReceived', ['awaitingFee'], 'same'),
  ...edges('recordPayment', ['awaitingFee'], 'inProgress'),
  ...edges('refund', [...HANDLED, ...CLOSED_STATES], 'same'),
  ...edges('draftReply', ['inProgress', 'replyDrafted'], 'replyDrafted'),
  ...edges('returnReply', ['replyDrafted'], 'inProgress'),
  ...edges('approveReply', ['replyDrafted'], 'replyApproved'),
  ...edges('sendReply', ['replyApproved'], 'replied'),
  ...edges('recordReplyDelivery', ['replied'], 'delivered'),
  ...edges('recordLetterDelivery', [...OPEN_STATES, ...CLOSED_STATES], 'same'),
  ...edges('archive', ['delivered', 'closedCorrectionOverdue', 'closedFeeUnpaid', 'withdrawn'], 'archived'),
  ...edges('withdraw', UNFINISHED_STATES, 'withdrawn'),
  ...edges('closeCorrectionOverdue', ['awaitingCorrection'], 'closedCorrectionOverdue'),
  ...edges('closeFeeUnpaid', ['awaitingFee'], 'closedFeeUnpaid'),
  ...edges('redoReply', ['replied', 'delivered', 'archived'], 'inProgress'),
  ...edges('recordAppeal', [...OPEN_STATES, ...CLOSED_STATES], 'same'),
];

/** The states an action may start from. */
export function fromStates(action: CaseAction): (CaseState | 'none')[] {
  return [...new Set(EDGES.filter((e) => e.action === action).map((e) => e.from))];
}

/** The states an action may lead to from `from` (usually one; registerOffline: received or submitted). */
export function targets(action: CaseAction, from: CaseState | 'none'): CaseState[] {
  return EDGES.filter((e) => e.action === action && e.from === from).map((e) =>
    e.to === 'same' ? (from as CaseState) : e.to,
  );
}

/**
 * The state `action` leads to from `from`; `choice` picks among several declared targets. Throws for an
 * undeclared move: commands check the policy first, so this is a programming error.
 */
export function nextState(action: CaseAction, from: CaseState | 'none', choice?: CaseState): CaseState {
  const to = targets(action, from);
  const picked = choice ?? (to.length === 1 ? to[0] : undefined);
  if (!picked || !to.includes(picked))
    throw new Error(`undeclared transition ${action} from ${from}${choice ? ` to ${choice}` : ''}`);
  return picked;
}

export interface TerminalTransition {
  action: CaseAction;
  from: CaseState;
  to: CaseState;
  outcome: OutcomeCode;
}

/** Every (edge, outcome) of the terminal actions: each decides exactly one 表三 row. */
export function terminalTransitions(): TerminalTransition[] {
  const out: TerminalTransition[] = [];
  for (const e of EDGES) {
    const outcomes = ACTION_SPECS[e.action].outcomes;
    if (!outcomes || e.from === 'none') continue;
    for (const outcome of outcomes)
      out.push({ action: e.action, from: e.from, to: e.to === 'same' ? e.from : e.to, outcome });
  }
  return out;
}
