/** JSON API of agencies, staff and the API session. Thin: parse, call one command, present. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadSession, sessionIdOf } from '../../../platform/auth/sessions.js';
import { AppError } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { toAgency, toUser } from '../accounts.js';
import { readableAgencies } from '../accounts.policy.js';
import { presentAgency, presentUser } from '../accounts.presenter.js';
import {
  findAgency,
  findUser,
  listAgencies,
  listUsers,
  rolesOf,
  rolesOfMany,
} from '../accounts.repository.js';
import {
  AbolishInputSchema,
  AgencyInputSchema,
  AgencySchema,
  ErrorSchema,
  LoginSchema,
  MergeInputSchema,
  UserCreateSchema,
  UserSchema,
  UserUpdateSchema,
} from '../accounts.schemas.js';
import { endSession } from '../commands/account-security.js';
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
import { completeSecondFactor, signIn } from '../commands/sign-in.js';
import { body, clearSessionCookie, commandContext, setSessionCookie } from './route-helpers.js';

const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
};
const agencyParam = Type.Object({ agencyId: Type.String() });
const userParam = Type.Object({ userId: Type.String() });

/** The agency a user belongs to, for access checks on /users/:userId. */
async function agencyOfUser(req: FastifyRequest): Promise<string | null> {
  const user = await findUser(req.server.services.db, (req.params as { userId: string }).userId);
  return user?.agency_id ?? null;
}
const agencyFromParams = (req: FastifyRequest) => (req.params as { agencyId: string }).agencyId;

