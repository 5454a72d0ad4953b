import { describe, expect, it } from 'vitest';
import { OFFICIAL_YEARS, officialYear } from './official-calendar.fixture.js';
import { statutoryHolidays } from './provisional.js';

describe('statutoryHolidays', () => {
  it.each(OFFICIAL_YEARS)('%i: every computed statutory day is a holiday of the official notice', (year) => {
    const official = new Set(officialYear(year).holidays.map((h) => h.date));
    const computed = statutoryHolidays(year);
    expect(computed.filter((h) => !official.has(h.date))).toEqual([]);
  });

  it.each([
    [2024, 11],
    [2025, 13],
    [2026, 13],
  ])('%i has %i statutory days', (year, n) => {
    expect(statutoryHolidays(year)).toHaveLength(n);
  });

  it('2024 (old rule) has no 除夕 and no 5-2; 2025 (new rule) has both', () => {
    const dates2024 = statutoryHolidays(2024).map((h) => h.date);
    expect(dates2024).not.toContain('2024-02-09');
    expect(dates2024).not.toContain('2024-05-02');
    const dates2025 = statutoryHolidays(2025).map((h) => h.date);
    expect(dates2025).toContain('2025-01-28');
    expect(dates2025).toContain('2025-05-02');
  });

  it('2027, sorted, with 除夕 the day before 正月初一', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明节' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午节' },
      { date: '2027-09-15', name: '中秋节' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
  });

  it('2028: 中秋 on 10-3 merges into one date with both names', () => {
    const days = statutoryHolidays(2028);
    expect(days).toHaveLength(12);
    expect(days.find((h) => h.date === '2028-10-03')).toEqual({ date: '2028-10-03', name: '国庆节、中秋节' });
    expect(days.filter((h) => h.name === '春节').map((h) => h.date)).toEqual([
      '2028-01-25',
      '2028-01-26',
      '2028-01-27',
      '2028-01-28',
    ]);
  });

  it.each([1899, 2200, 2027.5])('refuses year %s', (year) => {
    expect(() => statutoryHolidays(year)).toThrow(RangeError);
  });
});
