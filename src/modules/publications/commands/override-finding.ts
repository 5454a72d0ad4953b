/**
 * 忽略检查问题: a blocking finding that is not an error (a published official's contact, a word used
 * in a harmless sense) is overridden with a written reason, audited. The override is keyed by the
 * finding's stable key, so it survives re-scans and covers the same value wherever it appears.
 * The editor may override in the draft; a reviewer at their own step.
 */
import { randomUUID } from 'node:crypto';
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import { auditActor } from '../../accounts/commands/context.js';
import { insertOverride } from '../attachments.repository.js';
import { sourceLabel } from '../findings.js';
import type { Publication } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { type CommandContext, loadPublication, reload, reviewContext } from './load.js';

export async function overrideFinding(ctx: CommandContext, id: string, input: Input): Promise<Publication> {
  const pub = await loadPublication(ctx, id);
  const rc = await reviewContext(ctx.services, pub);
  assertCan('overrideFinding', pub, ctx.principal, rc);
  const fe = new FieldErrors();
  const key = readText(fe, input, 'findingKey', '检查问题', { required: true, max: 100 });
  const reason = readText(fe, input, 'reason', '忽略理由', { required: true, max: 500 });
  if (reason && [...reason].length < 4) fe.add('reason', '忽略理由至少写4个字，说明为何可以公开');
  const finding = rc.findings.find((f) => f.key === key && f.severity === 'blocking' && f.override === null);
  if (key && !finding) fe.add('findingKey', '没有找到该检查问题，可能已修改或已处理，请刷新后重试');
  fe.throwIfAny();
  const actor = auditActor(ctx);
  const now = ctx.services.clock.now().toISOString();
  await ctx.services.db.transaction().execute(async (trx) => {
    await insertOverride(trx, {
      id: randomUUID(),
      publication_id: id,
      finding_key: key,
      kind: finding!.kind,
      reason,
      actor_id: actor.actorId,
      actor_label: actor.actorLabel,
      at: now,
    });
    await ctx.services.audit.record(trx, actor, {
      agencyId: pub.agencyId,
      action: 'publication.override_finding',
      targetType: 'publication',
      targetId: id,
      after: {
        findingKey: key,
        kind: finding!.kind,
        where: sourceLabel(finding!.source),
        display: finding!.display,
        reason,
      },
    });
  });
  return reload(ctx.services, id);
}
