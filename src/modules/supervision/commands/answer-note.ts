/**
 * Use case: the supervised agency answers a comment or 督办. Only its own
 * agencyAdmin or officeHead may answer, never the note's author (a supervisor
 * cannot answer for the agency it supervises).
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { answerBlockers, LIMITS, type SupervisionNote, toNote } from '../supervision.js';
import { canAnswer, readableNote } from '../supervision.policy.js';
import { findNote, updateNoteFrom } from '../supervision.repository.js';

export async function answerNote(
  ctx: CommandContext,
  noteId: string,
  input: Input,
): Promise<SupervisionNote> {
  const note = await readableNote(ctx.services.db, ctx.principal, noteId);
  if (!canAnswer(ctx.principal, note))
    throw new AppError('forbidden', '只有被督办单位的单位管理员或公开办负责人可以答复。');
  if (note.authorId === ctx.principal.userId) throw new AppError('refused', '不能答复本人发出的意见或督办。');
  const blockers = answerBlockers(note);
  if (blockers.length > 0) throw new AppError('refused', blockers.join(''));
  const fe = new FieldErrors();
  const answer = readText(fe, input, 'answer', '答复内容', { required: true, max: LIMITS.answer });
  fe.throwIfAny();

  const now = ctx.services.clock.now().toISOString();
  await ctx.services.db.transaction().execute(async (trx) => {
    const moved = await updateNoteFrom(trx, note.id, ['open'], {
      status: 'answered',
      answer,
      answered_by: ctx.principal.userId,
      answered_at: now,
      updated_at: now,
    });
    if (!moved) throw new AppError('conflict', '该事项刚被他人处理，请刷新页面后查看。');
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: note.agencyId,
      action: 'supervision.answer',
      targetType: 'supervisionNote',
      targetId: note.id,
      before: { status: 'open' },
      after: { status: 'answered', answer },
    });
  });
  return toNote((await findNote(ctx.services.db, note.id))!);
}
