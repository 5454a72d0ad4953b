/**
 * Back-office pages of agencies: the tree, creation, details, merger and
 * abolition. Thin: parse, call one command, render.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import type { Agency } from '../accounts.js';
import { canManageStaff, readableAgencies } from '../accounts.policy.js';
import { listUsers, nameHistory } from '../accounts.repository.js';
import {
  abolishAgency,
  createAgency,
  mergeAgency,
  updateAgencyDetails,
} from '../commands/manage-agencies.js';
import {
  type AgencyAdminForms,
  AgencyDetailPage,
  AgencyTreePage,
  buildAgencyTree,
  NewAgencyPage,
} from '../views/agencies.views.js';
import type { FormState } from '../views/shared.views.js';
import {
  allAgencies,
  attempt,
  doneMessage,
  type Failed,
  failure,
  formValues,
  param,
  type Req,
  staffRows,
} from './admin-helpers.js';
import { body, commandContext } from './route-helpers.js';

function adminForms(agency: Agency, all: Agency[], f?: Failed): AgencyAdminForms {
  const others = all.filter((a) => a.status === 'active' && a.id !== agency.id);
  const state = (form: Failed['form'], initial: Values): FormState =>
    f && f.form === form
      ? { values: f.values ?? initial, errors: f.error.fields }
      : { values: initial, errors: [] };
  const { code, name, kind, level } = agency;
  const current = {
    code,
    name,
    kind,
    level,
    parentId: agency.parentId ?? '',
    sortOrder: String(agency.sortOrder),
  };
  return {
    edit: state('edit', current),
    merge: state('merge', {}),
    abolish: state('abolish', {}),
    governments: others.filter((a) => a.kind === 'government'),
    successors: others,
  };
}

async function showAgency(req: Req, reply: FastifyReply, f?: Failed) {
  const db = req.server.services.db;
  const p = req.principal!;
  const id = param(req, 'agencyId');
  const all = await allAgencies(req);
  const agency = all.find((a) => a.id === id);
  if (!agency) throw new AppError('not_found');
  const nameOf = (x: string | null) => all.find((a) => a.id === x)?.name ?? null;
  const history = (await nameHistory(db, id)).map((h) => ({ name: h.name, validUntil: h.valid_until }));
  const staff = canManageStaff(p, id) ? await staffRows(req, await listUsers(db, [id]), all) : null;
  return sendPage(req, reply, { title: agency.name, area: 'admin', status: f?.error.status }, (ctx) => (
    <AgencyDetailPage
      csrf={ctx.csrf}
      agency={agency}
      parentName={nameOf(agency.parentId)}
      successorName={nameOf(agency.successorId)}
      history={history}
      staff={staff}
      admin={p.isPlatformAdmin ? adminForms(agency, all, f) : null}
      message={f ? undefined : doneMessage(req)}
      {...failure(f)}
    />
  ));
}

async function showNewAgency(req: Req, reply: FastifyReply, f?: Failed) {
  const governments = (await allAgencies(req)).filter(
    (a) => a.kind === 'government' && a.status === 'active',
  );
  const form = { values: f?.values ?? {}, errors: f?.error.fields ?? [] };
  return sendPage(req, reply, { title: '新建单位', area: 'admin', status: f?.error.status }, (ctx) => (
    <NewAgencyPage csrf={ctx.csrf} form={form} governments={governments} notice={failure(f).notice} />
  ));
}

export async function agenciesAdminRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const signedIn = { config: { access: access.signedIn }, schema: hide };
  const platformAdmin = { config: { access: access.platformAdmin }, schema: hide };
  const readAgency = {
    config: { access: access.agency((req) => param(req, 'agencyId'), 'read') },
    schema: hide,
  };

  app.get('/admin/agencies', signedIn, async (req, reply) => {
    const scope = await readableAgencies(app.services.db, req.principal!);
    const all = await allAgencies(req);
    const visible = all.filter((a) => scope === 'all' || scope.includes(a.id));
    const roots = buildAgencyTree(visible, (id) => all.find((a) => a.id === id)?.name ?? null);
    return sendPage(req, reply, { title: '单位', area: 'admin' }, () => (
      <AgencyTreePage roots={roots} canCreate={req.principal!.isPlatformAdmin} />
    ));
  });

  app.get('/admin/agencies/new', platformAdmin, async (req, reply) => showNewAgency(req, reply));
  app.post('/admin/agencies', platformAdmin, async (req, reply) => {
    const r = await attempt(() => createAgency(commandContext(req), body(req)));
    if (!r.ok) return showNewAgency(req, reply, { values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/agencies/${r.value.id}`, 303);
  });

  app.get('/admin/agencies/:agencyId', readAgency, async (req, reply) => showAgency(req, reply));
  app.post('/admin/agencies/:agencyId', platformAdmin, async (req, reply) => {
    const id = param(req, 'agencyId');
    const r = await attempt(() => updateAgencyDetails(commandContext(req), id, body(req)));
    if (!r.ok) return showAgency(req, reply, { form: 'edit', values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/agencies/${id}?done=updated`, 303);
  });
  app.post('/admin/agencies/:agencyId/merge', platformAdmin, async (req, reply) => {
    const id = param(req, 'agencyId');
    const r = await attempt(() => mergeAgency(commandContext(req), id, body(req)));
    if (!r.ok)
      return showAgency(req, reply, { form: 'merge', values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/agencies/${id}?done=merged`, 303);
  });
  app.post('/admin/agencies/:agencyId/abolish', platformAdmin, async (req, reply) => {
    const id = param(req, 'agencyId');
    const b = body(req);
    const r = await attempt(() => {
      if (b.confirm !== 'yes')
        throw AppError.validation([{ field: 'confirm', message: '请勾选“确认撤销”后再提交' }]);
      return abolishAgency(commandContext(req), id, { endedOn: b.abolishedOn });
    });
    if (r.ok) return reply.redirect(`/admin/agencies/${id}?done=abolished`, 303);
    // The form names its date `abolishedOn` (the merge form on the same page has `endedOn`).
    const fields = r.error.fields.map((e) => (e.field === 'endedOn' ? { ...e, field: 'abolishedOn' } : e));
    const error = new AppError(r.error.code, r.error.message, fields);
    return showAgency(req, reply, { form: 'abolish', values: formValues(b), error });
  });
}
