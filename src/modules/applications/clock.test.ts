import { describe, expect, it } from 'vitest';
import { addDays, type LegalDate, legalDate } from '../../platform/legal-date.js';
import { WorkCalendar } from '../workdays/calendar.js';
import { officialData } from '../workdays/official-calendar.fixture.js';
import {
  type ClockEvent,
  ClockInputError,
  type ClockResult,
  type ClockSettings,
  computeClock,
  legalReceiptDate,
} from './clock.js';

// The official 2024–2026 calendars as transcribed from the State Council's notices (the fixture the
// workdays tests use; workdays.repository.test.ts checks migration 002 seeds exactly these days).
const cal = new WorkCalendar(officialData());
const d = legalDate;

// --- timeline builders -----------------------------------------------------------------------------------
const received = (on: string): ClockEvent => ({ kind: 'received', channel: 'inPerson', submittedOn: d(on) });
const correctionRequested = (on: string, deadline?: string): ClockEvent => ({
  kind: 'correctionRequested',
  on: d(on),
  ...(deadline ? { deadline: d(deadline) } : {}),
});
const correctionReceived = (on: string, lateReason?: string): ClockEvent => ({
  kind: 'correctionReceived',
  on: d(on),
  ...(lateReason ? { lateReason } : {}),
});
const letter = (id: string, on: string, addressee: 'thirdParty' | 'agency' = 'thirdParty'): ClockEvent => ({
  kind: 'opinionRequestSent',
  on: d(on),
  requestId: id,
  addressee,
});
const delivered = (id: string, on: string): ClockEvent => ({
  kind: 'opinionRequestDelivered',
  on: d(on),
  requestId: id,
});
const answer = (id: string, on: string): ClockEvent => ({
  kind: 'opinionReceived',
  on: d(on),
  requestId: id,
});
const extension = (approvedOn: string, on: string, workdays = 20): ClockEvent => ({
  kind: 'extension',
  on: d(on),
  approvedOn: d(approvedOn),
  workdays,
});
const feeNotice = (on: string): ClockEvent => ({ kind: 'feeNoticeSent', on: d(on) });
const feeDelivered = (on: string): ClockEvent => ({ kind: 'feeNoticeDelivered', on: d(on) });
const feePaid = (on: string): ClockEvent => ({ kind: 'feePaid', on: d(on) });
const replied = (on: string): ClockEvent => ({ kind: 'replied', on: d(on) });
const withdrawn = (on: string): ClockEvent => ({ kind: 'withdrawn', on: d(on) });

const clock = (timeline: ClockEvent[], asOf: string, settings: Partial<ClockSettings> = {}): ClockResult =>
  computeClock(timeline, cal, d(asOf), settings);

