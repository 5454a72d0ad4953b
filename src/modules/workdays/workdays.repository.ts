/**
 * All SQL of the working-day calendar. Functions take the connection or the
 * caller's transaction first; the same queries run on SQLite and PostgreSQL
 * (ADR 0003), so counts are mapped with Number() (pg returns bigint as text).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { type LegalDate, legalDate } from '../../platform/legal-date.js';
import {
  type CalendarData,
  type CalendarYearData,
  type CalendarYearStatus,
  MAKEUP_WORKDAY_NAME,
} from './calendar.js';
import type { CalendarDayTable, CalendarYearTable } from './workdays.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface CalendarYearSummary {
  year: number;
  status: CalendarYearStatus;
  noticeTitle: string | null;
  noticeRef: string | null;
  updatedAt: string;
  holidayCount: number;
  makeupWorkdayCount: number;
}

export interface CalendarYearRecord extends CalendarYearData {
  noticeTitle: string | null;
  noticeRef: string | null;
  updatedAt: string;
}

export interface ReplaceYearInput {
  year: number;
  status: CalendarYearStatus;
  noticeTitle: string | null;
  noticeRef: string | null;
  holidays: { date: LegalDate; name: string }[];
  makeupWorkdays: LegalDate[];
  /** ISO-8601 UTC instant, from the caller's clock. */
  updatedAt: string;
}

function toStatus(s: string): CalendarYearStatus {
  return s === 'official' ? 'official' : 'provisional';
}

function toYearRecord(row: CalendarYearTable, days: CalendarDayTable[]): CalendarYearRecord {
  const mine = days
    .filter((d) => Number(d.year) === Number(row.year))
    .sort((a, b) => (a.date < b.date ? -1 : 1));
  return {
    year: Number(row.year),
    status: toStatus(row.status),
    noticeTitle: row.notice_title,
    noticeRef: row.notice_ref,
    updatedAt: row.updated_at,
    holidays: mine
      .filter((d) => d.kind === 'holiday')
      .map((d) => ({ date: legalDate(d.date), name: d.name ?? '' })),
    makeupWorkdays: mine.filter((d) => d.kind === 'makeupWorkday').map((d) => legalDate(d.date)),
  };
}

/** Everything the pure WorkCalendar needs, in one pass. */
export async function loadCalendarData(db: Db): Promise<CalendarData> {
  const years = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  const days = await db.selectFrom('calendar_days').selectAll().execute();
  return { years: years.map((y) => toYearRecord(y, days)) };
}

export async function listYears(db: Db): Promise<CalendarYearSummary[]> {
  const years = await db.selectFrom('calendar_years').selectAll().orderBy('year').execute();
  const counts = await db
    .selectFrom('calendar_days')
    .select(['year', 'kind', (eb) => eb.fn.countAll().as('n')])
    .groupBy(['year', 'kind'])
    .execute();
  const count = (year: number, kind: string) =>
    Number(counts.find((c) => Number(c.year) === year && c.kind === kind)?.n ?? 0);
  return years.map((y) => ({
    year: Number(y.year),
    status: toStatus(y.status),
    noticeTitle: y.notice_title,
    noticeRef: y.notice_ref,
    updatedAt: y.updated_at,
    holidayCount: count(Number(y.year), 'holiday'),
    makeupWorkdayCount: count(Number(y.year), 'makeupWorkday'),
  }));
}

export async function getYear(db: Db, year: number): Promise<CalendarYearRecord | null> {
  const row = await db.selectFrom('calendar_years').selectAll().where('year', '=', year).executeTakeFirst();
  if (!row) return null;
  const days = await db.selectFrom('calendar_days').selectAll().where('year', '=', year).execute();
  return toYearRecord(row, days);
}

/**
 * Writes one year as a whole: upserts the year row, then replaces its days.
 * Run it inside the caller's transaction (with the audit event).
 */
export async function replaceYear(trx: Db, input: ReplaceYearInput): Promise<void> {
  const row = {
    status: input.status,
    notice_title: input.noticeTitle,
    notice_ref: input.noticeRef,
    updated_at: input.updatedAt,
  };
  await trx
    .insertInto('calendar_years')
    .values({ year: input.year, ...row })
    .onConflict((oc) => oc.column('year').doUpdateSet(row))
    .execute();
  await trx.deleteFrom('calendar_days').where('year', '=', input.year).execute();
  const days: CalendarDayTable[] = [
    ...input.holidays.map((h) => ({ date: h.date, year: input.year, kind: 'holiday', name: h.name })),
    ...input.makeupWorkdays.map((date) => ({
      date,
      year: input.year,
      kind: 'makeupWorkday',
      name: MAKEUP_WORKDAY_NAME,
    })),
  ];
  // 366 days × 4 columns stays far below both databases' bind-parameter limits.
  if (days.length > 0) await trx.insertInto('calendar_days').values(days).execute();
}

/**
 * A cheap fingerprint of the calendar tables, for CalendarStore's re-check: every save stamps the year's
 * updated_at, and a removed year or day changes a count.
 */
export async function calendarVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom('calendar_years')
    .select((eb) => [
      eb.fn.countAll().as('years'),
      eb.fn.max('updated_at').as('latest'),
      eb.selectFrom('calendar_days').select(eb.fn.countAll().as('n')).as('days'),
    ])
    .executeTakeFirst();
  return `${Number(row?.years ?? 0)}|${Number(row?.days ?? 0)}|${row?.latest ?? ''}`;
}
