import { describe, expect, it } from 'vitest';
import { legalDate } from '../../platform/legal-date.js';
import {
  checkFeeSchedule,
  computeFee,
  DEFAULT_FEE_SCHEDULE,
  type FeeInput,
  type FeeSchedule,
  itemsBeforeInMonth,
  MAX_UNITS,
  perItemPrice,
} from './fees.js';

const amount = (input: FeeInput, schedule?: FeeSchedule) => {
  const r = computeFee(input, schedule);
  if (!r.ok) throw new Error(r.message);
  return r.amount;
};

describe('按件计收 (第四条)', () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [45, 300],
    [50, 300],
    [51, 400],
    [60, 400],
    [61, 500],
  ])('the %i-th 件 of the month costs %i 元', (n, yuan) => {
    expect(perItemPrice(n)).toBe(yuan);
    expect(amount({ method: 'perItem', itemsBefore: n - 1 })).toBe(yuan);
  });

  it('cumulative for 件 1–45 in one application: 20×100 + 10×200 + 5×300 = 5,500 元 (§2.3 example)', () => {
    const r = computeFee({ method: 'perItem', itemsBefore: 0, items: 45 });
    expect(r).toMatchObject({ ok: true, amount: 5500 });
    if (!r.ok) return;
    expect(r.lines).toEqual([
      { from: 1, to: 10, yuan: 0, subtotal: 0 },
      { from: 11, to: 30, yuan: 100, subtotal: 2000 },
      { from: 31, to: 40, yuan: 200, subtotal: 2000 },
      { from: 41, to: 45, yuan: 300, subtotal: 1500 },
    ]);
    expect(r.explanation).toEqual([
      '按件计收：申请人本自然月内此前已向本机关提出0件申请，本申请计45件，为本月第1—45件。',
      '第1—10件不收费。',
      '第11—30件每件100元，共20件，计2000元。',
      '第31—40件每件200元，共10件，计2000元。',
      '第41—45件每件300元，共5件，计1500元。',
      '合计5500元。',
    ]);
  });

  it('the sum over single applications equals one split application', () => {
    let sum = 0;
    for (let n = 0; n < 73; n++) sum += amount({ method: 'perItem', itemsBefore: n });
    expect(sum).toBe(amount({ method: 'perItem', itemsBefore: 0, items: 73 }));
    // 20×100 + 10×200 + 10×300 + 10×400 + 10×500 + 3×600
    expect(sum).toBe(2000 + 2000 + 3000 + 4000 + 5000 + 1800);
  });

  it('the 11th 件: one line, in words', () => {
    const r = computeFee({ method: 'perItem', itemsBefore: 10 });
    expect(r).toMatchObject({
      ok: true,
      amount: 100,
      explanation: [
        '按件计收：申请人本自然月内此前已向本机关提出10件申请，本申请计1件，为本月第11件。',
        '第11件每件100元，共1件，计100元。',
        '合计100元。',
      ],
    });
  });
});

describe('按量计收 (第五条)', () => {
  it.each([
    [1, 0],
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [200, 2700],
    [201, 2740],
    [250, 4700], // §2.4 example: 70×10 + 100×20 + 50×40
  ])('%i pages cost %i 元', (pages, yuan) => {
    expect(amount({ method: 'perPage', pages })).toBe(yuan);
  });

  it('explains by band', () => {
    const r = computeFee({ method: 'perPage', pages: 250 });
    expect(r).toMatchObject({
      ok: true,
      explanation: [
        '按量计收：本申请提供政府信息共250页。',
        '第1—30页不收费。',
        '第31—100页每页10元，共70页，计700元。',
        '第101—200页每页20元，共100页，计2000元。',
        '第201—250页每页40元，共50页，计2000元。',
        '合计4700元。',
      ],
    });
  });

  it('large counts are computed band by band', () => {
    expect(amount({ method: 'perPage', pages: MAX_UNITS })).toBe(700 + 2000 + (MAX_UNITS - 200) * 40);
  });
});

