/**
 * The review workflow of a publication, declared as a state machine (disclosure-rules.md §7.1):
 *
 *   draft ─submit→ firstReview ─approve→ secrecyReview ─approve→ signOff ─publish→ published
 *                                                                        ─schedule→ scheduled ─(due)→ published
 *                                                                        ─register→ registered (依申请公开/不予公开)
 *   any review step / scheduled ─sendBack→ draft        scheduled ─unschedule→ the last step
 *   published ─amend→ draft (new version, whole workflow again)    live ─withdraw→ withdrawn
 *   scheduled ─publishScheduled→ published (the platform, at the scheduled time, after re-checking)
 *   registered ─confirmRegistered→ registered (第十八条 re-review: still withheld, next review date moves on)
 *   registered ─releaseRegistered→ draft (the re-review finds it can now be published)
 *
 * The agency chooses its steps (getDisclosureSettings().workflowSteps), but 保密审查 is statutory
 * (第十七条) and can never be configured away. The steps of a round are fixed when it is submitted.
 */
import type { Role } from '../accounts/accounts.js';

export const STATES = [
  'draft',
  'firstReview',
  'secrecyReview',
  'signOff',
  'scheduled',
  'published',
  'withdrawn',
  'registered',
] as const;
export type PublicationState = (typeof STATES)[number];

export const STATE_LABELS: Record<PublicationState, string> = {
  draft: '草稿',
  firstReview: '待初审',
  secrecyReview: '待保密审查',
  signOff: '待领导审签',
  scheduled: '定时发布中',
  published: '已发布',
  withdrawn: '已撤回',
  registered: '已登记（不主动公开）',
};

export const WORKFLOW_STEPS = ['firstReview', 'secrecyReview', 'signOff'] as const;
export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

export const STEP_LABELS: Record<WorkflowStep, string> = {
  firstReview: '初审',
  secrecyReview: '保密审查',
  signOff: '领导审签',
};

export const STEP_ROLES: Record<WorkflowStep, Role> = {
  firstReview: 'firstReviewer',
  secrecyReview: 'secrecyReviewer',
  signOff: 'signer',
};

export function isStep(s: string): s is WorkflowStep {
  return (WORKFLOW_STEPS as readonly string[]).includes(s);
}

/** The agency's configured steps in their fixed order, with 保密审查 always included. */
export function effectiveSteps(configured: readonly string[]): WorkflowStep[] {
  return WORKFLOW_STEPS.filter((s) => s === 'secrecyReview' || configured.includes(s));
}

export const TRANSITIONS = [
  'submit',
  'approve',
  'publish',
  'schedule',
  'register',
  'sendBack',
  'unschedule',
  'amend',
  'withdraw',
  'confirmRegistered',
  'releaseRegistered',
  'publishScheduled',
] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** Taken by the platform itself (the scheduled-publication runner), never offered to a person. */
export const SYSTEM_TRANSITIONS: readonly Transition[] = ['publishScheduled'];

/** Who may take each transition: a fixed role list, or the role of the step the item is at. */
export const TRANSITION_ROLES: Record<Transition, readonly Role[] | 'currentStep' | 'lastStep'> = {
  submit: ['editor'],
  approve: 'currentStep',
  publish: 'currentStep',
  schedule: 'currentStep',
  register: 'currentStep',
  sendBack: 'currentStep',
  unschedule: 'lastStep',
  amend: ['editor'],
  // Taking a live document off the site is a leadership decision: the signer, or the agency admin.
  withdraw: ['signer', 'agencyAdmin'],
  // 第十八条 re-review of the 三项清单: the disclosure office head or the signer.
  confirmRegistered: ['officeHead', 'signer'],
  releaseRegistered: ['officeHead', 'signer'],
  publishScheduled: [],
};

export const TRANSITION_LABELS: Record<Transition, string> = {
  submit: '提交审核',
  approve: '审核通过',
  publish: '审签通过并立即发布',
  schedule: '审签通过并定时发布',
  register: '审签通过并登记（不主动公开）',
  sendBack: '退回修改',
  unschedule: '取消定时发布',
  amend: '修订（新版本）',
  withdraw: '撤回',
  confirmRegistered: '复核后维持不公开',
  releaseRegistered: '复核后转为主动公开',
  publishScheduled: '定时发布',
};

export interface Machine {
  state: PublicationState;
  steps: readonly WorkflowStep[];
  publishedVersion: number | null;
}

const REVIEW: readonly PublicationState[] = WORKFLOW_STEPS;

/** The states a transition starts from, given the steps of the round. */
export function fromStates(t: Transition, m: Machine): readonly PublicationState[] {
  const last = m.steps.at(-1);
  switch (t) {
    case 'submit':
      return ['draft'];
    case 'approve':
      return REVIEW.filter((s) => s !== last);
    case 'publish':
    case 'schedule':
    case 'register':
      return last ? [last] : [];
    case 'sendBack':
      return [...REVIEW, 'scheduled'];
    case 'unschedule':
    case 'publishScheduled':
      return ['scheduled'];
    case 'amend':
      return ['published'];
    case 'withdraw':
      // Live: published, or an amendment under way while the published version stays online.
      return m.publishedVersion === null ? [] : STATES.filter((s) => s !== 'withdrawn' && s !== 'registered');
    case 'confirmRegistered':
    case 'releaseRegistered':
      return ['registered'];
  }
}

/** The state a transition leads to (for a transition allowed from `m.state`). */
export function nextState(t: Transition, m: Machine, steps: readonly WorkflowStep[]): PublicationState {
  switch (t) {
    case 'submit':
      return steps[0]!;
    case 'approve':
      return steps[steps.indexOf(m.state as WorkflowStep) + 1]!;
    case 'publish':
    case 'publishScheduled':
      return 'published';
    case 'schedule':
      return 'scheduled';
    case 'register':
    case 'confirmRegistered':
      return 'registered';
    case 'sendBack':
    case 'amend':
    case 'releaseRegistered':
      return 'draft';
    case 'unschedule':
      return m.steps.at(-1) ?? 'signOff';
    case 'withdraw':
      return 'withdrawn';
  }
}

/** The roles allowed to take `t` on an item in machine state `m`. */
export function rolesFor(t: Transition, m: Machine): readonly Role[] {
  const spec = TRANSITION_ROLES[t];
  if (spec === 'lastStep') {
    const last = m.steps.at(-1);
    return last ? [STEP_ROLES[last]] : [];
  }
  if (spec !== 'currentStep') return spec;
  if (isStep(m.state)) return [STEP_ROLES[m.state]];
  if (m.state === 'scheduled') return rolesFor(t, { ...m, state: m.steps.at(-1) ?? 'signOff' });
  return [];
}
