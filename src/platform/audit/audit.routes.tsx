import type { FastifyInstance } from 'fastify';

// PLACEHOLDER: being written.
export async function auditRoutes(_app: FastifyInstance) {}
