/** Glue shared by the catalogue's back-office routes: access resolvers, outcomes, form echo. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { attempt, formValues, queryText } from '../../../platform/http/form-helpers.js';
import type { Values } from '../../../platform/views/form.js';
import { findAgency, listAgencies } from '../../accounts/accounts.repository.js';
import { findNode } from '../catalog.repository.js';
import { type AgencyRef, DONE_MESSAGES } from '../views/shared.views.js';

export { attempt, formValues, queryText };

type Req = FastifyRequest;

export const param = (req: Req, name: 'agencyId' | 'nodeId') =>
  (req.params as Record<string, string>)[name] ?? '';

export function body(req: Req): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

/**
 * `/admin/catalog`: the agency picked with ?agencyId=, else the viewer's own; a platform admin, who
 * belongs to none, starts at the first agency of the tree.
 */
export async function queryOrOwnAgency(req: Req): Promise<string | null> {
  const picked = queryText(req, 'agencyId') || req.principal?.agencyId;
  if (picked) return picked;
  if (!req.principal?.isPlatformAdmin) return null;
  return (await listAgencies(req.server.services.db))[0]?.id ?? null;
}
export const paramAgency = (req: Req) => param(req, 'agencyId') || null;
export const agencyOfNode = async (req: Req) =>
  (await findNode(req.server.services.db, param(req, 'nodeId')))?.agency_id ?? null;

export async function agencyRef(req: Req, id: string): Promise<AgencyRef> {
  const row = await findAgency(req.server.services.db, id);
  if (!row) throw new AppError('not_found');
  return { id: row.id, name: row.name, code: row.code };
}

export const doneMessage = (req: Req) => {
  const done = queryText(req, 'done');
  return Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done] : undefined;
};

/** A failed submission: what the user sent and why it failed. */
export interface Failed<F extends string = string> {
  form?: F;
  values?: Values;
  error: AppError;
}

export const failure = (f?: Failed) => ({
  errors: f?.error.fields ?? [],
  notice: f && f.error.fields.length === 0 ? f.error.message : undefined,
});
