/** Moves a node one place up or down among its siblings (buttons, no script needed). */
import { AppError } from '../../../platform/errors.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { siblingsOf, toCatalogNode } from '../catalog.js';
import { listNodes, updateNode } from '../catalog.repository.js';
import { editableNode } from './load.js';

export type Direction = 'up' | 'down';

export async function moveNode(ctx: CommandContext, nodeId: string, direction: unknown): Promise<void> {
  if (direction !== 'up' && direction !== 'down')
    throw AppError.validation([{ field: 'direction', message: '移动方向只能是上移或下移' }]);
  const db = ctx.services.db;
  const node = await editableNode(ctx, nodeId);
  const siblings = siblingsOf((await listNodes(db, node.agencyId)).map(toCatalogNode), node);
  const from = siblings.findIndex((n) => n.id === node.id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (to < 0 || to >= siblings.length)
    throw new AppError('refused', `“${node.name}”已经排在${direction === 'up' ? '最前' : '最后'}。`);
  const order = [...siblings];
  [order[from], order[to]] = [order[to]!, order[from]!];
  const now = ctx.services.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    // Renumber the whole sibling group (10, 20, …): equal or sparse numbers cannot make a move a no-op.
    for (const [i, n] of order.entries())
      if (n.sortOrder !== (i + 1) * 10)
        await updateNode(trx, n.id, { sort_order: (i + 1) * 10, updated_at: now });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: node.agencyId,
      action: 'catalog.reorder',
      targetType: 'catalogNode',
      targetId: node.id,
      before: { position: from + 1 },
      after: { position: to + 1, direction },
    });
    await bumpPortalRevision(trx);
  });
}
