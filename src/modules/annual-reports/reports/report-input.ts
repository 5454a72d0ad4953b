/**
 * Reading what an agency enters into its report from untrusted input, with Chinese messages naming each field:
 * the 表二 figures from other systems, the narrative sections, and the opening balance.
 */
import type { FieldErrors } from '../../../platform/errors.js';
import type { Input } from '../../../platform/validate.js';
import { readInt } from '../../../platform/validate.js';
import { SECTION_KEYS } from '../checker/model.js';
import type { Table2Inputs } from '../compute/table2.js';
import type { OpeningBalance } from '../compute/table3.js';
import { SECTION_TITLES, type Sections } from './reports.js';

export const FIGURE_FIELDS = [
  { field: 'licensing', label: '行政许可本年处理决定数量' },
  { field: 'penalties', label: '行政处罚本年处理决定数量' },
  { field: 'enforcement', label: '行政强制本年处理决定数量' },
] as const;

const MAX_COUNT = 99_999_999;
export const SECTION_MAX = 20_000;

export function readTable2(fe: FieldErrors, input: Input): Table2Inputs {
  const out: Table2Inputs = {};
  for (const { field, label } of FIGURE_FIELDS)
    out[field] = readInt(fe, input, field, label, { min: 0, max: MAX_COUNT });
  const raw = input.feesAmount;
  const s =
    typeof raw === 'string' ? raw.trim().replace(/,/g, '') : typeof raw === 'number' ? String(raw) : '';
  if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number')
    fe.add('feesAmount', '行政事业性收费金额格式不正确');
  else if (s === '') out.feesAmount = null;
  else if (!/^\d{1,9}(\.\d{1,4})?$/.test(s))
    fe.add('feesAmount', '行政事业性收费金额应为不小于0的数字（单位：万元，最多4位小数）');
  else out.feesAmount = Number(s);
  return out;
}

/** Field `section1` … `section6` for 一 … 六. */
export const sectionField = (i: number) => `section${i + 1}`;

export function readSections(fe: FieldErrors, input: Input, base: Sections): Sections {
  const out = { ...base };
  SECTION_KEYS.forEach((k, i) => {
    const field = sectionField(i);
    const raw = input[field];
    if (raw === undefined) return;
    if (typeof raw !== 'string') fe.add(field, `“${SECTION_TITLES[k]}”格式不正确`);
    else if (raw.length > SECTION_MAX) fe.add(field, `“${SECTION_TITLES[k]}”不能超过${SECTION_MAX}字`);
    else out[k] = raw.replace(/\r\n?/g, '\n').trim();
  });
  return out;
}

export const CARRIED_LABELS = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];
export const PENDING_FIELDS = [
  { field: 'reconsideration', label: '尚未审结的行政复议' },
  { field: 'litigationDirect', label: '尚未审结的行政诉讼（未经复议直接起诉）' },
  { field: 'litigationAfterReconsideration', label: '尚未审结的行政诉讼（复议后起诉）' },
] as const;

/** Last year's 结转下年度 per applicant column (`carried1` … `carried6`) and its pending proceedings. */
export function readOpeningBalance(fe: FieldErrors, input: Input, year: number): OpeningBalance {
  const carriedOver = CARRIED_LABELS.map(
    (label, i) =>
      readInt(fe, input, `carried${i + 1}`, `上年结转下年度继续办理（${label}）`, {
        required: true,
        min: 0,
        max: MAX_COUNT,
      }) ?? 0,
  );
  const pending = Object.fromEntries(
    PENDING_FIELDS.map(({ field, label }) => [
      field,
      readInt(fe, input, field, `上年${label}数量`, { min: 0, max: MAX_COUNT, fallback: 0 }) ?? 0,
    ]),
  ) as unknown as NonNullable<OpeningBalance['pendingAppeals']>;
  return { year, carriedOver, pendingAppeals: pending };
}

/** The report version the form was based on (hidden field), for optimistic concurrency. */
export function readVersion(fe: FieldErrors, input: Input): number {
  return readInt(fe, input, 'version', '版本号', { required: true, min: 1 }) ?? 0;
}
