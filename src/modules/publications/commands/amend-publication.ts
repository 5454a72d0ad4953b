/**
 * 修订: a published item gets a new working version that goes through the whole workflow again,
 * 保密审查 included, while the published version stays online. It keeps its 索引号; its 20-working-day
 * clock (第二十六条) runs from the 变更日期, the formedOn of the new version.
 */
import { FieldErrors } from '../../../platform/errors.js';
import { parseLegalDate } from '../../../platform/legal-date.js';
import { type Input, readText } from '../../../platform/validate.js';
import { dueOnFor } from '../dates.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { runTransition } from './transition.js';

export async function amendPublication(ctx: CommandContext, id: string, input: Input): Promise<Publication> {
  const fe = new FieldErrors();
  const raw = readText(fe, input, 'formedOn', '变更日期', { required: true, max: 10 });
  const formedOn = raw ? parseLegalDate(raw) : null;
  if (raw && !formedOn) fe.add('formedOn', '变更日期应为有效日期，格式为YYYY-MM-DD');
  fe.throwIfAny();
  const comment = readComment(input, { required: false, label: '修订说明' });
  const calendar = await ctx.services.calendar.get(ctx.services.db);
  return runTransition(ctx, id, 'amend', (pub, rc) => {
    const problems = new FieldErrors();
    if (pub.formedOn && formedOn! < pub.formedOn)
      problems.add('formedOn', '变更日期不能早于上一版本的形成日期');
    if (formedOn! > rc.today) problems.add('formedOn', '变更日期不能晚于今天');
    problems.throwIfAny();
    return {
      comment,
      patch: {
        version: pub.version + 1,
        formed_on: formedOn,
        due_on: dueOnFor(calendar, formedOn),
        steps: '',
        submitted_by: null,
        updated_by: ctx.principal.userId,
      },
      audit: { version: pub.version + 1, formedOn },
    };
  });
}
