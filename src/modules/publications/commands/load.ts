/** Loading a publication for a command: 404 outside the reader's scope (ADR 0007), then its review context. */
import { AppError } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import { canRead } from '../../accounts/accounts.policy.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import { type Publication, toPublication } from '../publications.js';
import { findPublication } from '../publications.repository.js';
import { loadReviewContext, type ReviewContext } from '../review-context.js';

export type { CommandContext };

export async function loadPublication(ctx: CommandContext, id: string): Promise<Publication> {
  const row = await findPublication(ctx.services.db, id);
  if (!row || !(await canRead(ctx.services.db, ctx.principal, row.agency_id)))
    throw new AppError('not_found', '该信息不存在。');
  return toPublication(row);
}

export function reviewContext(services: Services, pub: Publication): Promise<ReviewContext> {
  return loadReviewContext(services.db, { piiKey: services.config.piiKey, now: services.clock.now() }, pub);
}

/** The publication as it is now (after a command). */
export async function reload(services: Services, id: string): Promise<Publication> {
  return toPublication((await findPublication(services.db, id))!);
}
