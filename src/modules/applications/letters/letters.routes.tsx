/**
 * Letters in the back office:
 *   GET  /admin/applications/cases/:caseId/letters/:letterId/docx   a letter as Word (audited when it holds
 *        the applicant's personal data; only those who may view the applicant get such a letter)
 *   GET  /admin/applications/templates                              templates and letter settings of an agency
 *   GET  /admin/applications/templates/:key                         one template: edit, preview, placeholders
 *   POST /admin/applications/templates/:key                         save (intent=save) or preview (intent=preview)
 *   POST /admin/applications/templates/:key/reset                   back to the platform default
 *   GET  /admin/applications/templates/:key/preview.docx            the saved template with sample data, as Word
 *   POST /admin/applications/templates/settings                     复议机关, contact line, remedies per outcome
 *   POST /admin/applications/cases/:caseId/notifications/:notificationId/retry   a failed notification queued again
 * and, once the server listens, the applicant notification job (notify/outbox.ts) every minute.
 * Thin: parse, call one function, redirect (303) with a fixed message; a failed save re-renders with what
 * was typed and the Chinese field messages (400).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import {
  attempt,
  body,
  formValues,
  queryOrOwnAgency,
  queryText,
} from '../../../platform/http/form-helpers.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import { canAct, readableAgencies } from '../../accounts/accounts.policy.js';
import { findAgency, listAgencies } from '../../accounts/accounts.repository.js';
import { auditActor } from '../../accounts/commands/context.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { contentDisposition } from '../../portal/http-cache.js';
import { toCase, toLetter } from '../applications.js';
import { findCase, findLetter } from '../applications.repository.js';
import { mayViewApplicant } from '../commands/view-applicant.js';
import { retryNotification, runNotificationJobs } from '../notify/outbox.js';
import { providersFrom } from '../notify/providers.js';
import {
  getLetterSettings,
  getTemplate,
  type LetterSettings,
  listTemplates,
  resetTemplate,
  saveLetterSettings,
  saveTemplate,
} from './letter-store.js';
import {
  type AgencyRef,
  TemplateEditPage,
  TemplateListPage,
  templatesUrl,
  templateUrl,
} from './letters.views.js';
import { buildDocx, DOCX_CONTENT_TYPE, letterHasPersonalData, renderLetter } from './render.js';
import {
  checkTemplateText,
  fillTemplate,
  isTemplateKey,
  PLACEHOLDER_NAMES,
  PLACEHOLDERS,
  placeholdersFor,
  remedyKeyOf,
  type TemplateKey,
  templateLabel,
} from './templates.js';

type Req = FastifyRequest;
const EDITORS = ['agencyAdmin', 'officeHead'] as const;

const DONE: Record<string, string> = {
  saved: '已保存模板。此后生成的文书使用修改后的模板。',
  reset: '已恢复平台默认模板。',
  settings: '已保存文书设置。',
};
const doneMessage = (req: Req) => {
  const d = queryText(req, 'done');
  return Object.hasOwn(DONE, d) ? DONE[d] : undefined;
};

async function caseAgency(req: Req): Promise<string | null> {
  const row = await findCase(req.server.services.db, (req.params as { caseId: string }).caseId);
  return row?.agency_id ?? null;
}

async function agencyRef(req: Req, id: string): Promise<AgencyRef> {
  const row = await findAgency(req.server.services.db, id);
  if (!row) throw new AppError('not_found');
  return { id: row.id, name: row.name };
}

async function agencyChoices(req: Req): Promise<AgencyRef[] | null> {
  const p = req.principal!;
  if (!p.isPlatformAdmin && !p.roles.has('supervisor')) return null;
  const scope = await readableAgencies(req.server.services.db, p);
  const list = (await listAgencies(req.server.services.db))
    .filter((a) => scope === 'all' || scope.includes(a.id))
    .map((a) => ({ id: a.id, name: a.name }));
  return list.length > 1 ? list : null;
}

function keyOf(req: Req): TemplateKey {
  const key = (req.params as { key: string }).key;
  if (!isTemplateKey(key)) throw new AppError('not_found', '该文书模板不存在。');
  return key;
}

/** Sample values for the preview, with the agency's name and its remedies text for the key. */
function sampleValues(agency: AgencyRef, settings: LetterSettings, key: TemplateKey): Record<string, string> {
  const v: Record<string, string> = Object.fromEntries(
    PLACEHOLDER_NAMES.map((n) => [n, PLACEHOLDERS[n].sample]),
  );
  v.机关名称 = agency.name;
  if (settings.contactLine) v.联系电话 = settings.contactLine;
  if (settings.reconsiderationBody) v.复议机关 = settings.reconsiderationBody;
  if (key.startsWith('reply.')) {
    const outcome = key === 'reply.notOurs' ? 'unavailable.notHeld' : key.slice('reply.'.length);
    v.救济途径 = fillTemplate(settings.remedies[remedyKeyOf(outcome as never, key === 'reply.notOurs')], {
      复议机关: v.复议机关!,
      机关名称: agency.name,
    });
  }
  return v;
}

