/** Browsing the audit trail: JSON API and a back-office page, limited to the agencies one may audit. */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditScope } from '../../modules/accounts/accounts.policy.js';
import { listAgencies } from '../../modules/accounts/accounts.repository.js';
import { AppError, FieldErrors } from '../errors.js';
import { access } from '../http/access.js';
import { parseLegalDate } from '../legal-date.js';
import { sendPage } from '../views/render.js';
import { searchEvents } from './audit.repository.js';
import { AuditPage } from './audit.views.js';
import { presentEvent } from './audit-presenter.js';

const PAGE_SIZE = 50;

export interface AuditFilters {
  agencyId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  page: number;
}

/** China-time day bounds as UTC instants: 2026-03-02 → [2026-03-01T16:00Z, 2026-03-02T16:00Z). */
function dayStartUtc(d: string): string {
  return new Date(Date.parse(`${d}T00:00:00+08:00`)).toISOString();
}

function readFilters(q: Record<string, unknown>): AuditFilters {
  const fe = new FieldErrors();
  const s = (k: string) =>
    typeof q[k] === 'string' && (q[k] as string).trim() ? (q[k] as string).trim().slice(0, 100) : undefined;
  const from = s('from');
  const to = s('to');
  if (from && !parseLegalDate(from)) fe.add('from', '起始日期应为有效日期，格式如 2026-01-01');
  if (to && !parseLegalDate(to)) fe.add('to', '截止日期应为有效日期，格式如 2026-12-31');
  const pageRaw = s('page') ?? '1';
  if (!/^\d{1,6}$/.test(pageRaw) || Number(pageRaw) < 1) fe.add('page', '页码应为正整数');
  fe.throwIfAny();
  return {
    agencyId: s('agencyId'),
    action: s('action'),
    targetType: s('targetType'),
    targetId: s('targetId'),
    from,
    to,
    page: Number(pageRaw),
  };
}

async function query(req: FastifyRequest) {
  const db = req.server.services.db;
  const scope = await auditScope(db, req.principal!);
  const f = readFilters(req.query as Record<string, unknown>);
  if (scope !== 'all' && scope.length === 0)
    throw new AppError('forbidden', '只有单位管理员、主管部门和平台管理员可以查看审计日志。');
  let agencyIds: string[] | 'all' = scope;
  if (f.agencyId) {
    if (scope !== 'all' && !scope.includes(f.agencyId)) throw new AppError('not_found');
    agencyIds = [f.agencyId];
  }
  const result = await searchEvents(db, {
    agencyIds,
    action: f.action,
    targetType: f.targetType,
    targetId: f.targetId,
    from: f.from ? dayStartUtc(f.from) : undefined,
    to: f.to ? new Date(Date.parse(dayStartUtc(f.to)) + 86_400_000).toISOString() : undefined,
    limit: PAGE_SIZE,
    offset: (f.page - 1) * PAGE_SIZE,
  });
  return { scope, filters: f, ...result };
}

export async function auditRoutes(app: FastifyInstance) {
  app.get(
    '/api/v1/audit-events',
    {
      config: { access: access.signedIn },
      schema: {
        tags: ['audit'],
        summary: '审计日志（可见范围：单位管理员本单位，主管部门所督导的单位，平台管理员全部）',
        querystring: Type.Object({
          agencyId: Type.Optional(Type.String()),
          action: Type.Optional(Type.String()),
          targetType: Type.Optional(Type.String()),
          targetId: Type.Optional(Type.String()),
          from: Type.Optional(Type.String({ description: '起始日期 YYYY-MM-DD（北京时间）' })),
          to: Type.Optional(Type.String({ description: '截止日期 YYYY-MM-DD（含当日）' })),
          page: Type.Optional(Type.String()),
        }),
      },
    },
    async (req) => {
      const r = await query(req);
      return { items: r.rows.map(presentEvent), total: r.total, page: r.filters.page, pageSize: PAGE_SIZE };
    },
  );

  app.get(
    '/admin/audit',
    { config: { access: access.signedIn }, schema: { hide: true } },
    async (req, reply) => {
      const r = await query(req);
      const agencies = (await listAgencies(app.services.db)).filter(
        (a) => r.scope === 'all' || r.scope.includes(a.id),
      );
      const names = new Map(agencies.map((a) => [a.id, a.name]));
      return sendPage(req, reply, { title: '审计日志', area: 'admin' }, () => (
        <AuditPage
          filters={r.filters}
          agencies={agencies.map((a) => ({ id: a.id, name: a.name }))}
          events={r.rows
            .map(presentEvent)
            .map((e) => ({ ...e, agencyName: e.agencyId ? (names.get(e.agencyId) ?? e.agencyId) : '平台' }))}
          total={r.total}
          pageSize={PAGE_SIZE}
        />
      ));
    },
  );
}
