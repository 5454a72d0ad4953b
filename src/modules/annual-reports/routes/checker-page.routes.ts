import type { FastifyInstance } from 'fastify';

/** Placeholder: its owner fills it in. */
export async function checkerPageRoutes(_app: FastifyInstance) {}
