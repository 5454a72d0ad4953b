/** 取消定时发布: the last step's reviewer takes a scheduled item back to their step. */
import type { Input } from '../../../platform/validate.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { runTransition } from './transition.js';

export async function unschedulePublication(
  ctx: CommandContext,
  id: string,
  input: Input = {},
): Promise<Publication> {
  const comment = readComment(input, { required: false });
  return runTransition(ctx, id, 'unschedule', (pub) => ({
    comment,
    patch: { scheduled_at: null, scheduled_by: null },
    audit: { scheduledAt: pub.scheduledAt },
  }));
}
