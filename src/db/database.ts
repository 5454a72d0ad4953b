/** The whole schema as Kysely sees it: each module declares its own tables beside its code. */
import type {
  AgencyNameHistoryTable,
  AgencyTable,
  SessionTable,
  UserRoleTable,
  UserTable,
} from '../modules/accounts/accounts.table.js';
import type { AnnualReportTables } from '../modules/annual-reports/reports/reports.table.js';
import type { ApplicationTables } from '../modules/applications/applications.table.js';
import type { ApplicationIntakeTables } from '../modules/applications/intake/intake.table.js';
import type { ApplicationLetterTables } from '../modules/applications/letters/letters.table.js';
import type { CatalogTables } from '../modules/catalog/catalog.table.js';
import type { PortalTables } from '../modules/portal/portal.table.js';
import type { PublicationTables } from '../modules/publications/publications.table.js';
import type { SearchTables } from '../modules/search/search.table.js';
import type { SupervisionTables } from '../modules/supervision/supervision.table.js';
import type { CalendarDayTable, CalendarYearTable } from '../modules/workdays/workdays.table.js';
import type {
  AuditChainHeadTable,
  AuditCheckpointTable,
  AuditEventTable,
} from '../platform/audit/audit.table.js';

export interface Database
  extends SupervisionTables,
    CatalogTables,
    PublicationTables,
    SearchTables,
    PortalTables,
    ApplicationTables,
    ApplicationLetterTables,
    ApplicationIntakeTables,
    AnnualReportTables {
  agencies: AgencyTable;
  agency_name_history: AgencyNameHistoryTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  audit_events: AuditEventTable;
  audit_chain_heads: AuditChainHeadTable;
  audit_checkpoints: AuditCheckpointTable;
  calendar_years: CalendarYearTable;
  calendar_days: CalendarDayTable;
}