export async function accountsApiRoutes(app: FastifyInstance) {
  const { services } = app;
  const tag = (t: string) => ({ tags: [t] });

  app.post(
    '/api/v1/session',
    {
      config: { access: access.public, csrfJsonOnly: true },
      schema: {
        ...tag('session'),
        summary: '登录（返回后续写操作需带的 x-csrf-token）',
        body: LoginSchema,
        response: {
          201: Type.Object({ csrfToken: Type.String(), mustChangePassword: Type.Boolean() }),
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const b = req.body as { username: string; password: string; totp?: string };
      const result = await signIn(services, {
        username: b.username,
        password: b.password,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: req.id,
      });
      const loaded = await loadSession(services, result.token);
      if (result.mfaRequired) {
        if (!b.totp) {
          await services.db
            .updateTable('sessions')
            .set({ revoked_at: services.clock.now().toISOString() })
            .where('id', '=', sessionIdOf(result.token))
            .execute();
          throw new AppError('unauthenticated', '该账号已启用动态验证码，请同时提交 totp。', [
            { field: 'totp', message: '请填写动态验证码' },
          ]);
        }
        await completeSecondFactor(
          services,
          { id: loaded!.session.id, userId: loaded!.principal.userId },
          b.totp,
          req.id,
        );
      }
      setSessionCookie(req, reply, result.token);
      return reply
        .status(201)
        .send({ csrfToken: loaded!.session.csrfToken, mustChangePassword: result.mustChangePassword });
    },
  );

  app.delete(
    '/api/v1/session',
    {
      config: { access: access.signedIn, allowPendingPasswordChange: true },
      schema: { ...tag('session'), summary: '退出登录' },
    },
    async (req, reply) => {
      await endSession(commandContext(req), req.session!.id, 'auth.logout');
      clearSessionCookie(reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: access.signedIn, allowPendingPasswordChange: true },
      schema: { ...tag('session'), summary: '当前用户', response: { 200: UserSchema } },
    },
    async (req) => {
      const row = (await findUser(services.db, req.principal!.userId))!;
      return presentUser(toUser(row, await rolesOf(services.db, row.id)));
    },
  );

  app.get(
    '/api/v1/agencies',
    {
      config: { access: access.signedIn },
      schema: {
        ...tag('agencies'),
        summary: '可见的单位（本单位、所督导的下级、已并入的单位）',
        response: { 200: Type.Object({ items: Type.Array(AgencySchema) }) },
      },
    },
    async (req) => {
      const scope = await readableAgencies(services.db, req.principal!);
      const all = (await listAgencies(services.db)).map(toAgency);
      return { items: all.filter((a) => scope === 'all' || scope.includes(a.id)).map(presentAgency) };
    },
  );

  app.get(
    '/api/v1/agencies/:agencyId',
    {
      config: { access: access.agency(agencyFromParams, 'read') },
      schema: { ...tag('agencies'), params: agencyParam, response: { 200: AgencySchema, ...errors } },
    },
    async (req) =>
      presentAgency(
        toAgency((await findAgency(services.db, (req.params as { agencyId: string }).agencyId))!),
      ),
  );

  app.post(
    '/api/v1/agencies',
    {
      config: { access: access.platformAdmin },
      schema: {
        ...tag('agencies'),
        summary: '新建单位',
        body: AgencyInputSchema,
        response: { 201: AgencySchema, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(presentAgency(await createAgency(commandContext(req), body(req)))),
  );

  app.put(
    '/api/v1/agencies/:agencyId',
    {
      config: { access: access.platformAdmin },
      schema: {
        ...tag('agencies'),
        summary: '修改单位（更名、调整上级、排序）',
        params: agencyParam,
        body: AgencyInputSchema,
        response: { 200: AgencySchema, ...errors },
      },
    },
    async (req) =>
      presentAgency(
        await updateAgencyDetails(
          commandContext(req),
          (req.params as { agencyId: string }).agencyId,
          body(req),
        ),
      ),
  );

  app.post(
    '/api/v1/agencies/:agencyId/merge',
    {
      config: { access: access.platformAdmin },
      schema: {
        ...tag('agencies'),
        summary: '并入其他单位（记录保留）',
        params: agencyParam,
        body: MergeInputSchema,
        response: { 200: AgencySchema, ...errors },
      },
    },
    async (req) =>
      presentAgency(
        await mergeAgency(commandContext(req), (req.params as { agencyId: string }).agencyId, body(req)),
      ),
  );

  app.post(
    '/api/v1/agencies/:agencyId/abolish',
    {
      config: { access: access.platformAdmin },
      schema: {
        ...tag('agencies'),
        summary: '撤销单位（记录保留）',
        params: agencyParam,
        body: AbolishInputSchema,
        response: { 200: AgencySchema, ...errors },
      },
    },
    async (req) =>
      presentAgency(
        await abolishAgency(commandContext(req), (req.params as { agencyId: string }).agencyId, body(req)),
      ),
  );

  app.get(
    '/api/v1/users',
    {
      config: { access: access.signedIn },
      schema: {
        ...tag('users'),
        summary: '可管理的人员',
        response: { 200: Type.Object({ items: Type.Array(UserSchema) }) },
      },
    },
    async (req) => {
      const p = req.principal!;
      const scope = p.isPlatformAdmin ? 'all' : p.roles.has('agencyAdmin') && p.agencyId ? [p.agencyId] : [];
      const rows = await listUsers(services.db, scope);
      const roles = await rolesOfMany(
        services.db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => presentUser(toUser(r, roles.get(r.id) ?? []))) };
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: {
        access: access.agency(
          (req) => (typeof body(req).agencyId === 'string' ? (body(req).agencyId as string) : null),
          'manageStaff',
        ),
      },
      schema: {
        ...tag('users'),
        summary: '新建人员（返回一次性的初始密码）',
        body: UserCreateSchema,
        response: { 201: Type.Object({ user: UserSchema, initialPassword: Type.String() }), ...errors },
      },
    },
    async (req, reply) => {
      const created = await createUser(commandContext(req), body(req));
      return reply
        .status(201)
        .send({ user: presentUser(created.user), initialPassword: created.initialPassword });
    },
  );

  app.get(
    '/api/v1/users/:userId',
    {
      config: { access: access.agency(agencyOfUser, 'manageStaff') },
      schema: { ...tag('users'), params: userParam, response: { 200: UserSchema, ...errors } },
    },
    async (req) => {
      const row = (await findUser(services.db, (req.params as { userId: string }).userId))!;
      return presentUser(toUser(row, await rolesOf(services.db, row.id)));
    },
  );

  app.put(
    '/api/v1/users/:userId',
    {
      config: { access: access.agency(agencyOfUser, 'manageStaff') },
      schema: {
        ...tag('users'),
        summary: '修改人员（姓名、角色、状态）',
        params: userParam,
        body: UserUpdateSchema,
        response: { 200: UserSchema, ...errors },
      },
    },
    async (req) =>
      presentUser(
        await updateUserDetails(commandContext(req), (req.params as { userId: string }).userId, body(req)),
      ),
  );

  app.post(
    '/api/v1/users/:userId/reset-password',
    {
      config: { access: access.agency(agencyOfUser, 'manageStaff') },
      schema: {
        ...tag('users'),
        summary: '重置密码（返回一次性的新密码）',
        params: userParam,
        response: { 200: Type.Object({ password: Type.String() }), ...errors },
      },
    },
    async (req) => ({
      password: await resetPassword(commandContext(req), (req.params as { userId: string }).userId),
    }),
  );

  app.post(
    '/api/v1/users/:userId/revoke-sessions',
    {
      config: { access: access.agency(agencyOfUser, 'manageStaff') },
      schema: {
        ...tag('users'),
        summary: '结束该人员的全部会话并解除锁定',
        params: userParam,
        response: { 200: Type.Object({ revoked: Type.Integer() }), ...errors },
      },
    },
    async (req) => ({
      revoked: await revokeUserSessions(commandContext(req), (req.params as { userId: string }).userId),
    }),
  );
}
