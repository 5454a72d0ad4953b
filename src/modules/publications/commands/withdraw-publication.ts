/**
 * 撤回: a live item is taken off the site with a reason (its public page then answers 410). It keeps
 * its 索引号, which is never reused. Decision: only the signer (领导) or the agency admin may withdraw —
 * taking published information down is a decision of the agency, not of the editor.
 */
import type { Input } from '../../../platform/validate.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { runTransition } from './transition.js';

export async function withdrawPublication(
  ctx: CommandContext,
  id: string,
  input: Input,
): Promise<Publication> {
  const reason = readComment(input, { required: true, field: 'reason', label: '撤回理由' });
  return runTransition(ctx, id, 'withdraw', (pub) => ({
    comment: reason,
    patch: {
      withdrawn_at: ctx.services.clock.now().toISOString(),
      withdrawn_reason: reason,
      scheduled_at: null,
      scheduled_by: null,
    },
    audit: { indexNo: pub.indexNo, reason },
  }));
}
