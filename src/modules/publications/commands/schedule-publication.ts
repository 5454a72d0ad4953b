/**
 * 审签通过并定时发布: the last step's reviewer sets the instant the item goes online. The checks run
 * now and again when the runner publishes it (publish-due.ts).
 */
import { FieldErrors } from '../../../platform/errors.js';
import type { Input } from '../../../platform/validate.js';
import type { Publication } from '../publications.js';
import { readComment } from './comment.js';
import type { CommandContext } from './load.js';
import { storeAttachmentFindings } from './store-findings.js';
import { runTransition } from './transition.js';

/** An instant with an explicit zone (…Z or …+08:00), so the server's own zone never shifts it. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_AHEAD_MS = 366 * 86_400_000;

export function readScheduledAt(input: Input, now: Date): string {
  const fe = new FieldErrors();
  const raw = input.scheduledAt;
  const t = typeof raw === 'string' && INSTANT.test(raw) ? Date.parse(raw) : Number.NaN;
  if (raw === undefined || raw === null || raw === '') fe.add('scheduledAt', '请填写定时发布时间');
  else if (Number.isNaN(t)) fe.add('scheduledAt', '定时发布时间格式不正确（例如 2026-03-05T09:00:00+08:00）');
  else if (t <= now.getTime()) fe.add('scheduledAt', '定时发布时间须晚于当前时间');
  else if (t > now.getTime() + MAX_AHEAD_MS) fe.add('scheduledAt', '定时发布时间不能晚于一年之后');
  fe.throwIfAny();
  return new Date(t).toISOString();
}

export async function schedulePublication(
  ctx: CommandContext,
  id: string,
  input: Input,
): Promise<Publication> {
  const scheduledAt = readScheduledAt(input, ctx.services.clock.now());
  const comment = readComment(input, { required: false });
  return runTransition(ctx, id, 'schedule', (_pub, rc) => ({
    comment,
    patch: { scheduled_at: scheduledAt, scheduled_by: ctx.principal.userId },
    audit: { scheduledAt },
    write: async (trx) => {
      await storeAttachmentFindings(trx, rc);
      return {};
    },
  }));
}
