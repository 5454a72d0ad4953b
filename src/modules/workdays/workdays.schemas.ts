/**
 * Request/response shapes of the calendar API. The TypeBox schemas feed the
 * OpenAPI document; request values are typed loosely (strings) on purpose and
 * checked by the readers below, so every bad value gets a Chinese message
 * naming its field rather than a generic schema error.
 */
import { Type } from '@sinclair/typebox';
import type { FieldErrors } from '../../platform/errors.js';
import { type LegalDate, parseLegalDate } from '../../platform/legal-date.js';
import type { Input } from '../../platform/validate.js';

export { ErrorSchema } from '../accounts/accounts.schemas.js';

/** Years the platform accepts in requests (the 条例 dates from 2007; the calendar ends with 2199). */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2199;
/** Largest N of add-workdays: far above any statutory period, small enough to stay inside the calendar. */
export const MAX_WORKDAYS = 9999;

const str = (description: string) => Type.String({ description });
const dateOut = (description: string) => Type.String({ description, format: 'date' });
const nullable = (description: string) => Type.Union([Type.String(), Type.Null()], { description });
const STATUS = Type.Union([Type.Literal('official'), Type.Literal('provisional')], {
  description: 'official：已录入国务院办公厅节假日安排通知；provisional：临时（仅按法定节日推算，不含调休）',
});
const PROVISIONAL_YEARS = Type.Array(Type.Integer(), {
  description: '计算涉及的临时年份（尚未录入国务院通知），结果可能随通知发布而改变',
});

// ── Requests ──

const queryDate = (description: string) => Type.Optional(str(`${description}，格式 YYYY-MM-DD`));

export const IsWorkdayQuery = Type.Object({ date: queryDate('日期') });
export const AddWorkdaysQuery = Type.Object({
  date: queryDate('起算日期（当日不计入）'),
  n: Type.Optional(str(`工作日数，0 至 ${MAX_WORKDAYS} 的整数`)),
});
export const CountWorkdaysQuery = Type.Object({
  from: queryDate('起算日期（当日不计入）'),
  to: queryDate('截止日期（当日计入）'),
});
export const YearParams = Type.Object({ year: str(`年份，${MIN_YEAR} 至 ${MAX_YEAR}`) });

export const SaveYearBody = Type.Object(
  {
    status: str('official（正式，须填写通知标题）或 provisional（临时）'),
    noticeTitle: Type.Optional(
      nullable('发布通知标题，如“国务院办公厅关于2027年部分节假日安排的通知”；正式状态必填'),
    ),
    noticeRef: Type.Optional(nullable('文号或通知链接，如“国办发明电〔2026〕×号”')),
    holidays: Type.Optional(
      Type.Unknown({
        description:
          '放假日期：文本（每行一段，如“春节 2027-02-05 至 2027-02-13”），或数组 [{"date":"2027-02-05","name":"春节"}]（每项一天；错误信息中的“第N行”即第N项）',
      }),
    ),
    makeupWorkdays: Type.Optional(
      Type.Unknown({
        description: '调休上班日期：文本（每行一个日期，如“2027-02-20（周六）”），或日期数组 ["2027-02-20"]',
      }),
    ),
  },
  { additionalProperties: true },
);

// ── Responses ──

export const IsWorkdayResponse = Type.Object({
  date: dateOut('日期'),
  workday: Type.Boolean({ description: '是否为工作日' }),
  kind: Type.Union(
    [
      Type.Literal('workday'),
      Type.Literal('weekend'),
      Type.Literal('holiday'),
      Type.Literal('makeupWorkday'),
    ],
    { description: 'workday 工作日；weekend 周末；holiday 放假；makeupWorkday 调休上班' },
  ),
  name: nullable('节日名称，调休上班日为“调休上班”，其他为 null'),
  provisional: Type.Boolean({ description: '该年尚未录入国务院通知，结果为临时推算' }),
});

export const AddWorkdaysResponse = Type.Object({
  date: dateOut('起算日期'),
  n: Type.Integer({ description: '工作日数' }),
  result: dateOut('第 n 个工作日（起算日当日不计入）'),
  provisional: Type.Boolean({ description: '结果涉及临时年份' }),
  provisionalYears: PROVISIONAL_YEARS,
});