// --- clock-examples.md, every example -------------------------------------------------------------------
describe('clock-examples.md E1–E10', () => {
  const E4: ClockEvent[] = [received('2025-03-03'), letter('A', '2025-03-10'), answer('A', '2025-03-20')];
  const cases: { name: string; timeline: ClockEvent[]; due: string; pauses?: [string, string][] }[] = [
    { name: 'E1 plain, across 国庆/中秋 2025', timeline: [received('2025-09-26')], due: '2025-10-30' },
    { name: 'E2 Friday before 春节 2026', timeline: [received('2026-02-13')], due: '2026-03-19' },
    {
      name: 'E3 correction restart',
      timeline: [received('2025-04-25'), correctionRequested('2025-04-29'), correctionReceived('2025-05-08')],
      due: '2025-06-06',
    },
    {
      name: 'E4 consultation answered',
      timeline: E4,
      due: '2025-04-11',
      pauses: [['2025-03-11', '2025-03-20']],
    },
    {
      name: 'E5 consultation unanswered',
      timeline: [received('2025-06-03'), letter('A', '2025-06-05'), delivered('A', '2025-06-06')],
      due: '2025-07-23',
      pauses: [['2025-06-06', '2025-06-27']],
    },
    {
      name: 'E6 overlapping consultations pause once',
      timeline: [
        received('2025-10-27'),
        letter('A', '2025-11-03'),
        letter('B', '2025-11-10', 'agency'),
        answer('A', '2025-11-14'),
        answer('B', '2025-11-21'),
      ],
      due: '2025-12-12',
      pauses: [['2025-11-04', '2025-11-21']],
    },
    {
      name: 'E7 extension after a pause',
      timeline: [...E4, extension('2025-04-08', '2025-04-09')],
      due: '2025-05-13',
      pauses: [['2025-03-11', '2025-03-20']],
    },
    {
      name: 'E8 fee notice and payment',
      timeline: [
        received('2026-03-02'),
        feeNotice('2026-03-10'),
        feeDelivered('2026-03-11'),
        feePaid('2026-03-25'),
      ],
      due: '2026-04-15',
      pauses: [['2026-03-11', '2026-03-25']],
    },
    { name: 'E9 spanning the new year', timeline: [received('2025-12-15')], due: '2026-01-13' },
    { name: 'E10 received on a 调休 Saturday', timeline: [received('2025-10-11')], due: '2025-11-07' },
  ];

  it.each(cases)('$name → $due', ({ timeline, due, pauses }) => {
    const r = clock(timeline, '2026-12-31');
    expect(r.rejected).toEqual([]);
    expect(r.dueOn).toBe(due);
    expect(r.pauses.filter((p) => p.counted).map((p) => [p.from, p.to])).toEqual(pauses ?? []);
  });

  it('E2: the 补正 notice is due by 2026-03-02 (2-14 and 2-28 are Saturday workdays)', () => {
    const r = clock([received('2026-02-13')], '2026-02-20');
    expect(r.correctionNoticeDueOn).toBe('2026-03-02');
    expect(r.state).toBe('running');
    expect(r.workdaysUsed).toBe(1); // only Saturday 02-14 counted so far; 02-15…02-23 is 春节
    expect(clock([received('2026-02-13'), correctionRequested('2026-03-02')], '2026-03-02').issues).toEqual(
      [],
    );
    expect(clock([received('2026-02-13'), correctionRequested('2026-03-03')], '2026-03-03').issues).toEqual([
      expect.objectContaining({ code: 'correctionNoticeLate', on: '2026-03-03' }),
    ]);
  });

  it('E3: stopped while waiting, then 20 working days from the corrected application', () => {
    const waiting = clock([received('2025-04-25'), correctionRequested('2025-04-29')], '2025-05-06');
    expect(waiting.state).toBe('stoppedForCorrection');
    expect(waiting.dueOn).toBeNull();
    expect(waiting.workdaysUsed).toBeNull();
    expect(waiting.correctionNoticeDueOn).toBe('2025-05-08'); // 04-27 is a make-up Sunday, 05-01…05-05 劳动节
    const restarted = clock(
      [received('2025-04-25'), correctionRequested('2025-04-29'), correctionReceived('2025-05-08')],
      '2025-05-08',
    );
    expect(restarted.clockStartOn).toBe('2025-05-08');
    expect(restarted.workdaysUsed).toBe(0);
    expect(restarted.workdaysRemaining).toBe(20);
    expect(restarted.issues).toEqual([]);
  });

  it('E4 by hand: 5 working days before the pause, paused 03-11…03-20 (8 working days), 15 after', () => {
    const at = (asOf: string) =>
      clock(
        E4.filter((e) => e.kind === 'received' || e.on <= asOf),
        asOf,
      );
    expect(at('2025-03-10')).toMatchObject({ state: 'running', workdaysUsed: 5, workdaysRemaining: 15 });
    expect(at('2025-03-15')).toMatchObject({ state: 'paused', workdaysUsed: 5, dueOn: null });
    expect(at('2025-03-20')).toMatchObject({ state: 'paused', workdaysUsed: 5, dueOn: '2025-04-11' });
    expect(at('2025-03-24')).toMatchObject({ state: 'running', workdaysUsed: 7, workdaysRemaining: 13 });
    expect(at('2025-04-11')).toMatchObject({ state: 'running', workdaysUsed: 20, workdaysRemaining: 0 });
    expect(at('2025-03-20').pauses).toEqual([
      expect.objectContaining({ from: '2025-03-11', to: '2025-03-20', workdays: 8, counted: true }),
    ]);
  });

  it('E5: while the third party is silent the pause ends at most on the 15th working day after delivery', () => {
    const timeline = [received('2025-06-03'), letter('A', '2025-06-05'), delivered('A', '2025-06-06')];
    const during = clock(timeline, '2025-06-20');
    expect(during.state).toBe('paused');
    expect(during.dueOn).toBe('2025-07-23'); // if no answer comes
    const after = clock(timeline, '2025-06-30');
    expect(after).toMatchObject({ state: 'running', dueOn: '2025-07-23', workdaysUsed: 3 }); // 06-04, 06-05, 06-30
    // An answer inside the 15 days ends the pause early: answered 06-16 → resume 06-17.
    const answered = clock([...timeline, answer('A', '2025-06-16')], '2025-06-30');
    expect(answered.pauses.map((p) => [p.from, p.to])).toEqual([['2025-06-06', '2025-06-16']]);
    expect(answered.dueOn).toBe(cal.addWorkdays(d('2025-06-16'), 18));
  });

  it('E6: the union of the two letters is one pause, explained once', () => {
    const r = clock(cases[5]!.timeline, '2025-12-01');
    expect(r.pauses).toHaveLength(1);
    expect(r.pauses[0]!.causes.map((c) => (c.kind === 'opinion' ? c.requestId : 'fee'))).toEqual(['A', 'B']);
    expect(r.steps.filter((s) => s.kind === 'pause')).toHaveLength(1);
  });

  it('E7 by hand: 20 more working days from 2025-04-11, with the make-up Sunday 04-27', () => {
    expect(cal.countWorkdays(d('2025-04-11'), d('2025-05-13'))).toBe(20);
    const r = clock([...E4, extension('2025-04-08', '2025-04-09')], '2025-04-10');
    expect(r).toMatchObject({ periodWorkdays: 40, dueOn: '2025-05-13' });
    expect(r.extension).toEqual({ workdays: 20, approvedOn: '2025-04-08', notifiedOn: '2025-04-09' });
  });

  it('E8: paused from the day after the notice until payment; deadline to pay set by delivery', () => {
    const r = clock(cases[7]!.timeline, '2026-03-20');
    expect(r.state).toBe('paused');
    expect(r.feePaymentDeadline).toBe('2026-04-09'); // 20 WD from 03-12
  });
});

