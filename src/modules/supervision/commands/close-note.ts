/**
 * Use case: a supervisor closes (办结) a comment or 督办: after the agency's
 * answer, or before it with a reason (e.g. settled by other means). Only a
 * supervisor of both the agency and the note's author agency may close it, so
 * a county cannot close a 督办 sent by the city.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import { canSupervise } from '../../accounts/accounts.policy.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { closeBlockers, closeNeedsReason, LIMITS, type SupervisionNote, toNote } from '../supervision.js';
import { canClose, readableNote } from '../supervision.policy.js';
import { findNote, updateNoteFrom } from '../supervision.repository.js';

export async function closeNote(ctx: CommandContext, noteId: string, input: Input): Promise<SupervisionNote> {
  const db = ctx.services.db;
  const note = await readableNote(db, ctx.principal, noteId);
  if (!(await canClose(db, ctx.principal, note)))
    throw new AppError(
      'forbidden',
      (await canSupervise(db, ctx.principal, note.agencyId))
        ? '该事项由上级主管部门发出，只能由其办结。'
        : '只有主管部门（政务公开办）可以办结意见或督办。',
    );
  const blockers = closeBlockers(note);
  if (blockers.length > 0) throw new AppError('refused', blockers.join(''));
  const fe = new FieldErrors();
  const reason = readText(fe, input, 'reason', '办结说明', { max: LIMITS.reason });
  if (!reason && closeNeedsReason(note)) fe.add('reason', '该事项尚未答复，办结须填写办结说明');
  fe.throwIfAny();

  const now = ctx.services.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const moved = await updateNoteFrom(trx, note.id, ['open', 'answered'], {
      status: 'closed',
      closed_by: ctx.principal.userId,
      closed_at: now,
      close_reason: reason || null,
      updated_at: now,
    });
    if (!moved) throw new AppError('conflict', '该事项刚被他人处理，请刷新页面后查看。');
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: note.agencyId,
      action: 'supervision.close',
      targetType: 'supervisionNote',
      targetId: note.id,
      before: { status: note.status },
      after: { status: 'closed', reason: reason || null },
    });
  });
  return toNote((await findNote(db, note.id))!);
}
