import type { FastifyInstance } from 'fastify';

// PLACEHOLDER: being written.
export async function accountsAdminRoutes(_app: FastifyInstance) {}
