import type { FastifyInstance } from 'fastify';

/** The JSON API for applications (online submission and the applicant's lookup). */
export async function applicationsApiRoutes(_app: FastifyInstance) {}
