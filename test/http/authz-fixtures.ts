/**
 * Resources of agency B for the route-table authorization test: one value per
 * route parameter name. A module whose routes take a new parameter (e.g.
 * `:publicationId`) creates a resource of B here and returns its id under that
 * name; a route whose parameter is missing from this map fails the test.
 */
import type { TestApp } from '../app.js';

export interface AgencyB {
  agencyId: string;
  govId: string;
  userId: string;
  username: string;
  sessionId: string;
}

export async function resourcesOfB(_t: TestApp, b: AgencyB): Promise<Record<string, string>> {
  const params: Record<string, string> = {
    agencyId: b.agencyId,
    userId: b.userId,
    sessionId: b.sessionId,
    year: '2026',
  };
  return params;
}
