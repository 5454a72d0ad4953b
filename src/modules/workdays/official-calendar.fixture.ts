/**
 * Test-only: the official 2024–2026 calendars exactly as transcribed in
 * shared/domain/disclosure-rules.md §4.6, independent of migration 002
 * (the repository test checks that the migration seeds the same days).
 */
import { addDays, type LegalDate, legalDate, toDayNumber } from '../../platform/legal-date.js';
import type { CalendarData, CalendarYearData } from './calendar.js';

const SECTION_4_6 = {
  2024: {
    holidays: [
      ['元旦', '2024-01-01', '2024-01-01'],
      ['春节', '2024-02-10', '2024-02-17'],
      ['清明节', '2024-04-04', '2024-04-06'],
      ['劳动节', '2024-05-01', '2024-05-05'],
      ['端午节', '2024-06-10', '2024-06-10'],
      ['中秋节', '2024-09-15', '2024-09-17'],
      ['国庆节', '2024-10-01', '2024-10-07'],
    ],
    makeupWorkdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
    workingDaysInYear: 251,
  },
  2025: {
    holidays: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    workingDaysInYear: 248,
  },
  2026: {
    holidays: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    workingDaysInYear: 248,
  },
} as const;

export const OFFICIAL_YEARS = [2024, 2025, 2026] as const;

export function officialWorkingDaysInYear(year: (typeof OFFICIAL_YEARS)[number]): number {
  return SECTION_4_6[year].workingDaysInYear;
}

export function officialYear(year: (typeof OFFICIAL_YEARS)[number]): CalendarYearData {
  const src = SECTION_4_6[year];
  return {
    year,
    status: 'official',
    holidays: src.holidays.flatMap(([name, from, to]) => {
      const start = legalDate(from);
      return Array.from({ length: toDayNumber(legalDate(to)) - toDayNumber(start) + 1 }, (_, i) => ({
        date: addDays(start, i),
        name,
      }));
    }),
    makeupWorkdays: src.makeupWorkdays.map((d): LegalDate => legalDate(d)),
  };
}

export function officialData(): CalendarData {
  return { years: OFFICIAL_YEARS.map(officialYear) };
}