export const CountWorkdaysResponse = Type.Object({
  from: dateOut('起算日期'),
  to: dateOut('截止日期'),
  count: Type.Integer({
    description: '起算日期之后至截止日期（含）的工作日数；截止日期不晚于起算日期时为 0',
  }),
  provisional: Type.Boolean({ description: '结果涉及临时年份' }),
  provisionalYears: PROVISIONAL_YEARS,
});

const yearFields = {
  year: Type.Integer({ description: '年份' }),
  status: STATUS,
  entered: Type.Boolean({ description: '是否已在平台录入（未录入的年份按法定节日临时推算）' }),
  noticeTitle: nullable('发布通知标题'),
  noticeRef: nullable('文号或通知链接'),
  updatedAt: nullable('最后保存时间（ISO 8601，UTC）'),
  workingDays: Type.Integer({ description: '全年工作日数（按当前日历计算）' }),
};

export const YearSummarySchema = Type.Object({
  ...yearFields,
  holidayCount: Type.Integer({ description: '放假天数' }),
  makeupWorkdayCount: Type.Integer({ description: '调休上班天数' }),
});

export const YearListResponse = Type.Object({ items: Type.Array(YearSummarySchema) });

export const YearDetailSchema = Type.Object({
  ...yearFields,
  holidays: Type.Array(Type.Object({ date: dateOut('放假日期'), name: str('节日名称') }), {
    description: '放假日期，每项一天',
  }),
  makeupWorkdays: Type.Array(dateOut('调休上班日期'), { description: '调休上班日期' }),
});

// ── Readers: the checks behind the loose request types ──

function first(raw: unknown): unknown {
  return Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
}

/** A date within MIN_YEAR..MAX_YEAR; the message starts with the field's label. */
export function readDate(fe: FieldErrors, input: Input, field: string, label: string): LegalDate | null {
  const raw = first(input[field]);
  const value = typeof raw === 'string' ? raw.trim() : raw;
  if (value === undefined || value === null || value === '') {
    fe.add(field, `${label}不能为空，格式为 YYYY-MM-DD，如 2025-09-26`);
    return null;
  }
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    fe.add(field, `${label}格式应为 YYYY-MM-DD，如 2025-09-26`);
    return null;
  }
  const year = Number(value.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) {
    fe.add(field, `${label}应在${MIN_YEAR}年至${MAX_YEAR}年之间`);
    return null;
  }
  const date = parseLegalDate(value);
  if (!date) fe.add(field, `${label}“${value}”不存在，请检查月份和日`);
  return date;
}

/** A whole number of working days, 0..MAX_WORKDAYS. */
export function readWorkdayCount(fe: FieldErrors, input: Input, field: string, label: string): number | null {
  const raw = first(input[field]);
  const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : raw;
  const range = `0至${MAX_WORKDAYS}之间的整数`;
  if (value === undefined || value === null || value === '') fe.add(field, `${label}不能为空，应为${range}`);
  else if (typeof value !== 'string') fe.add(field, `${label}应为${range}`);
  else if (/^-\s*\d/.test(value)) fe.add(field, `${label}不能为负数，应为${range}`);
  else if (/^\d*[.,]\d+$/.test(value)) fe.add(field, `${label}必须是整数，应为${range}`);
  else if (!/^\d+$/.test(value)) fe.add(field, `${label}应为${range}`);
  else if (Number(value) > MAX_WORKDAYS) fe.add(field, `${label}不能大于${MAX_WORKDAYS}`);
  else return Number(value);
  return null;
}

/** A calendar year MIN_YEAR..MAX_YEAR, from a path segment or a number. */
export function readYear(fe: FieldErrors, raw: unknown, field = 'year'): number | null {
  const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const n = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= MIN_YEAR && n <= MAX_YEAR)) {
    fe.add(field, `年份应为${MIN_YEAR}至${MAX_YEAR}之间的四位数字`);
    return null;
  }
  return n;
}
