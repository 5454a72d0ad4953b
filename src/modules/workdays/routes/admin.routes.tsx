/**
 * Back office of the working-day calendar (platform admins only): the years,
 * and one year's notice as a form with a month-grid preview. A refused save
 * re-renders the form with what was typed and every error.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError, FieldErrors } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import { toAppError } from '../../../platform/http/error-handler.js';
import { addDays, chinaToday, type LegalDate, legalDate } from '../../../platform/legal-date.js';
import type { Values } from '../../../platform/views/form.js';
import { sendPage } from '../../../platform/views/render.js';
import { body, commandContext } from '../../accounts/routes/route-helpers.js';
import type { DayInfo, WorkCalendar } from '../calendar.js';
import { formatCalendarText } from '../calendar-text.js';
import { saveCalendarYear } from '../commands/save-calendar-year.js';
import {
  CalendarYearPage,
  CalendarYearsPage,
  formatExamples,
  type YearRow,
} from '../views/calendar.views.js';
import { type CalendarYearRecord, getYear, listYears } from '../workdays.repository.js';
import { readYear } from '../workdays.schemas.js';

const FORM_FIELDS = ['status', 'noticeTitle', 'noticeRef', 'holidays', 'makeupWorkdays'] as const;

/** The China date of a stored instant. */
function savedOn(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso.slice(0, 10) : chinaToday(new Date(t));
}

function daysOfYear(calendar: WorkCalendar, year: number): DayInfo[] {
  const days: DayInfo[] = [];
  const next = `${year + 1}-01-01`;
  for (let d: LegalDate = legalDate(`${year}-01-01`); d < next; d = addDays(d, 1))
    days.push(calendar.dayInfo(d));
  return days;
}

function formValues(record: CalendarYearRecord | null): Values {
  if (!record)
    return { status: 'official', noticeTitle: '', noticeRef: '', holidays: '', makeupWorkdays: '' };
  return {
    status: record.status,
    noticeTitle: record.noticeTitle ?? '',
    noticeRef: record.noticeRef ?? '',
    ...formatCalendarText(record),
  };
}

/** What was typed, as text only (a tampered form cannot put anything else back on the page). */
function typedValues(req: FastifyRequest): Values {
  const b = body(req);
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, typeof b[f] === 'string' ? b[f] : '']));
}

function pageYear(req: FastifyRequest): number {
  const year = readYear(new FieldErrors(), (req.params as { year?: unknown }).year);
  if (year === null) throw new AppError('not_found', '年份应为1990至2199之间的四位数字。');
  return year;
}

export async function workdaysAdminRoutes(app: FastifyInstance) {
  const { services } = app;
  const admin = { config: { access: access.platformAdmin }, schema: { hide: true } };

  app.get('/admin/calendar', admin, async (req, reply) => {
    const jump = (req.query as { year?: unknown }).year;
    if (jump !== undefined && jump !== '') {
      const fe = new FieldErrors();
      const year = readYear(fe, jump);
      fe.throwIfAny();
      return reply.redirect(`/admin/calendar/${year}`, 303);
    }
    const calendar = await services.calendar.get(services.db);
    const entered = await listYears(services.db);
    const thisYear = Number(chinaToday(services.clock.now()).slice(0, 4));
    const rows: YearRow[] = entered.map((y) => ({
      ...y,
      entered: true,
      workingDays: calendar.workingDaysInYear(y.year),
      savedOn: savedOn(y.updatedAt),
    }));
    // This year and the next are always listed: a missing notice must be visible.
    for (const year of [thisYear, thisYear + 1])
      if (!rows.some((r) => r.year === year))
        rows.push({
          year,
          status: 'provisional',
          entered: false,
          noticeTitle: null,
          holidayCount: 0,
          makeupWorkdayCount: 0,
          workingDays: calendar.workingDaysInYear(year),
          savedOn: null,
        });
    rows.sort((a, b) => a.year - b.year);
    return sendPage(req, reply, { title: '工作日历', area: 'admin' }, () => (
      <CalendarYearsPage rows={rows} />
    ));
  });

  const showYear = async (
    req: FastifyRequest,
    reply: FastifyReply,
    year: number,
    form: { values?: Values; errors?: FieldError[]; saved?: boolean; status?: number } = {},
  ) => {
    const calendar = await services.calendar.get(services.db);
    const record = await getYear(services.db, year);
    return sendPage(req, reply, { title: `${year}年工作日历`, area: 'admin', status: form.status }, (ctx) => (
      <CalendarYearPage
        year={year}
        csrf={ctx.csrf}
        values={form.values ?? formValues(record)}
        errors={form.errors ?? []}
        saved={form.saved ?? false}
        savedYear={
          record
            ? { status: record.status, noticeTitle: record.noticeTitle, savedOn: savedOn(record.updatedAt) }
            : null
        }
        days={daysOfYear(calendar, year)}
        examples={formatExamples(year)}
      />
    ));
  };

  app.get('/admin/calendar/:year', admin, async (req, reply) =>
    showYear(req, reply, pageYear(req), { saved: (req.query as { saved?: string }).saved === '1' }),
  );

  app.post('/admin/calendar/:year', admin, async (req, reply) => {
    const year = pageYear(req);
    try {
      await saveCalendarYear(commandContext(req), year, typedValues(req));
    } catch (err) {
      const e = toAppError(err);
      if (e.code !== 'validation_failed') throw err;
      return showYear(req, reply, year, { values: typedValues(req), errors: e.fields, status: 400 });
    }
    return reply.redirect(`/admin/calendar/${year}?saved=1`, 303);
  });
}
