/** Small pure formatters for the back-office pages: China time, file sizes, the datetime-local field. */
import { AppError } from '../../../platform/errors.js';
import { formatChineseDate, type LegalDate } from '../../../platform/legal-date.js';

/** China has no daylight saving time: UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/** 2026-03-02 10:00 (China time) from an ISO instant. */
export function chinaTime(iso: string | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The value a datetime-local field shows for an instant (China time). */
export function toDatetimeLocal(iso: string | null): string {
  return iso ? new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 16) : '';
}

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/**
 * A datetime-local value (no zone) read as China time, as the instant the schedule command takes.
 * Empty stays empty: the command then asks for the time.
 */
export function fromDatetimeLocal(raw: unknown, field: string): string {
  if (raw === undefined || raw === null || raw === '') return '';
  if (typeof raw !== 'string' || !LOCAL.test(raw.trim()))
    throw AppError.validation([
      { field, message: '定时发布时间格式不正确，请按“年-月-日 时:分”（北京时间）填写' },
    ]);
  const v = raw.trim();
  return `${v.length === 16 ? `${v}:00` : v}+08:00`;
}

export const chineseDate = (d: LegalDate | string | null): string =>
  d ? formatChineseDate(d as LegalDate) : '—';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
