/**
 * The reasons shared by the publication policy: role, separation of duties (nobody approves work they
 * wrote, last changed or submitted — assertNotOwnWork; one person, one step of a round), and readiness
 * (required metadata, the column, blocking findings), all in plain Chinese.
 */
import { AppError } from '../../platform/errors.js';
import { type Principal, ROLE_LABELS, type Role } from '../accounts/accounts.js';
import { assertNotOwnWork, canAct } from '../accounts/accounts.policy.js';
import { acceptsPublications } from '../catalog/catalog.js';
import { FINDING_KIND_LABELS } from '../checks/findings.js';
import { sourceLabel, unresolvedBlocking } from './findings.js';
import { missingRequired } from './metadata-checks.js';
import type { Publication } from './publications.js';
import type { ReviewContext } from './review-context.js';
import { isStep, STEP_LABELS } from './workflow.js';

export function roleReason(p: Principal, pub: Publication, roles: readonly Role[]): string | null {
  if (roles.length === 0) return '由系统自动执行';
  if (canAct(p, pub.agencyId, roles)) return null;
  if (p.agencyId !== pub.agencyId) return '只有本单位工作人员可以办理';
  return `需要“${roles.map((r) => ROLE_LABELS[r]).join('”或“')}”角色`;
}

export function ownWorkReason(p: Principal, pub: Publication): string | null {
  try {
    assertNotOwnWork(
      p,
      [pub.createdBy, pub.updatedBy, pub.submittedBy],
      isStep(pub.state) ? STEP_LABELS[pub.state] : '审核',
    );
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.message;
    throw e;
  }
}

/** What stops an item from entering review or going online: missing metadata, its column, blocking findings. */
export function readinessReasons(pub: Publication, rc: ReviewContext): string[] {
  const out: string[] = [];
  const missing = missingRequired(pub);
  if (missing.length > 0) out.push(`缺少必填信息：${missing.join('、')}`);
  if (pub.disclosureAttribute !== 'proactive') return out;
  if (pub.columnId && (!rc.column || rc.column.agencyId !== pub.agencyId))
    out.push('所选栏目不存在或不属于本单位，请重新选择栏目');
  else if (rc.column && !acceptsPublications(rc.column))
    out.push(
      rc.column.status === 'retired'
        ? `栏目“${rc.column.name}”已停用，请改选其他栏目`
        : `“${rc.column.name}”不是可发布信息的栏目，请改选其他栏目`,
    );
  for (const f of unresolvedBlocking(rc.findings)) {
    const fix =
      f.source.type === 'attachment'
        ? '请更换附件，或说明理由后忽略'
        : f.kind === 'sensitiveWord'
          ? '请修改正文，或说明理由后忽略'
          : '可一键脱敏或修改正文，或说明理由后忽略';
    out.push(
      `${sourceLabel(f.source)}中发现${FINDING_KIND_LABELS[f.kind]}“${f.display}”：${f.message}${fix}`,
    );
  }
  return out;
}

export function reviewerReasons(p: Principal, pub: Publication, rc: ReviewContext): string[] {
  const out: string[] = [];
  const own = ownWorkReason(p, pub);
  if (own) out.push(own);
  // Redoing one's own step (after 取消定时 or a failed scheduled run) is not a second step.
  const mine = rc.approvals.find((a) => a.actorId === p.userId && a.step !== pub.state);
  if (mine) out.push(`同一轮审核中每人只能完成一个环节，您已完成“${STEP_LABELS[mine.step]}”`);
  return out;
}
