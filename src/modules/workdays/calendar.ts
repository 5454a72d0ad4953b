/**
 * The working-day calendar: pure, built from plain data, no I/O (ADR 0004).
 *
 * Every statutory time limit of the 《政府信息公开条例》 is counted in 工作日:
 * 第二十六条 publish within 20 working days, 第三十条 补正 notice within 7,
 * 第三十二条 third party answers within 15, 第三十三条 reply within 20 and
 * extension by at most 20. A working day is (disclosure-rules.md §4.6):
 *
 *   workday(d) = d is a 调休上班日 (make-up workday)
 *                OR (d is Monday–Friday AND d is not a 法定节假日 / 放假 day)
 *
 * The holidays and make-up days of each year come only from that year's
 * 《国务院办公厅关于YYYY年部分节假日安排的通知》, entered as data by an admin.
 * A year without an official notice is PROVISIONAL: its statutory days are
 * computed (provisional.ts), no 调休 is assumed, and callers flag results
 * that touch it (provisionalYearsBetween).
 *
 * Day counting (§1.6.3, 民法典第二百零一条「开始的当日不计入」): the day a
 * period starts from (e.g. the legal receipt date) is not counted.
 */
import {
  dayOfWeek,
  fromDayNumber,
  type LegalDate,
  parseLegalDate,
  toDayNumber,
  yearOf,
} from '../../platform/legal-date.js';
import { statutoryHolidays } from './provisional.js';

export type CalendarYearStatus = 'official' | 'provisional';

export interface CalendarYearData {
  year: number;
  status: CalendarYearStatus;
  noticeTitle?: string | null;
  holidays: { date: LegalDate; name: string }[];
  makeupWorkdays: LegalDate[];
}

