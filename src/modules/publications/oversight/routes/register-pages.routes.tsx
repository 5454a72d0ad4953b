/**
 * The 三项清单 back office: the register of the viewer's scope (due for re-review, or all) and one entry's
 * page with the 第十八条 re-review — 维持不公开 (the next review date moves on) or 转为主动公开 (back to
 * draft) — through the existing commands. Supervisors read; the officeHead or signer of the agency acts.
 * Bad input re-renders with what was typed (400), a refusal with its reasons (422), a lost race says so (409).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../../../platform/errors.js';
import { access } from '../../../../platform/http/access.js';
import { chinaToday } from '../../../../platform/legal-date.js';
import type { Values } from '../../../../platform/views/form.js';
import { sendPage } from '../../../../platform/views/render.js';
import type { Principal, Role } from '../../../accounts/accounts.js';
import { canAct } from '../../../accounts/accounts.policy.js';
import { body, commandContext } from '../../../accounts/routes/route-helpers.js';
import { loadPublication, reviewContext } from '../../commands/load.js';
import { confirmRegistered, releaseRegistered } from '../../commands/review-registered.js';
import { toEvent } from '../../history.js';
import type { Publication } from '../../publications.js';
import { toPublication } from '../../publications.js';
import { failureReasons } from '../../publications.policy.js';
import { listEvents } from '../../publications.repository.js';
import { registerDue, registerEntries } from '../../register.repository.js';
import { publicationAgency, publicationId } from '../../routes/route-helpers.js';
import { ATTRIBUTE_LABELS, WITHHOLD_GROUND_LABELS } from '../../vocabulary.js';
import { STATE_LABELS, TRANSITION_LABELS, type Transition } from '../../workflow.js';
import { isOverseer, narrowScope, oversightScope } from '../figures.js';
import {
  RegisterEntryPage,
  type RegisterFilter,
  type RegisterItem,
  RegisterListPage,
} from '../views/register.views.js';
import { attempt, queryText } from './helpers.js';

type Req = FastifyRequest;
const REVIEWERS: readonly Role[] = ['officeHead', 'signer'];
const REGISTER_EVENTS: readonly string[] = ['register', 'confirmRegistered', 'releaseRegistered'];

/** What to tell the user after a redirect (`?done=`): fixed texts, never echoed input. */
const DONE: Record<string, string> = {
  confirmed: '已复核：维持不公开，下次复核日期已顺延。',
  released: '已复核：转为主动公开。信息已回到草稿，由编辑完善后重新提交审核、发布。',
};

function itemOf(p: Publication, agencyName: string, viewer: Principal): RegisterItem {
  return {
    id: p.id,
    agencyName,
    title: p.title,
    docNo: p.docNo,
    attributeLabel: ATTRIBUTE_LABELS[p.disclosureAttribute],
    groundLabel: p.withholdGround ? `${p.withholdGround} ${WITHHOLD_GROUND_LABELS[p.withholdGround]}` : '—',
    reason: p.withholdReason ?? '',
    decidedOn: p.decidedOn,
    nextReviewOn: p.nextReviewOn,
    actionable: canAct(viewer, p.agencyId, REVIEWERS),
  };
}

function readOnlyNote(p: Principal): string | null {
  if (p.agencyId && canAct(p, p.agencyId, REVIEWERS)) return null;
  return isOverseer(p)
    ? '主管部门可以查看，复核由各单位的公开办负责人或审签领导办理。'
    : '复核由本单位的公开办负责人或审签领导办理，您可以查看。';
}

async function showList(req: Req, reply: FastifyReply) {
  const { db, clock } = req.server.services;
  const p = req.principal!;
  const today = chinaToday(clock.now());
  const scope = await oversightScope(db, p);
  const { ids, agency } = narrowScope(scope, queryText(req, 'agencyId'));
  const filter: RegisterFilter = queryText(req, 'filter') === 'due' ? 'due' : 'all';
  const rows = filter === 'due' ? await registerDue(db, ids, today) : await registerEntries(db, ids);
  const names = new Map(scope.agencies.flatMap((a) => a.ids.map((id) => [id, a.name] as const)));
  const done = queryText(req, 'done');
  return sendPage(req, reply, { title: '三项清单', area: 'admin' }, () => (
    <RegisterListPage
      agency={agency && { id: agency.id, name: agency.name }}
      agencies={scope.agencies.length > 1 ? scope.agencies.map((a) => ({ id: a.id, name: a.name })) : null}
      filter={filter}
      items={rows.map((r) => itemOf(toPublication(r), names.get(r.agency_id) ?? '', p))}
      today={today}
      readOnlyNote={readOnlyNote(p)}
      message={Object.hasOwn(DONE, done) ? DONE[done] : undefined}
    />
  ));
}

interface Failed {
  values: Values;
  error: AppError;
}

async function showEntry(req: Req, reply: FastifyReply, failed?: Failed) {
  const { services } = req.server;
  const p = req.principal!;
  const ctx = commandContext(req);
  const pub = await loadPublication(ctx, publicationId(req));
  const scope = await oversightScope(services.db, p);
  const agencyName = scope.agencies.find((a) => a.ids.includes(pub.agencyId))?.name ?? '';
  const rc = await reviewContext(services, pub);
  const events = (await listEvents(services.db, pub.id))
    .map(toEvent)
    .filter((e) => REGISTER_EVENTS.includes(e.action))
    .map((e) => ({
      at: e.at,
      actorLabel: e.actorLabel,
      actionLabel: TRANSITION_LABELS[e.action as Transition],
      comment: e.comment,
    }));
  const fieldErrors = failed?.error.code === 'validation_failed' ? failed.error.fields : [];
  return sendPage(
    req,
    reply,
    { title: '三项清单复核', area: 'admin', status: failed?.error.status },
    (page) => (
      <RegisterEntryPage
        csrf={page.csrf}
        item={itemOf(pub, agencyName, p)}
        stateLabel={STATE_LABELS[pub.state]}
        registered={pub.state === 'registered'}
        today={chinaToday(services.clock.now())}
        events={events}
        reasons={failureReasons('confirmRegistered', pub, p, rc)}
        form={{ values: failed?.values ?? {}, errors: fieldErrors }}
        notice={failed && fieldErrors.length === 0 ? failed.error.message : undefined}
      />
    ),
  );
}

export async function registerPageRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  // Filters by the viewer's own scope (an agency outside it answers 404).
  app.get('/admin/publications/register', { config: { access: access.signedIn }, schema: hide }, showList);
  app.get(
    '/admin/publications/register/:publicationId',
    { config: { access: access.agency(publicationAgency, 'read') }, schema: hide },
    (req, reply) => showEntry(req, reply),
  );
  const review = { config: { access: access.agency(publicationAgency, REVIEWERS) }, schema: hide };
  for (const [path, command, done] of [
    ['confirm', confirmRegistered, 'confirmed'],
    ['release', releaseRegistered, 'released'],
  ] as const) {
    app.post(`/admin/publications/register/:publicationId/${path}`, review, async (req, reply) => {
      const input = body(req);
      const r = await attempt(() => command(commandContext(req), publicationId(req), input));
      if (!r.ok) {
        const comment = typeof input.comment === 'string' ? input.comment : '';
        return showEntry(req, reply, { values: { comment }, error: r.error });
      }
      return reply.redirect(`/admin/publications/register?filter=due&done=${done}`, 303);
    });
  }
}
