/** Glue shared by the oversight and register pages: query reading and command outcomes. */
import type { FastifyRequest } from 'fastify';
import type { AppError } from '../../../../platform/errors.js';
import { toAppError } from '../../../../platform/http/error-handler.js';

export const queryOf = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;

export const queryText = (req: FastifyRequest, name: string): string => {
  const v = queryOf(req)[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** What the user typed in the period fields, to show again next to their errors. */
export const typedPeriod = (req: FastifyRequest) => ({
  from: queryText(req, 'from'),
  to: queryText(req, 'to'),
});

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Runs a command; bad input, refusals and lost races come back to re-render the page, anything else propagates. */
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
