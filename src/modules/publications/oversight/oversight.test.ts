/** The oversight arithmetic as tables: the period, the rate as text, worst first, CSV, the scope's rows. */
import { describe, expect, it } from 'vitest';
import { legalDate } from '../../../platform/legal-date.js';
import { type AgencyFigures, rateText, readPeriod, scopeAgencies, toCsv, worstFirst } from './oversight.js';

const today = legalDate('2026-03-02');

describe('the period', () => {
  it.each([
    [{}, 'thisYear', '2026-01-01', '2026-03-02'],
    [{ period: 'thisYear' }, 'thisYear', '2026-01-01', '2026-03-02'],
    [{ period: 'lastYear' }, 'lastYear', '2025-01-01', '2025-12-31'],
    [{ period: 'custom', from: '2025-09-01', to: '2025-10-31' }, 'custom', '2025-09-01', '2025-10-31'],
    [{ from: '2025-10-01', to: '2025-10-01' }, 'custom', '2025-10-01', '2025-10-01'],
  ])('%j → %s %s…%s', (query, kind, from, to) => {
    expect(readPeriod(query, today)).toEqual({ period: { kind, from, to }, errors: [] });
  });

  it.each([
    [{ period: 'custom', from: '2025-02-30', to: '2025-10-31' }, ['from']],
    [{ period: 'custom', from: '', to: '' }, ['from', 'to']],
    [{ period: 'custom', from: '2025-11-01', to: '2025-10-31' }, ['to']],
  ])('%j is refused, naming %j', (query, fields) => {
    const { period, errors } = readPeriod(query, today);
    expect(errors.map((e) => e.field)).toEqual(fields);
    expect(period.kind).toBe('thisYear');
  });
});

const row = (name: string, f: Partial<AgencyFigures>): AgencyFigures => ({
  agencyId: name,
  agencyName: name,
  published: 0,
  onTime: 0,
  awaitingInterpretation: 0,
  registerDue: 0,
  overdueNotes: 0,
  ...f,
});

describe('the rate as text', () => {
  it.each([
    [20, 19, '95.0%（19/20）'],
    [3, 2, '66.6%（2/3）'],
    [10000, 9999, '99.9%（9999/10000）'],
    [4, 4, '100.0%（4/4）'],
    [0, 0, '本期无发布'],
  ])('%i published, %i on time → %s', (published, onTime, text) => {
    expect(rateText({ published, onTime })).toBe(text);
  });
});

describe('worst first', () => {
  it('orders by problems, then by the lower rate (no publications last), then as given', () => {
    // 乙 and 戊 both have two problems (乙: 2 late; 戊: 1 late + 1 待解读): 戊's rate is lower.
    const rows = [
      row('甲', { published: 10, onTime: 10 }),
      row('乙', { published: 10, onTime: 8 }),
      row('丙', { awaitingInterpretation: 1, registerDue: 1, overdueNotes: 1 }),
      row('丁', { published: 0 }),
      row('戊', { published: 2, onTime: 1, awaitingInterpretation: 1 }),
      row('己', { published: 5, onTime: 5 }),
    ];
    expect(worstFirst(rows).map((r) => r.agencyName)).toEqual(['丙', '戊', '乙', '甲', '己', '丁']);
  });
});

describe('CSV', () => {
  it('starts with a BOM, quotes what needs quoting, defuses formulas, ends lines with CRLF', () => {
    const csv = toCsv([
      ['单位', '说明'],
      ['示例市民政局', 'a,b'],
      ['=HYPERLINK("x")', '说"明"'],
    ]);
    expect(csv).toBe('\uFEFF单位,说明\r\n示例市民政局,"a,b"\r\n"\'=HYPERLINK(""x"")","说""明"""\r\n');
  });
});

describe("the scope's rows", () => {
  it('keeps active agencies in order and folds merged ones into their successor', () => {
    const a = (id: string, status = 'active', successor_id: string | null = null) => ({
      id,
      name: id,
      status,
      successor_id,
    });
    const rows = [
      a('gov'),
      a('old', 'merged', 'mid'),
      a('mid', 'merged', 'new'),
      a('new'),
      a('gone', 'abolished'),
    ];
    expect(scopeAgencies(rows, 'all')).toEqual([
      { id: 'gov', name: 'gov', ids: ['gov'] },
      { id: 'new', name: 'new', ids: ['new', 'old', 'mid'] },
    ]);
    expect(scopeAgencies(rows, new Set(['new', 'mid']))).toEqual([
      { id: 'new', name: 'new', ids: ['new', 'mid'] },
    ]);
  });
});
