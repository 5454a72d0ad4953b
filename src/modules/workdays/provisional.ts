/**
 * The statutory holiday days (法定节假日) of a year, computed from the rules
 * alone. Used only for PROVISIONAL years, i.e. before the State Council's
 * 《国务院办公厅关于YYYY年部分节假日安排的通知》 for that year is entered
 * (disclosure-rules.md §4.5). The notice's 调休 (moved days, make-up working
 * days) cannot be computed and is never guessed here (ADR 0004).
 *
 * Rules, 《全国年节及纪念日放假办法》:
 * - as revised in November 2024, from 2025 on, 13 days (§4.1): 元旦 1-1;
 *   春节 农历除夕 and 正月初一–初三; 清明节 (the solar-term day); 劳动节 5-1, 5-2;
 *   端午节 (农历五月初五); 中秋节 (农历八月十五); 国庆节 10-1–10-3.
 * - as revised in 2013, for 2014–2024, 11 days: the same without 除夕 and 5-2.
 *   Years before 2014 are approximated with this rule (the platform holds no
 *   cases that old; every such date is flagged provisional anyway).
 * Lunar dates and the 清明 solar term come from tyme4ts (Beijing time).
 */
import { LunarDay, SolarTerm } from 'tyme4ts';
import { type LegalDate, legalDate } from '../../platform/legal-date.js';

export interface StatutoryHoliday {
  date: LegalDate;
  name: string;
}

/** The first year of the 13-day rule (2024 revision, in force 2025-01-01). */
export const THIRTEEN_DAY_RULE_FROM = 2025;

type Ymd = { getYear(): number; getMonth(): number; getDay(): number };

function toLegalDate(d: Ymd): LegalDate {
  const pad = (n: number) => String(n).padStart(2, '0');
  return legalDate(`${d.getYear()}-${pad(d.getMonth())}-${pad(d.getDay())}`);
}

function fixed(year: number, month: number, day: number): LegalDate {
  return toLegalDate({ getYear: () => year, getMonth: () => month, getDay: () => day });
}

/** Statutory holiday days of `year`, sorted by date, one entry per date. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 2199)
    throw new RangeError(`year out of range: ${year}`);
  const newRule = year >= THIRTEEN_DAY_RULE_FROM;
  const springFestival = LunarDay.fromYmd(year, 1, 1);
  const days: StatutoryHoliday[] = [{ date: fixed(year, 1, 1), name: '元旦' }];
  // 除夕 is the last day of the previous lunar year (腊月廿九 or 三十), the day
  // before 正月初一 — always in January or February of the same Gregorian year.
  if (newRule) days.push({ date: toLegalDate(springFestival.next(-1).getSolarDay()), name: '春节' });
  for (let i = 0; i < 3; i++)
    days.push({ date: toLegalDate(springFestival.next(i).getSolarDay()), name: '春节' });
  days.push({ date: toLegalDate(SolarTerm.fromName(year, '清明').getSolarDay()), name: '清明节' });
  days.push({ date: fixed(year, 5, 1), name: '劳动节' });
  if (newRule) days.push({ date: fixed(year, 5, 2), name: '劳动节' });
  days.push({ date: toLegalDate(LunarDay.fromYmd(year, 5, 5).getSolarDay()), name: '端午节' });
  for (let d = 1; d <= 3; d++) days.push({ date: fixed(year, 10, d), name: '国庆节' });
  days.push({ date: toLegalDate(LunarDay.fromYmd(year, 8, 15).getSolarDay()), name: '中秋节' });

  // 中秋 can fall on 10-1..10-3 (e.g. 2028-10-03): one date, named like the
  // 2025 notice's 「国庆节、中秋节」.
  const byDate = new Map<LegalDate, string>();
  for (const { date, name } of days) {
    const prev = byDate.get(date);
    byDate.set(date, prev && prev !== name ? `${prev}、${name}` : name);
  }
  return [...byDate]
    .map(([date, name]) => ({ date, name }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
