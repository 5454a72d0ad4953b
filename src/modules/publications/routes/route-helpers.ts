/** Glue shared by the publications routes: access resolvers, the detail reply, error responses. */
import type { FastifyRequest } from 'fastify';
import { ErrorSchema } from '../../accounts/accounts.schemas.js';
import { commandContext } from '../../accounts/routes/route-helpers.js';
import { loadPublicationDetail } from '../publication-detail.js';
import type { Publication } from '../publications.js';
import { presentDetail } from '../publications.presenter.js';
import { agencyOfPublication } from '../publications.repository.js';

export { commandContext };

export const errors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  422: ErrorSchema,
};

export const tags = ['publications'];

/** The agency owning `:publicationId`, for access.agency (null ⇒ 404). */
export function publicationAgency(req: FastifyRequest): Promise<string | null> {
  return agencyOfPublication(req.server.services.db, (req.params as { publicationId: string }).publicationId);
}

export const agencyParam = (req: FastifyRequest) => (req.params as { agencyId: string }).agencyId;

export const publicationId = (req: FastifyRequest) => (req.params as { publicationId: string }).publicationId;

export function input(req: FastifyRequest): Record<string, unknown> {
  return req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
}

/** The reply to every command on one publication: its detail as the person now sees it. */
export async function detailReply(req: FastifyRequest, pub: Publication) {
  return presentDetail(await loadPublicationDetail(req.server.services, req.principal!, pub));
}
