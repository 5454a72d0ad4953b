import type { FastifyInstance } from 'fastify';

/** Back-office pages of the cases: work views, the case page and its actions, registration of other channels. */
export async function applicationsAdminRoutes(_app: FastifyInstance) {}
