/**
 * One WorkCalendar per process, loaded from the database on first use and
 * dropped after every write to the calendar (call invalidate() after the
 * transaction commits). With several server processes on one PostgreSQL
 * database, the others see an admin's change only after their own restart
 * or invalidate(); the calendar changes about once a year.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { WorkCalendar } from './calendar.js';
import { loadCalendarData } from './workdays.repository.js';

export class CalendarStore {
  #pending: Promise<WorkCalendar> | null = null;

  get(db: Kysely<Database>): Promise<WorkCalendar> {
    if (!this.#pending) {
      const load = loadCalendarData(db).then((data) => new WorkCalendar(data));
      this.#pending = load;
      // A failed load is not cached: the next call tries again.
      load.catch(() => {
        if (this.#pending === load) this.#pending = null;
      });
    }
    return this.#pending;
  }

  invalidate(): void {
    this.#pending = null;
  }
}
