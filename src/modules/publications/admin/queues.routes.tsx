/**
 * The queues page (GET /admin/publications): the signed-in person's drafts and review work, the agency's
 * scheduled, published, withdrawn and registered items, filters and paging; for the agency admin, who
 * stands in for whom and 转交草稿 (POST /admin/publications/reassign-drafts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../../../platform/http/access.js';
import { chinaToday, parseLegalDate } from '../../../platform/legal-date.js';
import { sendPage } from '../../../platform/views/render.js';
import { actorLabel, ROLE_LABELS, toUser } from '../../accounts/accounts.js';
import { canAct } from '../../accounts/accounts.policy.js';
import { listUsers, rolesOfMany } from '../../accounts/accounts.repository.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { listNodes } from '../../catalog/catalog.repository.js';
import { getDisclosureSettings } from '../../catalog/settings.repository.js';
import { toPublication } from '../publications.js';
import { timeliness } from '../register.repository.js';
import { GENRES } from '../vocabulary.js';
import { effectiveSteps, type PublicationState, STATES, STEP_LABELS, STEP_ROLES } from '../workflow.js';
import {
  agencyChoices,
  agencyRef,
  attempt,
  body,
  doneMessage,
  type Failed,
  formValues,
  queryOrOwnAgency,
  queryText,
  type Req,
} from './admin-helpers.js';
import { columnOptions } from './editor.routes.js';
import {
  agencyDrafts,
  QUEUES,
  type Queue,
  type QueueFilter,
  queueCount,
  queuePage,
  reviewStates,
} from './queues.repository.js';
import { reassignDrafts } from './reassign-drafts.js';
import { QueuePage, type QueueTab } from './views/queues.views.js';
import type { StandIn } from './views/stand-in.views.js';

export const PAGE_SIZE = 20;
const DATE_FIELDS = ['updatedAt', 'publishedOn', 'formedOn'] as const;

function readFilter(req: Req): QueueFilter {
  const state = queryText(req, 'state');
  const genre = queryText(req, 'genre');
  const dateField = queryText(req, 'dateField');
  return {
    columnId: queryText(req, 'columnId') || undefined,
    state: (STATES as readonly string[]).includes(state) ? (state as PublicationState) : undefined,
    genre: (GENRES as readonly string[]).includes(genre) ? genre : undefined,
    text: queryText(req, 'q').trim().slice(0, 100) || undefined,
    dateField: (DATE_FIELDS as readonly string[]).includes(dateField)
      ? (dateField as QueueFilter['dateField'])
      : undefined,
    from: parseLegalDate(queryText(req, 'from')) ?? undefined,
    to: parseLegalDate(queryText(req, 'to')) ?? undefined,
  };
}

/** The tabs this person has for this agency: personal queues only in their own agency. */
function tabsFor(req: Req, agencyId: string): Queue[] {
  const p = req.principal!;
  const own = p.agencyId === agencyId;
  return QUEUES.filter((q) => {
    if (q === 'drafts') return own && p.roles.has('editor');
    if (q === 'review') return own && reviewStates(p).length > 0;
    return true;
  });
}

async function standIn(req: Req, agencyId: string, f?: Failed): Promise<StandIn> {
  const db = req.server.services.db;
  const rows = await listUsers(db, [agencyId]);
  const roles = await rolesOfMany(
    db,
    rows.map((r) => r.id),
  );
  const users = rows.map((r) => toUser(r, roles.get(r.id) ?? []));
  const active = users.filter((u) => u.status === 'active');
  const label = (u: { displayName: string; username: string }) => actorLabel(u);
  const steps = effectiveSteps((await getDisclosureSettings(db, agencyId)).workflowSteps);
  const counts = new Map<string, number>();
  for (const d of await agencyDrafts(db, agencyId))
    for (const id of new Set([d.created_by, d.updated_by])) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  return {
    reviewers: steps.map((s) => ({
      step: STEP_LABELS[s],
      role: ROLE_LABELS[STEP_ROLES[s]],
      people: active.filter((u) => u.roles.includes(STEP_ROLES[s])).map(label),
    })),
    holders: users
      .filter((u) => counts.has(u.id))
      .map((u) => ({
        id: u.id,
        label: label(u),
        drafts: counts.get(u.id)!,
        disabled: u.status !== 'active',
      })),
    editors: active.filter((u) => u.roles.includes('editor')).map((u) => ({ id: u.id, label: label(u) })),
    form: {
      values: f?.form === 'reassign' ? (f.values ?? {}) : {},
      errors: f?.form === 'reassign' ? f.error.fields : [],
    },
  };
}

