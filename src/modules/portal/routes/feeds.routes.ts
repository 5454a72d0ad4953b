/** RSS/Atom feeds per agency and per column, and sitemap.xml (placeholder). */
import type { FastifyInstance } from 'fastify';

export async function feedRoutes(_app: FastifyInstance) {}