describe('input', () => {
  it('never both methods at once (第三条)', () => {
    const both = { method: 'perItem', itemsBefore: 3, pages: 40 } as unknown as FeeInput;
    expect(computeFee(both)).toEqual({
      ok: false,
      field: 'method',
      message: '不得同时按件和按量计收信息处理费，请选择一种计收方式',
    });
    const both2 = { method: 'perPage', pages: 40, itemsBefore: 3 } as unknown as FeeInput;
    expect(computeFee(both2)).toMatchObject({ ok: false, field: 'method' });
    expect(computeFee({ method: 'byWeight' } as unknown as FeeInput)).toMatchObject({
      ok: false,
      field: 'method',
    });
  });

  it.each([
    [{ method: 'perItem', itemsBefore: -1 }, 'itemsBefore'],
    [{ method: 'perItem', itemsBefore: 1.5 }, 'itemsBefore'],
    [{ method: 'perItem', itemsBefore: '3' }, 'itemsBefore'],
    [{ method: 'perItem', itemsBefore: 0, items: 0 }, 'items'],
    [{ method: 'perItem', itemsBefore: 0, items: MAX_UNITS + 1 }, 'items'],
    [{ method: 'perPage', pages: 0 }, 'pages'],
    [{ method: 'perPage', pages: Number.NaN }, 'pages'],
    [{ method: 'perPage', pages: MAX_UNITS + 1 }, 'pages'],
  ])('%o is refused on %s', (input, field) => {
    const r = computeFee(input as unknown as FeeInput);
    expect(r).toMatchObject({ ok: false, field });
    if (!r.ok) expect(r.message).toMatch(/件数|页数/);
  });
});

describe('the schedule is data', () => {
  it('the national schedule is valid', () => {
    expect(checkFeeSchedule(DEFAULT_FEE_SCHEDULE)).toBeNull();
  });

  it('another schedule changes the amounts', () => {
    const local: FeeSchedule = {
      perItem: { bands: [{ upTo: 20, yuan: 0 }], beyond: { bandSize: 5, increment: 50 } },
      perPage: {
        bands: [
          { upTo: 50, yuan: 0 },
          { upTo: null, yuan: 5 },
        ],
      },
    };
    expect(checkFeeSchedule(local)).toBeNull();
    expect(amount({ method: 'perItem', itemsBefore: 20 }, local)).toBe(50); // 21st
    expect(amount({ method: 'perItem', itemsBefore: 25 }, local)).toBe(100); // 26th
    expect(amount({ method: 'perPage', pages: 60 }, local)).toBe(50);
  });

  it.each([
    [
      { ...DEFAULT_FEE_SCHEDULE, perPage: { bands: [{ upTo: 30, yuan: 0 }] } },
      'last band must be open-ended',
    ],
    [{ ...DEFAULT_FEE_SCHEDULE, perPage: { bands: [] } }, 'no bands'],
    [
      {
        ...DEFAULT_FEE_SCHEDULE,
        perPage: {
          bands: [
            { upTo: 30, yuan: 0 },
            { upTo: 20, yuan: 10 },
            { upTo: null, yuan: 40 },
          ],
        },
      },
      'must end after 30',
    ],
    [
      {
        ...DEFAULT_FEE_SCHEDULE,
        perItem: { bands: [{ upTo: null, yuan: 0 }], beyond: { bandSize: 10, increment: 100 } },
      },
      'bounded',
    ],
    [
      {
        ...DEFAULT_FEE_SCHEDULE,
        perItem: { ...DEFAULT_FEE_SCHEDULE.perItem, beyond: { bandSize: 0, increment: 1 } },
      },
      'band size',
    ],
    [
      {
        ...DEFAULT_FEE_SCHEDULE,
        perPage: {
          bands: [
            { upTo: 30, yuan: 0.5 },
            { upTo: null, yuan: 1 },
          ],
        },
      },
      'whole number',
    ],
  ] as [FeeSchedule, string][])('a broken schedule is refused (%#: %s)', (schedule, problem) => {
    expect(checkFeeSchedule(schedule)).toContain(problem);
    expect(() => computeFee({ method: 'perPage', pages: 1 }, schedule)).toThrow(RangeError);
  });
});

describe('itemsBeforeInMonth', () => {
  const d = legalDate;
  const history = [
    { id: 'a', receivedOn: d('2026-02-27'), items: 4 }, // previous month
    { id: 'b', receivedOn: d('2026-03-01'), items: 2 },
    { id: 'c', receivedOn: d('2026-03-10'), items: 1 },
    { id: 'd', receivedOn: d('2026-03-02'), items: 3 }, // registered later, received earlier
    { id: 'e', receivedOn: d('2026-03-10'), items: 5 }, // same day as c, registered after it
    { id: 'f', receivedOn: d('2026-04-01'), items: 1 }, // next month
  ];

  it.each([
    ['a', 0],
    ['b', 0],
    ['d', 2],
    ['c', 5],
    ['e', 6],
    ['f', 0],
  ])('%s has %i 件 before it in its month', (id, n) => {
    expect(itemsBeforeInMonth(history, id)).toBe(n);
  });

  it('feeds computeFee: application e (件 7–11 of March) costs 100 元', () => {
    expect(amount({ method: 'perItem', itemsBefore: itemsBeforeInMonth(history, 'e'), items: 5 })).toBe(100);
  });

  it('an unknown application is a programming error', () => {
    expect(() => itemsBeforeInMonth(history, 'z')).toThrow(RangeError);
  });
});
