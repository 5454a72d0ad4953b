/** Shared by the node commands: the node to change (after the policy check) and its audit snapshot. */
import { AppError } from '../../../platform/errors.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import { type CatalogNode, toCatalogNode } from '../catalog.js';
import { assertCanEditCatalog } from '../catalog.policy.js';
import { findNode } from '../catalog.repository.js';

export async function editableNode(ctx: CommandContext, nodeId: string): Promise<CatalogNode> {
  const row = await findNode(ctx.services.db, nodeId);
  if (!row) throw new AppError('not_found', '栏目不存在。');
  await assertCanEditCatalog(ctx.services.db, ctx.principal, row.agency_id);
  return toCatalogNode(row);
}

export function nodeSnapshot(n: CatalogNode) {
  return {
    name: n.name,
    slugPath: n.slugPath.join('/'),
    kind: n.kind,
    statutoryItem: n.statutoryItem,
    holdsDocuments: n.holdsDocuments,
    status: n.status,
  };
}

/** A retired node is kept as it was: restore it before changing it. */
export function assertActive(node: CatalogNode): void {
  if (node.status === 'retired') throw new AppError('refused', `“${node.name}”已停用。请先恢复，再作修改。`);
}
