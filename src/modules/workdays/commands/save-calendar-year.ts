/**
 * Saves one year of the working-day calendar: the State Council's
 * 《国务院办公厅关于YYYY年部分节假日安排的通知》 as entered by a platform admin
 * (ADR 0004: the calendar is data). The year is replaced as a whole, with one
 * audit event in the same transaction; the cached calendar is dropped only
 * after the commit. A refused save writes nothing and keeps the year as it was.
 */

import { AppError, FieldErrors } from '../../../platform/errors.js';
import { type Input, readChoice, readText } from '../../../platform/validate.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import { auditActor } from '../../accounts/commands/context.js';
import { recomputeOpenCases } from '../../applications/commands/jobs.js';
import type { CalendarYearStatus } from '../calendar.js';
import { type CalendarYearDays, formatCalendarText, parseCalendarText } from '../calendar-text.js';
import { type CalendarYearRecord, getYear, replaceYear } from '../workdays.repository.js';
import { readYear } from '../workdays.schemas.js';

const STATUSES: readonly CalendarYearStatus[] = ['official', 'provisional'];
/** A whole year's notice is a few hundred characters; anything far larger is not a notice. */
const MAX_TEXT = 20_000;
const LABEL = { holidays: '放假日期', makeupWorkdays: '调休上班日期' } as const;

interface YearSummaryInput extends CalendarYearDays {
  status: CalendarYearStatus;
  noticeTitle: string | null;
  noticeRef: string | null;
}

/**
 * One field as the text format of calendar-text.ts: the admin's textarea as is, or a JSON array turned into
 * one line per item (so "第N行" in a message is the N-th item). Null when the value cannot be used.
 */
function asText(fe: FieldErrors, input: Input, field: keyof typeof LABEL): string | null {
  const raw = input[field];
  const label = LABEL[field];
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') {
    if (raw.length > MAX_TEXT) {
      fe.add(field, `${label}内容过长（不能超过${MAX_TEXT}个字符）`);
      return null;
    }
    return raw;
  }
  if (!Array.isArray(raw) || raw.length > 400) {
    fe.add(field, `${label}应为文本（每行一条）或数组`);
    return null;
  }
  const lines: string[] = [];
  raw.forEach((item, i) => {
    const at = `${label} 第${i + 1}项`;
    if (field === 'makeupWorkdays') {
      if (typeof item === 'string' && !/[\r\n]/.test(item)) lines.push(item);
      else fe.add(field, `${at}：应为日期字符串，如“2027-02-20”`);
      return;
    }
    const { date, name } = (item ?? {}) as { date?: unknown; name?: unknown };
    if (typeof date !== 'string' || typeof name !== 'string' || /[\r\n]/.test(date + name) || !name.trim())
      fe.add(field, `${at}：应为 {"date": "YYYY-MM-DD", "name": "节日名称"}`);
    else lines.push(`${name.trim()} ${date.trim()}`);
  });
  return lines.length === raw.length ? lines.join('\n') : null;
}

function readInput(year: number, input: Input): YearSummaryInput {
  const fe = new FieldErrors();
  const status = readChoice(fe, input, 'status', '状态', STATUSES);
  const noticeTitle = readText(fe, input, 'noticeTitle', '发布通知标题', { max: 200 });
  const noticeRef = readText(fe, input, 'noticeRef', '文号/链接', { max: 500 });
  if (status === 'official' && !noticeTitle && !fe.list.some((e) => e.field === 'noticeTitle'))
    fe.add('noticeTitle', '状态为“正式”时，「发布通知标题」必填（照抄国务院办公厅通知的标题）');
  else if (status === 'official' && noticeTitle && !noticeTitle.includes(String(year)))
    fe.add('noticeTitle', `发布通知标题中没有“${year}”，请确认录入的是${year}年的通知`);

  const holidays = asText(fe, input, 'holidays');
  const makeupWorkdays = asText(fe, input, 'makeupWorkdays');
  let days: CalendarYearDays | null = null;
  if (holidays !== null && makeupWorkdays !== null) {
    try {
      days = parseCalendarText(year, { holidays, makeupWorkdays });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
      for (const f of err.fields) fe.add(f.field, f.message);
    }
  }
  if (status === 'official' && days && days.holidays.length === 0)
    fe.add('holidays', '状态为“正式”时，放假日期不能为空，请按通知逐行录入');
  fe.throwIfAny();
  return { status: status!, noticeTitle: noticeTitle || null, noticeRef: noticeRef || null, ...days! };
}

/** What the audit trail keeps of a year: the notice, the counts and the lists, compact. */
function summary(y: YearSummaryInput) {
  return {
    status: y.status,
    noticeTitle: y.noticeTitle,
    noticeRef: y.noticeRef,
    holidayCount: y.holidays.length,
    makeupWorkdayCount: y.makeupWorkdays.length,
    holidays: formatCalendarText(y).holidays.split('\n').filter(Boolean),
    makeupWorkdays: [...y.makeupWorkdays],
  };
}

export async function saveCalendarYear(
  ctx: CommandContext,
  year: number,
  input: Input,
): Promise<CalendarYearRecord> {
  if (!ctx.principal.isPlatformAdmin) throw new AppError('forbidden', '仅平台管理员可以维护工作日历。');
  const fe = new FieldErrors();
  readYear(fe, year);
  fe.throwIfAny();
  const v = readInput(year, input);
  const { db, audit, clock, calendar } = ctx.services;
  await db.transaction().execute(async (trx) => {
    const before = await getYear(trx, year);
    await replaceYear(trx, { year, ...v, updatedAt: clock.now().toISOString() });
    await audit.record(trx, auditActor(ctx), {
      agencyId: null,
      action: 'calendar.save',
      targetType: 'calendarYear',
      targetId: String(year),
      before: before ? summary(before) : null,
      after: summary(v),
    });
  });
  calendar.invalidate(); // after the commit: no process-local cache ever holds an uncommitted year
  // Open 依申请公开 cases follow the new calendar at once, each recording a changed due date. A failure here
  // does not undo the saved year: the hourly job (server.ts) recomputes them again.
  await recomputeOpenCases(ctx.services, { reason: 'calendar', actor: auditActor(ctx) }).catch(() => {});
  return (await getYear(db, year))!;
}
