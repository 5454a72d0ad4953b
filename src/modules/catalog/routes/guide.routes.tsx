/** The 指南 editor: read by the agency's staff and supervisors, saved by its 单位管理员. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { access } from '../../../platform/http/access.js';
import { sendPage } from '../../../platform/views/render.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { CATALOG_EDITORS, canEditCatalog } from '../catalog.policy.js';
import { findGuide } from '../catalog.repository.js';
import { saveGuide } from '../commands/save-guide.js';
import { emptyGuideFields, guideProblems, parseGuideFields } from '../guide.js';
import { GuidePage } from '../views/guide.views.js';
import {
  agencyRef,
  attempt,
  body,
  doneMessage,
  type Failed,
  failure,
  formValues,
  param,
  paramAgency,
} from './route-helpers.js';

async function showGuide(req: FastifyRequest, reply: FastifyReply, f?: Failed) {
  const agencyId = param(req, 'agencyId');
  const row = await findGuide(req.server.services.db, agencyId);
  const fields = row ? parseGuideFields(row.fields_json) : emptyGuideFields();
  const props = {
    agency: await agencyRef(req, agencyId),
    form: { values: f?.values ?? fields, errors: f?.error.fields ?? [] },
    problems: guideProblems(fields),
    canEdit: canEditCatalog(req.principal!, agencyId),
    updatedAt: row?.updated_at ?? null,
    message: f ? undefined : doneMessage(req),
    notice: failure(f).notice,
  };
  return sendPage(
    req,
    reply,
    { title: '政府信息公开指南', area: 'admin', status: f?.error.status },
    (ctx) => <GuidePage csrf={ctx.csrf} {...props} />,
  );
}

export async function catalogGuideRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const read = { config: { access: access.agency(paramAgency, 'read') }, schema: hide };
  const edit = { config: { access: access.agency(paramAgency, CATALOG_EDITORS) }, schema: hide };

  app.get('/admin/catalog/:agencyId/guide', read, async (req, reply) => showGuide(req, reply));
  app.post('/admin/catalog/:agencyId/guide', edit, async (req, reply) => {
    const agencyId = param(req, 'agencyId');
    const r = await attempt(() => saveGuide(commandContext(req), agencyId, body(req)));
    if (!r.ok) return showGuide(req, reply, { values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/catalog/${agencyId}/guide?done=guide`, 303);
  });
}
