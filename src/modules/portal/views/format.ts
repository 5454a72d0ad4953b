/** How the portal writes dates and sizes (pure). */
import type { LegalDate } from '../../../platform/legal-date.js';

/** 2026年03月02日 — the metadata block's form (gov.cn pads month and day). */
export function chineseDate(d: LegalDate | string): string {
  const [y, m, day] = d.slice(0, 10).split('-');
  return `${y}年${m}月${day}日`;
}

const BEIJING_DATE_TIME = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * 2026-03-02 10:07 in Beijing time, as the PubDate meta tag writes it. One formatter for the process:
 * building an Intl.DateTimeFormat per call was 4 % of an uncached page.
 */
export function beijingDateTime(iso: string): string {
  const parts = BEIJING_DATE_TIME.formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** 12 KB, 3.4 MB — the size shown next to an attachment. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Paragraphs of a plain-text field: blank lines separate paragraphs, single newlines break lines. */
export function paragraphs(text: string): string[][] {
  return text
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((p) => p.length > 0);
}
