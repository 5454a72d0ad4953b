/** Pieces shared by the oversight and register pages. Pure components: plain data in, markup out. */
import type { FieldError } from '../../../../platform/errors.js';
import { formatChineseDate, type LegalDate, toDayNumber } from '../../../../platform/legal-date.js';
import { ErrorSummary, TextField } from '../../../../platform/views/form.js';
import { Notices } from '../../../../platform/views/notices.js';
import { PERIOD_KINDS, PERIOD_LABELS, type Period } from '../oversight.js';

export type Named = { id: string; name: string };

/** A link with its query, values encoded. */
export function href(path: string, query: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const dateText = (d: string | null) => (d ? formatChineseDate(d as LegalDate) : '—');

/** Whole days from `d` to `today` (calendar days). */
export const daysSince = (d: string, today: LegalDate) => toDayNumber(today) - toDayNumber(d as LegalDate);

export { Notices };

/** The period picker: this year, last year, or from–to (China dates). */
export function PeriodForm(p: {
  action: string;
  period: Period;
  /** What the user typed when it was wrong. */
  typed: { from: string; to: string };
  errors: FieldError[];
  hidden?: Record<string, string>;
}) {
  const custom = p.errors.length > 0 || p.period.kind === 'custom';
  const values = p.errors.length > 0 ? p.typed : custom ? { from: p.period.from, to: p.period.to } : {};
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <form method="get" action={p.action} class="stack" aria-label="统计期间">
        {Object.entries(p.hidden ?? {}).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <fieldset class="field checks">
          <legend>统计期间（按发布日期）</legend>
          {PERIOD_KINDS.map((k) => (
            <label key={k}>
              <input
                type="radio"
                name="period"
                value={k}
                checked={k === (p.errors.length > 0 ? 'custom' : p.period.kind)}
              />{' '}
              {PERIOD_LABELS[k]}
            </label>
          ))}
        </fieldset>
        <TextField
          name="from"
          label="开始日期"
          type="date"
          values={values}
          errors={p.errors}
          hint="选择“自定义”时填写，格式如 2026-01-01"
        />
        <TextField name="to" label="截止日期" type="date" values={values} errors={p.errors} />
        <button type="submit" class="secondary">
          统计
        </button>
      </form>
    </>
  );
}

/** A supervisor's choice among the agencies of the scope. */
export function AgencyFilter(p: {
  action: string;
  agencies: Named[];
  selected: string;
  hidden?: Record<string, string>;
}) {
  return (
    <form method="get" action={p.action} class="stack" aria-label="选择单位">
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div class="field">
        <label for="q-agencyId">单位</label>
        <select id="q-agencyId" name="agencyId">
          <option value="">监督范围内全部单位</option>
          {p.agencies.map((a) => (
            <option key={a.id} value={a.id} selected={a.id === p.selected}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="secondary">
        筛选
      </button>
    </form>
  );
}