// --- further cases worked by hand from the notices -------------------------------------------------------
describe('reply period on the 2024–2026 calendars (worked by hand)', () => {
  it.each([
    // Friday before a holiday
    ['2024-09-27', '2024-10-30', 'Friday before 国庆 2024; 10-12 Saturday counts'],
    ['2025-01-24', '2025-02-27', 'Friday before 春节 2025; 01-26 Sunday and 02-08 Saturday count'],
    ['2026-09-18', '2026-10-22', 'Friday before 中秋/国庆 2026; 09-20 Sunday and 10-10 Saturday count'],
    // a due date on a make-up Sunday
    ['2024-12-27', '2025-01-26', 'across the new year, ends on the make-up Sunday 2025-01-26'],
    ['2025-12-31', '2026-01-29', 'received on New Year’s Eve, 2026-01-04 Sunday counts'],
    ['2026-04-30', '2026-06-01', '劳动节 2026 right after receipt, 05-09 Saturday counts'],
  ])('received %s → due %s (%s)', (on, due) => {
    expect(clock([received(on)], '2026-12-31').dueOn).toBe(due);
  });

  it('2024-12-27 by hand', () => {
    // 12-30, 12-31 (2); 01-01 元旦; 01-02, 01-03 (4); 01-06…01-10 (9); 01-13…01-17 (14); 01-20…01-24 (19);
    // Sunday 01-26 调休上班 (20).
    expect(cal.countWorkdays(d('2024-12-27'), d('2025-01-24'))).toBe(19);
    expect(cal.isWorkday(d('2025-01-26'))).toBe(true);
  });
});

describe('补正 (第三十条)', () => {
  const base = [received('2025-04-25'), correctionRequested('2025-04-29')];

  it('default deadline: 15 working days after the notice; closes as 逾期不补正 the day after', () => {
    // 04-30 (1); 05-01…05-05 劳动节; 05-06…05-09 (5); 05-12…05-16 (10); 05-19…05-23 (15).
    const onDeadline = clock(base, '2025-05-23');
    expect(onDeadline).toMatchObject({ state: 'stoppedForCorrection', correctionDeadline: '2025-05-23' });
    const after = clock(base, '2025-05-24');
    expect(after.state).toBe('closed');
    expect(after.closure).toEqual({
      on: '2025-05-24',
      reason: 'correctionOverdue',
      outcome: 'otherHandling.correctionOverdue',
    });
    expect(after.dueOn).toBeNull();
    expect(after.correctionDeadline).toBe('2025-05-23');
    expect(after.steps.at(-1)).toMatchObject({ kind: 'closedAutomatically', on: '2025-05-24' });
  });

  it('the deadline the notice states, or the configured default', () => {
    expect(
      clock([received('2025-04-25'), correctionRequested('2025-04-29', '2025-05-09')], '2025-05-09').state,
    ).toBe('stoppedForCorrection');
    expect(
      clock([received('2025-04-25'), correctionRequested('2025-04-29', '2025-05-09')], '2025-05-10').state,
    ).toBe('closed');
    // 10 working days: 04-30, 05-06…05-09, 05-12…05-16 → 05-16.
    expect(clock(base, '2025-05-05', { correctionPeriodWorkdays: 10 }).correctionDeadline).toBe('2025-05-16');
  });

  it('a late correction is refused unless the agency records a good reason', () => {
    const late = clock([...base, correctionReceived('2025-05-26')], '2025-05-26');
    expect(late.state).toBe('closed');
    expect(late.rejected).toEqual([
      { index: 2, kind: 'correctionReceived', reason: expect.stringContaining('请登记正当理由') },
    ]);
    const excused = clock([...base, correctionReceived('2025-05-26', '住院')], '2025-05-26');
    expect(excused).toMatchObject({ state: 'running', clockStartOn: '2025-05-26', rejected: [] });
    expect(excused.issues.map((i) => i.code)).toEqual(['correctionAcceptedLate']);
    // The reason itself (personal) is not repeated in the explanation.
    expect(excused.steps.map((s) => s.text).join('')).not.toContain('住院');
  });

  it('a late 补正 notice is flagged, not refused (received Friday 09-26 before 国庆 2025: due 10-13)', () => {
    const r = clock([received('2025-09-26'), correctionRequested('2025-10-14')], '2025-10-14');
    expect(r.correctionNoticeDueOn).toBe('2025-10-13');
    expect(r.issues).toEqual([expect.objectContaining({ code: 'correctionNoticeLate' })]);
    expect(r.state).toBe('stoppedForCorrection');
  });

  it('a second round after the corrected application counts its 7 days from that application', () => {
    const r = clock(
      [
        ...base,
        correctionReceived('2025-05-08'),
        correctionRequested('2025-05-15'),
        correctionReceived('2025-05-20'),
      ],
      '2025-05-20',
    );
    expect(r.issues).toEqual([]);
    expect(r.clockStartOn).toBe('2025-05-20');
    expect(r.dueOn).toBe(cal.addWorkdays(d('2025-05-20'), 20));
  });

  it('refuses a correction that was never requested, and a second notice while one is pending', () => {
    const r = clock(
      [
        received('2025-04-25'),
        correctionReceived('2025-04-28'),
        ...base.slice(1),
        correctionRequested('2025-04-30'),
      ],
      '2025-05-06',
    );
    expect(r.rejected.map((x) => [x.index, x.kind])).toEqual([
      [1, 'correctionReceived'],
      [3, 'correctionRequested'],
    ]);
  });
});

