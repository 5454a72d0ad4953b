/**
 * Back-office pages of oversight (README: register, timeliness, 待解读): the supervisor's per-agency table
 * and its CSV, the lists behind its figures, and the 三项清单 with its 第十八条 re-review.
 */
import type { FastifyInstance } from 'fastify';
import { oversightPageRoutes } from './routes/oversight-pages.routes.js';
import { registerPageRoutes } from './routes/register-pages.routes.js';

export async function oversightPages(app: FastifyInstance) {
  await app.register(oversightPageRoutes);
  await app.register(registerPageRoutes);
}
