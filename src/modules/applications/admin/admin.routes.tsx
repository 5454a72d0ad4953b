/**
 * Back-office pages of the cases: the work views (GET /admin/applications), the case page
 * (GET /admin/applications/cases/:caseId) with the audited applicant view and every action posted from it,
 * and the registration of the other channels (GET/POST /admin/applications/new). Thin: parse, call one
 * command, redirect (303) with a fixed message; a failed submission re-renders the page with the typed values
 * and the field messages (400) or the policy's reasons (422), as the publications back office does.
 */
import { randomUUID } from 'node:crypto';
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import type { Role } from '../../accounts/accounts.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import {
  APPLICATION_FILE_MAX_BYTES,
  APPLICATION_MAX_TOTAL_BYTES,
  type AttachmentPurpose,
  type Upload,
} from '../attachments.js';
import { type OutcomeCode, outcomeInfo } from '../codes.js';
import { forwardCase } from '../commands/not-ours.js';
import { registerOffline } from '../commands/register-offline.js';
import { viewApplicant } from '../commands/view-applicant.js';
import { draftPublicationFromCase } from '../intake/publish-from-case.js';
import { formatLegalRefs } from '../legal-refs.js';
import type { ApplicantData } from '../personal.js';
import { REPLY_OUTCOMES } from '../workflow.js';
import { CASE_ACTIONS, type FileInputSpec, rolesOf } from './actions.js';
import {
  agencyChoices,
  agencyRef,
  assertMayViewCases,
  attempt,
  body,
  caseAgency,
  caseIdOf,
  caseUrl,
  doneMessage,
  type Failed,
  formValues,
  mayViewCases,
  prefixFields,
  queryOrOwnAgency,
  queryText,
  type Req,
  unprefix,
} from './admin-helpers.js';
import { type CaseView, loadCaseView } from './case-page.js';
import { CasePage } from './views/case.views.js';
import { ListPage } from './views/list.views.js';
import { RegisteredPage, RegisterPage } from './views/register.views.js';
import { casesOfView, handlersOf, viewsFor, type WorkView } from './work-views.js';

export const PAGE_SIZE = 20;
const HANDLING = ['caseHandler', 'officeHead'] as const;

async function showList(req: Req, reply: FastifyReply) {
  const p = req.principal!;
  const agencyId = (await queryOrOwnAgency(req))!;
  await assertMayViewCases(req, agencyId);
  const ctx = commandContext(req);
  const views = viewsFor(p, agencyId);
  const asked = queryText(req, 'view') as WorkView;
  const current = views.includes(asked) ? asked : views.includes('mine') ? 'mine' : 'open';
  const handler = queryText(req, 'handler').slice(0, 64);
  const all = await casesOfView(ctx, agencyId, current, handler);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(queryText(req, 'page'), 10) || 1));
  const rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const agency = await agencyRef(req, agencyId);
  const choices = await agencyChoices(req);
  const handlers = current === 'handler' ? await handlersOf(ctx, agencyId) : [];
  return sendPage(req, reply, { title: '依申请公开', area: 'admin' }, () => (
    <ListPage
      agency={agency}
      choices={choices}
      views={views}
      current={current}
      handler={handler}
      handlers={handlers}
      rows={rows}
      total={all.length}
      page={page}
      pageSize={PAGE_SIZE}
      canRegister={p.agencyId === agencyId && HANDLING.some((r) => p.roles.has(r))}
      message={doneMessage(req)}
    />
  ));
}

/** The reply form's starting values: the outcome asked for (?replyOutcome=) or the draft's, its basis, the draft's text. */
function replyDefaults(req: Req, view: CaseView): Values {
  const asked = queryText(req, 'replyOutcome') as OutcomeCode;
  const draft = view.lc.facts.reply;
  const outcome = REPLY_OUTCOMES.includes(asked) ? asked : (draft?.outcome ?? null);
  if (!outcome) return {};
  const keepDraft = draft && draft.outcome === outcome;
  return {
    'reply-outcome': outcome,
    'reply-legalBasis':
      keepDraft && draft.legalBasis ? draft.legalBasis : formatLegalRefs(outcomeInfo(outcome).basis),
    'reply-text': keepDraft && typeof draft.content.text === 'string' ? draft.content.text : '',
  };
}