describe('征求意见 (第三十二条, 第三十三条第三款, 第三十四条)', () => {
  it('an answer after the 15 working days ends the pause on the 15th day (default) or when it arrives', () => {
    const timeline = [
      received('2025-06-03'),
      letter('A', '2025-06-05'),
      delivered('A', '2025-06-06'),
      answer('A', '2025-07-01'),
    ];
    const capped = clock(timeline, '2025-07-01');
    expect(capped.dueOn).toBe('2025-07-23');
    expect(capped.issues.map((i) => i.code)).toEqual(['opinionAnswerLate']);
    // Resume 07-02: 07-02…07-04 (3), 07-07…07-11 (8), 07-14…07-18 (13), 07-21…07-25 (18) with 2 already used.
    expect(clock(timeline, '2025-07-01', { capOpinionPauseAtAnswerPeriod: false }).dueOn).toBe('2025-07-25');
  });

  it('without a delivery date the pause has no known end', () => {
    const r = clock([received('2025-06-03'), letter('A', '2025-06-05')], '2025-07-30');
    expect(r).toMatchObject({ state: 'paused', dueOn: null, workdaysUsed: 2, workdaysRemaining: 18 });
    expect(r.issues.map((i) => i.code)).toEqual(['opinionDeliveryUnknown']);
  });

  it('an answer the same day the letter went out pauses nothing', () => {
    const r = clock(
      [received('2025-03-03'), letter('A', '2025-03-05'), answer('A', '2025-03-05')],
      '2025-03-10',
    );
    expect(r.pauses).toEqual([]);
    expect(r.dueOn).toBe('2025-03-31');
  });

  it('a letter sent after the due date does not move it', () => {
    const r = clock(
      [received('2025-09-26'), letter('A', '2025-10-31'), answer('A', '2025-11-05')],
      '2025-11-05',
    );
    expect(r.dueOn).toBe('2025-10-30');
    expect(r.pauses).toEqual([expect.objectContaining({ counted: false })]);
    expect(r.issues.map((i) => i.code)).toEqual(['opinionRequestAfterDue', 'overdue']);
    expect(r.state).toBe('running');
  });

  it('refuses unknown and duplicate letters', () => {
    const r = clock(
      [
        received('2025-03-03'),
        letter('A', '2025-03-04'),
        letter('A', '2025-03-05'),
        answer('B', '2025-03-06'),
      ],
      '2025-03-10',
    );
    expect(r.rejected.map((x) => x.index)).toEqual([2, 3]);
  });

  it('a consultation and a fee notice that overlap pause once (E8 + a letter 03-20 answered 03-31)', () => {
    const r = clock(
      [
        received('2026-03-02'),
        feeNotice('2026-03-10'),
        feeDelivered('2026-03-11'),
        letter('A', '2026-03-20', 'agency'),
        feePaid('2026-03-25'),
        answer('A', '2026-03-31'),
      ],
      '2026-04-01',
    );
    expect(r.pauses.map((p) => [p.from, p.to, p.workdays])).toEqual([['2026-03-11', '2026-03-31', 15]]);
    // 6 days before; resume 04-01: 04-01…04-03 (9), 清明 04-04…04-06, 04-07…04-10 (13), 04-13…04-17 (18),
    // 04-20 (19), 04-21 (20).
    expect(r.dueOn).toBe('2026-04-21');
  });
});

