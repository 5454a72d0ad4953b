/**
 * Back-office pages of agencies and staff. Thin: parse, call one command, render.
 * A validation error re-renders the form with what the user typed (400); a
 * refusal re-renders the page with its reason (422); success redirects (303),
 * except where a one-time password must be shown once, never in a URL.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import { type Agency, type Principal, toAgency, toUser, type User } from '../accounts.js';
import { canManageStaff, readableAgencies } from '../accounts.policy.js';
import {
  findUser,
  listAgencies,
  listUsers,
  liveSessionsOf,
  nameHistory,
  rolesOf,
  rolesOfMany,
} from '../accounts.repository.js';
import type { UserTable } from '../accounts.table.js';
import {
  abolishAgency,
  createAgency,
  mergeAgency,
  updateAgencyDetails,
} from '../commands/manage-agencies.js';
import {
  createUser,
  resetPassword,
  revokeUserSessions,
  updateUserDetails,
} from '../commands/manage-users.js';
import {
  type AgencyAdminForms,
  AgencyDetailPage,
  AgencyTreePage,
  buildAgencyTree,
  DONE_MESSAGES,
  type FormState,
  NewAgencyPage,
  NewUserPage,
  NoStaffRightsPage,
  OneTimePasswordPage,
  type StaffRow,
  UserDetailPage,
  UsersPage,
} from '../views/admin.views.js';
import { body, commandContext } from './route-helpers.js';

type Req = FastifyRequest;
type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };
/** A failed submission: which form, what the user sent, and why it failed. */
interface Failed {
  form?: 'edit' | 'merge' | 'abolish';
  values?: Values;
  error: AppError;
}

/** Runs a command; bad input and refusals come back to re-render the page, anything else propagates. */
async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    const error = toAppError(err);
    if (error.code !== 'validation_failed' && error.code !== 'refused') throw err;
    return { ok: false, error };
  }
}

/** The submitted form as the view redisplays it: strings and string lists only, never the CSRF token. */
function formValues(input: Record<string, unknown>): Values {
  const keep = (v: unknown) =>
    typeof v === 'string'
      ? v
      : Array.isArray(v)
        ? v.filter((x): x is string => typeof x === 'string')
        : undefined;
  // fromEntries defines own properties, so a field named `__proto__` stays a plain key.
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, k === '_csrf' ? undefined : keep(v)]));
}

const param = (req: Req, name: 'agencyId' | 'userId') => (req.params as Record<string, string>)[name] ?? '';
const queryText = (req: Req, name: string) => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};
const doneMessage = (req: Req) => {
  const done = queryText(req, 'done');
  return Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
};
const failure = (f?: Failed) => ({
  errors: f?.error.fields ?? [],
  notice: f && f.error.fields.length === 0 ? f.error.message : undefined,
});

async function allAgencies(req: Req): Promise<Agency[]> {
  return (await listAgencies(req.server.services.db)).map(toAgency);
}

/** Active agencies whose staff this person manages, for the agency select of the new-user form. */
const manageable = (p: Principal, all: Agency[]) =>
  all.filter((a) => a.status === 'active' && canManageStaff(p, a.id));

function toStaffRow(req: Req, u: User, all: Agency[]): StaffRow {
  const locked =
    u.lockedUntil !== null && Date.parse(u.lockedUntil) > req.server.services.clock.now().getTime();
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    agencyId: u.agencyId,
    agencyName: all.find((a) => a.id === u.agencyId)?.name ?? null,
    roles: u.roles,
    state: u.status === 'disabled' ? 'disabled' : locked ? 'locked' : 'active',
    totpEnabled: u.totpEnabled,
  };
}

async function staffRows(req: Req, rows: UserTable[], all: Agency[]): Promise<StaffRow[]> {
  const roles = await rolesOfMany(
    req.server.services.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toStaffRow(req, toUser(r, roles.get(r.id) ?? []), all));
}

/** The agency a user belongs to, for the access check on /admin/users/:userId. */
async function agencyOfUser(req: Req): Promise<string | null> {
  return (await findUser(req.server.services.db, param(req, 'userId')))?.agency_id ?? null;
}

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

async function showNewUser(req: Req, reply: FastifyReply, f?: Failed) {
  const agencies = manageable(req.principal!, await allAgencies(req));
  if (agencies.length === 0) throw new AppError('forbidden', '只有平台管理员和单位管理员可以新增人员。');
  const form = {
    values: f?.values ?? { agencyId: queryText(req, 'agencyId') },
    errors: f?.error.fields ?? [],
  };
  return sendPage(req, reply, { title: '新增人员', area: 'admin', status: f?.error.status }, (ctx) => (
    <NewUserPage csrf={ctx.csrf} form={form} agencies={agencies} notice={failure(f).notice} />
  ));
}

