/**
 * JSON API of the working-day calendar. Reading is public (anyone may check a
 * statutory deadline); saving a year is for platform admins. Thin: read the
 * request, ask the calendar or run the command, present.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { FieldErrors } from '../../../platform/errors.js';
import { access } from '../../../platform/http/access.js';
import type { Services } from '../../../platform/services.js';
import type { Input } from '../../../platform/validate.js';
import { body, commandContext } from '../../accounts/routes/route-helpers.js';
import { saveCalendarYear } from '../commands/save-calendar-year.js';
import { statutoryHolidays } from '../provisional.js';
import { getYear, listYears } from '../workdays.repository.js';
import {
  AddWorkdaysQuery,
  AddWorkdaysResponse,
  CountWorkdaysQuery,
  CountWorkdaysResponse,
  ErrorSchema,
  IsWorkdayQuery,
  IsWorkdayResponse,
  MAX_YEAR,
  readDate,
  readWorkdayCount,
  readYear,
  SaveYearBody,
  YearDetailSchema,
  YearListResponse,
  YearParams,
} from '../workdays.schemas.js';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const tags = ['calendar'];

function yearParam(params: unknown): number {
  const fe = new FieldErrors();
  const year = readYear(fe, (params as { year?: unknown }).year);
  fe.throwIfAny();
  return year!;
}

/** One year as the calendar uses it: the entered notice, or the provisional statutory days. */
async function yearDetail(services: Services, year: number): Promise<Static<typeof YearDetailSchema>> {
  const calendar = await services.calendar.get(services.db);
  const workingDays = calendar.workingDaysInYear(year);
  const record = await getYear(services.db, year);
  if (record) return { ...record, entered: true, workingDays };
  return {
    year,
    status: 'provisional',
    entered: false,
    noticeTitle: null,
    noticeRef: null,
    updatedAt: null,
    holidays: statutoryHolidays(year),
    makeupWorkdays: [],
    workingDays,
  };
}

export async function workdaysApiRoutes(app: FastifyInstance) {
  const { services } = app;
  const calendar = () => services.calendar.get(services.db);

  app.get(
    '/api/v1/calendar/is-workday',
    {
      config: { access: access.public },
      schema: {
        tags,
        summary: '某日是否为工作日（含法定节假日与调休）',
        querystring: IsWorkdayQuery,
        response: { 200: IsWorkdayResponse, ...errors },
      },
    },
    async (req) => {
      const fe = new FieldErrors();
      const date = readDate(fe, req.query as Input, 'date', '日期');
      fe.throwIfAny();
      const { weekday: _w, ...info } = (await calendar()).dayInfo(date!);
      return info;
    },
  );

  app.get(
    '/api/v1/calendar/add-workdays',
    {
      config: { access: access.public },
      schema: {
        tags,
        summary: '起算日期后第 N 个工作日（起算日当日不计入，如条例第三十三条的答复期限）',
        querystring: AddWorkdaysQuery,
        response: { 200: AddWorkdaysResponse, ...errors },
      },
    },
    async (req) => {
      const fe = new FieldErrors();
      const date = readDate(fe, req.query as Input, 'date', '起算日期');
      const n = readWorkdayCount(fe, req.query as Input, 'n', '工作日数');
      fe.throwIfAny();
      const cal = await calendar();
      let result: ReturnType<typeof cal.addWorkdays>;
      try {
        result = cal.addWorkdays(date!, n!);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        fe.add('n', `工作日数过大：结果超出${MAX_YEAR}年，请减小工作日数`);
        fe.throwIfAny();
        throw err;
      }
      const provisionalYears = cal.provisionalYearsBetween(date!, result);
      return { date, n, result, provisional: provisionalYears.length > 0, provisionalYears };
    },
  );

  app.get(
    '/api/v1/calendar/count-workdays',
    {
      config: { access: access.public },
      schema: {
        tags,
        summary: '两日期之间的工作日数（起算日不计入，截止日计入）',
        querystring: CountWorkdaysQuery,
        response: { 200: CountWorkdaysResponse, ...errors },
      },
    },
    async (req) => {
      const fe = new FieldErrors();
      const from = readDate(fe, req.query as Input, 'from', '起算日期');
      const to = readDate(fe, req.query as Input, 'to', '截止日期');
      fe.throwIfAny();
      const cal = await calendar();
      const provisionalYears = cal.provisionalYearsBetween(from!, to!);
      return {
        from,
        to,
        count: cal.countWorkdays(from!, to!),
        provisional: provisionalYears.length > 0,
        provisionalYears,
      };
    },
  );

  app.get(
    '/api/v1/calendar/years',
    {
      config: { access: access.public },
      schema: { tags, summary: '已录入的年份及其通知', response: { 200: YearListResponse } },
    },
    async () => {
      const cal = await calendar();
      const years = await listYears(services.db);
      return {
        items: years.map((y) => ({ ...y, entered: true, workingDays: cal.workingDaysInYear(y.year) })),
      };
    },
  );

  app.get(
    '/api/v1/calendar/years/:year',
    {
      config: { access: access.public },
      schema: {
        tags,
        summary: '某年的放假日期与调休上班日期（未录入的年份返回临时推算的法定节日）',
        params: YearParams,
        response: { 200: YearDetailSchema, ...errors },
      },
    },
    async (req) => yearDetail(services, yearParam(req.params)),
  );

  app.put(
    '/api/v1/calendar/years/:year',
    {
      config: { access: access.platformAdmin },
      schema: {
        tags,
        summary: '保存某年的节假日安排（整年替换；仅平台管理员）',
        security: [{ session: [], csrf: [] }],
        params: YearParams,
        body: SaveYearBody,
        response: { 200: YearDetailSchema, ...errors },
      },
    },
    async (req) => {
      const year = yearParam(req.params);
      await saveCalendarYear(commandContext(req), year, body(req));
      return yearDetail(services, year);
    },
  );
}
