/** Glue shared by the supervision routes: the note's agency for access rules, form re-display. */
import type { FastifyRequest } from 'fastify';
import type { AppError } from '../../../platform/errors.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import type { Values } from '../../../platform/views/form.js';
import { findNote } from '../supervision.repository.js';

export const noteIdOf = (req: FastifyRequest) => (req.params as { noteId?: string }).noteId ?? '';

/** The supervised agency of the note in the URL (null ⇒ 404), for `access.agency`. */
export async function noteAgency(req: FastifyRequest): Promise<string | null> {
  return (await findNote(req.server.services.db, noteIdOf(req)))?.agency_id ?? null;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Runs a command; bad input and refusals come back to re-render the page, anything else propagates. */
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

/** What was typed in the named fields, as text only (never the CSRF token or anything else). */
export function typedValues(input: Record<string, unknown>, fields: readonly string[]): Values {
  return Object.fromEntries(fields.map((f) => [f, typeof input[f] === 'string' ? (input[f] as string) : '']));
}
