/**
 * Glue shared by the agency and staff back-office routes. A validation error
 * re-renders the form with what the user typed (400); a refusal re-renders the
 * page with its reason (422); success redirects (303).
 */
import type { FastifyRequest } from 'fastify';
import type { AppError } from '../../../platform/errors.js';
import { attempt, formValues, queryText } from '../../../platform/http/form-helpers.js';
import type { Values } from '../../../platform/views/form.js';
import { type Agency, type Principal, toAgency, toUser, type User } from '../accounts.js';
import { canManageStaff } from '../accounts.policy.js';
import { listAgencies, rolesOfMany } from '../accounts.repository.js';
import type { UserTable } from '../accounts.table.js';
import { DONE_MESSAGES, type StaffRow } from '../views/shared.views.js';

export { attempt, formValues, queryText };

export type Req = FastifyRequest;
/** A failed submission: which form, what the user sent, and why it failed. */
export interface Failed {
  form?: 'edit' | 'merge' | 'abolish';
  values?: Values;
  error: AppError;
}

export const param = (req: Req, name: 'agencyId' | 'userId') =>
  (req.params as Record<string, string>)[name] ?? '';
export const doneMessage = (req: Req) => {
  const done = queryText(req, 'done');
  return Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
};
export const failure = (f?: Failed) => ({
  errors: f?.error.fields ?? [],
  notice: f && f.error.fields.length === 0 ? f.error.message : undefined,
});

export async function allAgencies(req: Req): Promise<Agency[]> {
  return (await listAgencies(req.server.services.db)).map(toAgency);
}

/** Active agencies whose staff this person manages, for the agency select of the new-user form. */
export const manageable = (p: Principal, all: Agency[]) =>
  all.filter((a) => a.status === 'active' && canManageStaff(p, a.id));

export function toStaffRow(req: Req, u: User, all: Agency[]): StaffRow {
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

export async function staffRows(req: Req, rows: UserTable[], all: Agency[]): Promise<StaffRow[]> {
  const roles = await rolesOfMany(
    req.server.services.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toStaffRow(req, toUser(r, roles.get(r.id) ?? []), all));
}
