/** The whole schema as Kysely sees it: one interface per table, declared beside its module. */
import type {
  AgencyNameHistoryTable,
  AgencyTable,
  SessionTable,
  UserRoleTable,
  UserTable,
} from '../modules/accounts/accounts.table.js';
import type { CalendarDayTable, CalendarYearTable } from '../modules/workdays/workdays.table.js';
import type {
  AuditChainHeadTable,
  AuditCheckpointTable,
  AuditEventTable,
} from '../platform/audit/audit.table.js';

export interface Database {
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
