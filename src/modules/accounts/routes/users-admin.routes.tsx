/**
 * Back-office pages of staff: the list, creation, details, password resets and
 * ending sessions. Thin: parse, call one command, render; a one-time password
 * is shown once, never put in a URL.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { sendPage } from '../../../platform/views/render.js';
import { toUser, type User } from '../accounts.js';
import { canManageStaff } from '../accounts.policy.js';
import { findUser, listUsers, liveSessionsOf, rolesOf } from '../accounts.repository.js';
import {
  createUser,
  resetPassword,
  revokeUserSessions,
  updateUserDetails,
} from '../commands/manage-users.js';
import {
  NewUserPage,
  NoStaffRightsPage,
  OneTimePasswordPage,
  UserDetailPage,
  UsersPage,
} from '../views/users.views.js';
import {
  allAgencies,
  attempt,
  doneMessage,
  type Failed,
  failure,
  formValues,
  manageable,
  param,
  queryText,
  type Req,
  staffRows,
  toStaffRow,
} from './admin-helpers.js';
import { body, commandContext } from './route-helpers.js';

/** The agency a user belongs to, for the access check on /admin/users/:userId. */
async function agencyOfUser(req: Req): Promise<string | null> {
  return (await findUser(req.server.services.db, param(req, 'userId')))?.agency_id ?? null;
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

export async function usersAdminRoutes(app: FastifyInstance) {
  const hide = { hide: true };
  const signedIn = { config: { access: access.signedIn }, schema: hide };
  const manageUser = { config: { access: access.agency(agencyOfUser, 'manageStaff') }, schema: hide };
  const newUserAgency = (req: Req) => {
    const v = body(req).agencyId;
    return (typeof v === 'string' && v) || queryText(req, 'agencyId') || null;
  };

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
