/** The JSON open API for published items (placeholder). */
import type { FastifyInstance } from 'fastify';

export async function openApiRoutes(_app: FastifyInstance) {}