describe('延期 (第三十三条第二款)', () => {
  const E4: ClockEvent[] = [received('2025-03-03'), letter('A', '2025-03-10'), answer('A', '2025-03-20')];

  it('may be notified up to the due date itself (default), or only before it', () => {
    expect(clock([...E4, extension('2025-04-11', '2025-04-11')], '2025-04-11').dueOn).toBe('2025-05-13');
    const strict = clock([...E4, extension('2025-04-11', '2025-04-11')], '2025-04-11', {
      extensionNoticeBy: 'beforeDueDate',
    });
    expect(strict.dueOn).toBe('2025-04-11');
    expect(strict.rejected).toEqual([
      { index: 3, kind: 'extension', reason: expect.stringContaining('2025年4月11日') },
    ]);
  });

  it('is refused once the period has run out', () => {
    const r = clock([...E4, extension('2025-04-11', '2025-04-14')], '2025-04-14');
    expect(r.extension).toBeNull();
    expect(r.dueOn).toBe('2025-04-11');
    expect(r.overdue).toBe(true);
    expect(r.rejected[0]!.reason).toContain('已于2025年4月11日届满');
  });

  it('is accepted during a pause: the period has not run out', () => {
    const r = clock(
      [received('2025-03-03'), letter('A', '2025-03-10'), extension('2025-03-12', '2025-03-12', 5)],
      '2025-03-12',
    );
    expect(r.rejected).toEqual([]);
    expect(r.periodWorkdays).toBe(25);
  });

  it('once per case, at most 20 working days, approval before notice', () => {
    const r = clock(
      [
        received('2025-03-03'),
        extension('2025-03-05', '2025-03-04', 10), // notified before approval
        extension('2025-03-05', '2025-03-05', 21), // too long
        extension('2025-03-05', '2025-03-05', 0), // too short
        extension('2025-03-05', '2025-03-06', 10),
        extension('2025-03-07', '2025-03-07', 5), // second one
      ],
      '2025-03-10',
    );
    expect(r.rejected.map((x) => x.index)).toEqual([1, 2, 3, 5]);
    expect(r.rejected[3]!.reason).toContain('只能延长一次');
    expect(r.periodWorkdays).toBe(30);
    expect(r.dueOn).toBe(cal.addWorkdays(d('2025-03-03'), 30));
  });

  it('an extension does not survive a restart after 补正, and cannot be granted again', () => {
    const r = clock(
      [
        received('2025-03-03'),
        extension('2025-03-04', '2025-03-04', 10),
        correctionRequested('2025-03-05'),
        correctionReceived('2025-03-07'),
        extension('2025-03-10', '2025-03-10', 10),
      ],
      '2025-03-10',
    );
    expect(r.periodWorkdays).toBe(20);
    expect(r.issues.map((i) => i.code)).toContain('extensionDiscarded');
    expect(r.rejected.map((x) => x.index)).toEqual([4]);
  });
});

describe('信息处理费 (国办函〔2020〕109号)', () => {
  const base = [received('2026-03-02'), feeNotice('2026-03-10'), feeDelivered('2026-03-12')];

  it('20 working days to pay from the day after receiving the notice; closes as 逾期未缴费 the day after', () => {
    // 03-13 (1); 03-16…03-20 (6); 03-23…03-27 (11); 03-30…04-03 (16); 清明 04-04…04-06; 04-07…04-10 (20).
    expect(clock(base, '2026-04-10')).toMatchObject({
      state: 'paused',
      dueOn: null,
      feePaymentDeadline: '2026-04-10',
    });
    const closed = clock(base, '2026-04-11');
    expect(closed.closure).toEqual({
      on: '2026-04-11',
      reason: 'feeUnpaid',
      outcome: 'otherHandling.feeUnpaid',
    });
    const paidLate = clock([...base, feePaid('2026-04-13')], '2026-04-13');
    expect(paidLate.state).toBe('closed');
    expect(paidLate.rejected[0]!.reason).toContain('逾期未缴费');
  });

  it('paying on the last day resumes the clock the next day', () => {
    const r = clock([...base, feePaid('2026-04-10')], '2026-04-13');
    expect(r.state).toBe('running');
    // 6 working days used before the pause (03-03…03-10); 03-11…04-10 paused; 04-13 (7).
    expect(r.workdaysUsed).toBe(7);
    expect(r.dueOn).toBe(cal.addWorkdays(d('2026-04-10'), 14));
  });

  it('flags a notice whose delivery is not recorded, and a notice sent after the due date', () => {
    expect(clock(base.slice(0, 2), '2026-03-11').issues.map((i) => i.code)).toEqual([
      'feeNoticeDeliveryUnknown',
    ]);
    const late = clock([received('2025-09-26'), feeNotice('2025-10-31')], '2025-10-31');
    expect(late.issues.map((i) => i.code)).toEqual([
      'feeNoticeAfterDue',
      'feeNoticeDeliveryUnknown',
      'overdue',
    ]);
    expect(late.dueOn).toBe('2025-10-30');
  });

  it('one fee notice per case', () => {
    expect(clock([...base, feeNotice('2026-03-13')], '2026-03-13').rejected.map((x) => x.index)).toEqual([3]);
  });
});

