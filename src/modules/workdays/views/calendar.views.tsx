/**
 * Back-office pages of the working-day calendar: the list of years and one
 * year's form with a month-grid preview. Pure components: plain data in,
 * markup out. Day kinds are always written out in text (never colour alone).
 */
import type { FieldError } from '../../../platform/errors.js';
import { addDays, dayOfWeek, formatChineseDate } from '../../../platform/legal-date.js';
import {
  Csrf,
  ErrorSummary,
  SelectField,
  TextArea,
  TextField,
  type Values,
} from '../../../platform/views/form.js';
import { TableWrap } from '../../../platform/views/table-wrap.js';
import type { CalendarYearStatus, DayInfo } from '../calendar.js';
import { statutoryHolidays } from '../provisional.js';

export const STATUS_LABELS: Record<CalendarYearStatus, string> = {
  official: '正式（已录入国务院通知）',
  provisional: '临时（未录入国务院通知）',
};

export interface YearRow {
  year: number;
  status: CalendarYearStatus;
  entered: boolean;
  noticeTitle: string | null;
  holidayCount: number;
  makeupWorkdayCount: number;
  workingDays: number;
  /** Date of the last save in China, e.g. 2026-11-05; null when never entered. */
  savedOn: string | null;
}

export function CalendarYearsPage({ rows }: { rows: YearRow[] }) {
  const missing = rows.filter((r) => r.status !== 'official');
  return (
    <section>
      <h1>工作日历</h1>
      <p>
        《政府信息公开条例》规定的期限按工作日计算。每年的放假与调休以《国务院办公厅关于某年部分节假日安排的通知》为准，由平台管理员在此录入；未录入通知的年份只按法定节日临时推算，不含调休，涉及该年的期限会标注“临时”。
      </p>
      {missing.length > 0 ? (
        <div class="notice warn" role="status">
          {missing.map((r) => `${r.year}年`).join('、')}
          尚未录入国务院通知。通知发布后（通常在上一年10月至12月），请及时录入。
        </div>
      ) : null}
      <TableWrap label="各年份的节假日安排">
        <table>
          <caption>各年份的节假日安排</caption>
          <thead>
            <tr>
              <th scope="col">年份</th>
              <th scope="col">状态</th>
              <th scope="col">发布通知</th>
              <th scope="col">放假天数</th>
              <th scope="col">调休上班天数</th>
              <th scope="col">全年工作日</th>
              <th scope="col">最后保存</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.year}>
                <th scope="row">{r.year}年</th>
                <td>{STATUS_LABELS[r.status]}</td>
                <td>{r.noticeTitle ?? '—'}</td>
                <td>{r.entered ? r.holidayCount : '—'}</td>
                <td>{r.entered ? r.makeupWorkdayCount : '—'}</td>
                <td>
                  {r.workingDays}
                  {r.status === 'official' ? '' : '（临时）'}
                </td>
                <td>{r.savedOn ? formatChineseDate(r.savedOn as never) : '—'}</td>
                <td>
                  <a href={`/admin/calendar/${r.year}`}>
                    {r.status === 'official' ? `查看或修改${r.year}年` : `录入${r.year}年通知`}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <form method="get" action="/admin/calendar" class="stack">
        <div class="field">
          <label for="f-year">打开其他年份</label>
          <p class="hint" id="h-year">
            输入四位年份，如 2028
          </p>
          <input id="f-year" name="year" type="text" inputMode="numeric" aria-describedby="h-year" />
        </div>
        <button type="submit" class="secondary">
          打开
        </button>
      </form>
    </section>
  );
}

// ── One year ──

export interface CalendarYearPageProps {
  year: number;
  csrf: string;
  values: Values;
  errors: FieldError[];
  saved: boolean;
  /** The year as saved (drives the preview), or null when nothing was entered yet. */
  savedYear: { status: CalendarYearStatus; noticeTitle: string | null; savedOn: string } | null;
  /** Every day of the year from the saved calendar, 1 January first. */
  days: DayInfo[];
  /** Format examples in this year's dates (formatExamples). */
  examples: { holiday: string; makeupWorkday: string };
}

const SHORT_WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * Examples of the two lines in the year's own dates: a nine-day 春节 from its statutory first day, and the
 * first weekend day after it. Illustrations of the format only, never data.
 */
export function formatExamples(year: number): CalendarYearPageProps['examples'] {
  const start = statutoryHolidays(year).find((h) => h.name === '春节')!.date;
  const end = addDays(start, 8);
  let makeup = addDays(end, 1);
  while (dayOfWeek(makeup) !== 0 && dayOfWeek(makeup) !== 6) makeup = addDays(makeup, 1);
  return {
    holiday: `春节 ${start} 至 ${end}`,
    makeupWorkday: `${makeup}（${SHORT_WEEKDAYS[dayOfWeek(makeup)]}）`,
  };
}

