/** Wires the services a running platform needs from its configuration. */
import type { Config } from './config.js';
import { connect, type DbHandle } from './db/connect.js';
import { CalendarStore } from './modules/workdays/workdays.store.js';
import { AuditTrail } from './platform/audit/audit.js';
import { type Clock, systemClock } from './platform/clock.js';
import type { Services } from './platform/services.js';

export function createServices(
  config: Config,
  opts: { clock?: Clock; handle?: DbHandle; onPoolError?: (e: Error) => void } = {},
): {
  services: Services;
  handle: DbHandle;
} {
  const handle =
    opts.handle ??
    connect({
      databaseUrl: config.databaseUrl,
      sqliteFile: config.sqliteFile,
      onPoolError: opts.onPoolError,
    });
  const clock = opts.clock ?? systemClock;
  const services: Services = {
    db: handle.db,
    dialect: handle.dialect,
    config,
    clock,
    audit: new AuditTrail({ auditKey: config.auditKey, piiKey: config.piiKey }, clock),
    calendar: new CalendarStore(clock),
  };
  return { services, handle };
}