describe('closing', () => {
  it('a reply closes the case and says whether it was late', () => {
    const onTime = clock([received('2025-09-26'), replied('2025-10-30')], '2025-12-01');
    expect(onTime).toMatchObject({ state: 'closed', overdue: false, workdaysUsed: 20, dueOn: '2025-10-30' });
    expect(onTime.closure).toEqual({ on: '2025-10-30', reason: 'replied', outcome: null });
    const late = clock([received('2025-09-26'), replied('2025-11-03')], '2025-12-01');
    expect(late).toMatchObject({ overdue: true, overdueWorkdays: 2 });
    expect(late.issues.map((i) => i.code)).toEqual(['repliedLate']);
  });

  it('an open case past its due date is overdue by the working days since', () => {
    const r = clock([received('2025-09-26')], '2025-11-03');
    expect(r).toMatchObject({ state: 'running', overdue: true, overdueWorkdays: 2, workdaysRemaining: 0 });
  });

  it('a withdrawal is counted as 其他处理·其他', () => {
    const r = clock([received('2025-09-26'), withdrawn('2025-10-09'), replied('2025-10-10')], '2025-10-10');
    expect(r.closure).toEqual({ on: '2025-10-09', reason: 'withdrawn', outcome: 'otherHandling.other' });
    expect(r).toMatchObject({ state: 'closed', dueOn: null, workdaysUsed: null, overdue: false });
    expect(r.steps.map((s) => s.kind)).toEqual(['received', 'withdrawn']);
    expect(r.rejected).toEqual([
      { index: 2, kind: 'replied', reason: expect.stringContaining('已于2025年10月9日办结') },
    ]);
  });

  it('a reply while waiting for a correction closes the case; no due date applies', () => {
    const r = clock(
      [received('2025-04-25'), correctionRequested('2025-04-29'), replied('2025-05-06')],
      '2025-06-30',
    );
    expect(r).toMatchObject({ state: 'closed', dueOn: null, overdue: false, workdaysUsed: null });
    expect(r.closure).toMatchObject({ reason: 'replied', on: '2025-05-06' });
    expect(r.steps.map((s) => s.kind)).toEqual(['received', 'correctionRequested', 'replied']);
  });

  it('an on-the-spot reply (第三十三条第一款)', () => {
    const r = clock([received('2025-09-26'), replied('2025-09-26')], '2025-09-26');
    expect(r).toMatchObject({ state: 'closed', workdaysUsed: 0, overdue: false });
  });
});

