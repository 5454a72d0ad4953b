/** The back office of 主动公开 work: queues, the editor, the detail page with its actions, attachments, bulk approval. */
import type { FastifyInstance } from 'fastify';
import { attachmentsAdminRoutes } from './attachments.routes.js';
import { bulkAdminRoutes } from './bulk.routes.js';
import { detailAdminRoutes } from './detail.routes.js';
import { editorAdminRoutes } from './editor.routes.js';
import { queuesAdminRoutes } from './queues.routes.js';

export async function publicationsAdminRoutes(app: FastifyInstance) {
  await app.register(queuesAdminRoutes);
  await app.register(bulkAdminRoutes);
  await app.register(editorAdminRoutes);
  await app.register(detailAdminRoutes);
  // Its own context: the multipart reader applies to the attachment forms only.
  await app.register(attachmentsAdminRoutes);
}
