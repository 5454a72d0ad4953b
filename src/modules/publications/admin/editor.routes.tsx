/**
 * The editor form: a new draft (GET/POST /admin/publications/new, /admin/publications) and changes to a
 * draft (GET/POST /admin/publications/:publicationId/edit). Thin: parse, call one command, render; a
 * failed submission re-renders the form with what was typed and every error (400).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import {
  acceptsPublications,
  buildTree,
  flattenTree,
  NODE_KIND_LABELS,
  toCatalogNode,
} from '../../catalog/catalog.js';
import { listNodes } from '../../catalog/catalog.repository.js';
import { createPublication } from '../commands/create-publication.js';
import { loadPublication, reviewContext } from '../commands/load.js';
import { updatePublication } from '../commands/update-publication.js';
import type { Publication } from '../publications.js';
import { failureReasons } from '../publications.policy.js';
import { publicationAgency, publicationId } from '../routes/route-helpers.js';
import {
  agencyRef,
  attempt,
  body,
  type Failed,
  formValues,
  queryOrOwnAgency,
  type Req,
} from './admin-helpers.js';
import { EditorPage } from './views/editor.views.js';
import type { Option } from './views/shared.views.js';

/**
 * The agency's catalogue as select options, indented by depth. Only active columns can be chosen; a
 * retired one is listed when it is the current value (`current`) or for filtering (`retired`).
 */
export async function columnOptions(
  req: Req,
  agencyId: string,
  opts: { current?: string | null; retired?: boolean } = {},
): Promise<Option[]> {
  const nodes = (await listNodes(req.server.services.db, agencyId)).map(toCatalogNode);
  const entries = flattenTree(buildTree(nodes)).filter(
    (t) => !t.hidden || t.node.id === opts.current || (opts.retired && t.node.kind === 'column'),
  );
  return entries.map((t) => {
    const ok = acceptsPublications(t.node) && !t.hidden;
    const note = t.hidden ? '（已停用）' : ok ? '' : `（${NODE_KIND_LABELS[t.node.kind]}）`;
    return {
      value: t.node.id,
      label: `${'\u3000'.repeat(t.depth - 1)}${t.node.name}${note}`,
      disabled: !ok && t.node.id !== opts.current && !(opts.retired && t.node.kind === 'column'),
    };
  });
}

/** The form's values for an existing draft. */
export function editorValues(p: Publication): Values {
  const s = (v: string | number | null) => (v === null ? '' : String(v));
  return {
    title: p.title,
    columnId: s(p.columnId),
    body: p.bodySource,
    bodyFormat: p.bodyFormat,
    summary: p.summary,
    keywords: p.keywords.join('，'),
    docNoPrefix: s(p.docNoPrefix),
    docNoYear: s(p.docNoYear),
    docNoNumber: s(p.docNoNumber),
    writtenOn: s(p.writtenOn),
    formedOn: s(p.formedOn),
    publisherName: p.publisherName,
    topic: s(p.topic),
    genre: s(p.genre),
    validity: s(p.validity),
    disclosureAttribute: p.disclosureAttribute,
    withholdGround: s(p.withholdGround),
    withholdReason: s(p.withholdReason),
  };
}

async function showNew(req: Req, reply: FastifyReply, agencyId: string, f?: Failed) {
  const agency = await agencyRef(req, agencyId);
  const values = f?.values ?? {
    publisherName: agency.name,
    bodyFormat: 'markdown',
    disclosureAttribute: 'proactive',
  };
  const columns = await columnOptions(req, agencyId, {
    current: typeof values.columnId === 'string' ? values.columnId : null,
  });
  return sendPage(
    req,
    reply,
    { title: '新建主动公开信息', area: 'admin', status: f?.error.status },
    (ctx) => (
      <EditorPage
        csrf={ctx.csrf}
        agency={agency}
        columns={columns}
        form={{ values, errors: f?.error.fields ?? [] }}
        notice={f && f.error.fields.length === 0 ? f.error.message : undefined}
      />
    ),
  );
}

async function showEdit(req: Req, reply: FastifyReply, f?: Failed) {
  const ctx = commandContext(req);
  const pub = await loadPublication(ctx, publicationId(req));
  const agency = await agencyRef(req, pub.agencyId);
  const reasons = failureReasons('edit', pub, ctx.principal, await reviewContext(ctx.services, pub));
  if (reasons.length > 0 && !f)
    throw new AppError(
      'refused',
      `不能编辑：${reasons.join('；')}`,
      reasons.map((message) => ({ field: 'edit', message })),
    );
  const values = f?.values ?? editorValues(pub);
  const columns = await columnOptions(req, pub.agencyId, {
    current: typeof values.columnId === 'string' ? values.columnId : null,
  });
  const notice =
    f && (f.error.code !== 'validation_failed' || f.error.fields.length === 0) ? f.error.message : undefined;
  return sendPage(
    req,
    reply,
    { title: `编辑：${pub.title || '草稿'}`, area: 'admin', status: f?.error.status },
    (c) => (
      <EditorPage
        csrf={c.csrf}
        agency={agency}
        publicationId={pub.id}
        columns={columns}
        form={{ values, errors: f?.error.code === 'validation_failed' ? f.error.fields : [] }}
        notice={notice}
      />
    ),
  );
}

export async function editorAdminRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const editorOfAgency = { config: { access: access.agency(queryOrOwnAgency, ['editor']) }, schema: hide };
  const editorOfItem = { config: { access: access.agency(publicationAgency, ['editor']) }, schema: hide };

  app.get('/admin/publications/new', editorOfAgency, async (req, reply) =>
    showNew(req, reply, (await queryOrOwnAgency(req))!),
  );
  app.post('/admin/publications', editorOfAgency, async (req, reply) => {
    const agencyId = (await queryOrOwnAgency(req))!;
    const r = await attempt(() => createPublication(commandContext(req), agencyId, body(req)));
    if (!r.ok) return showNew(req, reply, agencyId, { values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/publications/${r.value.id}?done=created`, 303);
  });

  app.get('/admin/publications/:publicationId/edit', editorOfItem, async (req, reply) =>
    showEdit(req, reply),
  );
  app.post('/admin/publications/:publicationId/edit', editorOfItem, async (req, reply) => {
    const id = publicationId(req);
    const r = await attempt(() => updatePublication(commandContext(req), id, body(req)));
    if (!r.ok) return showEdit(req, reply, { values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/publications/${id}?done=saved`, 303);
  });
}
