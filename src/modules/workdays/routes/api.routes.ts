import type { FastifyInstance } from 'fastify';

// PLACEHOLDER: being written.
export async function workdaysApiRoutes(_app: FastifyInstance) {}
