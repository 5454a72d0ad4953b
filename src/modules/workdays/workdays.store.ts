/**
 * One WorkCalendar per process, loaded from the database on first use.
 *
 * - A save in this process calls invalidate() after its transaction commits.
 * - Saves by another process on the same PostgreSQL database: at most once every
 *   RECHECK_MS, get() reads calendarVersion() (two counts and the latest
 *   updated_at, one small query) and reloads when it changed. So every server
 *   sees an admin's change within about half a minute, and the usual call costs
 *   no query at all.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import { WorkCalendar } from './calendar.js';
import { calendarVersion, loadCalendarData } from './workdays.repository.js';

export const RECHECK_MS = 30_000;

interface Loaded {
  calendar: WorkCalendar;
  version: string;
}

export class CalendarStore {
  #pending: Promise<Loaded> | null = null;
  /** When the loaded version was last known to be current (clock milliseconds). */
  #checkedAt = 0;

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly recheckMs: number = RECHECK_MS,
  ) {}

  async get(db: Kysely<Database>): Promise<WorkCalendar> {
    const now = this.clock.now().getTime();
    const cached = this.#pending;
    if (cached && now - this.#checkedAt >= this.recheckMs) {
      this.#checkedAt = now; // one re-check at a time; concurrent callers keep the cached calendar meanwhile
      const stale = await Promise.all([cached, calendarVersion(db)]).then(
        ([loaded, version]) => loaded.version !== version,
        () => false, // the check failed (database briefly away): keep serving what we have, retry later
      );
      if (stale && this.#pending === cached) this.#pending = null;
    }
    return (await (this.#pending ?? this.#load(db, now))).calendar;
  }

  invalidate(): void {
    this.#pending = null;
  }

  #load(db: Kysely<Database>, now: number): Promise<Loaded> {
    // The version is read first: a save landing in between only causes one extra reload later.
    const load = (async () => {
      const version = await calendarVersion(db);
      return { calendar: new WorkCalendar(await loadCalendarData(db)), version };
    })();
    this.#pending = load;
    this.#checkedAt = now;
    // A failed load is not cached: the next call tries again.
    load.catch(() => {
      if (this.#pending === load) this.#pending = null;
    });
    return load;
  }
}
