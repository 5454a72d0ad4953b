/**
 * Every route declares who may call it, in `config.access`. A route without a
 * declaration fails at start-up (see app.ts), and the authorization test walks
 * the route table to try each one as every role of another agency.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../modules/accounts/accounts.js';
import { canAct, canManageStaff, canRead, canSupervise } from '../../modules/accounts/accounts.policy.js';
import { AppError } from '../errors.js';

type AgencyResolver = (req: FastifyRequest) => Promise<string | null> | string | null;

export type Access =
  | { kind: 'public' }
  /** Any signed-in person; the handler only touches their own account or filters by scope. */
  | { kind: 'signedIn' }
  | { kind: 'platformAdmin' }
  /** Targets one agency's data, found from the request (null ⇒ 404). */
  | { kind: 'agency'; agency: AgencyResolver; need: 'read' | 'manageStaff' | 'supervise' | readonly Role[] };

export const access = {
  public: { kind: 'public' } as Access,
  signedIn: { kind: 'signedIn' } as Access,
  platformAdmin: { kind: 'platformAdmin' } as Access,
  agency: (agency: AgencyResolver, need: 'read' | 'manageStaff' | 'supervise' | readonly Role[]): Access => ({
    kind: 'agency',
    agency,
    need,
  }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Pages the user may reach while a password change is pending (the change form, logout). */
    allowPendingPasswordChange?: boolean;
    /** JSON-only endpoints without a session yet (API sign-in): CSRF-safe by content type. */
    csrfJsonOnly?: boolean;
  }
}

export async function enforceAccess(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (req.is404) return;
  const rule = req.routeOptions.config.access;
  if (!rule) throw new AppError('forbidden', '该地址未声明访问规则。');
  if (rule.kind === 'public') return;
  const p = req.principal;
  if (!p) {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 303);
    }
    throw new AppError('unauthenticated');
  }
  if (p.mustChangePassword && !req.routeOptions.config.allowPendingPasswordChange) {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.redirect('/account/password', 303);
    throw new AppError('refused', '请先修改初始密码。');
  }
  if (rule.kind === 'signedIn') return;
  if (rule.kind === 'platformAdmin') {
    if (!p.isPlatformAdmin) throw new AppError('forbidden', '仅平台管理员可以执行此操作。');
    return;
  }
  const agencyId = await rule.agency(req);
  if (!agencyId) throw new AppError('not_found');
  const db = req.server.services.db;
  const readable = await canRead(db, p, agencyId);
  if (rule.need === 'read') {
    if (!readable) throw new AppError('not_found');
    return;
  }
  let allowed: boolean;
  if (rule.need === 'manageStaff') allowed = canManageStaff(p, agencyId);
  else if (rule.need === 'supervise') allowed = await canSupervise(db, p, agencyId);
  else allowed = canAct(p, agencyId, rule.need);
  if (!allowed) throw readable ? new AppError('forbidden') : new AppError('not_found');
  req.targetAgencyId = agencyId;
}
