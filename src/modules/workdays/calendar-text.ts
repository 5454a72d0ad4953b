/**
 * The back office's plain-text format for one year's notice, so that entering
 * 《国务院办公厅关于YYYY年部分节假日安排的通知》 takes two minutes:
 *
 *   holidays (节假日), one per line:    春节 2027-02-05 至 2027-02-11
 *                                      元旦 2027-01-01
 *   make-up workdays (调休上班日):      2027-02-14（周日）
 *
 * Ranges are inclusive; `至`, `到`, `~`, `-` or just a space may separate the
 * dates; full-width characters are accepted; a trailing note in brackets is
 * ignored, except that a weekday written there (周日, 星期六 …) is checked.
 * Every problem is reported at once, naming the field and the line.
 */
import { FieldErrors } from '../../platform/errors.js';
import {
  addDays,
  dayOfWeek,
  type LegalDate,
  parseLegalDate,
  toDayNumber,
  yearOf,
} from '../../platform/legal-date.js';

export interface CalendarYearDays {
  holidays: { date: LegalDate; name: string }[];
  makeupWorkdays: LegalDate[];
}

export interface CalendarText {
  holidays: string;
  makeupWorkdays: string;
}

/** Longest run one holiday line may cover; anything longer is a typo (the longest so far is 9 days). */
export const MAX_HOLIDAY_SPAN_DAYS = 31;

const LABEL = { holidays: '节假日', makeupWorkdays: '调休上班日' } as const;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/** A date as typed: 2027-02-05, 2027-2-5, 2027/2/5, 2027.2.5, 2027年2月5日. */
const DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?:\s*日)?/g;
const RANGE_SEPARATOR = /^\s*(?:至|到|~|-|–|—)?\s*$/;
const NOTE = /^\s*(?:\((.*)\))?\s*$/;
const WEEKDAY_NOTE = /^(?:周|星期)([日天一二三四五六])$/;

type Field = keyof typeof LABEL;

interface Line {
  no: number;
  line: string;
  /** Text before the first date (the holiday's name). */
  head: string;
  dates: RegExpExecArray[];
  /** Text between the dates, and the note in brackets after the last one. */
  between: string;
  note: string | null;
  wellFormed: boolean;
}

/** Splits a field into its non-blank lines (numbered as the admin sees them) and finds the dates. */
function lines(text: string): Line[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => {
      const line = raw.normalize('NFKC').trim();
      const dates = [...line.matchAll(DATE)];
      const first = dates[0];
      const last = dates.at(-1);
      const tail = last ? NOTE.exec(line.slice(last.index + last[0].length)) : null;
      const between = dates[1] ? line.slice(first!.index + first![0].length, dates[1].index) : '';
      return {
        no: i + 1,
        line,
        head: first ? line.slice(0, first.index).trim() : line,
        dates,
        between,
        note: tail?.[1]?.trim() ?? null,
        wellFormed: !!tail,
      };
    })
    .filter((l) => l.line !== '');
}

type DateResult = { date: LegalDate; error?: undefined } | { error: string };

function toDate(m: RegExpExecArray, year: number): DateResult {
  const [typed, y, mo, d] = m as unknown as [string, string, string, string];
  const date = parseLegalDate(`${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`);
  if (!date) return { error: `日期“${typed}”不存在` };
  if (yearOf(date) !== year) return { error: `${date} 不在${year}年` };
  return { date };
}

