/**
 * 公民身份号码 (the 18-character 居民身份证号), GB 11643-1999:
 *
 *   positions 1–6   address code (GB/T 2260 administrative division; first digit 1–8)
 *   positions 7–14  birth date YYYYMMDD
 *   positions 15–17 sequence code
 *   position  18    check character, ISO 7064:1983 MOD 11-2 over the first 17 digits
 *
 * Only the contiguous 18-character form is recognised. Numbers split by spaces ("110105 19491231
 * 002X") are rare in documents and would make every 18 digits in a table a candidate; they are a
 * known miss. The old 15-digit numbers (no check character, GB 11643-1989) are not recognised either:
 * without a checksum they cannot be told apart from other 15-digit numbers.
 */
import { parseLegalDate } from '../../platform/legal-date.js';
import { LEFT_BOUNDARY, RIGHT_BOUNDARY } from './normalize.js';

/** Weights W_i = 2^(18-i) mod 11 for i = 1…17 (GB 11643-1999 §7.2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for (Σ a_i·W_i) mod 11 = 0…10. */
const CHECK_CHARS = '10X98765432';

/** The check character (0–9 or X) for the first 17 digits, or null when they are not 17 digits. */
export function idNumberCheckChar(first17: string): string | null {
  if (!/^[0-9]{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * True for a well-formed 18-character number: address code starting 1–8, a real birth date from
 * 1900-01-01 up to `today` (YYYY-MM-DD), and the right check character (x accepted for X).
 */
export function isValidIdNumber(value: string, today: string): boolean {
  if (!/^[1-8][0-9]{16}[0-9Xx]$/.test(value)) return false;
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (parseLegalDate(birth) === null || birth > today) return false;
  return idNumberCheckChar(value.slice(0, 17)) === value[17]!.toUpperCase();
}

const CANDIDATE = new RegExp(`${LEFT_BOUNDARY}[1-8][0-9]{16}[0-9Xx]${RIGHT_BOUNDARY}`, 'g');

/** Ranges of valid ID numbers in width-folded text. */
export function findIdNumbers(folded: string, today: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  for (const m of folded.matchAll(CANDIDATE)) {
    if (isValidIdNumber(m[0], today)) found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}
