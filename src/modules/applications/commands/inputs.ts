/** Readers shared by the case commands: legal dates from forms, with Chinese messages naming the field. */
import type { FieldErrors } from '../../../platform/errors.js';
import { type LegalDate, parseLegalDate } from '../../../platform/legal-date.js';
import type { Input } from '../../../platform/validate.js';

/**
 * A YYYY-MM-DD field. Empty: `fallback` (usually today) when given, else an error when required, else null.
 * Dates after today are left to the clock, which refuses them with its own reason.
 */
export function readDate(
  fe: FieldErrors,
  input: Input,
  field: string,
  label: string,
  opts: { required?: boolean; fallback?: LegalDate } = {},
): LegalDate | null {
  const raw = input[field];
  if (raw === undefined || raw === null || raw === '') {
    if (opts.fallback) return opts.fallback;
    if (opts.required) fe.add(field, `请填写${label}`);
    return null;
  }
  const d = parseLegalDate(typeof raw === 'string' ? raw.trim() : raw);
  if (!d) fe.add(field, `${label}不是有效日期（YYYY-MM-DD）`);
  return d;
}

/** A textarea of one item per line (blank lines dropped), or an array of strings. */
export function readLines(
  fe: FieldErrors,
  input: Input,
  field: string,
  label: string,
  opts: { required?: boolean; maxItems?: number; maxLength?: number } = {},
): string[] {
  const raw = input[field];
  const list = Array.isArray(raw)
    ? raw
    : typeof raw === 'string'
      ? raw.split(/\r?\n/)
      : raw == null
        ? []
        : null;
  if (list === null || list.some((x) => typeof x !== 'string')) {
    fe.add(field, `${label}格式不正确`);
    return [];
  }
  const items = (list as string[]).map((s) => s.trim()).filter(Boolean);
  if (opts.required && items.length === 0) fe.add(field, `请填写${label}`);
  if (opts.maxItems && items.length > opts.maxItems) fe.add(field, `${label}不能超过${opts.maxItems}项`);
  if (opts.maxLength && items.some((s) => [...s].length > opts.maxLength!))
    fe.add(field, `${label}每项不能超过${opts.maxLength}个字`);
  return items;
}
