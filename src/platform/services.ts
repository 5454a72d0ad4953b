/** What commands and routes are given: the database, the clock, the audit trail, the config. */
import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../config.js';
import type { Dialect } from '../db/connect.js';
import type { Database } from '../db/database.js';
import type { CalendarStore } from '../modules/workdays/workdays.store.js';
import type { AuditTrail } from './audit/audit.js';
import type { Clock } from './clock.js';

export type Db = Kysely<Database> | Transaction<Database>;

export interface Services {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  clock: Clock;
  audit: AuditTrail;
  calendar: CalendarStore;
}
