/**
 * Who may do what to a publication, and why not — in plain Chinese, so the back office can show the
 * reasons next to a disabled button (Whitehall's failure reasons). Commands call `assertCan`, which
 * refuses with the same reasons. Separation of duties (ADR 0007): nobody approves work they wrote,
 * last changed or submitted (assertNotOwnWork), and a person approves at most one step of a round
 * (policy-reasons.ts).
 */
import { AppError } from '../../platform/errors.js';
import type { Principal, Role } from '../accounts/accounts.js';
import { readinessReasons, reviewerReasons, roleReason } from './policy-reasons.js';
import { isLive, type Publication } from './publications.js';
import type { ReviewContext } from './review-context.js';
import { GENRE_LABELS, VALIDITY_GENRES } from './vocabulary.js';
import {
  fromStates,
  isStep,
  rolesFor,
  STATE_LABELS,
  SYSTEM_TRANSITIONS,
  TRANSITION_LABELS,
  TRANSITIONS,
  type Transition,
} from './workflow.js';

export { readinessReasons };

/** Actions that are not transitions but still depend on state and role. */
export const EDIT_ACTIONS = [
  'edit',
  'maskFindings',
  'overrideFinding',
  'setValidity',
  'linkInterpretation',
] as const;
export type EditAction = (typeof EDIT_ACTIONS)[number];
export type PublicationAction = Transition | EditAction;

export const ACTION_LABELS: Record<PublicationAction, string> = {
  ...TRANSITION_LABELS,
  edit: '编辑（含附件）',
  maskFindings: '一键脱敏',
  overrideFinding: '说明理由后忽略检查问题',
  setValidity: '标注有效性',
  linkInterpretation: '关联政策解读',
};

function transitionReasons(t: Transition, pub: Publication, p: Principal, rc: ReviewContext): string[] {
  const machine = { state: pub.state, steps: pub.steps, publishedVersion: pub.publishedVersion };
  const out: string[] = [];
  if (!fromStates(t, machine).includes(pub.state))
    out.push(
      t === 'withdraw' && !isLive(pub)
        ? '尚未发布或已撤回的信息不能撤回'
        : `当前状态为“${STATE_LABELS[pub.state]}”，不能${TRANSITION_LABELS[t]}`,
    );
  // A review step's role is only known at a review step; elsewhere the state reason says it all.
  const roles = rolesFor(t, machine);
  const role = roles.length > 0 || SYSTEM_TRANSITIONS.includes(t) ? roleReason(p, pub, roles) : null;
  if (role) out.push(role);
  if (out.length > 0) return out;
  if (t === 'approve' || t === 'publish' || t === 'schedule' || t === 'register')
    out.push(...reviewerReasons(p, pub, rc));
  if (t === 'submit' || t === 'publish' || t === 'schedule' || t === 'register')
    out.push(...readinessReasons(pub, rc));
  if ((t === 'publish' || t === 'schedule') && pub.disclosureAttribute !== 'proactive')
    out.push('公开属性不是“主动公开”，不能发布：请审签通过并登记');
  if (t === 'register' && pub.disclosureAttribute === 'proactive')
    out.push('公开属性为“主动公开”，应发布而非登记');
  return out;
}

function editReasons(a: EditAction, pub: Publication, p: Principal, rc: ReviewContext): string[] {
  const out: string[] = [];
  const roles: readonly Role[] =
    a === 'setValidity'
      ? ['editor', 'signer']
      : a === 'overrideFinding' && isStep(pub.state)
        ? rolesFor('approve', { state: pub.state, steps: pub.steps, publishedVersion: pub.publishedVersion })
        : ['editor'];
  const role = roleReason(p, pub, roles);
  if (role) out.push(role);
  if (a === 'setValidity') {
    if (!pub.genre || !VALIDITY_GENRES.includes(pub.genre))
      out.push('只有规章和行政规范性文件需要标注有效性');
    if (!isLive(pub)) out.push('信息尚未发布或已撤回，不能标注有效性');
  } else if (a === 'linkInterpretation') {
    if (pub.genre !== 'interpretation')
      out.push(`体裁为“${pub.genre ? GENRE_LABELS[pub.genre] : '未填写'}”，只有政策解读可以关联政策文件`);
    if (pub.state === 'withdrawn') out.push('已撤回的信息不能关联');
  } else if (a === 'overrideFinding') {
    if (pub.state !== 'draft' && !isStep(pub.state))
      out.push(`当前状态为“${STATE_LABELS[pub.state]}”，不能处理检查问题`);
    if (!rc.findings.some((f) => f.severity === 'blocking' && !f.override)) out.push('没有待处理的检查问题');
  } else {
    if (pub.state !== 'draft') out.push(`当前状态为“${STATE_LABELS[pub.state]}”，只有草稿可以修改`);
    if (
      a === 'maskFindings' &&
      !rc.findings.some((f) => f.source.type === 'body' && f.kind !== 'sensitiveWord')
    )
      out.push('正文中没有可一键脱敏的个人信息');
  }
  return out;
}

/** Why `action` cannot proceed now, in plain Chinese; empty when it can. */
export function failureReasons(
  action: PublicationAction,
  pub: Publication,
  p: Principal,
  rc: ReviewContext,
): string[] {
  return (TRANSITIONS as readonly string[]).includes(action)
    ? transitionReasons(action as Transition, pub, p, rc)
    : editReasons(action as EditAction, pub, p, rc);
}

export interface ActionAvailability {
  action: PublicationAction;
  label: string;
  allowed: boolean;
  reasons: string[];
}

/** Every action with whether it is possible now and, if not, why — for the buttons of the back office. */
export function availableActions(pub: Publication, p: Principal, rc: ReviewContext): ActionAvailability[] {
  const actions = [...TRANSITIONS.filter((t) => !SYSTEM_TRANSITIONS.includes(t)), ...EDIT_ACTIONS];
  return actions.map((action) => {
    const reasons = failureReasons(action, pub, p, rc);
    return { action, label: ACTION_LABELS[action], allowed: reasons.length === 0, reasons };
  });
}

/** Refuses with every reason at once (422, each reason also listed in `fields`). */
export function assertCan(
  action: PublicationAction,
  pub: Publication,
  p: Principal,
  rc: ReviewContext,
): void {
  const reasons = failureReasons(action, pub, p, rc);
  if (reasons.length > 0)
    throw new AppError(
      'refused',
      `不能${ACTION_LABELS[action]}：${reasons.join('；')}`,
      reasons.map((message) => ({ field: action, message })),
    );
}
