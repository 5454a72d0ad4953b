/**
 * Back-office pages of the catalogue tree: view (staff of the agency, supervisors, platform admin),
 * and for the agency's 单位管理员: build the default tree, add, edit, move, retire, restore.
 * Thin: parse, call one command, render; a failed submission re-renders with what was typed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { sendPage } from '../../../platform/views/render.js';
import { readableAgencies } from '../../accounts/accounts.policy.js';
import { listAgencies } from '../../accounts/accounts.repository.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { buildTree, flattenTree, MAX_DEPTH, toCatalogNode } from '../catalog.js';
import { CATALOG_EDITORS, canEditCatalog } from '../catalog.policy.js';
import { findGuide, listNodes } from '../catalog.repository.js';
import { addNode } from '../commands/add-node.js';
import { createDefaultCatalog } from '../commands/create-default-catalog.js';
import { moveNode } from '../commands/move-node.js';
import { restoreNode, retireNode } from '../commands/retire-node.js';
import { updateNodeDetails } from '../commands/update-node.js';
import { guideProblems, parseGuideFields } from '../guide.js';
import { CatalogTreePage, NewNodePage, NodePage } from '../views/catalog.views.js';
import type { AgencyRef } from '../views/shared.views.js';
import {
  agencyOfNode,
  agencyRef,
  attempt,
  body,
  doneMessage,
  type Failed,
  failure,
  formValues,
  param,
  paramAgency,
  queryOrOwnAgency,
  queryText,
} from './route-helpers.js';

type Req = FastifyRequest;

async function tree(req: Req, agencyId: string) {
  return buildTree((await listNodes(req.server.services.db, agencyId)).map(toCatalogNode));
}

/** Other agencies the viewer may look at (supervisors, platform admin); null when just their own. */
async function agencyChoices(req: Req): Promise<AgencyRef[] | null> {
  const p = req.principal!;
  if (!p.isPlatformAdmin && !p.roles.has('supervisor')) return null;
  const scope = await readableAgencies(req.server.services.db, p);
  const all = await listAgencies(req.server.services.db);
  const list = all
    .filter((a) => scope === 'all' || scope.includes(a.id))
    .map((a) => ({ id: a.id, name: a.name, code: a.code }));
  return list.length > 1 ? list : null;
}

async function showTree(req: Req, reply: FastifyReply, agencyId: string, f?: Failed) {
  const agency = await agencyRef(req, agencyId);
  const guide = await findGuide(req.server.services.db, agencyId);
  const problems = guide ? guideProblems(parseGuideFields(guide.fields_json)) : [];
  const props = {
    agency,
    tree: await tree(req, agencyId),
    canEdit: canEditCatalog(req.principal!, agencyId),
    choices: await agencyChoices(req),
    guideProblems: problems,
    message: f ? undefined : doneMessage(req),
    notice: failure(f).notice,
  };
  return sendPage(
    req,
    reply,
    { title: '政府信息公开目录', area: 'admin', status: f?.error.status },
    (ctx) => <CatalogTreePage csrf={ctx.csrf} {...props} />,
  );
}

async function showNode(req: Req, reply: FastifyReply, f?: Failed<'edit' | 'retire'>) {
  const id = param(req, 'nodeId');
  const agencyId = (await agencyOfNode(req))!;
  const entries = flattenTree(await tree(req, agencyId));
  const entry = entries.find((t) => t.node.id === id);
  if (!entry) throw new AppError('not_found');
  const node = entry.node;
  const parent = entries.find((t) => t.node.id === node.parentId)?.node ?? null;
  const current = {
    name: node.name,
    holdsDocuments: node.holdsDocuments ? '1' : '',
    body: node.body ?? '',
  };
  const state = (form: 'edit' | 'retire', initial: Record<string, string>) =>
    f && f.form === form
      ? { values: f.values ?? initial, errors: f.error.fields }
      : { values: initial, errors: [] };
  const props = {
    agency: await agencyRef(req, agencyId),
    node,
    parent,
    hidden: entry.hidden,
    canEdit: canEditCatalog(req.principal!, agencyId),
    edit: state('edit', current),
    retire: state('retire', {}),
    message: f ? undefined : doneMessage(req),
    notice: failure(f).notice,
  };
  return sendPage(req, reply, { title: node.name, area: 'admin', status: f?.error.status }, (ctx) => (
    <NodePage csrf={ctx.csrf} {...props} />
  ));
}