/** Parses one year's two text fields; throws AppError.validation listing every problem. */
export function parseCalendarText(year: number, text: CalendarText): CalendarYearDays {
  const errors = new FieldErrors();
  const fail = (field: Field, no: number, message: string) =>
    errors.add(field, `${LABEL[field]} 第${no}行：${message}`);

  const holidayLine = new Map<LegalDate, number>();
  const holidays: CalendarYearDays['holidays'] = [];
  for (const l of lines(text.holidays)) {
    if (!l.wellFormed || l.dates.length > 2 || !RANGE_SEPARATOR.test(l.between)) {
      fail('holidays', l.no, '格式应为“名称 YYYY-MM-DD”或“名称 YYYY-MM-DD 至 YYYY-MM-DD”');
      continue;
    }
    if (!l.head) {
      fail('holidays', l.no, '缺少节日名称');
      continue;
    }
    const from = toDate(l.dates[0]!, year);
    const to = l.dates[1] ? toDate(l.dates[1], year) : from;
    if (from.error !== undefined || to.error !== undefined) {
      fail('holidays', l.no, (from.error ?? to.error)!);
      continue;
    }
    const span = toDayNumber(to.date) - toDayNumber(from.date) + 1;
    if (span < 1) {
      fail('holidays', l.no, '结束日期早于开始日期');
      continue;
    }
    if (span > MAX_HOLIDAY_SPAN_DAYS) {
      fail('holidays', l.no, `一段假期超过${MAX_HOLIDAY_SPAN_DAYS}天，请检查日期`);
      continue;
    }
    const days = Array.from({ length: span }, (_, i) => addDays(from.date, i));
    const clash = days.find((d) => holidayLine.has(d));
    if (clash) {
      fail('holidays', l.no, `${clash} 与第${holidayLine.get(clash)}行重复`);
      continue;
    }
    for (const date of days) {
      holidayLine.set(date, l.no);
      holidays.push({ date, name: l.head });
    }
  }

  const makeupLine = new Map<LegalDate, number>();
  for (const l of lines(text.makeupWorkdays)) {
    if (!l.wellFormed || l.dates.length !== 1 || l.head) {
      fail('makeupWorkdays', l.no, '每行应为一个日期，格式为 YYYY-MM-DD');
      continue;
    }
    const r = toDate(l.dates[0]!, year);
    if (r.error !== undefined) {
      fail('makeupWorkdays', l.no, r.error);
      continue;
    }
    const { date } = r;
    const weekday = dayOfWeek(date);
    const note = WEEKDAY_NOTE.exec(l.note ?? '');
    const written = note ? `周${note[1] === '天' ? '日' : note[1]}` : null;
    if (written && written !== WEEKDAYS[weekday])
      fail('makeupWorkdays', l.no, `${date} 是${WEEKDAYS[weekday]}，不是${written}`);
    else if (makeupLine.has(date)) fail('makeupWorkdays', l.no, `${date} 与第${makeupLine.get(date)}行重复`);
    else if (holidayLine.has(date))
      fail('makeupWorkdays', l.no, `${date} 已列为节假日（节假日 第${holidayLine.get(date)}行）`);
    else if (weekday >= 1 && weekday <= 5)
      fail('makeupWorkdays', l.no, `${date}（${WEEKDAYS[weekday]}）是普通工作日，无需列为调休上班日`);
    if (!makeupLine.has(date)) makeupLine.set(date, l.no);
  }

  errors.throwIfAny();
  return {
    holidays: holidays.sort((a, b) => cmp(a.date, b.date)),
    makeupWorkdays: [...makeupLine.keys()].sort(cmp),
  };
}

/** The reverse: one year's days as the two text fields (consecutive days of one name become a range). */
export function formatCalendarText(days: CalendarYearDays): CalendarText {
  const sorted = [...days.holidays].sort((a, b) => cmp(a.date, b.date));
  const runs: { name: string; from: LegalDate; to: LegalDate }[] = [];
  for (const h of sorted) {
    const last = runs.at(-1);
    if (last && last.name === h.name && toDayNumber(h.date) - toDayNumber(last.to) === 1) last.to = h.date;
    else runs.push({ name: h.name, from: h.date, to: h.date });
  }
  return {
    holidays: runs
      .map((r) => (r.from === r.to ? `${r.name} ${r.from}` : `${r.name} ${r.from} 至 ${r.to}`))
      .join('\n'),
    makeupWorkdays: [...days.makeupWorkdays]
      .sort(cmp)
      .map((d) => `${d}（${WEEKDAYS[dayOfWeek(d)]}）`)
      .join('\n'),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