async function showCase(
  req: Req,
  reply: FastifyReply,
  f?: Failed,
  extra: { applicant?: ApplicantData; forwarded?: { trackingNo: string; queryCode: string } } = {},
) {
  const ctx = commandContext(req);
  const id = caseIdOf(req);
  const pages = Number.parseInt(queryText(req, 'feePages'), 10);
  const view = await loadCaseView(ctx, id, {
    feePages: Number.isFinite(pages) && pages > 0 && pages <= 1_000_000 ? pages : null,
  });
  await assertMayViewCases(req, view.case.agencyId);
  return sendPage(
    req,
    reply,
    { title: `申请 ${view.case.trackingNo}`, area: 'admin', status: f?.error.status },
    (c) => (
      <CasePage
        csrf={c.csrf}
        view={view}
        message={f ? undefined : doneMessage(req)}
        error={f?.error}
        values={f?.values ?? replyDefaults(req, view)}
        applicant={extra.applicant ?? null}
        forwarded={extra.forwarded ?? null}
      />
    ),
  );
}

function newKey(): string {
  return `reg-${randomUUID()}`;
}

export async function applicationsAdminRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const onCase = (need: Parameters<typeof access.agency>[1]) => ({
    config: { access: access.agency(caseAgency, need) },
    schema: hide,
  });

  app.get(
    '/admin/applications',
    { config: { access: access.agency(queryOrOwnAgency, 'read') }, schema: hide },
    async (req, reply) => showList(req, reply),
  );

  app.get('/admin/applications/cases/:caseId', onCase('read'), async (req, reply) => showCase(req, reply));

  // Opening the applicant's data writes an audit event: a POST, answered with the page itself (no URL holds it).
  app.post('/admin/applications/cases/:caseId/applicant', onCase('read'), async (req, reply) => {
    const ctx = commandContext(req);
    const id = caseIdOf(req);
    const agencyId = (await caseAgency(req))!;
    await assertMayViewCases(req, agencyId);
    const applicant = await viewApplicant(ctx, id);
    return showCase(req, reply, undefined, { applicant });
  });

  // Its own context: the multipart reader applies to these forms only (registration, correction with files).
  await app.register(formRoutes);
}

/** What the multipart reader leaves in the body for a file field. */
interface FilePart {
  fileName: string;
  bytes: Buffer;
  tooLarge: boolean;
}

const FILE_FIELDS: readonly FileInputSpec[] = [
  { field: 'identityFile', purpose: 'identity' },
  { field: 'authorizationFile', purpose: 'authorization' },
  { field: 'supportingFile', purpose: 'supporting' },
];

const fieldOfPurpose = (purpose: AttachmentPurpose | undefined) =>
  FILE_FIELDS.find((f) => f.purpose === purpose)?.field ?? 'attachments';

/** The files chosen on the form (an empty file input sends an empty part: skipped). */
function uploadsOf(input: Record<string, unknown>, fields: readonly FileInputSpec[]): Upload[] {
  const out: Upload[] = [];
  for (const { field, purpose } of fields) {
    const part = input[field] as FilePart | undefined;
    if (!part || typeof part !== 'object' || !('bytes' in part)) continue;
    if (part.bytes.length === 0 && !part.fileName) continue;
    if (part.tooLarge)
      throw AppError.validation([
        {
          field,
          message: `附件“${part.fileName}”超过${APPLICATION_FILE_MAX_BYTES / 1024 / 1024} MB，不能上传`,
        },
      ]);
    out.push({ fileName: part.fileName, bytes: part.bytes, purpose });
  }
  return out;
}

