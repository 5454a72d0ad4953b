/** Oversight figures: the 三项清单 register, 第二十六条 timeliness and 待解读 policies, per agency and across a supervisor's scope. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { access } from '../../../platform/http/access.js';
import { chinaToday, parseLegalDate } from '../../../platform/legal-date.js';
import { readableAgencies } from '../../accounts/accounts.policy.js';
import { listAgencies } from '../../accounts/accounts.repository.js';
import { policiesAwaitingInterpretation } from '../interpretation.repository.js';
import { toPublication } from '../publications.js';
import { presentSummary } from '../publications.presenter.js';
import {
  AgencyParams,
  PeriodQuery,
  RegisterQuery,
  SummarySchema,
  TimelinessSchema,
} from '../publications.schemas.js';
import { registerDue, registerEntries, timeliness } from '../register.repository.js';
import { agencyParam, errors, tags } from './route-helpers.js';

const legal = (v: string | undefined) => parseLegalDate(v) ?? undefined;

async function scopeIds(req: FastifyRequest): Promise<string[]> {
  const scope = await readableAgencies(req.server.services.db, req.principal!);
  return scope === 'all' ? (await listAgencies(req.server.services.db)).map((a) => a.id) : scope;
}

function period(req: FastifyRequest) {
  const q = req.query as { from?: string; to?: string };
  const today = chinaToday(req.server.services.clock.now());
  return { from: legal(q.from) ?? `${today.slice(0, 4)}-01-01`, to: legal(q.to) ?? today };
}

export async function oversightRoutes(app: FastifyInstance) {
  const { services } = app;
  const read = { access: access.agency(agencyParam, 'read') };
  const items = Type.Object({ items: Type.Array(SummarySchema) });

  app.get(
    '/api/v1/agencies/:agencyId/publication-register',
    {
      config: read,
      schema: {
        tags,
        summary: '三项清单：依申请公开和不予公开的信息及下次复核日期（第十八条）',
        params: AgencyParams,
        querystring: RegisterQuery,
        response: { 200: items, ...errors },
      },
    },
    async (req) => {
      const due = (req.query as { due?: boolean }).due;
      const ids = [agencyParam(req)];
      const rows = due
        ? await registerDue(services.db, ids, chinaToday(services.clock.now()))
        : await registerEntries(services.db, ids);
      return { items: rows.map((r) => presentSummary(toPublication(r))) };
    },
  );

  app.get(
    '/api/v1/agencies/:agencyId/publication-timeliness',
    {
      config: read,
      schema: {
        tags,
        summary: '按时公开率（第二十六条：形成或变更之日起20个工作日内）',
        params: AgencyParams,
        querystring: PeriodQuery,
        response: { 200: TimelinessSchema, ...errors },
      },
    },
    async (req) => {
      const { from, to } = period(req);
      return { items: await timeliness(services.db, [agencyParam(req)], from, to) };
    },
  );

  app.get(
    '/api/v1/publication-timeliness',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: '可见各单位的按时公开率（主管部门）',
        querystring: PeriodQuery,
        response: { 200: TimelinessSchema, ...errors },
      },
    },
    async (req) => {
      const { from, to } = period(req);
      return { items: await timeliness(services.db, await scopeIds(req), from, to) };
    },
  );

  app.get(
    '/api/v1/agencies/:agencyId/policies-awaiting-interpretation',
    {
      config: read,
      schema: {
        tags,
        summary: '待解读：尚未关联政策解读的规章和行政规范性文件',
        params: AgencyParams,
        response: { 200: items, ...errors },
      },
    },
    async (req) => ({
      items: (await policiesAwaitingInterpretation(services.db, [agencyParam(req)])).map((r) =>
        presentSummary(toPublication(r)),
      ),
    }),
  );

  app.get(
    '/api/v1/policies-awaiting-interpretation',
    {
      config: { access: access.signedIn },
      schema: {
        tags,
        summary: '可见各单位待解读的政策文件（主管部门）',
        response: { 200: items, ...errors },
      },
    },
    async (req) => ({
      items: (await policiesAwaitingInterpretation(services.db, await scopeIds(req))).map((r) =>
        presentSummary(toPublication(r)),
      ),
    }),
  );
}
