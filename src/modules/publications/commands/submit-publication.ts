/**
 * 提交审核: an editor sends a complete draft into review. The checks run first (blocking findings
 * must be fixed or overridden); the round's steps are fixed now from the agency's configuration,
 * 保密审查 always among them.
 */
import type { Input } from '../../../platform/validate.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { storeAttachmentFindings } from './store-findings.js';
import { runTransition } from './transition.js';

export async function submitPublication(
  ctx: CommandContext,
  id: string,
  input: Input = {},
): Promise<Publication> {
  const comment = readComment(input, { required: false });
  return runTransition(ctx, id, 'submit', (pub, rc) => ({
    comment,
    steps: rc.configuredSteps,
    patch: {
      round: pub.round + 1,
      steps: rc.configuredSteps.join(','),
      submitted_by: ctx.principal.userId,
    },
    write: async (trx) => {
      await storeAttachmentFindings(trx, rc);
      return { audit: { steps: rc.configuredSteps, warnings: rc.warnings.map((w) => w.code) } };
    },
  }));
}
