/**
 * The one way a publication changes state: check the failure reasons, then in one transaction
 * change the row (only if nobody moved it meanwhile), write the workflow event and the audit event.
 * A refused or failed transition writes nothing.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Actor } from '../../../platform/audit/audit.js';
import type { AuditRecord } from '../../../platform/audit/redact.js';
import { AppError } from '../../../platform/errors.js';
import type { Services } from '../../../platform/services.js';
import { auditActor } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { reindexPublication } from '../../search/indexer.js';
import { publicationChange } from '../portal-change.js';
import type { Publication } from '../publications.js';
import { assertCan } from '../publications.policy.js';
import { insertEvent, updatePublicationIf } from '../publications.repository.js';
import type { PublicationTable } from '../publications.table.js';
import type { ReviewContext } from '../review-context.js';
import { nextState, type PublicationState, type Transition, type WorkflowStep } from '../workflow.js';
import { type CommandContext, loadPublication, reload, reviewContext } from './load.js';

export interface WriteResult {
  patch?: Partial<PublicationTable>;
  audit?: AuditRecord;
}

export interface TransitionPlan {
  comment?: string | null;
  /** Columns to change with the state (round, version, dates…). */
  patch?: Partial<PublicationTable>;
  /** The steps to route by (submit: the agency's current configuration). */
  steps?: readonly WorkflowStep[];
  /** Extra writes after the state change, in the same transaction (索引号, version snapshot). */
  write?: (trx: Transaction<Database>) => Promise<WriteResult>;
  /** What the audit event records besides the state change. */
  audit?: AuditRecord;
}

/** Runs `t` for the signed-in person: refuses with reasons, else applies the plan. */
export async function runTransition(
  ctx: CommandContext,
  id: string,
  t: Transition,
  plan: (pub: Publication, rc: ReviewContext) => TransitionPlan | Promise<TransitionPlan>,
): Promise<Publication> {
  const pub = await loadPublication(ctx, id);
  const rc = await reviewContext(ctx.services, pub);
  assertCan(t, pub, ctx.principal, rc);
  await applyTransition(ctx.services, auditActor(ctx), pub, t, await plan(pub, rc));
  return reload(ctx.services, id);
}

const auditName = (t: string) => t.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Applies a transition already allowed (the scheduled-publication runner checks on its own). */
export async function applyTransition(
  services: Services,
  actor: Actor,
  pub: Publication,
  t: Transition,
  plan: TransitionPlan,
): Promise<PublicationState> {
  const machine = { state: pub.state, steps: pub.steps, publishedVersion: pub.publishedVersion };
  const to = nextState(t, machine, plan.steps ?? pub.steps);
  const now = services.clock.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    const changed = await updatePublicationIf(
      trx,
      pub.id,
      { state: pub.state, round: pub.round },
      { ...plan.patch, state: to, updated_at: now },
    );
    if (!changed) throw new AppError('conflict', '该信息刚刚已被他人处理，请刷新后重试。');
    const extra = plan.write ? await plan.write(trx) : {};
    if (extra.patch) await updatePublicationIf(trx, pub.id, { state: to }, extra.patch);
    await insertEvent(trx, {
      publication_id: pub.id,
      version: plan.patch?.version ?? pub.version,
      round: plan.patch?.round ?? pub.round,
      action: t,
      from_state: pub.state,
      to_state: to,
      actor_id: actor.actorId,
      actor_label: actor.actorLabel,
      comment: plan.comment || null,
      at: now,
    });
    await services.audit.record(trx, actor, {
      agencyId: pub.agencyId,
      action: `publication.${auditName(t)}`,
      targetType: 'publication',
      targetId: pub.id,
      before: { state: pub.state },
      after: { state: to, ...(plan.comment ? { comment: plan.comment } : {}), ...plan.audit, ...extra.audit },
    });
    // Publishing, withdrawing (…) change what the public sees: the search index follows in this transaction.
    await reindexPublication(trx, pub.id);
    // Cached portal pages of every process are now out of date; of the stored ones, this item's and
    // those linked to it (its agency's, when it is or was not in force).
    await bumpPortalRevision(trx, await publicationChange(trx, pub.id, pub.validity));
  });
  return to;
}
