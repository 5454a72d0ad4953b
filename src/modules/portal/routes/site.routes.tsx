/** Site identity settings (platform admin) and the view-count beacon (placeholder). */
import type { FastifyInstance } from 'fastify';

export async function siteRoutes(_app: FastifyInstance) {}