describe('the timeline itself', () => {
  it('must start with the receipt; refuses events before it, after asOf, or a second receipt', () => {
    expect(() => clock([replied('2025-01-02')], '2025-01-02')).toThrow(ClockInputError);
    const r = clock(
      [received('2025-03-03'), replied('2025-03-02'), received('2025-03-04'), replied('2025-03-20')],
      '2025-03-10',
    );
    expect(r.rejected.map((x) => [x.index, x.reason])).toEqual([
      [1, expect.stringContaining('不能早于收到申请之日')],
      [2, '已登记收到申请，不能重复登记'],
      [3, '日期不能晚于今天'],
    ]);
    expect(r.state).toBe('running');
  });

  it.each([
    [
      'a letter while waiting for a correction',
      [correctionRequested('2025-03-04'), letter('A', '2025-03-05')],
      '补正',
    ],
    [
      'an extension while waiting for a correction',
      [correctionRequested('2025-03-04'), extension('2025-03-05', '2025-03-05')],
      '补正',
    ],
    [
      'a fee notice while waiting for a correction',
      [correctionRequested('2025-03-04'), feeNotice('2025-03-05')],
      '补正',
    ],
    ['a delivery of an unknown letter', [delivered('X', '2025-03-05')], '找不到'],
    [
      'a second delivery',
      [letter('A', '2025-03-04'), delivered('A', '2025-03-05'), delivered('A', '2025-03-06')],
      '已登记送达',
    ],
    [
      'a delivery after the answer',
      [letter('A', '2025-03-04'), answer('A', '2025-03-05'), delivered('A', '2025-03-06')],
      '不能晚于',
    ],
    [
      'a second answer',
      [letter('A', '2025-03-04'), answer('A', '2025-03-05'), answer('A', '2025-03-06')],
      '已登记收到意见',
    ],
    ['a fee delivery without a notice', [feeDelivered('2025-03-05')], '未发出收费通知'],
    ['a payment without a notice', [feePaid('2025-03-05')], '未发出收费通知'],
    [
      'a second payment',
      [feeNotice('2025-03-04'), feePaid('2025-03-05'), feePaid('2025-03-06')],
      '已登记缴费',
    ],
    [
      'a second fee delivery',
      [feeNotice('2025-03-04'), feeDelivered('2025-03-05'), feeDelivered('2025-03-06')],
      '已登记送达',
    ],
    [
      'a correction deadline before the notice',
      [correctionRequested('2025-03-05', '2025-03-04')],
      '不能早于',
    ],
  ] as [string, ClockEvent[], string][])('refuses %s', (_name, events, reason) => {
    const r = clock([received('2025-03-03'), ...events], '2025-03-10');
    expect(r.rejected).toEqual([
      { index: events.length, kind: events.at(-1)!.kind, reason: expect.stringContaining(reason) },
    ]);
  });

  it('refuses bad settings, a bad asOf, and a receipt after asOf', () => {
    expect(() => clock([received('2025-03-03')], '2025-03-10', { correctionPeriodWorkdays: 0 })).toThrow(
      RangeError,
    );
    expect(() => clock([received('2025-03-03')], '2025-03-10', { feePaymentWorkdays: 2.5 })).toThrow(
      RangeError,
    );
    expect(() =>
      clock([received('2025-03-03')], '2025-03-10', { extensionNoticeBy: 'whenever' as never }),
    ).toThrow(RangeError);
    expect(() => computeClock([received('2025-03-03')], cal, '2025-13-01' as LegalDate)).toThrow(RangeError);
    expect(() => clock([received('2025-03-11')], '2025-03-10')).toThrow(
      expect.objectContaining({ name: 'ClockInputError', field: 'receivedOn' }),
    );
  });

  it('applies events in date order, same-day events in the order given', () => {
    const a = clock(
      [received('2025-03-03'), answer('A', '2025-03-20'), letter('A', '2025-03-10')],
      '2025-04-30',
    );
    expect(a.dueOn).toBe('2025-04-11');
    // Given answer-before-letter on the same day, the answer is refused (no such letter yet).
    const b = clock(
      [received('2025-03-03'), answer('A', '2025-03-10'), letter('A', '2025-03-10')],
      '2025-04-30',
    );
    expect(b.rejected.map((x) => x.index)).toEqual([1]);
  });

  it('explains each step in Chinese with its dates (E4 + extension)', () => {
    const r = clock(
      [
        received('2025-03-03'),
        letter('A', '2025-03-10'),
        answer('A', '2025-03-20'),
        extension('2025-04-08', '2025-04-09'),
      ],
      '2025-04-10',
    );
    expect(r.steps.map((s) => [s.kind, s.on])).toEqual([
      ['received', '2025-03-03'],
      ['opinionRequestSent', '2025-03-10'],
      ['pause', '2025-03-11'],
      ['opinionReceived', '2025-03-20'],
      ['extension', '2025-04-09'],
      ['due', '2025-05-13'],
    ]);
    expect(r.steps[0]!.text).toContain('2025年3月3日（星期一）收到申请');
    expect(r.steps[0]!.text).toContain('第三十一条第（一）项');
    expect(r.steps[2]).toMatchObject({ until: '2025-03-20' });
    expect(r.steps[2]!.text).toContain('2025年3月11日（星期二）至2025年3月20日（星期四）');
    expect(r.steps[2]!.text).toContain('8个工作日不计入答复期限');
    expect(r.steps[2]!.text).toContain('2025年3月21日（星期五）起继续计算');
    expect(r.steps[4]!.text).toContain('由2025年4月11日顺延');
    expect(r.steps[5]!.text).toBe(
      '答复期限：2025年5月13日（星期二）（自2025年3月3日次日起20个工作日，暂停期间8个工作日不计入，延长20个工作日）。',
    );
  });

  it('flags dates in a year without a State Council notice as provisional', () => {
    const r = clock([received('2026-12-10')], '2026-12-10');
    expect(r.provisionalYears).toEqual([2027]);
    expect(r.issues.map((i) => i.code)).toEqual(['provisionalCalendar']);
  });
});

