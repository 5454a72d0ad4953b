/**
 * 第十八条 re-review of a 三项清单 entry: either the grounds still hold (维持, the next review date
 * moves on) or they no longer do (转为主动公开: the item returns to draft and goes through the whole
 * workflow to be published). A comment recording the reasoning is required either way.
 */
import type { Input } from '../../../platform/validate.js';
import { addMonths } from '../dates.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { runTransition } from './transition.js';

export async function confirmRegistered(ctx: CommandContext, id: string, input: Input): Promise<Publication> {
  const comment = readComment(input, { required: true, label: '复核意见' });
  return runTransition(ctx, id, 'confirmRegistered', (_pub, rc) => {
    const nextReviewOn = addMonths(rc.today, rc.settings.withheldReviewMonths);
    return {
      comment,
      patch: { next_review_on: nextReviewOn },
      audit: { reviewedOn: rc.today, nextReviewOn },
    };
  });
}

export async function releaseRegistered(ctx: CommandContext, id: string, input: Input): Promise<Publication> {
  const comment = readComment(input, { required: true, label: '复核意见' });
  return runTransition(ctx, id, 'releaseRegistered', (pub, rc) => ({
    comment,
    patch: {
      disclosure_attribute: 'proactive',
      withhold_ground: null,
      withhold_reason: null,
      next_review_on: null,
      steps: '',
      submitted_by: null,
      updated_by: ctx.principal.userId,
    },
    audit: { from: pub.disclosureAttribute, withholdGround: pub.withholdGround, reviewedOn: rc.today },
  }));
}
