/**
 * Small readers for untrusted input (form fields or JSON). Each names the field
 * in Chinese when the value is wrong, and collects errors instead of throwing
 * at the first one so the user sees everything to fix at once.
 */
import type { FieldErrors } from './errors.js';

export type Input = Record<string, unknown>;

export function readText(
  fe: FieldErrors,
  input: Input,
  field: string,
  label: string,
  opts: { required?: boolean; max?: number; pattern?: RegExp; patternHint?: string } = {},
): string {
  const raw = input[field];
  const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
    fe.add(field, `${label}格式不正确`);
    return '';
  }
  if (!value) {
    if (opts.required) fe.add(field, `请填写${label}`);
    return '';
  }
  if (opts.max && [...value].length > opts.max) fe.add(field, `${label}不能超过${opts.max}个字`);
  else if (opts.pattern && !opts.pattern.test(value))
    fe.add(field, `${label}${opts.patternHint ?? '格式不正确'}`);
  return value;
}

export function readChoice<T extends string>(
  fe: FieldErrors,
  input: Input,
  field: string,
  label: string,
  allowed: readonly T[],
  opts: { required?: boolean } = { required: true },
): T | null {
  const raw = input[field];
  if (raw === undefined || raw === null || raw === '') {
    if (opts.required) fe.add(field, `请选择${label}`);
    return null;
  }
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    fe.add(field, `${label}的取值无效`);
    return null;
  }
  return raw as T;
}

/** Checkbox groups arrive as a string, an array of strings, or nothing. */
export function readChoices<T extends string>(
  fe: FieldErrors,
  input: Input,
  field: string,
  label: string,
  allowed: readonly T[],
): T[] {
  const raw = input[field];
  const list = raw === undefined || raw === null || raw === '' ? [] : Array.isArray(raw) ? raw : [raw];
  const out: T[] = [];
  for (const v of list) {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
      fe.add(field, `${label}包含无效的取值`);
    else if (!out.includes(v as T)) out.push(v as T);
  }
  return out;
}

export function readInt(
  fe: FieldErrors,
  input: Input,
  field: string,
  label: string,
  opts: { required?: boolean; min?: number; max?: number; fallback?: number } = {},
): number | null {
  const raw = input[field];
  if (raw === undefined || raw === null || raw === '') {
    if (opts.required) fe.add(field, `请填写${label}`);
    return opts.fallback ?? null;
  }
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  if (!/^-?\d{1,9}$/.test(s)) {
    fe.add(field, `${label}必须是整数`);
    return null;
  }
  const n = Number(s);
  if (opts.min !== undefined && n < opts.min) fe.add(field, `${label}不能小于${opts.min}`);
  else if (opts.max !== undefined && n > opts.max) fe.add(field, `${label}不能大于${opts.max}`);
  return n;
}

export function readBool(input: Input, field: string): boolean {
  const v = input[field];
  return v === true || v === 'true' || v === 'on' || v === '1' || v === 1;
}
