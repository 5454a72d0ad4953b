/**
 * 转交草稿: when an editor leaves (or is away for long), the agency admin hands the editor's drafts to
 * another editor of the agency. The new editor becomes each draft's last editor (updated_by), so the
 * drafts appear in that editor's 我的草稿; the author (created_by) stays on record, so separation of
 * duties still keeps the original author from reviewing them (ADR 0007). Every draft gets a workflow
 * event and an audit event, all in one transaction: either every draft is handed over or none is.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import { actorLabel } from '../../accounts/accounts.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { findUser, rolesOf } from '../../accounts/accounts.repository.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { insertEvent, updatePublicationIf } from '../publications.repository.js';
import { draftsOf } from './queues.repository.js';

export interface Reassigned {
  count: number;
  toLabel: string;
}

const label = (u: { display_name: string; username: string }) =>
  actorLabel({ displayName: u.display_name, username: u.username });

export async function reassignDrafts(
  ctx: CommandContext,
  agencyId: string,
  input: Input,
): Promise<Reassigned> {
  const { db, clock } = ctx.services;
  if (!canAct(ctx.principal, agencyId, ['agencyAdmin']))
    throw new AppError('forbidden', '只有本单位的单位管理员可以转交草稿。');
  const fe = new FieldErrors();
  const fromId = readText(fe, input, 'fromUserId', '原经办人', { required: true, max: 64 });
  const toId = readText(fe, input, 'toUserId', '接手编辑', { required: true, max: 64 });
  const note = readText(fe, input, 'note', '转交说明', { max: 500 }) || null;
  const from = fromId ? await findUser(db, fromId) : undefined;
  const to = toId ? await findUser(db, toId) : undefined;
  if (fromId && from?.agency_id !== agencyId) fe.add('fromUserId', '原经办人不是本单位人员');
  if (toId && to?.agency_id !== agencyId) fe.add('toUserId', '接手编辑不是本单位人员');
  else if (to && to.status !== 'active') fe.add('toUserId', `“${label(to)}”的账号已停用，不能接手草稿`);
  else if (to && !(await rolesOf(db, to.id)).includes('editor'))
    fe.add('toUserId', `“${label(to)}”没有“编辑”角色，请先在“人员”中授予`);
  if (fromId && toId && fromId === toId) fe.add('toUserId', '接手编辑不能是原经办人本人');
  const drafts = from && from.agency_id === agencyId ? await draftsOf(db, agencyId, from.id) : [];
  if (from && from.agency_id === agencyId && drafts.length === 0)
    fe.add('fromUserId', `“${label(from)}”名下没有草稿`);
  fe.throwIfAny();

  const actor = auditActor(ctx);
  const now = clock.now().toISOString();
  const toLabel = label(to!);
  const comment = `转交给${toLabel}（原经办人：${label(from!)}）${note ? `：${note}` : ''}`;
  await db.transaction().execute(async (trx) => {
    for (const d of drafts) {
      const changed = await updatePublicationIf(
        trx,
        d.id,
        { state: 'draft', round: Number(d.round) },
        { updated_by: to!.id, updated_at: now },
      );
      if (!changed) throw new AppError('conflict', `草稿“${d.title}”刚刚已被提交或修改，请刷新后重试。`);
      await insertEvent(trx, {
        publication_id: d.id,
        version: Number(d.version),
        round: Number(d.round),
        action: 'reassign',
        from_state: 'draft',
        to_state: 'draft',
        actor_id: actor.actorId,
        actor_label: actor.actorLabel,
        comment,
        at: now,
      });
      await ctx.services.audit.record(trx, actor, {
        agencyId,
        action: 'publication.reassign_draft',
        targetType: 'publication',
        targetId: d.id,
        before: { updatedBy: d.updated_by, createdBy: d.created_by },
        after: { updatedBy: to!.id, fromUserId: from!.id, note },
      });
    }
  });
  return { count: drafts.length, toLabel };
}