async function showNewNode(req: Req, reply: FastifyReply, f?: Failed) {
  const agencyId = param(req, 'agencyId');
  const parents = flattenTree(await tree(req, agencyId)).filter(
    (t) => (t.node.kind === 'section' || t.node.kind === 'column') && !t.hidden && t.depth < MAX_DEPTH,
  );
  const props = {
    agency: await agencyRef(req, agencyId),
    parents,
    form: {
      values: f?.values ?? { parentId: queryText(req, 'parentId'), kind: 'column' },
      errors: f?.error.fields ?? [],
    },
    notice: failure(f).notice,
  };
  return sendPage(req, reply, { title: '添加栏目', area: 'admin', status: f?.error.status }, (ctx) => (
    <NewNodePage csrf={ctx.csrf} {...props} />
  ));
}

const treeUrl = (agencyId: string, done: string, nodeId?: string) =>
  `/admin/catalog?agencyId=${agencyId}&done=${done}${nodeId ? `#n-${nodeId}` : ''}`;

export async function catalogTreeRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const readOwnOrPicked = { config: { access: access.agency(queryOrOwnAgency, 'read') }, schema: hide };
  const editAgency = { config: { access: access.agency(paramAgency, CATALOG_EDITORS) }, schema: hide };
  const readNode = { config: { access: access.agency(agencyOfNode, 'read') }, schema: hide };
  const editNode = { config: { access: access.agency(agencyOfNode, CATALOG_EDITORS) }, schema: hide };

  app.get('/admin/catalog', readOwnOrPicked, async (req, reply) =>
    showTree(req, reply, (await queryOrOwnAgency(req))!),
  );

  app.post('/admin/catalog/:agencyId/default', editAgency, async (req, reply) => {
    const agencyId = param(req, 'agencyId');
    const r = await attempt(() => createDefaultCatalog(commandContext(req), agencyId));
    if (!r.ok) return showTree(req, reply, agencyId, { error: r.error });
    return reply.redirect(treeUrl(agencyId, 'created'), 303);
  });

  app.get('/admin/catalog/:agencyId/nodes/new', editAgency, async (req, reply) => showNewNode(req, reply));
  app.post('/admin/catalog/:agencyId/nodes', editAgency, async (req, reply) => {
    const agencyId = param(req, 'agencyId');
    const r = await attempt(() => addNode(commandContext(req), agencyId, body(req)));
    if (!r.ok) return showNewNode(req, reply, { values: formValues(body(req)), error: r.error });
    return reply.redirect(treeUrl(agencyId, 'added', r.value.id), 303);
  });

  app.get('/admin/catalog/nodes/:nodeId', readNode, async (req, reply) => showNode(req, reply));
  app.post('/admin/catalog/nodes/:nodeId', editNode, async (req, reply) => {
    const id = param(req, 'nodeId');
    const r = await attempt(() => updateNodeDetails(commandContext(req), id, body(req)));
    if (!r.ok) return showNode(req, reply, { form: 'edit', values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/catalog/nodes/${id}?done=updated`, 303);
  });
  app.post('/admin/catalog/nodes/:nodeId/move', editNode, async (req, reply) => {
    const id = param(req, 'nodeId');
    const agencyId = (await agencyOfNode(req))!;
    const r = await attempt(() => moveNode(commandContext(req), id, body(req).direction));
    if (!r.ok) return showTree(req, reply, agencyId, { error: r.error });
    return reply.redirect(treeUrl(agencyId, 'moved', id), 303);
  });
  app.post('/admin/catalog/nodes/:nodeId/retire', editNode, async (req, reply) => {
    const id = param(req, 'nodeId');
    const r = await attempt(() => retireNode(commandContext(req), id, body(req)));
    if (!r.ok) return showNode(req, reply, { form: 'retire', values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/catalog/nodes/${id}?done=retired`, 303);
  });
  app.post('/admin/catalog/nodes/:nodeId/restore', editNode, async (req, reply) => {
    const id = param(req, 'nodeId');
    const r = await attempt(() => restoreNode(commandContext(req), id));
    if (!r.ok) return showNode(req, reply, { error: r.error });
    return reply.redirect(`/admin/catalog/nodes/${id}?done=restored`, 303);
  });
}
