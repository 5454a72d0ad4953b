/**
 * Who may do what to an annual report, and why not, in plain Chinese (shown beside the disabled buttons, and
 * the refusal of the command). Writing the report (create, figures, narrative, opening balance) is the work of
 * the agency's editors and its admin; submitting it hands it to the publications' workflow, whose 提交审核 is
 * the editor's, and whose review, 保密审查 and sign-off are the publications' own (publications.policy.ts).
 */
import { AppError } from '../../../platform/errors.js';
import { type Principal, ROLE_LABELS, type Role } from '../../accounts/accounts.js';
import { canAct } from '../../accounts/accounts.policy.js';
import type { AnnualReport, PublicationStatus } from './reports.js';

export const EDIT_ROLES: readonly Role[] = ['editor', 'agencyAdmin'];
export const SUBMIT_ROLES: readonly Role[] = ['editor'];
const LOCKED = ['firstReview', 'secrecyReview', 'signOff', 'scheduled'];

export type ReportAction = 'create' | 'edit' | 'submit';

export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  create: '生成年度报告',
  edit: '修改年度报告',
  submit: '提交发布审核',
};

function roleReason(p: Principal, agencyId: string, roles: readonly Role[]): string | null {
  if (canAct(p, agencyId, roles)) return null;
  if (p.agencyId !== agencyId) return '只有本单位工作人员可以办理';
  return `需要“${roles.map((r) => ROLE_LABELS[r]).join('”或“')}”角色`;
}

export function createReasons(p: Principal, agencyId: string): string[] {
  const role = roleReason(p, agencyId, EDIT_ROLES);
  return role ? [role] : [];
}

export function editReasons(p: Principal, r: AnnualReport, pub: PublicationStatus | null): string[] {
  const out: string[] = [];
  const role = roleReason(p, r.agencyId, EDIT_ROLES);
  if (role) out.push(role);
  if (r.state === 'submitted' && pub && LOCKED.includes(pub.state))
    out.push('年度报告正在审核中，审核退回后才能修改');
  return out;
}

export function submitReasons(p: Principal, r: AnnualReport, pub: PublicationStatus | null): string[] {
  const out: string[] = [];
  const role = roleReason(p, r.agencyId, SUBMIT_ROLES);
  if (role) out.push(role);
  if (r.state === 'submitted' && pub && LOCKED.includes(pub.state)) out.push('年度报告已在审核中');
  else if (r.state === 'submitted' && pub?.state === 'published')
    out.push('本版本已发布，修改后才能再次提交');
  if (!r.checkedAt) out.push('年度报告尚未检查，请先保存');
  const errors = r.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0)
    out.push(
      `检查发现${errors.length}个错误，须先改正：${errors
        .map((f) => `${f.rule} ${f.message}${f.cells.length ? `（${f.cells.join('、')}）` : ''}`)
        .join('；')}`,
    );
  return out;
}

/** Refuses with every reason at once (422; each reason also listed under the action's name). */
export function assertAllowed(action: ReportAction, reasons: string[]): void {
  if (reasons.length > 0)
    throw new AppError(
      'refused',
      `不能${REPORT_ACTION_LABELS[action]}：${reasons.join('；')}`,
      reasons.map((message) => ({ field: action, message })),
    );
}
