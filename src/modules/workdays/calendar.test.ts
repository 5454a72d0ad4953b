import { describe, expect, it } from 'vitest';
import { addDays, dayOfWeek, type LegalDate, legalDate } from '../../platform/legal-date.js';
import { WorkCalendar } from './calendar.js';
import { OFFICIAL_YEARS, officialData, officialWorkingDaysInYear } from './official-calendar.fixture.js';

const cal = new WorkCalendar(officialData());
const d = legalDate;

describe('addWorkdays — disclosure-rules §1.6.4 vectors (receipt day not counted)', () => {
  it.each([
    ['2024-09-27', 7, '2024-10-12'], // Saturday 调休上班
    ['2024-09-27', 20, '2024-10-30'],
    ['2025-01-24', 7, '2025-02-10'],
    ['2025-01-24', 20, '2025-02-27'],
    ['2025-09-26', 20, '2025-10-30'],
    ['2025-09-30', 15, '2025-10-28'],
    ['2026-02-13', 7, '2026-03-02'], // 2-14 and 2-28 are Saturday workdays
    ['2026-02-13', 20, '2026-03-19'],
    ['2026-02-12', 20, '2026-03-18'],
    ['2026-09-18', 20, '2026-10-22'], // 9-20 Sunday is a workday
    ['2025-12-31', 20, '2026-01-29'],
  ])('%s + %i WD = %s', (from, n, due) => {
    expect(cal.addWorkdays(d(from), n)).toBe(due);
  });
});

describe('addWorkdays — clock-examples.md', () => {
  it.each([
    ['E1 across 国庆/中秋 2025', '2025-09-26', 20, '2025-10-30'],
    ['E2 补正告知 before 春节 2026', '2026-02-13', 7, '2026-03-02'],
    ['E2 reply', '2026-02-13', 20, '2026-03-19'],
    ['E3 restart on 补正 receipt', '2025-05-08', 20, '2025-06-06'],
    ['E9 spanning the new year', '2025-12-15', 20, '2026-01-13'],
    ['E10 received on a 调休 Saturday', '2025-10-11', 20, '2025-11-07'],
    ['E5 unanswered consultation ends on its 15th WD', '2025-06-06', 15, '2025-06-27'],
  ])('%s: %s + %i WD = %s', (_label, from, n, due) => {
    expect(cal.addWorkdays(d(from), n)).toBe(due);
  });

  // Paused clocks composed from the two primitives: days counted before the
  // pause, then the rest after it (clock-examples conventions).
  it.each([
    ['E4', '2025-03-03', '2025-03-10', '2025-03-20', 20, '2025-04-11'],
    ['E5', '2025-06-03', '2025-06-05', '2025-06-27', 20, '2025-07-23'],
    ['E6', '2025-10-27', '2025-11-03', '2025-11-21', 20, '2025-12-12'],
    ['E7 (E4 + 20-day extension)', '2025-03-03', '2025-03-10', '2025-03-20', 40, '2025-05-13'],
    ['E8', '2026-03-02', '2026-03-10', '2026-03-25', 20, '2026-04-15'],
  ])(
    '%s: start %s, counted to %s, paused until %s, %i WD → %s',
    (_l, start, lastCounted, pauseEnd, n, due) => {
      const used = cal.countWorkdays(d(start), d(lastCounted));
      expect(cal.addWorkdays(d(pauseEnd), n - used)).toBe(due);
    },
  );

  it('E4 by hand: 5 days before the pause, 8 working days paused', () => {
    expect(cal.countWorkdays(d('2025-03-03'), d('2025-03-10'))).toBe(5);
    expect(cal.countWorkdays(d('2025-03-10'), d('2025-03-20'))).toBe(8);
    expect(cal.countWorkdays(d('2025-03-20'), d('2025-04-11'))).toBe(15); // 清明 4-4 skipped
  });
});

describe('addWorkdays — edges', () => {
  it('n = 0 returns the date itself, even on a holiday', () => {
    expect(cal.addWorkdays(d('2025-10-03'), 0)).toBe('2025-10-03');
  });
  it('n = 1 from a Friday skips the weekend', () => {
    expect(cal.addWorkdays(d('2025-03-07'), 1)).toBe('2025-03-10');
  });
  it('runs through whole years', () => {
    expect(cal.addWorkdays(d('2024-12-31'), 248)).toBe('2025-12-31');
    expect(cal.addWorkdays(d('2024-12-31'), 248 + 248)).toBe('2026-12-31');
  });
  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('n = %s throws RangeError', (n) => {
    expect(() => cal.addWorkdays(d('2025-03-03'), n)).toThrow(RangeError);
  });
  it('rejects something that is not a date', () => {
    expect(() => cal.addWorkdays('2025-02-30' as LegalDate, 1)).toThrow(RangeError);
    expect(() => cal.isWorkday('2025-3-3' as LegalDate)).toThrow(RangeError);
  });
});

