/** Pure parts of the reports: the prefill of last year's text, the deadline and the state shown. */
import { describe, expect, it } from 'vitest';
import type { LegalDate } from '../../../platform/legal-date.js';
import type { ReportTables } from '../checker/model.js';
import { prefillSections } from './prefill.js';
import { deadlineOf, displayState, emptySections } from './reports.js';

const row = (total: number) => [total, 0, 0, 0, 0, 0, total];
const tables: ReportTables = {
  T2: {},
  T3: { R1: row(7), R2: row(1), R24: row(6), R25: row(2) },
  T4: { K5: 1, K10: 0, K15: 0 },
};
const d = (s: string) => s as LegalDate;

describe('prefill from last year’s text', () => {
  it('moves the years on and replaces the counts it can place exactly', () => {
    const last = {
      ...emptySections(),
      一: '2024年，本机关全年共收到政府信息公开申请5件，上年结转3件，办结6件，结转下年度2件。2023年相比略有增加。',
      四: '本年度被申请行政复议0件。',
    };
    const out = prefillSections(last, 2025, tables);
    expect(out.一).toBe(
      '2025年，本机关全年共收到政府信息公开申请7件，上年结转1件，办结6件，结转下年度2件。2024年相比略有增加。',
    );
    expect(out.四).toBe('本年度被申请行政复议1件。');
  });

  it('leaves what it cannot place reliably for the warnings: Chinese numerals, 「没有」, two numbers in a quote', () => {
    const last = {
      ...emptySections(),
      一: '全年共收到政府信息公开申请五件。',
      四: '本年度没有发生行政复议。',
    };
    const out = prefillSections(last, 2025, tables);
    expect(out.一).toBe(last.一);
    expect(out.四).toBe(last.四);
  });
});

describe('deadline and state shown (第四十九条)', () => {
  it('a department by 31 January, a government’s own report by 31 March', () => {
    expect(deadlineOf(2025, 'department')).toBe('2026-01-31');
    expect(deadlineOf(2025, 'government')).toBe('2026-03-31');
  });

  it('late only after the deadline, and for good once published after it', () => {
    const draft = { state: 'draft' as const, year: 2025 };
    expect(displayState(draft, null, 'department', 2025, d('2026-01-31')).label).toBe('草稿');
    expect(displayState(draft, null, 'department', 2025, d('2026-02-01')).label).toBe('草稿（逾期）');
    expect(displayState(draft, null, 'government', 2025, d('2026-02-01')).label).toBe('草稿');
    expect(displayState(null, null, 'government', 2025, d('2026-04-01')).label).toBe('未编写（逾期）');
    const submitted = { state: 'submitted' as const, year: 2025 };
    const inReview = { state: 'secrecyReview', publishedVersion: null, firstPublishedOn: null };
    expect(displayState(submitted, inReview, 'department', 2025, d('2026-01-20')).label).toBe('审核中');
    const onTime = { state: 'published', publishedVersion: 1, firstPublishedOn: d('2026-01-30') };
    expect(displayState(submitted, onTime, 'department', 2025, d('2026-06-01')).label).toBe('已发布');
    const late = { state: 'published', publishedVersion: 1, firstPublishedOn: d('2026-02-03') };
    expect(displayState(submitted, late, 'department', 2025, d('2026-06-01')).label).toBe('已发布（逾期）');
    const sentBack = { state: 'draft', publishedVersion: null, firstPublishedOn: null };
    expect(displayState(submitted, sentBack, 'department', 2025, d('2026-01-20'))).toMatchObject({
      state: 'draft',
      sentBack: true,
    });
  });
});
