import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/db.js';
import { fixedClock } from '../../platform/clock.js';
import { legalDate } from '../../platform/legal-date.js';
import { WorkCalendar } from './calendar.js';
import { officialData } from './official-calendar.fixture.js';
import { calendarVersion, getYear, listYears, loadCalendarData, replaceYear } from './workdays.repository.js';
import { CalendarStore, RECHECK_MS } from './workdays.store.js';

const d = legalDate;

const year2028 = (updatedAt: string) => ({
  year: 2028,
  status: 'official' as const,
  noticeTitle: null,
  noticeRef: null,
  holidays: [],
  makeupWorkdays: [],
  updatedAt,
});

describeEachDialect('workdays repository', (getDb) => {
  // `t.db` reads the current test's database.
  const t = {
    get db() {
      return getDb().db;
    },
  };

  it('migration 002 seeds exactly the §4.6 calendars of 2024–2026', async () => {
    const data = await loadCalendarData(t.db);
    const strip = (ys: typeof data.years) =>
      ys.map(({ year, status, holidays, makeupWorkdays }) => ({ year, status, holidays, makeupWorkdays }));
    expect(strip(data.years)).toEqual(strip(officialData().years));
    expect(data.years.map((y) => y.noticeTitle)).toEqual([
      '国务院办公厅关于2024年部分节假日安排的通知',
      '国务院办公厅关于2025年部分节假日安排的通知',
      '国务院办公厅关于2026年部分节假日安排的通知',
    ]);
  });

  it('listYears counts holidays and make-up days as numbers', async () => {
    const years = await listYears(t.db);
    expect(
      years.map(({ year, status, holidayCount, makeupWorkdayCount }) => [
        year,
        status,
        holidayCount,
        makeupWorkdayCount,
      ]),
    ).toEqual([
      [2024, 'official', 28, 8],
      [2025, 'official', 28, 5],
      [2026, 'official', 33, 6],
    ]);
  });

  it('getYear returns one year, or null', async () => {
    const y = await getYear(t.db, 2025);
    expect(y).toMatchObject({ year: 2025, status: 'official', noticeRef: null });
    expect(y?.makeupWorkdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(y?.holidays[0]).toEqual({ date: '2025-01-01', name: '元旦' });
    expect(await getYear(t.db, 2031)).toBeNull();
  });

  it('replaceYear inserts, then replaces a year as a whole inside a transaction', async () => {
    await t.db.transaction().execute((trx) =>
      replaceYear(trx, {
        year: 2027,
        status: 'provisional',
        noticeTitle: null,
        noticeRef: null,
        holidays: [{ date: d('2027-01-01'), name: '元旦' }],
        makeupWorkdays: [d('2027-02-13')],
        updatedAt: '2026-10-01T00:00:00.000Z',
      }),
    );
    expect(await getYear(t.db, 2027)).toEqual({
      year: 2027,
      status: 'provisional',
      noticeTitle: null,
      noticeRef: null,
      updatedAt: '2026-10-01T00:00:00.000Z',
      holidays: [{ date: '2027-01-01', name: '元旦' }],
      makeupWorkdays: ['2027-02-13'],
    });

    await t.db.transaction().execute((trx) =>
      replaceYear(trx, {
        year: 2027,
        status: 'official',
        noticeTitle: '国务院办公厅关于2027年部分节假日安排的通知',
        noticeRef: '国办发明电〔2026〕1号',
        holidays: [
          { date: d('2027-01-01'), name: '元旦' },
          { date: d('2027-01-02'), name: '元旦' },
        ],
        makeupWorkdays: [],
        updatedAt: '2026-11-05T08:00:00.000Z',
      }),
    );
    const y = await getYear(t.db, 2027);
    expect(y).toMatchObject({ status: 'official', noticeRef: '国办发明电〔2026〕1号', makeupWorkdays: [] });
    expect(y?.holidays.map((h) => h.date)).toEqual(['2027-01-01', '2027-01-02']);
    expect((await listYears(t.db)).find((r) => r.year === 2027)).toMatchObject({
      holidayCount: 2,
      makeupWorkdayCount: 0,
    });
    // Other years are untouched.
    expect((await getYear(t.db, 2026))?.holidays).toHaveLength(33);
  });

  it('a failed transaction leaves the year as it was', async () => {
    const before = await getYear(t.db, 2026);
    await expect(
      t.db.transaction().execute(async (trx) => {
        await replaceYear(trx, { ...before!, holidays: [], makeupWorkdays: [], updatedAt: 'x' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await getYear(t.db, 2026)).toEqual(before);
  });

  it('calendarVersion changes with every save', async () => {
    const v0 = await calendarVersion(t.db);
    expect(v0).toMatch(/^3\|\d+\|/);
    await t.db.transaction().execute((trx) => replaceYear(trx, year2028('2027-11-01T00:00:00.000Z')));
    const v1 = await calendarVersion(t.db);
    expect(v1).not.toBe(v0);
    await t.db.transaction().execute((trx) => replaceYear(trx, year2028('2027-11-02T00:00:00.000Z')));
    expect(await calendarVersion(t.db)).not.toBe(v1);
  });

  it('CalendarStore caches the calendar until invalidated', async () => {
    const store = new CalendarStore(fixedClock('2027-11-01T00:00:00.000Z'));
    const first = await store.get(t.db);
    expect(first).toBeInstanceOf(WorkCalendar);
    expect(first.addWorkdays(d('2025-09-26'), 20)).toBe('2025-10-30');
    expect(await store.get(t.db)).toBe(first);

    await t.db.transaction().execute((trx) => replaceYear(trx, year2028('2027-11-01T00:00:00.000Z')));
    expect((await store.get(t.db)).isProvisionalYear(2028)).toBe(true); // still the cached one
    store.invalidate();
    const second = await store.get(t.db);
    expect(second).not.toBe(first);
    expect(second.isProvisionalYear(2028)).toBe(false);
  });

  it('CalendarStore sees a save by another process at its next re-check, and only then', async () => {
    const clock = fixedClock('2027-11-01T00:00:00.000Z');
    const store = new CalendarStore(clock);
    const first = await store.get(t.db);
    // "Another process": a write that never calls this store's invalidate().
    await t.db.transaction().execute((trx) => replaceYear(trx, year2028('2027-11-01T00:00:05.000Z')));
    clock.advance(RECHECK_MS - 1);
    expect(await store.get(t.db)).toBe(first);
    clock.advance(1);
    const second = await store.get(t.db);
    expect(second).not.toBe(first);
    expect(second.isProvisionalYear(2028)).toBe(false);
    // Nothing changed since: the next re-check keeps the calendar.
    clock.advance(RECHECK_MS);
    expect(await store.get(t.db)).toBe(second);
  });

  it('CalendarStore keeps its calendar when a re-check fails', async () => {
    const clock = fixedClock('2027-11-01T00:00:00.000Z');
    const store = new CalendarStore(clock);
    const first = await store.get(t.db);
    clock.advance(RECHECK_MS);
    const down = {
      selectFrom: () => {
        throw new Error('database down');
      },
    } as unknown as typeof t.db;
    expect(await store.get(down)).toBe(first);
  });

  it('CalendarStore does not cache a failed load', async () => {
    const store = new CalendarStore();
    const down = {
      selectFrom: () => {
        throw new Error('database down');
      },
    } as unknown as typeof t.db;
    await expect(store.get(down)).rejects.toThrow('database down');
    expect((await store.get(t.db)).isWorkday(d('2025-10-11'))).toBe(true);
  });
});
