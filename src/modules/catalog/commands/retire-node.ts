/**
 * Retires a node, or restores it. Nothing in the catalogue is ever deleted: a retired column keeps
 * its publications and its children, and staff still see it (marked 已停用); the public portal hides
 * it and everything below it (publicTree). Decisions:
 * - the section's required nodes (指南, 制度, 法定主动公开内容, 年报, 申请) cannot be retired;
 * - a statutory column may be retired — 条例第二十条 binds an agency 「在本行政机关的职责范围内」, and
 *   empty columns count against a site in inspections — but only with a stated reason, kept in the
 *   record and the audit trail;
 * - a node below a retired one is restored only after its parent.
 */
import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readText } from '../../../platform/validate.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { refreshSearchVisibility } from '../../search/indexer.js';
import { isRequiredNode } from '../catalog.js';
import { findNode, updateNode } from '../catalog.repository.js';
import { editableNode } from './load.js';

export async function retireNode(ctx: CommandContext, nodeId: string, input: Input): Promise<void> {
  const db = ctx.services.db;
  const node = await editableNode(ctx, nodeId);
  if (node.status === 'retired') throw new AppError('refused', `“${node.name}”已经停用。`);
  if (isRequiredNode(node))
    throw new AppError(
      'refused',
      `“${node.name}”是政府信息公开专栏的规定栏目，不能停用；可以改名或调整顺序。`,
    );
  const fe = new FieldErrors();
  const reason = readText(fe, input, 'reason', '停用原因', {
    max: 200,
    required: node.statutoryItem !== null,
  });
  fe.throwIfAny();
  const now = ctx.services.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await updateNode(trx, nodeId, {
      status: 'retired',
      retired_reason: reason || null,
      retired_at: now,
      updated_at: now,
    });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: node.agencyId,
      action: 'catalog.retire',
      targetType: 'catalogNode',
      targetId: nodeId,
      before: { status: 'active' },
      after: { status: 'retired', reason: reason || null, name: node.name },
    });
    await refreshSearchVisibility(trx, node.agencyId);
    await bumpPortalRevision(trx);
  });
}

export async function restoreNode(ctx: CommandContext, nodeId: string): Promise<void> {
  const db = ctx.services.db;
  const node = await editableNode(ctx, nodeId);
  if (node.status !== 'retired') throw new AppError('refused', `“${node.name}”没有停用。`);
  const parent = node.parentId ? await findNode(db, node.parentId) : undefined;
  if (parent && parent.status === 'retired')
    throw new AppError('refused', `上级栏目“${parent.name}”已停用，请先恢复上级栏目。`);
  const now = ctx.services.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await updateNode(trx, nodeId, {
      status: 'active',
      retired_reason: null,
      retired_at: null,
      updated_at: now,
    });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: node.agencyId,
      action: 'catalog.restore',
      targetType: 'catalogNode',
      targetId: nodeId,
      before: { status: 'retired', reason: node.retiredReason },
      after: { status: 'active', name: node.name },
    });
    await refreshSearchVisibility(trx, node.agencyId);
    await bumpPortalRevision(trx);
  });
}
