import type { FastifyInstance } from 'fastify';

/** The public pages: the online form, the receipt, the applicant's lookup, withdrawal and letter downloads. */
export async function applicationsPublicRoutes(_app: FastifyInstance) {}
