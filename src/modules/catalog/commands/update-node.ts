/**
 * Renames a node, switches a column's 文号 display, or edits a page's text. Statutory and template
 * nodes may be renamed: their 条例 item and template key stay, so checks and reports still find them.
 * The address (slug) never changes, so published links keep working.
 */
import { diff } from '../../../platform/audit/audit.js';
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readBool, readText } from '../../../platform/validate.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { type CatalogNode, toCatalogNode } from '../catalog.js';
import { findNode, listNodes, updateNode } from '../catalog.repository.js';
import { BODY_MAX, NAME_MAX } from './add-node.js';
import { assertActive, editableNode } from './load.js';

export async function updateNodeDetails(
  ctx: CommandContext,
  nodeId: string,
  input: Input,
): Promise<CatalogNode> {
  const db = ctx.services.db;
  const node = await editableNode(ctx, nodeId);
  assertActive(node);
  const fe = new FieldErrors();
  const name = readText(fe, input, 'name', '栏目名称', { required: true, max: NAME_MAX });
  const holdsDocuments = node.kind === 'column' ? readBool(input, 'holdsDocuments') : node.holdsDocuments;
  const body = node.kind === 'page' ? readText(fe, input, 'body', '页面正文', { max: BODY_MAX }) : node.body;
  if (name && name !== node.name) {
    const siblings = (await listNodes(db, node.agencyId)).filter(
      (n) => n.parent_id === node.parentId && n.id !== node.id && n.status === 'active',
    );
    if (siblings.some((n) => n.name === name)) fe.add('name', `同一上级下已有名为“${name}”的栏目`);
  }
  fe.throwIfAny();
  const before = { name: node.name, holdsDocuments: node.holdsDocuments, body: node.body };
  const after = { name, holdsDocuments, body };
  const d = diff(before, after);
  if (Object.keys(d.after).length === 0) return node;
  await db.transaction().execute(async (trx) => {
    await updateNode(trx, nodeId, {
      name,
      holds_documents: holdsDocuments ? 1 : 0,
      body,
      updated_at: ctx.services.clock.now().toISOString(),
    });
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId: node.agencyId,
      action: name !== node.name ? 'catalog.rename' : 'catalog.update',
      targetType: 'catalogNode',
      targetId: nodeId,
      before: d.before,
      after: d.after,
    });
    await bumpPortalRevision(trx);
  });
  return toCatalogNode((await findNode(db, nodeId))!);
}
