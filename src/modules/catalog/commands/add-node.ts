/** Extends the catalogue: a new column (holds publications) or page (editable text) under a node. */
import { randomUUID } from 'node:crypto';
import { FieldErrors } from '../../../platform/errors.js';
import { type Input, readBool, readChoice, readText } from '../../../platform/validate.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import {
  buildTree,
  type CatalogNode,
  flattenTree,
  MAX_DEPTH,
  RESERVED_SLUGS,
  toCatalogNode,
} from '../catalog.js';
import { assertCanEditCatalog } from '../catalog.policy.js';
import { insertNodes, listNodes } from '../catalog.repository.js';
import type { CatalogNodeTable } from '../catalog.table.js';
import { nodeSnapshot } from './load.js';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const NAME_MAX = 30;
export const BODY_MAX = 20000;
const NEW_KINDS = ['column', 'page'] as const;

export async function addNode(ctx: CommandContext, agencyId: string, input: Input): Promise<CatalogNode> {
  const db = ctx.services.db;
  await assertCanEditCatalog(db, ctx.principal, agencyId);
  const nodes = (await listNodes(db, agencyId)).map(toCatalogNode);
  const depthOf = new Map(flattenTree(buildTree(nodes)).map((t) => [t.node.id, t.depth]));
  const fe = new FieldErrors();
  const parentId = readText(fe, input, 'parentId', '上级栏目', { max: 64 });
  const name = readText(fe, input, 'name', '栏目名称', { required: true, max: NAME_MAX });
  const slugRaw = readText(fe, input, 'slug', '栏目地址', {
    max: 40,
    pattern: SLUG_PATTERN,
    patternHint: '只能使用小写字母、数字和连字符，并以字母或数字开头（如 zdlyxxgk）',
  });
  const kind = readChoice(fe, input, 'kind', '栏目类型', NEW_KINDS);
  const holdsDocuments = kind === 'column' && readBool(input, 'holdsDocuments');
  const body = kind === 'page' ? readText(fe, input, 'body', '页面正文', { max: BODY_MAX }) : '';

  const parent = parentId ? nodes.find((n) => n.id === parentId) : null;
  if (parent === undefined) fe.add('parentId', '上级栏目不存在');
  else if (parent) {
    if (parent.status === 'retired') fe.add('parentId', `上级栏目“${parent.name}”已停用，请先恢复`);
    else if (parent.kind === 'guide' || parent.kind === 'page')
      fe.add('parentId', `“${parent.name}”是${parent.kind === 'guide' ? '指南' : '页面'}，不能添加下级栏目`);
    else if ((depthOf.get(parent.id) ?? 1) >= MAX_DEPTH)
      fe.add('parentId', `栏目最多${MAX_DEPTH}级，不能再在“${parent.name}”下添加`);
  }
  const siblings = nodes.filter((n) => n.parentId === (parent?.id ?? null));
  if (name && siblings.some((n) => n.name === name && n.status === 'active'))
    fe.add('name', `同一上级下已有名为“${name}”的栏目`);
  const prefix = parent ? `${parent.slugPath.join('/')}/` : '';
  const taken = new Map(nodes.map((n) => [n.slugPath.join('/'), n]));
  let slug = slugRaw;
  if (slug && !parent && (RESERVED_SLUGS as readonly string[]).includes(slug))
    fe.add('slug', `栏目地址“${slug}”是公开页面的保留地址，请换一个`);
  if (slug && taken.has(prefix + slug))
    fe.add('slug', `栏目地址“${slug}”已被“${taken.get(prefix + slug)!.name}”使用（含已停用栏目）`);
  if (!slug) {
    let i = siblings.length + 1;
    while (taken.has(`${prefix}lm${i}`)) i++;
    slug = `lm${i}`;
  }
  fe.throwIfAny();

  const now = ctx.services.clock.now().toISOString();
  const row: CatalogNodeTable = {
    id: randomUUID(),
    agency_id: agencyId,
    parent_id: parent?.id ?? null,
    slug,
    slug_path: prefix + slug,
    name,
    kind: kind!,
    statutory_item: null,
    template_key: null,
    holds_documents: holdsDocuments ? 1 : 0,
    body: kind === 'page' ? body : null,
    sort_order: Math.max(0, ...siblings.map((n) => n.sortOrder)) + 10,
    status: 'active',
    retired_reason: null,
    retired_at: null,
    created_at: now,
    updated_at: now,
  };
  const node = toCatalogNode(row);
  await db.transaction().execute(async (trx) => {
    await insertNodes(trx, [row]);
    await ctx.services.audit.record(trx, auditActor(ctx), {
      agencyId,
      action: 'catalog.add',
      targetType: 'catalogNode',
      targetId: row.id,
      after: { ...nodeSnapshot(node), parentId: row.parent_id },
    });
    await bumpPortalRevision(trx);
  });
  return node;
}
