/** The two legal dates a publication carries besides its own: the 第二十六条 due date and the 第十八条 re-review date. */
import type { LegalDate } from '../../platform/legal-date.js';
import type { WorkCalendar } from '../workdays/calendar.js';
import { PUBLISH_WITHIN_WORKDAYS } from './publications.js';

/**
 * 第二十六条: proactive information is published 「自该政府信息形成或者变更之日起20个工作日内」.
 * The day of formation does not count (ADR 0004), so the last day is addWorkdays(formedOn, 20), and
 * a publication is on time when publishedOn ≤ dueOn.
 */
export function dueOnFor(calendar: WorkCalendar, formedOn: LegalDate | null): LegalDate | null {
  return formedOn ? calendar.addWorkdays(formedOn, PUBLISH_WITHIN_WORKDAYS) : null;
}

/** The same day `months` months later; the month's last day when it is shorter (01-31 + 1 → 02-28/29). */
export function addMonths(d: LegalDate, months: number): LegalDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(day, last))}` as LegalDate;
}
