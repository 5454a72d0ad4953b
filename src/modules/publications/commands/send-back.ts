/** 退回修改: the reviewer of the current step (or the signer of a scheduled item) returns it to the editor, with a comment. */
import type { Input } from '../../../platform/validate.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { runTransition } from './transition.js';

export async function sendBackPublication(
  ctx: CommandContext,
  id: string,
  input: Input,
): Promise<Publication> {
  const comment = readComment(input, { required: true, label: '退回意见' });
  return runTransition(ctx, id, 'sendBack', () => ({
    comment,
    patch: { scheduled_at: null, scheduled_by: null },
  }));
}