function preview(title: string, bodyText: string, values: Record<string, string>) {
  return {
    title: fillTemplate(title, values).trim(),
    paragraphs: fillTemplate(bodyText, values)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  };
}

async function showList(
  req: Req,
  reply: FastifyReply,
  agencyId: string,
  failed?: { values: Values; error: AppError },
) {
  const db = req.server.services.db;
  const [agency, templates, settings, choices] = await Promise.all([
    agencyRef(req, agencyId),
    listTemplates(db, agencyId),
    getLetterSettings(db, agencyId),
    agencyChoices(req),
  ]);
  return sendPage(
    req,
    reply,
    { title: '文书模板与文书设置', area: 'admin', status: failed?.error.status },
    (ctx) => (
      <TemplateListPage
        agency={agency}
        choices={choices}
        templates={templates}
        settings={settings}
        csrf={ctx.csrf}
        canEdit={canAct(req.principal!, agencyId, EDITORS)}
        message={doneMessage(req)}
        settingsForm={failed}
      />
    ),
  );
}

async function showTemplate(
  req: Req,
  reply: FastifyReply,
  agencyId: string,
  key: TemplateKey,
  typed?: { values: Values; error?: AppError },
) {
  const db = req.server.services.db;
  const [agency, template, settings] = await Promise.all([
    agencyRef(req, agencyId),
    getTemplate(db, agencyId, key),
    getLetterSettings(db, agencyId),
  ]);
  const values = typed?.values ?? { title: template.title, body: template.body };
  const title = typeof values.title === 'string' ? values.title : '';
  const bodyText = typeof values.body === 'string' ? values.body : '';
  // A preview only of text whose placeholders are valid (an unknown one would silently vanish).
  const valid =
    checkTemplateText(key, 'title', '', title).length === 0 &&
    checkTemplateText(key, 'body', '', bodyText).length === 0;
  return sendPage(
    req,
    reply,
    { title: `文书模板：${templateLabel(key)}`, area: 'admin', status: typed?.error?.status },
    (ctx) => (
      <TemplateEditPage
        agency={agency}
        template={template}
        placeholders={placeholdersFor(key)}
        values={values}
        csrf={ctx.csrf}
        canEdit={canAct(req.principal!, agencyId, EDITORS)}
        preview={valid ? preview(title, bodyText, sampleValues(agency, settings, key)) : null}
        error={typed?.error}
        message={doneMessage(req)}
      />
    ),
  );
}

/** How often the notification job runs once the server listens. */
export const NOTIFY_EVERY_MS = 60_000;

/** The notification job, started when the server listens (never under app.inject in tests). */
function scheduleNotifications(app: FastifyInstance) {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  app.addHook('onListen', async () => {
    const { providers, problems } = providersFrom(process.env, app.services.config.mode, (entry) => {
      const { msg, ...fields } = entry;
      app.log.info(fields, msg ?? 'notification');
    });
    for (const problem of problems) app.log.warn({ problem }, 'notification settings');
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await runNotificationJobs(app.services, providers);
      } catch (err) {
        // The error's name only: a message could quote data.
        app.log.error({ errName: (err as Error)?.name }, 'applicant notification job failed');
      } finally {
        running = false;
      }
    };
    timer = setInterval(tick, NOTIFY_EVERY_MS);
    timer.unref();
    // Once at start too: what was queued before a restart goes out without waiting a minute.
    setImmediate(tick);
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    // Let a run in progress finish before the database closes.
    while (running) await new Promise((r) => setTimeout(r, 20));
  });
}

