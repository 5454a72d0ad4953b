/**
 * Legal dates are plain calendar dates in China's time zone (ADR 0002).
 * They are `YYYY-MM-DD` strings, compared as strings and stored as text, and
 * all arithmetic goes through whole UTC days so the server's own time zone
 * (TZ=UTC, TZ=Asia/Shanghai, anything) never shifts a date.
 */
declare const legalDateBrand: unique symbol;
export type LegalDate = string & { readonly [legalDateBrand]: true };

export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns the date if `value` is a real calendar date written YYYY-MM-DD, else null. */
export function parseLegalDate(value: unknown): LegalDate | null {
  if (typeof value !== 'string') return null;
  const m = PATTERN.exec(value);
  if (!m) return null;
  const [, y, mo, d] = m.map(Number) as [number, number, number, number];
  if (y < 1900 || y > 2199) return null;
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return value as LegalDate;
}

export function legalDate(value: string): LegalDate {
  const d = parseLegalDate(value);
  if (!d) throw new RangeError(`not a date (YYYY-MM-DD): ${value}`);
  return d;
}

/** Whole days since 1970-01-01 (UTC), the unit of all date arithmetic here. */
export function toDayNumber(d: LegalDate): number {
  return Date.parse(`${d}T00:00:00Z`) / DAY_MS;
}

export function fromDayNumber(n: number): LegalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10) as LegalDate;
}

export function addDays(d: LegalDate, n: number): LegalDate {
  return fromDayNumber(toDayNumber(d) + n);
}

/** 0 = Sunday … 6 = Saturday, independent of the server's time zone. */
export function dayOfWeek(d: LegalDate): number {
  return new Date(toDayNumber(d) * DAY_MS).getUTCDay();
}

export function yearOf(d: LegalDate): number {
  return Number(d.slice(0, 4));
}

/** The date it is now in China, whatever the server's time zone. */
export function chinaToday(now: Date = new Date()): LegalDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: CHINA_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}` as LegalDate;
}

/** 2025年10月30日 — the way dates are written in letters and pages. */
export function formatChineseDate(d: LegalDate): string {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
}