async function showUser(req: Req, reply: FastifyReply, f?: Failed) {
  const { db, clock } = req.server.services;
  const id = param(req, 'userId');
  const row = await findUser(db, id);
  if (!row) throw new AppError('not_found');
  const user = toUser(row, await rolesOf(db, id));
  const live = (await liveSessionsOf(db, id, clock.now().toISOString())).length;
  const initial = { displayName: user.displayName, roles: user.roles, status: user.status };
  const form = { values: f?.values ?? initial, errors: f?.error.fields ?? [] };
  const staffRow = toStaffRow(req, user, await allAgencies(req));
  return sendPage(req, reply, { title: user.displayName, area: 'admin', status: f?.error.status }, (ctx) => (
    <UserDetailPage
      csrf={ctx.csrf}
      user={staffRow}
      liveSessions={live}
      form={form}
      message={f ? undefined : doneMessage(req)}
      notice={failure(f).notice}
    />
  ));
}

async function showPassword(
  req: Req,
  reply: FastifyReply,
  kind: 'initial' | 'reset',
  user: User,
  password: string,
) {
  const row = toStaffRow(req, user, await allAgencies(req));
  const title = kind === 'initial' ? '人员已创建' : '密码已重置';
  return sendPage(req, reply, { title, area: 'admin' }, () => (
    <OneTimePasswordPage kind={kind} user={row} password={password} />
  ));
}

export async function accountsAdminRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const signedIn = { config: { access: access.signedIn }, schema: hide };
  const platformAdmin = { config: { access: access.platformAdmin }, schema: hide };
  const readAgency = {
    config: { access: access.agency((req) => param(req, 'agencyId'), 'read') },
    schema: hide,
  };
  const manageUser = { config: { access: access.agency(agencyOfUser, 'manageStaff') }, schema: hide };
  const newUserAgency = (req: Req) => {
    const v = body(req).agencyId;
    return (typeof v === 'string' && v) || queryText(req, 'agencyId') || null;
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

  app.get('/admin/users', signedIn, async (req, reply) => {
    const p = req.principal!;
    if (!p.isPlatformAdmin && !canManageStaff(p, p.agencyId))
      return sendPage(req, reply, { title: '人员', area: 'admin' }, () => <NoStaffRightsPage />);
    const all = await allAgencies(req);
    const wanted = queryText(req, 'agencyId');
    const scope = p.isPlatformAdmin ? (wanted ? [wanted] : 'all') : [p.agencyId!];
    const rows = await staffRows(req, await listUsers(app.services.db, scope), all);
    const filter = p.isPlatformAdmin ? { agencies: all, current: wanted } : null;
    const canCreate = manageable(p, all).length > 0;
    return sendPage(req, reply, { title: '人员', area: 'admin' }, () => (
      <UsersPage rows={rows} filter={filter} canCreate={canCreate} />
    ));
  });

  app.get('/admin/users/new', signedIn, async (req, reply) => showNewUser(req, reply));
  app.post(
    '/admin/users',
    { config: { access: access.agency(newUserAgency, 'manageStaff') }, schema: hide },
    async (req, reply) => {
      const r = await attempt(() => createUser(commandContext(req), body(req)));
      if (!r.ok) return showNewUser(req, reply, { values: formValues(body(req)), error: r.error });
      return showPassword(req, reply, 'initial', r.value.user, r.value.initialPassword);
    },
  );

  app.get('/admin/users/:userId', manageUser, async (req, reply) => showUser(req, reply));
  app.post('/admin/users/:userId', manageUser, async (req, reply) => {
    const id = param(req, 'userId');
    const r = await attempt(() => updateUserDetails(commandContext(req), id, body(req)));
    if (!r.ok) return showUser(req, reply, { values: formValues(body(req)), error: r.error });
    return reply.redirect(`/admin/users/${id}?done=updated`, 303);
  });
  app.post('/admin/users/:userId/reset-password', manageUser, async (req, reply) => {
    const id = param(req, 'userId');
    const r = await attempt(() => resetPassword(commandContext(req), id));
    if (!r.ok) return showUser(req, reply, { error: r.error });
    const row = (await findUser(app.services.db, id))!;
    return showPassword(req, reply, 'reset', toUser(row, await rolesOf(app.services.db, id)), r.value);
  });
  app.post('/admin/users/:userId/revoke-sessions', manageUser, async (req, reply) => {
    const id = param(req, 'userId');
    const r = await attempt(() => revokeUserSessions(commandContext(req), id));
    if (!r.ok) return showUser(req, reply, { error: r.error });
    return reply.redirect(`/admin/users/${id}?done=revoked`, 303);
  });
}