async function formRoutes(app: FastifyInstance) {
  await app.register(multipart, {
    // Fields (the CSRF token among them) and the files are read into the body before the preHandler.
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: { fileSize: APPLICATION_FILE_MAX_BYTES, files: FILE_FIELDS.length, fields: 80, parts: 90 },
    async onFile(part: MultipartFile) {
      const bytes = await part.toBuffer();
      const value: FilePart = { fileName: part.filename, bytes, tooLarge: part.file.truncated };
      (part as unknown as { value: FilePart }).value = value;
    },
  });

  const acting = (need: readonly Role[]) => ({
    config: { access: access.agency(caseAgency, need) },
    schema: { hide: true },
    bodyLimit: APPLICATION_MAX_TOTAL_BYTES + 1024 * 1024,
  });

  for (const a of CASE_ACTIONS.filter((x) => !x.ownRoute)) {
    app.post(`/admin/applications/cases/:caseId/${a.path}`, acting(rolesOf(a)), async (req, reply) => {
      const id = caseIdOf(req);
      const input = unprefix(body(req), a.path);
      const r = await attempt(async () =>
        a.run(commandContext(req), id, input, a.files ? uploadsOf(input, a.files) : []),
      );
      if (!r.ok) {
        const error = prefixFields(r.error, a.path);
        for (const e of error.fields)
          if (e.field.startsWith(`${a.path}-attachments`)) e.field = `${a.path}-file`;
        return showCase(req, reply, { form: a.path, values: formValues(body(req)), error });
      }
      return reply.redirect(`${caseUrl(id)}?done=${a.path}#h-actions`, 303);
    });
  }

  // 转送: the new case's query code is shown once, so the page is answered directly.
  app.post('/admin/applications/cases/:caseId/forward', acting([...HANDLING]), async (req, reply) => {
    const id = caseIdOf(req);
    const r = await attempt(() => forwardCase(commandContext(req), id, unprefix(body(req), 'forward')));
    if (!r.ok)
      return showCase(req, reply, {
        form: 'forward',
        values: formValues(body(req)),
        error: prefixFields(r.error, 'forward'),
      });
    return showCase(req, reply, undefined, {
      forwarded: { trackingNo: r.value.forwarded.trackingNo, queryCode: r.value.queryCode },
    });
  });

  // 转为主动公开 (第四十四条): the editor's, through intake/publish-from-case.ts; back to the case page with a notice.
  app.post('/admin/applications/cases/:caseId/to-proactive', acting(['editor']), async (req, reply) => {
    const id = caseIdOf(req);
    const r = await attempt(() =>
      draftPublicationFromCase(commandContext(req), id, unprefix(body(req), 'to-proactive')),
    );
    if (!r.ok)
      return showCase(req, reply, {
        form: 'to-proactive',
        values: formValues(body(req)),
        error: prefixFields(r.error, 'to-proactive'),
      });
    // An editor who does not work on cases goes on to the new draft.
    const agencyId = req.targetAgencyId!;
    return (await mayViewCases(req.server.services.db, req.principal!, agencyId))
      ? reply.redirect(`${caseUrl(id)}?done=publication#act-to-proactive`, 303)
      : reply.redirect(`/admin/publications/${encodeURIComponent(r.value.publicationId)}?done=created`, 303);
  });

  const registering = {
    // Registration is always into the user's own agency; an ?agencyId= naming another one is refused here.
    config: { access: access.agency(queryOrOwnAgency, [...HANDLING]) },
    schema: { hide: true },
    bodyLimit: APPLICATION_MAX_TOTAL_BYTES + 1024 * 1024,
  };

  app.get('/admin/applications/new', registering, async (req, reply) =>
    sendPage(req, reply, { title: '登记政府信息公开申请', area: 'admin' }, (c) => (
      <RegisterPage csrf={c.csrf} values={{ idempotencyKey: newKey() }} />
    )),
  );

  app.post('/admin/applications/new', registering, async (req, reply) => {
    const input = body(req);
    const uploads = await attempt(async () => uploadsOf(input, FILE_FIELDS));
    const files = uploads.ok ? uploads.value : [];
    const r = uploads.ok ? await attempt(() => registerOffline(commandContext(req), input, files)) : uploads;
    if (!r.ok) {
      // A file's problem is reported on its own input (the command numbers the uploads it was given).
      for (const e of r.error.fields) {
        const n = /^attachments\.(\d+)$/.exec(e.field);
        if (n) e.field = fieldOfPurpose(files[Number(n[1])]?.purpose);
        else if (e.field === 'attachments' && e.message.includes('授权委托书')) e.field = 'authorizationFile';
      }
      const values = formValues(input);
      // A refused duplicate keeps its key (so it stays refused); a form with errors keeps it for the retry.
      return sendPage(
        req,
        reply,
        { title: '登记政府信息公开申请', area: 'admin', status: r.error.status },
        (c) => <RegisterPage csrf={c.csrf} values={values} error={r.error} />,
      );
    }
    const v = r.value;
    return sendPage(req, reply, { title: '申请已登记', area: 'admin' }, () => (
      <RegisteredPage
        id={v.case.id}
        trackingNo={v.trackingNo}
        queryCode={v.queryCode}
        received={v.case.state !== 'submitted'}
      />
    ));
  });
}