export async function applicationsLettersRoutes(app: FastifyInstance) {
  scheduleNotifications(app);
  const hide = { hide: true };
  const readCase = { config: { access: access.agency(caseAgency, 'read') }, schema: hide };
  const readAgency = { config: { access: access.agency(queryOrOwnAgency, 'read') }, schema: hide };
  const editAgency = { config: { access: access.agency(queryOrOwnAgency, EDITORS) }, schema: hide };

  app.get('/admin/applications/cases/:caseId/letters/:letterId/docx', readCase, async (req, reply) => {
    const { caseId, letterId } = req.params as { caseId: string; letterId: string };
    const ctx = commandContext(req);
    const [caseRow, letterRow] = await Promise.all([
      findCase(ctx.services.db, caseId),
      findLetter(ctx.services.db, letterId),
    ]);
    if (!caseRow || !letterRow || letterRow.case_id !== caseId)
      throw new AppError('not_found', '该文书不存在。');
    const c = toCase(caseRow);
    const letter = toLetter(letterRow);
    const personal = letterHasPersonalData(letter.kind);
    if (personal && !(await mayViewApplicant(ctx, c)))
      throw new AppError(
        'forbidden',
        '该文书含有申请人信息，只有本申请的承办人、公开办负责人、审签领导和主管部门可以下载。',
      );
    const doc = await renderLetter(ctx.services, caseId, letterId);
    if (doc.containsPersonalData)
      await ctx.services.db.transaction().execute(async (trx) => {
        await ctx.services.audit.record(trx, auditActor(ctx), {
          agencyId: c.agencyId,
          action: 'application.letter_download',
          targetType: 'application',
          targetId: c.id,
          after: {
            trackingNo: c.trackingNo,
            letterId: letter.id,
            kind: letter.kind,
            letterNo: letter.number,
          },
        });
      });
    return reply
      .header('content-type', doc.contentType)
      .header('content-disposition', contentDisposition(doc.fileName))
      .header('cache-control', 'private, no-store')
      .send(doc.bytes);
  });

  const handleCase = {
    config: { access: access.agency(caseAgency, ['caseHandler', 'officeHead']) },
    schema: hide,
  };
  app.post(
    '/admin/applications/cases/:caseId/notifications/:notificationId/retry',
    handleCase,
    async (req, reply) => {
      const { caseId, notificationId } = req.params as { caseId: string; notificationId: string };
      const ctx = commandContext(req);
      const ok = await retryNotification(ctx.services, caseId, notificationId);
      if (!ok) throw new AppError('not_found', '没有可以重新发送的该条通知。');
      await ctx.services.db.transaction().execute(async (trx) => {
        await ctx.services.audit.record(trx, auditActor(ctx), {
          agencyId: req.targetAgencyId ?? null,
          action: 'application.notification_retry',
          targetType: 'application',
          targetId: caseId,
          after: { notificationId },
        });
      });
      return reply.redirect(`/admin/applications/cases/${encodeURIComponent(caseId)}#notifications`, 303);
    },
  );

  app.get('/admin/applications/templates', readAgency, async (req, reply) =>
    showList(req, reply, (await queryOrOwnAgency(req))!),
  );

  app.post('/admin/applications/templates/settings', editAgency, async (req, reply) => {
    const agencyId = (await queryOrOwnAgency(req))!;
    const r = await attempt(() => saveLetterSettings(commandContext(req), agencyId, body(req)));
    if (!r.ok) return showList(req, reply, agencyId, { values: formValues(body(req)), error: r.error });
    return reply.redirect(`${templatesUrl(agencyId)}&done=settings#settings`, 303);
  });

  app.get('/admin/applications/templates/:key', readAgency, async (req, reply) =>
    showTemplate(req, reply, (await queryOrOwnAgency(req))!, keyOf(req)),
  );

  app.post('/admin/applications/templates/:key', editAgency, async (req, reply) => {
    const agencyId = (await queryOrOwnAgency(req))!;
    const key = keyOf(req);
    const input = body(req);
    const values = formValues(input);
    if (input.intent === 'preview') {
      const errors = [
        ...checkTemplateText(key, 'title', '文书标题', String(input.title ?? '')),
        ...checkTemplateText(key, 'body', '文书正文', String(input.body ?? '')),
      ];
      return showTemplate(req, reply, agencyId, key, {
        values,
        ...(errors.length ? { error: AppError.validation(errors) } : {}),
      });
    }
    const r = await attempt(() => saveTemplate(commandContext(req), agencyId, key, input));
    if (!r.ok) return showTemplate(req, reply, agencyId, key, { values, error: r.error });
    return reply.redirect(`${templateUrl(agencyId, key)}&done=saved`, 303);
  });

  app.post('/admin/applications/templates/:key/reset', editAgency, async (req, reply) => {
    const agencyId = (await queryOrOwnAgency(req))!;
    const key = keyOf(req);
    await resetTemplate(commandContext(req), agencyId, key);
    return reply.redirect(`${templateUrl(agencyId, key)}&done=reset`, 303);
  });

  app.get('/admin/applications/templates/:key/preview.docx', readAgency, async (req, reply) => {
    const agencyId = (await queryOrOwnAgency(req))!;
    const key = keyOf(req);
    const db = req.server.services.db;
    const [agency, template, settings] = await Promise.all([
      agencyRef(req, agencyId),
      getTemplate(db, agencyId, key),
      getLetterSettings(db, agencyId),
    ]);
    const values = sampleValues(agency, settings, key);
    const p = preview(template.title, template.body, values);
    const bytes = await buildDocx({
      title: p.title,
      number: values.文号!,
      draft: false,
      paragraphs: p.paragraphs,
      signature: agency.name,
      date: values.日期!,
    });
    return reply
      .header('content-type', DOCX_CONTENT_TYPE)
      .header('content-disposition', contentDisposition(`模板预览-${key}.docx`))
      .header('cache-control', 'private, no-store')
      .send(bytes);
  });
}
