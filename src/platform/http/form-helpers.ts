/**
 * What every back-office form route does the same way: read the query and the
 * body, run a command so that bad input and refusals come back for the page to
 * re-render (with what the user typed), while anything else propagates.
 */
import type { FastifyRequest } from 'fastify';
import { listAgencies } from '../../modules/accounts/accounts.repository.js';
import type { AppError } from '../errors.js';
import type { Values } from '../views/form.js';
import { toAppError } from './error-handler.js';

export const queryText = (req: FastifyRequest, name: string): string => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * Runs a command; bad input, refusals and lost races (409) come back to re-render the page,
 * anything else propagates.
 */
export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    const error = toAppError(err);
    if (error.code !== 'validation_failed' && error.code !== 'refused' && error.code !== 'conflict')
      throw err;
    return { ok: false, error };
  }
}

/** The submitted form as the view redisplays it: strings and string lists only, never the CSRF token. */
export function formValues(input: Record<string, unknown>): Values {
  const keep = (v: unknown) =>
    typeof v === 'string'
      ? v
      : Array.isArray(v)
        ? v.filter((x): x is string => typeof x === 'string')
        : undefined;
  return Object.fromEntries(Object.entries(input).map(([k, v]) => [k, k === '_csrf' ? undefined : keep(v)]));
}

export function body(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

/**
 * The agency a page is about: `?agencyId=` when given (a supervisor looking at an agency of their
 * scope — the route's access rule checks it), else the viewer's own; a platform admin, who belongs
 * to none, starts at the first agency.
 */
export async function queryOrOwnAgency(req: FastifyRequest): Promise<string | null> {
  const picked = queryText(req, 'agencyId') || req.principal?.agencyId;
  if (picked) return picked;
  if (!req.principal?.isPlatformAdmin) return null;
  return (await listAgencies(req.server.services.db))[0]?.id ?? null;
}