export function CalendarYearPage(p: CalendarYearPageProps) {
  const { year, savedYear } = p;
  const workingDays = p.days.filter((d) => d.workday).length;
  return (
    <section>
      <p>
        <a href="/admin/calendar">← 返回工作日历</a>
      </p>
      <h1>{year}年工作日历</h1>
      {p.saved ? (
        <div class="notice ok" role="status">
          已保存{year}年的节假日安排，期限计算即时改用新的日历。请对照下方月历核对一遍。
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      <YearStatus year={year} savedYear={savedYear} />

      <h2>如何录入（约两分钟）</h2>
      <ol>
        <li>在中国政府网（www.gov.cn）打开《国务院办公厅关于{year}年部分节假日安排的通知》。</li>
        <li>
          把通知标题复制到“通知标题”，把文号（如“国办发明电〔{year - 1}〕×号”）或通知网址填入“文号/链接”。
        </li>
        <li>
          通知按节日分段。每段中放假的起止日期，在“放假日期”中写成一行，如“{p.examples.holiday}
          ”；每段中写明“上班”的日子，在“调休上班日期”中各写一行，如“{p.examples.makeupWorkday}”。
        </li>
        <li>状态选“正式”，点击“保存”，再对照下方月历逐月核对。</li>
      </ol>

      <form method="post" action={`/admin/calendar/${year}`} class="stack" novalidate>
        <Csrf token={p.csrf} />
        <SelectField
          name="status"
          label="状态"
          values={p.values}
          errors={p.errors}
          required
          hint="录入国务院通知后选“正式”；“临时”表示尚无通知，只按法定节日推算。"
          options={[
            { value: 'official', label: STATUS_LABELS.official },
            { value: 'provisional', label: STATUS_LABELS.provisional },
          ]}
        />
        <TextField
          name="noticeTitle"
          label="通知标题"
          values={p.values}
          errors={p.errors}
          hint={`状态为“正式”时必填，如“国务院办公厅关于${year}年部分节假日安排的通知”。`}
        />
        <TextField
          name="noticeRef"
          label="文号/链接"
          values={p.values}
          errors={p.errors}
          hint="选填：通知的文号或中国政府网上的网址。"
        />
        <TextArea
          name="holidays"
          label="放假日期"
          values={p.values}
          errors={p.errors}
          rows={9}
          hint={`每行一段：节日名称、开始日期、“至”、结束日期，如“${p.examples.holiday}”；只放一天的写一个日期，如“元旦 ${year}-01-01”。日期也可写成“${year}年2月5日”。`}
        />
        <TextArea
          name="makeupWorkdays"
          label="调休上班日期"
          values={p.values}
          errors={p.errors}
          rows={6}
          hint={`通知中“上班”的周六、周日，每行一个日期，如“${p.examples.makeupWorkday}”；括号中的星期会被核对。`}
        />
        <button type="submit">保存</button>
      </form>

      <h2>全年月历预览</h2>
      <p>
        按已保存的日历计算（未保存的修改不会显示在这里）。{year}年共有工作日 {workingDays} 天
        {savedYear?.status === 'official' ? '' : '（临时推算）'}。
      </p>
      <p class="muted">
        图例：“休”为放假（后附节日名称），“班”为调休上班，“周末”为周末休息；未标注的是普通工作日。
      </p>
      {monthsOf(p.days).map((m) => (
        <MonthTable key={m.month} year={year} month={m.month} days={m.days} />
      ))}
    </section>
  );
}

function YearStatus({ year, savedYear }: Pick<CalendarYearPageProps, 'year' | 'savedYear'>) {
  if (!savedYear)
    return (
      <div class="notice warn" role="status">
        {year}年尚未录入国务院通知：目前只按法定节日临时推算，不含调休，涉及该年的期限都标注为“临时”。
      </div>
    );
  return (
    <div class={`notice${savedYear.status === 'official' ? '' : ' warn'}`}>
      当前状态：{STATUS_LABELS[savedYear.status]}
      {savedYear.noticeTitle ? `，依据《${savedYear.noticeTitle}》` : ''}，最后保存于
      {formatChineseDate(savedYear.savedOn as never)}。
    </div>
  );
}

const WEEKDAY_HEADERS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

function monthsOf(days: DayInfo[]): { month: number; days: DayInfo[] }[] {
  const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, days: [] as DayInfo[] }));
  for (const d of days) months[Number(d.date.slice(5, 7)) - 1]!.days.push(d);
  return months.filter((m) => m.days.length > 0);
}

/** What a day cell says besides its number. */
export function dayMark(d: DayInfo): string {
  if (d.kind === 'holiday') return d.name ? `休 ${d.name}` : '休';
  if (d.kind === 'makeupWorkday') return '班 调休上班';
  if (d.kind === 'weekend') return '周末';
  return '';
}

export function MonthTable({ year, month, days }: { year: number; month: number; days: DayInfo[] }) {
  // Monday-first weeks, as printed Chinese calendars are.
  const lead = (days[0]!.weekday + 6) % 7;
  const cells: (DayInfo | null)[] = [...Array<null>(lead).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  const workdays = days.filter((d) => d.workday).length;
  return (
    <TableWrap label={`${year}年${month}月`}>
      <table class="month">
        <caption>
          {year}年{month}月（工作日 {workdays} 天）
        </caption>
        <thead>
          <tr>
            {WEEKDAY_HEADERS.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week.find((d) => d)?.date}>
              {week.map((d, i) =>
                d ? (
                  <td key={d.date}>
                    {Number(d.date.slice(8))}
                    {dayMark(d) ? (
                      <>
                        <br />
                        {dayMark(d)}
                      </>
                    ) : null}
                  </td>
                ) : (
                  <td key={`blank-${i}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
