import type { FastifyInstance } from 'fastify';

// PLACEHOLDER: being written.
export async function workdaysAdminRoutes(_app: FastifyInstance) {}
