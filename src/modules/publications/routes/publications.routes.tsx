import type { FastifyInstance } from 'fastify';
import { publicationsAdminRoutes } from '../admin/publications-admin.routes.js';
import { importRoutes } from '../import/import.routes.js';
import { oversightPages } from '../oversight/oversight.routes.js';
import { attachmentsRoutes } from './attachments.routes.js';
import { editingRoutes } from './editing.routes.js';
import { listingRoutes } from './listing.routes.js';
import { oversightRoutes } from './oversight.routes.js';
import { workflowRoutes } from './workflow.routes.js';

/** Every route of the publications module (JSON API under /api/v1; back-office pages are added here too). */
export async function publicationsRoutes(app: FastifyInstance) {
  await app.register(listingRoutes);
  await app.register(oversightRoutes);
  await app.register(editingRoutes);
  await app.register(workflowRoutes);
  await app.register(attachmentsRoutes);
  await app.register(publicationsAdminRoutes);
  await app.register(oversightPages);
  await app.register(importRoutes);
}
