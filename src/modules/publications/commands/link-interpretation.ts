/**
 * 关联政策解读: the editor of an interpretation links it to a policy document — of the same agency,
 * one the editor may read, or any live (published) one, e.g. the government's policy a department
 * explains. Both pages then link to each other (§5.7).
 */
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import { canRead } from '../../accounts/accounts.policy.js';
import { auditActor } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { insertLink, policiesOf } from '../interpretation.repository.js';
import { isLive, type Publication, toPublication } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { findPublication } from '../publications.repository.js';
import { type CommandContext, loadPublication, reviewContext } from './load.js';

export async function linkInterpretation(
  ctx: CommandContext,
  interpretationId: string,
  input: Input,
): Promise<Publication[]> {
  const { db } = ctx.services;
  const interpretation = await loadPublication(ctx, interpretationId);
  assertCan(
    'linkInterpretation',
    interpretation,
    ctx.principal,
    await reviewContext(ctx.services, interpretation),
  );
  const fe = new FieldErrors();
  const policyId = readText(fe, input, 'policyId', '政策文件', { required: true, max: 64 });
  const row = policyId ? await findPublication(db, policyId) : undefined;
  const policy = row ? toPublication(row) : null;
  const visible =
    policy &&
    (policy.agencyId === interpretation.agencyId ||
      isLive(policy) ||
      (await canRead(db, ctx.principal, policy.agencyId)));
  if (policyId && !visible) fe.add('policyId', '政策文件不存在');
  else if (policy?.genre === 'interpretation') fe.add('policyId', '不能关联另一篇政策解读，请选择政策文件');
  else if (policy?.state === 'withdrawn') fe.add('policyId', '该政策文件已撤回');
  else if (policy && (await policiesOf(db, interpretationId)).some((p) => p.id === policy.id))
    fe.add('policyId', '已经关联了该政策文件');
  fe.throwIfAny();
  const now = ctx.services.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertLink(trx, interpretationId, policy!.id, ctx.principal.userId, now);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: interpretation.agencyId,
      action: 'publication.link_interpretation',
      targetType: 'publication',
      targetId: interpretationId,
      after: { policyId: policy!.id, policyTitle: policy!.title, policyAgencyId: policy!.agencyId },
    });
    // The two pages show each other.
    await bumpPortalRevision(trx, {
      scope: 'items',
      agencyId: interpretation.agencyId,
      itemIds: [interpretationId, policy!.id],
    });
  });
  return (await policiesOf(db, interpretationId)).map(toPublication);
}
