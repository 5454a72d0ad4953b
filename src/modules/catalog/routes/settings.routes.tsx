/**
 * Disclosure settings: read by the agency's staff and supervisors, saved by its 单位管理员.
 * “预览索引号” re-renders the typed form with the example of the typed pattern, saving nothing.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { chinaToday } from '../../../platform/legal-date.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { CATALOG_EDITORS, canEditCatalog } from '../catalog.policy.js';
import { findGuide } from '../catalog.repository.js';
import { saveDisclosureSettings } from '../commands/save-settings.js';
import { guideContacts, parseGuideFields } from '../guide.js';
import { DEFAULT_INDEX_NO_PATTERN, formatIndexNo, validateIndexNoPattern } from '../index-no.js';
import { getDisclosureSettings } from '../settings.repository.js';
import { SettingsPage } from '../views/settings.views.js';
import {
  agencyRef,
  attempt,
  body,
  doneMessage,
  failure,
  formValues,
  param,
  paramAgency,
} from './route-helpers.js';

type Req = FastifyRequest;

/** The 索引号 the pattern gives this agency's 12th item of the current year; null if the pattern is unusable. */
function exampleOf(req: Req, pattern: string, code: string): string | null {
  const p = pattern.trim() || DEFAULT_INDEX_NO_PATTERN;
  if (validateIndexNoPattern(p).length > 0) return null;
  const today = chinaToday(req.server.services.clock.now());
  return formatIndexNo(p, {
    code,
    year: Number(today.slice(0, 4)),
    month: Number(today.slice(5, 7)),
    serial: 12,
  });
}

/** A submission shown again: a failed save, or a preview (which may carry the pattern's problems). */
type Shown = { values: Values; error?: AppError | undefined; preview?: boolean };

async function showSettings(req: Req, reply: FastifyReply, f?: Shown) {
  const db = req.server.services.db;
  const agencyId = param(req, 'agencyId');
  const agency = await agencyRef(req, agencyId);
  const s = await getDisclosureSettings(db, agencyId);
  const guide = await findGuide(db, agencyId);
  const current: Values = {
    indexNoPattern: s.indexNoPattern ?? '',
    sensitiveWords: s.sensitiveWords.join('\n'),
    extraContacts: s.extraContacts.join('\n'),
    workflowSteps: s.workflowSteps,
    withheldReviewMonths: String(s.withheldReviewMonths),
  };
  const values = f?.values ?? current;
  const pattern = typeof values.indexNoPattern === 'string' ? values.indexNoPattern : '';
  const props = {
    agency,
    form: { values, errors: f?.error?.fields ?? [] },
    example: exampleOf(req, pattern, agency.code),
    guideContacts: guide ? guideContacts(parseGuideFields(guide.fields_json)) : [],
    canEdit: canEditCatalog(req.principal!, agencyId),
    message: f ? undefined : doneMessage(req),
    notice: f?.error ? failure({ error: f.error }).notice : undefined,
  };
  const status = f?.preview ? 200 : f?.error?.status;
  return sendPage(req, reply, { title: '公开设置', area: 'admin', status }, (ctx) => (
    <SettingsPage csrf={ctx.csrf} {...props} />
  ));
}

export async function catalogSettingsRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const read = { config: { access: access.agency(paramAgency, 'read') }, schema: hide };
  const edit = { config: { access: access.agency(paramAgency, CATALOG_EDITORS) }, schema: hide };

  app.get('/admin/catalog/:agencyId/settings', read, async (req, reply) => showSettings(req, reply));
  app.post('/admin/catalog/:agencyId/settings', edit, async (req, reply) => {
    const agencyId = param(req, 'agencyId');
    const input = body(req);
    if (input.action === 'preview') {
      const pattern = typeof input.indexNoPattern === 'string' ? input.indexNoPattern.trim() : '';
      const fields = pattern
        ? validateIndexNoPattern(pattern).map((message) => ({ field: 'indexNoPattern', message }))
        : [];
      const error = fields.length ? AppError.validation(fields) : undefined;
      return showSettings(req, reply, { values: formValues(input), error, preview: true });
    }
    const r = await attempt(() => saveDisclosureSettings(commandContext(req), agencyId, input));
    if (!r.ok) return showSettings(req, reply, { values: formValues(input), error: r.error });
    return reply.redirect(`/admin/catalog/${agencyId}/settings?done=settings`, 303);
  });
}
