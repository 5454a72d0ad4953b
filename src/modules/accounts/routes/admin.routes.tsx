/**
 * Back-office pages of agencies and staff. Thin: parse, call one command, render.
 * A validation error re-renders the form with what the user typed (400); a
 * refusal re-renders the page with its reason (422); success redirects (303),
 * except where a one-time password must be shown once, never in a URL.
 */
import type { FastifyInstance } from 'fastify';
import { agenciesAdminRoutes } from './agencies-admin.routes.js';
import { usersAdminRoutes } from './users-admin.routes.js';

export async function accountsAdminRoutes(app: FastifyInstance) {
  await app.register(agenciesAdminRoutes);
  await app.register(usersAdminRoutes);
}
