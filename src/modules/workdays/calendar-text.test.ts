import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { type CalendarText, formatCalendarText, parseCalendarText } from './calendar-text.js';
import { OFFICIAL_YEARS, officialYear } from './official-calendar.fixture.js';

/** The field errors a parse throws (fails the test if it does not throw an AppError). */
function errorsOf(year: number, text: CalendarText): { field: string; message: string }[] {
  try {
    parseCalendarText(year, text);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('validation_failed');
    return (e as AppError).fields;
  }
  throw new Error('expected a validation error');
}

const holidays = (t: string) => ({ holidays: t, makeupWorkdays: '' });
const makeup = (t: string, h = '') => ({ holidays: h, makeupWorkdays: t });

describe('parseCalendarText', () => {
  it('reads the 2026 notice as typed by an admin', () => {
    const text = {
      holidays: [
        '元旦 2026-01-01 至 2026-01-03',
        '春节 2026-02-15至2026-02-23',
        '清明节 2026-04-04 ~ 2026-04-06',
        '劳动节 2026-05-01 - 2026-05-05',
        '',
        '端午节 2026-06-19 2026-06-21',
        '中秋节 2026年9月25日 到 2026年9月27日',
        '国庆节　２０２６－１０－０１～２０２６－１０－０７（共7天）',
      ].join('\r\n'),
      makeupWorkdays:
        '2026-01-04（周日）\n2026/2/14 (星期六)\n2026-02-28\n\n2026-05-09\n2026-09-20（周天）\n2026.10.10',
    };
    const { status: _s, year: _y, ...expected } = officialYear(2026);
    expect(parseCalendarText(2026, text)).toEqual(expected);
  });

  it.each(OFFICIAL_YEARS)('%i: format then parse gives the same days back', (year) => {
    const { holidays: h, makeupWorkdays: m } = officialYear(year);
    const text = formatCalendarText({ holidays: h, makeupWorkdays: m });
    expect(parseCalendarText(year, text)).toEqual({ holidays: h, makeupWorkdays: m });
  });

  it('formats ranges, single days and weekdays', () => {
    const { holidays: h, makeupWorkdays: m } = officialYear(2025);
    expect(formatCalendarText({ holidays: h, makeupWorkdays: m })).toEqual({
      holidays: [
        '元旦 2025-01-01',
        '春节 2025-01-28 至 2025-02-04',
        '清明节 2025-04-04 至 2025-04-06',
        '劳动节 2025-05-01 至 2025-05-05',
        '端午节 2025-05-31 至 2025-06-02',
        '国庆节、中秋节 2025-10-01 至 2025-10-08',
      ].join('\n'),
      makeupWorkdays: [
        '2025-01-26（周日）',
        '2025-02-08（周六）',
        '2025-04-27（周日）',
        '2025-09-28（周日）',
        '2025-10-11（周六）',
      ].join('\n'),
    });
  });

  it('accepts empty fields', () => {
    expect(parseCalendarText(2027, { holidays: ' \n', makeupWorkdays: '' })).toEqual({
      holidays: [],
      makeupWorkdays: [],
    });
  });
});

describe('parseCalendarText errors name the field and the line', () => {
  const FORMAT = '格式应为“名称 YYYY-MM-DD”或“名称 YYYY-MM-DD 至 YYYY-MM-DD”';
  it.each([
    ['no date', holidays('元旦\n'), 'holidays', `节假日 第1行：${FORMAT}`],
    ['three dates', holidays('春节 2027-02-05 2027-02-06 2027-02-07'), 'holidays', `节假日 第1行：${FORMAT}`],
    [
      'a word between the dates',
      holidays('春节 2027-02-05 和 2027-02-11'),
      'holidays',
      `节假日 第1行：${FORMAT}`,
    ],
    ['text after the dates', holidays('元旦 2027-01-01 放假'), 'holidays', `节假日 第1行：${FORMAT}`],
    ['no name', holidays('2027-01-01'), 'holidays', '节假日 第1行：缺少节日名称'],
    [
      'a date that does not exist',
      holidays('元旦 2027-01-01\n\n春节 2027-02-05 至 2027-02-30'),
      'holidays',
      '节假日 第3行：日期“2027-02-30”不存在',
    ],
    [
      'a date of another year',
      holidays('元旦 2026-12-31 至 2027-01-01'),
      'holidays',
      '节假日 第1行：2026-12-31 不在2027年',
    ],
    [
      'end before start',
      holidays('元旦 2027-01-01\n春节 2027-02-05\n清明节 2027-04-05\n劳动节 2027-05-05 至 2027-05-01'),
      'holidays',
      '节假日 第4行：结束日期早于开始日期',
    ],
    [
      'a typo making a long range',
      holidays('国庆节 2027-10-01 至 2027-11-07'),
      'holidays',
      '节假日 第1行：一段假期超过31天，请检查日期',
    ],
    [
      'overlapping lines',
      holidays('春节 2027-02-05 至 2027-02-11\n元宵 2027-02-11'),
      'holidays',
      '节假日 第2行：2027-02-11 与第1行重复',
    ],
    [
      'not a single date',
      makeup('2027-02-13 2027-02-14'),
      'makeupWorkdays',
      '调休上班日 第1行：每行应为一个日期，格式为 YYYY-MM-DD',
    ],
    [
      'a name on a make-up line',
      makeup('调休 2027-02-13'),
      'makeupWorkdays',
      '调休上班日 第1行：每行应为一个日期，格式为 YYYY-MM-DD',
    ],
    [
      'a make-up date that does not exist',
      makeup('2027-02-29'),
      'makeupWorkdays',
      '调休上班日 第1行：日期“2027-02-29”不存在',
    ],
    [
      'a make-up date of another year',
      makeup('2027-02-13\n2028-01-09'),
      'makeupWorkdays',
      '调休上班日 第2行：2028-01-09 不在2027年',
    ],
    [
      'a wrong weekday note',
      makeup('2027-02-13（周日）'),
      'makeupWorkdays',
      '调休上班日 第1行：2027-02-13 是周六，不是周日',
    ],
    [
      'a repeated make-up day',
      makeup('2027-02-13\n2027-02-20\n2027-02-13'),
      'makeupWorkdays',
      '调休上班日 第3行：2027-02-13 与第1行重复',
    ],
    [
      'a make-up day that is also a holiday',
      makeup('2027-02-06', '元旦 2027-01-01\n春节 2027-02-05 至 2027-02-11'),
      'makeupWorkdays',
      '调休上班日 第1行：2027-02-06 已列为节假日（节假日 第2行）',
    ],
    [
      'a make-up day that is an ordinary workday',
      makeup('2027-02-13\n2027-01-08'),
      'makeupWorkdays',
      '调休上班日 第2行：2027-01-08（周五）是普通工作日，无需列为调休上班日',
    ],
  ])('%s', (_label, text, field, message) => {
    expect(errorsOf(2027, text)).toEqual([{ field, message }]);
  });

  it('reports every problem at once, in both fields', () => {
    const fields = errorsOf(2027, {
      holidays: '元旦 2027-01-01\n春节 2027-02-30',
      makeupWorkdays: '2027-01-08\n2027-13-01',
    });
    expect(fields).toEqual([
      { field: 'holidays', message: '节假日 第2行：日期“2027-02-30”不存在' },
      {
        field: 'makeupWorkdays',
        message: '调休上班日 第1行：2027-01-08（周五）是普通工作日，无需列为调休上班日',
      },
      { field: 'makeupWorkdays', message: '调休上班日 第2行：日期“2027-13-01”不存在' },
    ]);
  });
});
