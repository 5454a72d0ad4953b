/** Every route of the catalogue module: the tree, the 指南, the disclosure settings (back office). */
import type { FastifyInstance } from 'fastify';
import { catalogGuideRoutes } from './guide.routes.js';
import { catalogSettingsRoutes } from './settings.routes.js';
import { catalogTreeRoutes } from './tree.routes.js';

export async function catalogRoutes(app: FastifyInstance) {
  await app.register(catalogTreeRoutes);
  await app.register(catalogGuideRoutes);
  await app.register(catalogSettingsRoutes);
}
