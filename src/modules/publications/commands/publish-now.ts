/** 审签通过并立即发布: the last step's reviewer publishes after the checks run again. */
import type { Input } from '../../../platform/validate.js';
import type { Publication } from '../publications.js';
import { writePublication } from '../publishing.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { storeAttachmentFindings } from './store-findings.js';
import { runTransition } from './transition.js';

export async function publishNow(ctx: CommandContext, id: string, input: Input = {}): Promise<Publication> {
  const comment = readComment(input, { required: false });
  return runTransition(ctx, id, 'publish', (pub, rc) => ({
    comment,
    write: async (trx) => {
      await storeAttachmentFindings(trx, rc);
      return writePublication(trx, pub, rc, ctx.services.clock.now(), ctx.principal.userId);
    },
  }));
}