describe('isWorkday and dayInfo', () => {
  it.each([
    ['2025-10-11', true, 'makeupWorkday', '调休上班', 6], // Saturday 调休上班
    ['2025-09-28', true, 'makeupWorkday', '调休上班', 0],
    ['2025-10-06', false, 'holiday', '国庆节、中秋节', 1],
    ['2025-10-12', false, 'weekend', null, 0],
    ['2025-10-08', false, 'holiday', '国庆节、中秋节', 3],
    ['2025-10-09', true, 'workday', null, 4],
    ['2025-10-10', true, 'workday', null, 5],
    ['2026-02-15', false, 'holiday', '春节', 0], // a holiday on a Sunday is a holiday
    ['2024-02-09', true, 'workday', null, 5], // 除夕 2024 was only "encouraged" leave
    ['2025-01-28', false, 'holiday', '春节', 2], // 除夕 2025 is a statutory day
    ['2026-01-03', false, 'holiday', '元旦', 6],
    ['2026-01-04', true, 'makeupWorkday', '调休上班', 0],
    ['2025-03-08', false, 'weekend', null, 6],
  ])('%s: workday %s, %s %s', (date, workday, kind, name, weekday) => {
    expect(cal.isWorkday(d(date))).toBe(workday);
    expect(cal.dayInfo(d(date))).toEqual({ date, weekday, workday, kind, name, provisional: false });
  });

  it.each(OFFICIAL_YEARS)('working days in %i match §4.6', (year) => {
    expect(cal.workingDaysInYear(year)).toBe(officialWorkingDaysInYear(year));
    expect(cal.countWorkdays(d(`${year - 1}-12-31`), d(`${year}-12-31`))).toBe(
      officialWorkingDaysInYear(year),
    );
  });
  it('the §4.6 totals are 251, 248, 248', () => {
    expect(OFFICIAL_YEARS.map(officialWorkingDaysInYear)).toEqual([251, 248, 248]);
  });
});

