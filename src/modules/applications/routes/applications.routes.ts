import type { FastifyInstance } from 'fastify';
import { applicationsAdminRoutes } from '../admin/admin.routes.js';
import { applicationsAttachmentRoutes } from '../admin/attachment-download.js';
import { applicationsIntakeRoutes } from '../intake/intake.routes.js';
import { applicationsLettersRoutes } from '../letters/letters.routes.js';
import { applicationsApiRoutes } from './api.routes.js';
import { applicationsPublicRoutes } from './public.routes.js';

/** Every route of the applications module: the public form and lookup, the JSON API, the back office, letters. */
export async function applicationsRoutes(app: FastifyInstance) {
  await app.register(applicationsPublicRoutes);
  await app.register(applicationsApiRoutes);
  await app.register(applicationsAdminRoutes);
  await app.register(applicationsAttachmentRoutes);
  await app.register(applicationsLettersRoutes);
  await app.register(applicationsIntakeRoutes);
}
