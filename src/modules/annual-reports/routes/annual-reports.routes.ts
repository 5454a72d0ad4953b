import type { FastifyInstance } from 'fastify';
import { reportsAdminRoutes } from './admin.routes.js';
import { checkerPageRoutes } from './checker-page.routes.js';

/** Every route of the annual-reports module: the back office's reports and the public 年报体检 page. */
export async function annualReportsRoutes(app: FastifyInstance) {
  await app.register(reportsAdminRoutes);
  await app.register(checkerPageRoutes);
}
