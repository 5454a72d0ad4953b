/** Every route of the supervision module (督办/意见): the JSON API and the back-office pages. */
import type { FastifyInstance } from 'fastify';
import { supervisionAdminRoutes } from './admin.routes.js';
import { supervisionApiRoutes } from './api.routes.js';

export async function supervisionRoutes(app: FastifyInstance) {
  await app.register(supervisionApiRoutes);
  await app.register(supervisionAdminRoutes);
}
