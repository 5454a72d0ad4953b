import type { FastifyInstance } from 'fastify';

/** Placeholder: its owner fills it in. */
export async function reportsAdminRoutes(_app: FastifyInstance) {}
