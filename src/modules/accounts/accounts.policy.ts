/**
 * Who may do what across agencies (ADR 0007 supervisor scope).
 * - Everyone reads their own agency, and agencies merged into it.
 * - A supervisor (主管部门) also reads the subtree rooted at its government:
 *   the government, its departments and the governments below. Supervisors
 *   comment and 督办 but never edit another agency's data.
 * - A platform admin runs the platform (agencies, accounts, calendar).
 * - Nobody approves their own work at any review step.
 */
import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/services.js';
import type { Principal, Role } from './accounts.js';
import { findAgency, predecessorIds, subtreeIds } from './accounts.repository.js';

export type Scope = 'all' | string[];

/** The agencies whose data this person may read. */
export async function readableAgencies(db: Db, p: Principal): Promise<Scope> {
  if (p.isPlatformAdmin) return 'all';
  if (!p.agencyId) return [];
  const ids = new Set<string>([p.agencyId, ...(await predecessorIds(db, p.agencyId))]);
  if (p.roles.has('supervisor')) {
    const root = await supervisedRoot(db, p.agencyId);
    if (root) {
      for (const id of await subtreeIds(db, root)) {
        ids.add(id);
        for (const pred of await predecessorIds(db, id)) ids.add(pred);
      }
    }
  }
  return [...ids];
}

/** A supervisor's scope is rooted at its government: itself if a government, else its parent government. */
export async function supervisedRoot(db: Db, agencyId: string): Promise<string | null> {
  const agency = await findAgency(db, agencyId);
  if (!agency) return null;
  if (agency.kind === 'government') return agency.id;
  return agency.parent_id;
}

export async function canRead(db: Db, p: Principal, agencyId: string): Promise<boolean> {
  const scope = await readableAgencies(db, p);
  return scope === 'all' || scope.includes(agencyId);
}

/** Acting on an agency's data needs one of the roles, in that very agency. */
export function canAct(p: Principal, agencyId: string, roles: readonly Role[]): boolean {
  return p.agencyId === agencyId && roles.some((r) => p.roles.has(r));
}

/** Managing staff: the platform admin anywhere, an agency admin in its own agency. */
export function canManageStaff(p: Principal, agencyId: string | null): boolean {
  if (p.isPlatformAdmin) return true;
  return agencyId !== null && canAct(p, agencyId, ['agencyAdmin']);
}

export async function canSupervise(db: Db, p: Principal, agencyId: string): Promise<boolean> {
  if (!p.roles.has('supervisor') || !p.agencyId) return false;
  const root = await supervisedRoot(db, p.agencyId);
  return root !== null && (await subtreeIds(db, root)).includes(agencyId);
}

/**
 * Separation of duties: refuses when the person approving a step is one of the
 * people who wrote or last changed the work. Used by every review workflow.
 */
export function assertNotOwnWork(
  p: Principal,
  authorIds: Iterable<string | null | undefined>,
  step: string,
): void {
  for (const id of authorIds)
    if (id && id === p.userId)
      throw new AppError('refused', `不能审核本人经手的内容：${step}须由其他人员完成。`);
}

/** 404 rather than 403 when the thing exists but lies outside the reader's scope: no existence oracle. */
export async function assertReadable(db: Db, p: Principal, agencyId: string): Promise<void> {
  if (!(await canRead(db, p, agencyId))) throw new AppError('not_found');
}

/**
 * Whose audit trail a person may browse: supervisors the agencies they read,
 * agency admins their own agency (and agencies merged into it), the platform
 * admin everything (including platform-level events, `null` here).
 */
export async function auditScope(db: Db, p: Principal): Promise<Scope> {
  if (p.isPlatformAdmin) return 'all';
  const ids = new Set<string>();
  if (p.roles.has('supervisor')) {
    const r = await readableAgencies(db, p);
    if (r === 'all') return 'all';
    for (const id of r) ids.add(id);
  }
  if (p.roles.has('agencyAdmin') && p.agencyId) {
    ids.add(p.agencyId);
    for (const id of await predecessorIds(db, p.agencyId)) ids.add(id);
  }
  return [...ids];
}