async function yearTimeliness(req: Req, agencyId: string) {
  const today = chinaToday(req.server.services.clock.now());
  const year = today.slice(0, 4);
  const [t] = await timeliness(req.server.services.db, [agencyId], `${year}-01-01`, today);
  return t ? { year, published: t.published, onTime: t.onTime, rate: t.rate } : null;
}

export async function showQueues(req: Req, reply: FastifyReply, f?: Failed) {
  const p = req.principal!;
  const db = req.server.services.db;
  const agencyId = (await queryOrOwnAgency(req))!;
  const agency = await agencyRef(req, agencyId);
  const tabs = tabsFor(req, agencyId);
  const requested = (f?.form === 'bulk' ? 'review' : queryText(req, 'queue')) as Queue;
  const current = tabs.includes(requested) ? requested : tabs[0]!;
  const filter = readFilter(req);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(queryText(req, 'page'), 10) || 1));
  const { rows, total } = await queuePage(db, p, agencyId, current, filter, {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const items = rows.map(toPublication);
  const tabList: QueueTab[] = await Promise.all(
    tabs.map(async (queue) =>
      queue === 'drafts' || queue === 'review'
        ? { queue, count: await queueCount(db, p, agencyId, queue) }
        : { queue },
    ),
  );
  const columns = await columnOptions(req, agencyId, { retired: true });
  const columnNames = Object.fromEntries(
    (await listNodes(db, agencyId)).map((n) => [
      n.id,
      n.status === 'retired' ? `${n.name}（已停用）` : n.name,
    ]),
  );
  const props = {
    agency,
    choices: await agencyChoices(req),
    tabs: tabList,
    current,
    filter: {
      columnId: filter.columnId,
      state: filter.state,
      genre: filter.genre,
      q: queryText(req, 'q'),
      dateField: filter.dateField ?? 'updatedAt',
      from: queryText(req, 'from'),
      to: queryText(req, 'to'),
    },
    columns,
    columnNames,
    rows: items,
    total,
    page,
    pageSize: PAGE_SIZE,
    canCreate: canAct(p, agencyId, ['editor']),
    own: p.agencyId === agencyId,
    timeliness: await yearTimeliness(req, agencyId),
    bulk:
      current === 'review'
        ? {
            // The last step publishes: that is done item by item on the detail page.
            ids: items.filter((i) => i.steps.at(-1) !== i.state).map((i) => i.id),
            values: f?.form === 'bulk' ? (f.values ?? {}) : {},
            errors: f?.form === 'bulk' ? f.error.fields : [],
          }
        : null,
    standIn:
      p.agencyId === agencyId && canAct(p, agencyId, ['agencyAdmin'])
        ? await standIn(req, agencyId, f)
        : null,
    message: f ? undefined : doneMessage(req),
    notice: f && f.error.code !== 'validation_failed' ? f.error.message : undefined,
    errors: f?.error.code === 'validation_failed' ? f.error.fields : [],
  };
  const doneCount = Number.parseInt(queryText(req, 'n'), 10);
  if (props.message && queryText(req, 'done') === 'reassigned' && doneCount > 0)
    props.message = `已转交${doneCount}条草稿。`;
  return sendPage(req, reply, { title: '主动公开', area: 'admin', status: f?.error.status }, (ctx) => (
    <QueuePage csrf={ctx.csrf} {...props} />
  ));
}

export async function queuesAdminRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  app.get(
    '/admin/publications',
    { config: { access: access.agency(queryOrOwnAgency, 'read') }, schema: hide },
    async (req, reply) => showQueues(req, reply),
  );

  app.post(
    '/admin/publications/reassign-drafts',
    { config: { access: access.agency(queryOrOwnAgency, ['agencyAdmin']) }, schema: hide },
    async (req, reply) => {
      const agencyId = (await queryOrOwnAgency(req))!;
      const r = await attempt(() => reassignDrafts(commandContext(req), agencyId, body(req)));
      if (!r.ok)
        return showQueues(req, reply, { form: 'reassign', values: formValues(body(req)), error: r.error });
      return reply.redirect(
        `/admin/publications?agencyId=${agencyId}&queue=all&done=reassigned&n=${r.value.count}#h-standin`,
        303,
      );
    },
  );
}
