/** 初审 / 保密审查 (and 领导审签 when it is not the last step): the step's reviewer passes the item on. */
import type { Input } from '../../../platform/validate.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { runTransition } from './transition.js';

export async function approvePublication(
  ctx: CommandContext,
  id: string,
  input: Input = {},
): Promise<Publication> {
  const comment = readComment(input, { required: false });
  return runTransition(ctx, id, 'approve', (pub) => ({ comment, audit: { step: pub.state } }));
}