describe('legalReceiptDate (第三十一条)', () => {
  it.each([
    [{ channel: 'inPerson', submittedOn: '2025-03-03' }, '2025-03-03', '第三十一条第（一）项'],
    [{ channel: 'oral', submittedOn: '2025-03-03' }, '2025-03-03', '第三十一条第（一）项'],
    [{ channel: 'mailSigned', signedForOn: '2025-03-04' }, '2025-03-04', '第三十一条第（二）项'],
    [
      { channel: 'mailPlain', arrivedOn: '2025-03-04', confirmedOn: '2025-03-04' },
      '2025-03-04',
      '第（二）项',
    ],
    [{ channel: 'online', arrivedOn: '2025-03-01', confirmedOn: '2025-03-03' }, '2025-03-03', '第（三）项'],
    [{ channel: 'email', confirmedOn: '2025-03-05' }, '2025-03-05', '第（三）项'],
    [{ channel: 'fax', confirmedOn: '2025-03-06' }, '2025-03-06', '第（三）项'],
  ] as const)('%o → %s', (facts, date, basis) => {
    const r = legalReceiptDate(facts as never);
    expect(r).toMatchObject({ ok: true, receivedOn: date, warnings: [] });
    if (r.ok) expect(r.rule).toContain(basis);
  });

  it('uses the channel’s own date: a signed-for letter ignores a confirmation date', () => {
    expect(legalReceiptDate({ channel: 'mailSigned', confirmedOn: d('2025-03-04') })).toEqual({
      ok: false,
      field: 'signedForOn',
      message: '请填写签收日期',
    });
    expect(legalReceiptDate({ channel: 'online', submittedOn: d('2025-03-04') })).toMatchObject({
      ok: false,
      field: 'confirmedOn',
      message: '请填写确认日期',
    });
    expect(legalReceiptDate({ channel: 'inPerson', submittedOn: '2025-02-30' as LegalDate })).toMatchObject({
      ok: false,
      field: 'submittedOn',
    });
  });

  it('a plain letter should be confirmed the day it arrives; a confirmation cannot precede arrival', () => {
    const r = legalReceiptDate({
      channel: 'mailPlain',
      arrivedOn: d('2025-03-03'),
      confirmedOn: d('2025-03-05'),
    });
    expect(r).toMatchObject({ ok: true, receivedOn: '2025-03-05' });
    if (r.ok) expect(r.warnings[0]).toContain('应于收到申请的当日与申请人确认');
    expect(
      legalReceiptDate({ channel: 'online', arrivedOn: d('2025-03-05'), confirmedOn: d('2025-03-03') }),
    ).toMatchObject({ ok: false, field: 'confirmedOn' });
    // The clock carries the warning as an issue.
    const c = computeClock(
      [{ kind: 'received', channel: 'mailPlain', arrivedOn: d('2025-03-03'), confirmedOn: d('2025-03-05') }],
      cal,
      d('2025-03-05'),
    );
    expect(c.issues.map((i) => i.code)).toEqual(['receiptConfirmationLate']);
    expect(c.receivedOn).toBe('2025-03-05');
  });

  it('the clock refuses a timeline whose receipt has no valid date', () => {
    expect(() => computeClock([{ kind: 'received', channel: 'fax' }], cal, d('2025-03-05'))).toThrow(
      '请填写确认日期',
    );
  });
});

// --- an independent day-by-day model, on many generated timelines ----------------------------------------
/** Deterministic PRNG (mulberry32) so failures can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The n-th working day after `from`, walking one day at a time with isWorkday only. */
function walkWorkdays(from: LegalDate, n: number): LegalDate {
  let day = from;
  for (let k = 0; k < n; ) {
    day = addDays(day, 1);
    if (cal.isWorkday(day)) k++;
  }
  return day;
}

/** The due date by brute force: walk day by day, skip paused days, count working days. */
function bruteDue(start: LegalDate, n: number, paused: (day: LegalDate) => boolean): LegalDate {
  let day = start;
  for (let k = 0; k < n; ) {
    day = addDays(day, 1);
    if (!paused(day) && cal.isWorkday(day)) k++;
  }
  return day;
}

describe('agrees with a day-by-day model', () => {
  it('on 500 generated timelines with consultations and fee notices (2024–2026)', () => {
    const next = rng(20260521);
    const pick = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
    for (let trial = 0; trial < 500; trial++) {
      const start = addDays(d('2024-01-01'), pick(0, 880));
      const timeline: ClockEvent[] = [received(start)];
      const spans: [LegalDate, LegalDate][] = [];
      const letters = pick(0, 3);
      for (let i = 0; i < letters; i++) {
        const sent = addDays(start, pick(0, 25));
        const deliveredOn = addDays(sent, pick(0, 4));
        const limit = walkWorkdays(deliveredOn, 15);
        const answered = next() < 0.6 ? addDays(deliveredOn, pick(0, 30)) : null;
        timeline.push(
          letter(`L${i}`, sent, next() < 0.5 ? 'thirdParty' : 'agency'),
          delivered(`L${i}`, deliveredOn),
        );
        if (answered) timeline.push(answer(`L${i}`, answered));
        const end = answered && answered < limit ? answered : limit;
        if (end >= addDays(sent, 1)) spans.push([addDays(sent, 1), end]);
      }
      if (next() < 0.4) {
        const sent = addDays(start, pick(0, 25));
        const got = addDays(sent, pick(0, 3));
        const paid = addDays(got, pick(0, 20)); // within 20 working days: 20 calendar days never exceed them
        timeline.push(feeNotice(sent), feeDelivered(got), feePaid(paid));
        if (paid >= addDays(sent, 1)) spans.push([addDays(sent, 1), paid]);
      }
      const r = computeClock(timeline, cal, d('2027-12-31'));
      expect(r.rejected, `trial ${trial}`).toEqual([]);
      const expected = bruteDue(start, 20, (day) => spans.some(([a, b]) => a <= day && day <= b));
      expect(r.dueOn, `trial ${trial}: ${JSON.stringify(timeline)}`).toBe(expected);
    }
  });
});
