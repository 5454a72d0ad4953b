/** 取消关联: the editor of an interpretation removes its link to a policy document. */
import { AppError } from '../../../platform/errors.js';
import { auditActor } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { deleteLink, policiesOf } from '../interpretation.repository.js';
import { type Publication, toPublication } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { type CommandContext, loadPublication, reviewContext } from './load.js';

export async function unlinkInterpretation(
  ctx: CommandContext,
  interpretationId: string,
  policyId: string,
): Promise<Publication[]> {
  const { db } = ctx.services;
  const interpretation = await loadPublication(ctx, interpretationId);
  assertCan(
    'linkInterpretation',
    interpretation,
    ctx.principal,
    await reviewContext(ctx.services, interpretation),
  );
  await db.transaction().execute(async (trx) => {
    if (!(await deleteLink(trx, interpretationId, policyId))) throw new AppError('not_found', '没有该关联。');
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: interpretation.agencyId,
      action: 'publication.unlink_interpretation',
      targetType: 'publication',
      targetId: interpretationId,
      before: { policyId },
    });
    await bumpPortalRevision(trx, {
      scope: 'items',
      agencyId: interpretation.agencyId,
      itemIds: [interpretationId, policyId],
    });
  });
  return (await policiesOf(db, interpretationId)).map(toPublication);
}
