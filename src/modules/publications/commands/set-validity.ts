/**
 * 有效性 of a published 规章 or 行政规范性文件 (国办发〔2017〕47号: 修改、废止、失效 are marked on the
 * original): 已修改 / 已废止 / 失效 shown on its page and in the 失效文件 list, with a note such as the
 * document that repealed it. Decision: the editor (who maintains the catalogue) or the signer may mark
 * it; it is a workflow event and an audit event, and needs no review round.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readChoice, readText } from '../../../platform/validate.js';
import { auditActor } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { reindexPublication } from '../../search/indexer.js';
import { publicationChange } from '../portal-change.js';
import type { Publication } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { insertEvent, updatePublicationIf } from '../publications.repository.js';
import { VALIDITIES } from '../vocabulary.js';
import { type CommandContext, loadPublication, reload, reviewContext } from './load.js';

export async function setValidity(ctx: CommandContext, id: string, input: Input): Promise<Publication> {
  const pub = await loadPublication(ctx, id);
  const rc = await reviewContext(ctx.services, pub);
  assertCan('setValidity', pub, ctx.principal, rc);
  const fe = new FieldErrors();
  const validity = readChoice(fe, input, 'validity', '有效性', VALIDITIES);
  const note =
    readText(fe, input, 'note', '有效性说明', { required: validity !== 'effective', max: 500 }) || null;
  if (validity && validity === pub.validity && note === pub.validityNote)
    fe.add('validity', '有效性没有变化');
  fe.throwIfAny();
  const now = ctx.services.clock.now().toISOString();
  const actor = auditActor(ctx);
  await ctx.services.db.transaction().execute(async (trx) => {
    const patch = { validity, validity_note: note, validity_changed_on: rc.today, updated_at: now };
    if (!(await updatePublicationIf(trx, id, { state: pub.state, round: pub.round }, patch)))
      throw new AppError('conflict', '该信息刚刚已被他人处理，请刷新后重试。');
    await insertEvent(trx, {
      publication_id: id,
      version: pub.version,
      round: pub.round,
      action: 'setValidity',
      from_state: pub.state,
      to_state: pub.state,
      actor_id: actor.actorId,
      actor_label: actor.actorLabel,
      comment: note,
      at: now,
    });
    await ctx.services.audit.record(trx, actor, {
      agencyId: pub.agencyId,
      action: 'publication.set_validity',
      targetType: 'publication',
      targetId: id,
      before: { validity: pub.validity, validityNote: pub.validityNote },
      after: { validity, validityNote: note, changedOn: rc.today },
    });
    await reindexPublication(trx, id);
    await bumpPortalRevision(trx, await publicationChange(trx, id, pub.validity));
  });
  return reload(ctx.services, id);
}
