/** Glue shared by the catalogue's back-office routes: access resolvers, outcomes, form echo. */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import {
  attempt,
  body,
  formValues,
  queryOrOwnAgency,
  queryText,
} from '../../../platform/http/form-helpers.js';
import type { Values } from '../../../platform/views/form.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { findNode } from '../catalog.repository.js';
import { type AgencyRef, DONE_MESSAGES } from '../views/shared.views.js';

export { attempt, body, formValues, queryOrOwnAgency, queryText };

type Req = FastifyRequest;

export const param = (req: Req, name: 'agencyId' | 'nodeId') =>
  (req.params as Record<string, string>)[name] ?? '';

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
