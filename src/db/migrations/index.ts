/**
 * Migrations are frozen in time: once landed, a file is never edited; a change
 * is a new file. Names sort by date. They use Kysely<any> and the schema
 * builder so the same file runs on SQLite and PostgreSQL.
 */
import type { Migration } from 'kysely';
import * as foundation from './2026-11-22-001-foundation.js';
import * as calendar2024to2026 from './2026-11-22-002-calendar-2024-2026.js';
import * as supervisionNotes from './2026-11-22-003-supervision-notes.js';
import * as catalog from './2026-11-22-010-catalog.js';
import * as publications from './2026-11-22-020-publications.js';
import * as search from './2026-11-22-030-search.js';
import * as portalSite from './2026-11-22-040-portal-site.js';
import * as applications from './2026-11-22-050-applications.js';
import * as openDataIndexes from './2026-11-22-060-open-data-indexes.js';
import * as openDataChangedIndex from './2026-11-22-070-open-data-changed-index.js';
import * as validityIndex from './2026-11-22-080-validity-index.js';
import * as portalPageCache from './2026-12-07-090-portal-page-cache.js';
import * as applicationLetters from './2026-12-07-100-application-letters.js';
import * as applicationIntake from './2026-12-07-110-application-intake.js';
import * as portalPageStore from './2026-12-07-120-portal-page-store.js';
import * as annualReports from './2026-12-07-130-annual-reports.js';

export const migrations: Record<string, Migration> = {
  '2026-11-22-001-foundation': foundation,
  '2026-11-22-002-calendar-2024-2026': calendar2024to2026,
  '2026-11-22-003-supervision-notes': supervisionNotes,
  '2026-11-22-010-catalog': catalog,
  '2026-11-22-020-publications': publications,
  '2026-11-22-030-search': search,
  '2026-11-22-040-portal-site': portalSite,
  '2026-11-22-050-applications': applications,
  '2026-11-22-060-open-data-indexes': openDataIndexes,
  '2026-11-22-070-open-data-changed-index': openDataChangedIndex,
  '2026-11-22-080-validity-index': validityIndex,
  '2026-12-07-090-portal-page-cache': portalPageCache,
  '2026-12-07-100-application-letters': applicationLetters,
  '2026-12-07-110-application-intake': applicationIntake,
  '2026-12-07-120-portal-page-store': portalPageStore,
  '2026-12-07-130-annual-reports': annualReports,
};