describe('countWorkdays — half-open (a, b]', () => {
  it.each([
    ['2025-03-03', '2025-03-03', 0],
    ['2025-03-10', '2025-03-03', 0], // b before a
    ['2025-03-03', '2025-03-04', 1],
    ['2025-03-07', '2025-03-09', 0], // Saturday and Sunday
    ['2025-09-30', '2025-10-08', 0], // 国庆节、中秋节
    ['2025-09-30', '2025-10-11', 3], // 10-9, 10-10 and the 调休 Saturday
    ['2025-12-31', '2026-01-05', 2], // 1-1..1-3 元旦; 1-4 (Sunday, 调休) and 1-5 count
  ])('(%s, %s] has %i working days', (a, b, n) => {
    expect(cal.countWorkdays(d(a), d(b))).toBe(n);
  });
});

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('against a naive day-by-day reading of the rule (2024–2026)', () => {
  const data = officialData();
  const holidays = new Set(data.years.flatMap((y) => y.holidays.map((h) => h.date)));
  const makeup = new Set(data.years.flatMap((y) => y.makeupWorkdays));
  const naive = (x: LegalDate) =>
    makeup.has(x) || (dayOfWeek(x) >= 1 && dayOfWeek(x) <= 5 && !holidays.has(x));
  const naiveAdd = (from: LegalDate, n: number) => {
    let x = from;
    for (let k = 0; k < n; ) {
      x = addDays(x, 1);
      if (naive(x)) k++;
    }
    return x;
  };

  it('isWorkday agrees on every day', () => {
    for (let x = d('2024-01-01'); x <= '2026-12-31'; x = addDays(x, 1))
      expect(cal.isWorkday(x), x).toBe(naive(x));
  });

  it('addWorkdays agrees, and countWorkdays is its inverse, on 2000 random dates', () => {
    const next = rng(20251030);
    for (let i = 0; i < 2000; i++) {
      const from = addDays(d('2024-01-01'), Math.floor(next() * 1000)); // up to 2026-09-26
      const n = Math.floor(next() * 61);
      const to = cal.addWorkdays(from, n);
      expect(to, `${from} + ${n}`).toBe(naiveAdd(from, n));
      expect(cal.countWorkdays(from, to)).toBe(n);
      if (n > 0) {
        expect(cal.isWorkday(to)).toBe(true);
        expect(cal.countWorkdays(from, addDays(to, -1))).toBe(n - 1);
      }
    }
  });

  it('countWorkdays is additive over random splits', () => {
    const next = rng(7);
    for (let i = 0; i < 500; i++) {
      const [a, b, c] = [0, 0, 0].map(() => addDays(d('2024-01-01'), Math.floor(next() * 1096))).sort() as [
        LegalDate,
        LegalDate,
        LegalDate,
      ];
      expect(cal.countWorkdays(a, c)).toBe(cal.countWorkdays(a, b) + cal.countWorkdays(b, c));
    }
  });

  it('is fast: 20 000 reply deadlines (40 WD) in well under a second', () => {
    const fresh = new WorkCalendar(officialData());
    const t0 = performance.now();
    for (let i = 0; i < 20_000; i++) fresh.addWorkdays(addDays(d('2024-01-01'), i % 1000), 40);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('provisional years', () => {
  it('a year without data is provisional, official years are not', () => {
    expect(cal.isProvisionalYear(2027)).toBe(true);
    expect(cal.isProvisionalYear(2023)).toBe(true);
    expect(OFFICIAL_YEARS.map((y) => cal.isProvisionalYear(y))).toEqual([false, false, false]);
  });

  it.each([
    ['2027-01-01', false, 'holiday', '元旦'], // a Friday
    ['2027-02-05', false, 'holiday', '春节'], // 除夕, Friday
    ['2027-02-08', false, 'holiday', '春节'], // 正月初三, Monday
    ['2027-02-09', true, 'workday', null], // 调休 unknown: not assumed
    ['2027-04-05', false, 'holiday', '清明节'],
    ['2027-05-03', true, 'workday', null], // only 5-1 and 5-2 are statutory
    ['2027-10-04', true, 'workday', null], // only 10-1..10-3 are statutory
    ['2027-02-06', false, 'holiday', '春节'], // Saturday: still named
  ])('2027 (no notice): %s workday %s, %s', (date, workday, kind, name) => {
    const info = cal.dayInfo(d(date));
    expect(info).toMatchObject({ workday, kind, name, provisional: true });
    expect(cal.isWorkday(d(date))).toBe(workday);
  });

  it('counts across into a provisional year', () => {
    expect(cal.addWorkdays(d('2026-12-31'), 1)).toBe('2027-01-04');
    expect(cal.countWorkdays(d('2026-12-31'), d('2027-01-04'))).toBe(1);
  });

  it('years before 2025 use the 2014–2024 rule (no 除夕)', () => {
    expect(cal.dayInfo(d('2023-01-23'))).toMatchObject({ kind: 'holiday', name: '春节', provisional: true });
    expect(cal.dayInfo(d('2023-01-20'))).toMatchObject({ kind: 'workday', provisional: true }); // 除夕 2023 (Fri)
  });

  it('provisionalYearsBetween lists the provisional years a span touches', () => {
    expect(cal.provisionalYearsBetween(d('2026-12-15'), d('2027-01-20'))).toEqual([2027]);
    expect(cal.provisionalYearsBetween(d('2027-01-20'), d('2026-12-15'))).toEqual([2027]);
    expect(cal.provisionalYearsBetween(d('2024-01-01'), d('2026-12-31'))).toEqual([]);
    expect(cal.provisionalYearsBetween(d('2023-06-01'), d('2028-01-01'))).toEqual([2023, 2027, 2028]);
  });

  it('a provisional year keeps computed days and adds what the admin entered, still flagged', () => {
    const withDraft = new WorkCalendar({
      years: [
        ...officialData().years,
        {
          year: 2027,
          status: 'provisional',
          holidays: [{ date: d('2027-02-04'), name: '春节' }],
          makeupWorkdays: [d('2027-02-13')],
        },
      ],
    });
    expect(withDraft.isProvisionalYear(2027)).toBe(true);
    expect(withDraft.dayInfo(d('2027-02-04'))).toMatchObject({
      kind: 'holiday',
      name: '春节',
      provisional: true,
    });
    expect(withDraft.dayInfo(d('2027-02-08'))).toMatchObject({ kind: 'holiday', provisional: true });
    expect(withDraft.dayInfo(d('2027-02-13'))).toMatchObject({ kind: 'makeupWorkday', workday: true });
    expect(withDraft.provisionalYearsBetween(d('2027-01-01'), d('2027-12-31'))).toEqual([2027]);
  });

  it('an official year gets no computed days: only its notice counts', () => {
    const official2027 = new WorkCalendar({
      years: [{ year: 2027, status: 'official', holidays: [], makeupWorkdays: [] }],
    });
    expect(official2027.isProvisionalYear(2027)).toBe(false);
    expect(official2027.isWorkday(d('2027-01-01'))).toBe(true);
    expect(official2027.dayInfo(d('2027-01-01')).provisional).toBe(false);
  });

  it('years outside 1900–2199 are refused', () => {
    expect(() => cal.addWorkdays(d('2199-12-31'), 1)).toThrow(RangeError);
  });
});
