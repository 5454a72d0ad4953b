/**
 * Oversight figures as plain data: the period a supervisor picks, each agency's row (第二十六条
 * timeliness, 待解读, 第十八条 re-reviews due, overdue 督办), the worst-first order, the rate as text and
 * the CSV of the same table. No I/O here.
 */
import type { FieldError } from '../../../platform/errors.js';
import { formatChineseDate, type LegalDate, parseLegalDate } from '../../../platform/legal-date.js';

export const PERIOD_KINDS = ['thisYear', 'lastYear', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_LABELS: Record<PeriodKind, string> = {
  thisYear: '今年',
  lastYear: '去年',
  custom: '自定义',
};

export interface Period {
  kind: PeriodKind;
  from: LegalDate;
  to: LegalDate;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The publication period from the query (China dates, both ends inclusive): this year up to today by
 * default, last year, or from–to. Bad dates come back as field errors, with this year in their place.
 */
export function readPeriod(
  query: Record<string, unknown>,
  today: LegalDate,
): {
  period: Period;
  errors: FieldError[];
} {
  const year = Number(today.slice(0, 4));
  const thisYear: Period = { kind: 'thisYear', from: `${year}-01-01` as LegalDate, to: today };
  const raw = text(query.period);
  const kind: PeriodKind = (PERIOD_KINDS as readonly string[]).includes(raw)
    ? (raw as PeriodKind)
    : text(query.from) || text(query.to)
      ? 'custom'
      : 'thisYear';
  if (kind === 'thisYear') return { period: thisYear, errors: [] };
  if (kind === 'lastYear')
    return {
      period: { kind, from: `${year - 1}-01-01` as LegalDate, to: `${year - 1}-12-31` as LegalDate },
      errors: [],
    };
  const errors: FieldError[] = [];
  const from = parseLegalDate(text(query.from));
  const to = parseLegalDate(text(query.to));
  if (!from) errors.push({ field: 'from', message: '请填写正确的开始日期，格式如 2026-01-01' });
  if (!to) errors.push({ field: 'to', message: '请填写正确的截止日期，格式如 2026-12-31' });
  if (from && to && from > to) errors.push({ field: 'to', message: '截止日期不能早于开始日期' });
  if (errors.length > 0 || !from || !to) return { period: thisYear, errors };
  return { period: { kind, from, to }, errors };
}

/** The query string that reproduces a period (links to detail lists, the CSV). */
export function periodQuery(p: Period): Record<string, string> {
  return p.kind === 'custom' ? { period: 'custom', from: p.from, to: p.to } : { period: p.kind };
}

export function periodText(p: Period): string {
  return `${formatChineseDate(p.from)}至${formatChineseDate(p.to)}`;
}

/** One agency's row of the oversight table. */
export interface AgencyFigures {
  agencyId: string;
  agencyName: string;
  /** Versions published in the period, and of those the ones published by their due date (第二十六条). */
  published: number;
  onTime: number;
  /** Policies of a genre that needs an interpretation, published and still without one (today). */
  awaitingInterpretation: number;
  /** 三项清单 entries whose 第十八条 re-review date has come (today). */
  registerDue: number;
  /** 督办/意见 still unanswered after their due date (today). */
  overdueNotes: number;
}

export const lateCount = (f: AgencyFigures) => f.published - f.onTime;

/** What the supervisor should look at: late publications plus every outstanding item. */
export const problemCount = (f: AgencyFigures) =>
  lateCount(f) + f.awaitingInterpretation + f.registerDue + f.overdueNotes;

/** The rate in per mille, rounded down so a single late item never shows as 100.0%; null without publications. */
export function ratePerMille(f: Pick<AgencyFigures, 'published' | 'onTime'>): number | null {
  return f.published === 0 ? null : Math.floor((f.onTime * 1000) / f.published);
}

/** 95.0%, or null when nothing was published in the period. */
export function ratePercent(f: Pick<AgencyFigures, 'published' | 'onTime'>): string | null {
  const m = ratePerMille(f);
  return m === null ? null : `${(m / 10).toFixed(1)}%`;
}

/** 95.0%（19/20）, or 本期无发布. */
export function rateText(f: Pick<AgencyFigures, 'published' | 'onTime'>): string {
  const pct = ratePercent(f);
  return pct === null ? '本期无发布' : `${pct}（${f.onTime}/${f.published}）`;
}

/**
 * Worst first: most problems (late publications + 待解读 + re-reviews due + overdue 督办), then the lower
 * rate (an agency that published nothing after those that did), then the tree's order as given.
 */
export function worstFirst(rows: readonly AgencyFigures[]): AgencyFigures[] {
  const rank = (f: AgencyFigures) => ratePerMille(f) ?? 1001;
  return rows
    .map((f, i) => ({ f, i }))
    .sort((a, b) => problemCount(b.f) - problemCount(a.f) || rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
}

export const CSV_HEADER = [
  '单位',
  '本期发布数',
  '按时发布数',
  '及时率',
  '待解读政策数',
  '三项清单到期未复核数',
  '逾期督办数',
  '统计起始日期',
  '统计截止日期',
] as const;

export function csvRows(rows: readonly AgencyFigures[], period: Period): string[][] {
  return rows.map((f) => [
    f.agencyName,
    String(f.published),
    String(f.onTime),
    ratePercent(f) ?? '本期无发布',
    String(f.awaitingInterpretation),
    String(f.registerDue),
    String(f.overdueNotes),
    period.from,
    period.to,
  ]);
}

/**
 * RFC 4180 CSV with a UTF-8 byte-order mark, so Excel opens the Chinese text correctly. A cell that a
 * spreadsheet would read as a formula (=, +, -, @) is prefixed with an apostrophe.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** Agencies as the scope needs them (row shape of the agencies table). */
export interface AgencyRow {
  id: string;
  name: string;
  status: string;
  successor_id: string | null;
}

export interface ScopeAgency {
  id: string;
  name: string;
  /** Itself and the agencies merged into it (ADR 0007: a merger makes their records the successor's to read). */
  ids: string[];
}

/**
 * The active agencies of a reading scope, in the order given, each answering for the agencies merged into
 * it. Records of an agency abolished without a successor stay readable but belong to no row.
 */
export function scopeAgencies(
  rows: readonly AgencyRow[],
  readable: ReadonlySet<string> | 'all',
): ScopeAgency[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const inScope = (id: string) => readable === 'all' || readable.has(id);
  const finalOf = (r: AgencyRow): AgencyRow => {
    let cur = r;
    for (let hops = 0; cur.successor_id && hops < rows.length; hops++) {
      const next = byId.get(cur.successor_id);
      if (!next) break;
      cur = next;
    }
    return cur;
  };
  const out = new Map<string, ScopeAgency>();
  for (const r of rows)
    if (r.status === 'active' && inScope(r.id)) out.set(r.id, { id: r.id, name: r.name, ids: [r.id] });
  for (const r of rows) {
    if (r.status === 'active' || !inScope(r.id)) continue;
    out.get(finalOf(r).id)?.ids.push(r.id);
  }
  return [...out.values()];
}
