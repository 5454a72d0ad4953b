/**
 * 审签通过并登记: a document decided 依申请公开 or 不予公开 is never published; once its last step
 * confirms the decision it enters the 三项清单 register, to be re-reviewed (第十八条) after the
 * agency's withheldReviewMonths.
 */
import type { Input } from '../../../platform/validate.js';
import { addMonths } from '../dates.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { runTransition } from './transition.js';

export async function registerWithheld(
  ctx: CommandContext,
  id: string,
  input: Input = {},
): Promise<Publication> {
  const comment = readComment(input, { required: false });
  return runTransition(ctx, id, 'register', (pub, rc) => {
    const nextReviewOn = addMonths(rc.today, rc.settings.withheldReviewMonths);
    return {
      comment,
      patch: { decided_on: rc.today, next_review_on: nextReviewOn },
      audit: {
        disclosureAttribute: pub.disclosureAttribute,
        withholdGround: pub.withholdGround,
        decidedOn: rc.today,
        nextReviewOn,
      },
    };
  });
}
