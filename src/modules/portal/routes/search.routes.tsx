/** Search pages: platform-wide /search and per agency /gk/:agencyCode/search (placeholder). */
import type { FastifyInstance, FastifyPluginOptions } from 'fastify';

export async function searchPagesRoutes(_app: FastifyInstance, _opts: FastifyPluginOptions) {}
