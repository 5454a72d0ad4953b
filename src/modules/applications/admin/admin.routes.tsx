/**
 * Back-office pages of the cases: the work views (GET /admin/applications), the case page
 * (GET /admin/applications/cases/:caseId) with the audited applicant view and every action posted from it,
 * and the registration of the other channels (GET/POST /admin/applications/new). Thin: parse, call one
 * command, redirect (303) with a fixed message; a failed submission re-renders the page with the typed values
 * and the field messages (400) or the policy's reasons (422), as the publications back office does.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../../../platform/http/access.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { type OutcomeCode, outcomeInfo } from '../codes.js';
import { forwardCase } from '../commands/not-ours.js';
import { registerOffline } from '../commands/register-offline.js';
import { viewApplicant } from '../commands/view-applicant.js';
import { formatLegalRefs } from '../legal-refs.js';
import type { ApplicantData } from '../personal.js';
import { REPLY_OUTCOMES } from '../workflow.js';
import { CASE_ACTIONS, rolesOf } from './actions.js';
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
  const current = views.includes(asked) ? asked : views[0]!;
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

  for (const a of CASE_ACTIONS) {
    app.post(`/admin/applications/cases/:caseId/${a.path}`, onCase(rolesOf(a)), async (req, reply) => {
      const id = caseIdOf(req);
      const input = unprefix(body(req), a.path);
      const r = await attempt(() => a.run(commandContext(req), id, input));
      if (!r.ok)
        return showCase(req, reply, {
          form: a.path,
          values: formValues(body(req)),
          error: prefixFields(r.error, a.path),
        });
      return reply.redirect(`${caseUrl(id)}?done=${a.path}#h-actions`, 303);
    });
  }

  // 转送: the new case's query code is shown once, so the page is answered directly.
  app.post('/admin/applications/cases/:caseId/forward', onCase([...HANDLING]), async (req, reply) => {
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

  const registering = {
    config: { access: access.agency((req: Req) => req.principal?.agencyId ?? null, [...HANDLING]) },
    schema: hide,
  };

  app.get('/admin/applications/new', registering, async (req, reply) =>
    sendPage(req, reply, { title: '登记政府信息公开申请', area: 'admin' }, (c) => (
      <RegisterPage csrf={c.csrf} values={{ idempotencyKey: newKey() }} />
    )),
  );

  app.post('/admin/applications/new', registering, async (req, reply) => {
    const input = body(req);
    const r = await attempt(() => registerOffline(commandContext(req), input));
    if (!r.ok) {
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
