/**
 * The scheduled-publication runner: publishes items whose scheduledAt has come. Each item is checked
 * again first (metadata, column, blocking findings with today's sensitive words); an item that no
 * longer passes goes back to its last review step with a system comment instead. Each item is its
 * own transaction, audited as the system; called by a timer in server.ts and directly by tests.
 */
import type { Actor } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import { toPublication } from '../publications.js';
import { readinessReasons } from '../publications.policy.js';
import { writePublication } from '../publishing.js';
import { dueScheduled } from '../queries.repository.js';
import { loadReviewContext } from '../review-context.js';
import { storeAttachmentFindings } from './store-findings.js';
import { applyTransition } from './transition.js';

export const SCHEDULER_ACTOR: Actor = { actorId: null, actorLabel: '系统（定时发布）', requestId: null };

export interface PublishDueResult {
  published: string[];
  /** Sent back to their last step because a check failed. */
  returned: string[];
}

export async function publishDue(services: Services, now: Date): Promise<PublishDueResult> {
  const result: PublishDueResult = { published: [], returned: [] };
  for (const row of await dueScheduled(services.db, now.toISOString())) {
    const pub = toPublication(row);
    const rc = await loadReviewContext(services.db, { piiKey: services.config.piiKey, now }, pub);
    const problems = readinessReasons(pub, rc);
    try {
      if (problems.length > 0) {
        await applyTransition(services, SCHEDULER_ACTOR, pub, 'unschedule', {
          comment: `定时发布前复核未通过，已退回审签：${problems.join('；')}`,
          patch: { scheduled_at: null, scheduled_by: null },
        });
        result.returned.push(pub.id);
      } else {
        await applyTransition(services, SCHEDULER_ACTOR, pub, 'publishScheduled', {
          write: async (trx) => {
            await storeAttachmentFindings(trx, rc);
            return writePublication(trx, pub, rc, now, pub.scheduledBy);
          },
        });
        result.published.push(pub.id);
      }
    } catch (err) {
      // Someone unscheduled or sent it back meanwhile: nothing to do for this item.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  return result;
}
