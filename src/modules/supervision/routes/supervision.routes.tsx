import type { FastifyInstance } from 'fastify';

/** PLACEHOLDER: being written. Register every route of the module here (sub-plugins welcome). */
export async function supervisionRoutes(_app: FastifyInstance) {}
