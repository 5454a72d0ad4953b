/**
 * Viewing the applicant's personal data: only the case's handler, the agency's 公开办负责人 and signers (who
 * sign the letters addressed to the applicant), any 依申请办理 staff of the agency while the case has no
 * handler yet (to confirm or register it), and supervisors over the agency. Every view writes an audit event
 * ("viewed applicant data") in the agency's chain — with no personal data in it.
 */
import { AppError } from '../../../platform/errors.js';
import { canSupervise } from '../../accounts/accounts.policy.js';
import { auditActor } from '../../accounts/commands/context.js';
import type { ApplicationCase } from '../applications.js';
import { type ApplicantData, openApplicant, personalDataCipher } from '../personal.js';
import { type CommandContext, loadCase } from './run.js';

export async function mayViewApplicant(ctx: CommandContext, c: ApplicationCase): Promise<boolean> {
  const p = ctx.principal;
  if (p.agencyId === c.agencyId) {
    if (c.handlerId === p.userId) return true;
    if (p.roles.has('officeHead') || p.roles.has('signer')) return true;
    if (!c.handlerId && p.roles.has('caseHandler')) return true;
  }
  return canSupervise(ctx.services.db, p, c.agencyId);
}

export async function viewApplicant(
  ctx: CommandContext,
  id: string,
  purpose = 'case handling',
): Promise<ApplicantData> {
  const lc = await loadCase(ctx, id);
  if (!(await mayViewApplicant(ctx, lc.case)))
    throw new AppError(
      'forbidden',
      '只有本申请的承办人、公开办负责人、审签领导和主管部门可以查看申请人信息。',
    );
  const data = openApplicant(personalDataCipher(ctx.services.config), id, lc.row.pii_envelope);
  await ctx.services.db.transaction().execute(async (trx) => {
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: lc.case.agencyId,
      action: 'application.view_applicant',
      targetType: 'application',
      targetId: id,
      after: { trackingNo: lc.case.trackingNo, purpose: purpose.slice(0, 100) },
    });
  });
  return data;
}