export interface CalendarData {
  years: CalendarYearData[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeupWorkday';

export interface DayInfo {
  date: LegalDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  workday: boolean;
  kind: DayKind;
  /** The holiday's name, 「调休上班」 for a make-up day, else null. */
  name: string | null;
  /** True when the year has no official notice yet: the answer may change. */
  provisional: boolean;
}

export const MAKEUP_WORKDAY_NAME = '调休上班';

const KINDS: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeupWorkday'];
const WORKDAY = 0;
const WEEKEND = 1;
const HOLIDAY = 2;
const MAKEUP = 3;

/** One Gregorian year, precomputed on first use. */
interface YearTable {
  /** Day number of 1 January. */
  start: number;
  provisional: boolean;
  kinds: Uint8Array;
  names: (string | null)[];
  /** cum[i] = working days among the year's first i days; cum[length] = total. */
  cum: Int32Array;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

export class WorkCalendar {
  readonly #years = new Map<number, CalendarYearData>();
  /** Entries from the data, grouped by the Gregorian year of their date. */
  readonly #entries = new Map<
    number,
    Map<LegalDate, { kind: typeof HOLIDAY | typeof MAKEUP; name: string }>
  >();
  readonly #tables = new Map<number, YearTable>();

  constructor(data: CalendarData) {
    for (const y of data.years) {
      this.#years.set(y.year, y);
      for (const h of y.holidays) this.#entry(h.date).set(h.date, { kind: HOLIDAY, name: h.name });
    }
    // Make-up days win over holidays listed for the same date (the rule's OR).
    for (const y of data.years)
      for (const d of y.makeupWorkdays) this.#entry(d).set(d, { kind: MAKEUP, name: MAKEUP_WORKDAY_NAME });
  }

  /** Whether `d` is a working day (工作日). */
  isWorkday(d: LegalDate): boolean {
    const { table, index } = this.#locate(d);
    const k = table.kinds[index];
    return k === WORKDAY || k === MAKEUP;
  }

  /**
   * The n-th working day after `d`; `d` itself is not counted (§1.6.3), so
   * addWorkdays(receipt, 20) is the last day of the 条例第三十三条 reply period
   * and n = 0 returns `d` unchanged. n must be a non-negative integer.
   */
  addWorkdays(d: LegalDate, n: number): LegalDate {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer: ${n}`);
    let { table, index } = this.#locate(d);
    if (n === 0) return d;
    let remaining = n;
    let year = yearOf(d);
    for (;;) {
      const before = table.cum[index + 1]!;
      const after = table.cum[table.kinds.length]! - before;
      if (remaining <= after) {
        // Smallest j > index with cum[j + 1] - before = remaining.
        const target = before + remaining;
        let lo = index + 1;
        let hi = table.kinds.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (table.cum[mid + 1]! >= target) hi = mid;
          else lo = mid + 1;
        }
        return fromDayNumber(table.start + lo);
      }
      remaining -= after;
      year += 1;
      table = this.#table(year);
      index = -1;
    }
  }

  /**
   * Working days x with a < x ≤ b (0 when b ≤ a): the days elapsed of a period
   * that started on `a`, counted as of `b`. Inverse of addWorkdays:
   * countWorkdays(a, addWorkdays(a, n)) = n.
   */
  countWorkdays(a: LegalDate, b: LegalDate): number {
    const from = this.#locate(a);
    const to = this.#locate(b);
    if (to.table.start + to.index <= from.table.start + from.index) return 0;
    const ya = yearOf(a);
    const yb = yearOf(b);
    const upTo = (t: YearTable, i: number) => t.cum[i + 1]!;
    if (ya === yb) return upTo(to.table, to.index) - upTo(from.table, from.index);
    let n = from.table.cum[from.table.kinds.length]! - upTo(from.table, from.index);
    for (let y = ya + 1; y < yb; y++) n += this.workingDaysInYear(y);
    return n + upTo(to.table, to.index);
  }

  workingDaysInYear(year: number): number {
    const t = this.#table(year);
    return t.cum[t.kinds.length]!;
  }

  dayInfo(d: LegalDate): DayInfo {
    const { table, index } = this.#locate(d);
    const k = table.kinds[index]!;
    return {
      date: d,
      weekday: dayOfWeek(d),
      workday: k === WORKDAY || k === MAKEUP,
      kind: KINDS[k]!,
      name: table.names[index] ?? null,
      provisional: table.provisional,
    };
  }

  /** True when `year` has no data or only provisional data (no official notice). */
  isProvisionalYear(year: number): boolean {
    return this.#years.get(year)?.status !== 'official';
  }

  /** The provisional years among those touched by the span a..b (inclusive, either order). */
  provisionalYearsBetween(a: LegalDate, b: LegalDate): number[] {
    const [lo, hi] = a <= b ? [yearOf(a), yearOf(b)] : [yearOf(b), yearOf(a)];
    const out: number[] = [];
    for (let y = lo; y <= hi; y++) if (this.isProvisionalYear(y)) out.push(y);
    return out;
  }

  #entry(d: LegalDate) {
    if (!parseLegalDate(d)) throw new RangeError(`calendar data holds a bad date: ${d}`);
    const y = yearOf(d);
    let m = this.#entries.get(y);
    if (!m) {
      m = new Map();
      this.#entries.set(y, m);
    }
    return m;
  }

  #locate(d: LegalDate): { table: YearTable; index: number } {
    if (!parseLegalDate(d)) throw new RangeError(`not a date (YYYY-MM-DD): ${d}`);
    const day = toDayNumber(d);
    const table = this.#table(yearOf(d));
    return { table, index: day - table.start };
  }

  #table(year: number): YearTable {
    const cached = this.#tables.get(year);
    if (cached) return cached;
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR)
      throw new RangeError(`year outside the calendar (${MIN_YEAR}–${MAX_YEAR}): ${year}`);
    const start = toDayNumber(`${year}-01-01` as LegalDate);
    const length = toDayNumber(`${year + 1}-01-01` as LegalDate) - start;
    const kinds = new Uint8Array(length);
    const names: (string | null)[] = new Array(length).fill(null);
    for (let i = 0; i < length; i++) {
      const wd = dayOfWeek(fromDayNumber(start + i));
      kinds[i] = wd === 0 || wd === 6 ? WEEKEND : WORKDAY;
    }
    const provisional = this.isProvisionalYear(year);
    if (provisional)
      for (const h of statutoryHolidays(year)) {
        const i = toDayNumber(h.date) - start;
        kinds[i] = HOLIDAY;
        names[i] = h.name;
      }
    for (const [date, e] of this.#entries.get(year) ?? []) {
      // Entered data wins over the computed statutory days.
      const i = toDayNumber(date) - start;
      kinds[i] = e.kind;
      names[i] = e.name;
    }
    const cum = new Int32Array(length + 1);
    for (let i = 0; i < length; i++)
      cum[i + 1] = cum[i]! + (kinds[i] === WORKDAY || kinds[i] === MAKEUP ? 1 : 0);
    const table: YearTable = { start, provisional, kinds, names, cum };
    this.#tables.set(year, table);
    return table;
  }
}
