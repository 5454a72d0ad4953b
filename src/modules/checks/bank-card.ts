/**
 * Payment card numbers (银行卡号), ISO/IEC 7812-1: 16–19 digits (Chinese debit and credit cards,
 * UnionPay 62…, are 16–19 long) whose last digit is the Luhn check digit. Written contiguously or in
 * groups of four separated by single spaces or hyphens ("6222 0212 3456 7890 123").
 *
 * A Luhn check alone passes one random number in ten, so candidates are also held to the issuer
 * identification number: the major industry identifier (first digit) of a payment card is 3–6 or 9
 * (9 = national use, e.g. older domestic Chinese cards), or 2 within Mastercard's 2221–2720 range.
 * Serials and order numbers starting with 0, 1 or 20 (a date, "2025092612345678") are thereby out.
 * Numbers that are valid 身份证号 (GB 11643) or 统一社会信用代码 (GB 32100) are not cards either.
 */
import { isValidCreditCode } from './credit-code.js';
import { isValidIdNumber } from './id-number.js';
import {
  digitsOnly,
  LEFT_BOUNDARY,
  LEFT_GROUP_BOUNDARY,
  RIGHT_BOUNDARY,
  RIGHT_GROUP_BOUNDARY,
} from './normalize.js';

/** Luhn (ISO/IEC 7812-1 Annex B): doubling every second digit from the right, the sum is 0 mod 10. */
export function passesLuhn(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function plausibleIssuer(digits: string): boolean {
  const mii = digits[0]!;
  if ('34569'.includes(mii)) return true;
  if (mii !== '2') return false;
  const four = Number(digits.slice(0, 4));
  return four >= 2221 && four <= 2720;
}

export function isLikelyBankCard(digits: string, today: string): boolean {
  if (digits.length < 16 || digits.length > 19) return false;
  if (!plausibleIssuer(digits) || !passesLuhn(digits)) return false;
  if (digits.length === 18 && (isValidIdNumber(digits, today) || isValidCreditCode(digits))) return false;
  return true;
}

const CONTIGUOUS = new RegExp(`${LEFT_BOUNDARY}[0-9]{16,19}${RIGHT_BOUNDARY}`, 'g');
const GROUPED = new RegExp(
  `${LEFT_GROUP_BOUNDARY}[0-9]{4}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}(?:\\1[0-9]{1,3})?${RIGHT_GROUP_BOUNDARY}`,
  'g',
);

/** Ranges of likely card numbers in width-folded text. */
export function findBankCards(folded: string, today: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  for (const pattern of [CONTIGUOUS, GROUPED]) {
    for (const m of folded.matchAll(pattern)) {
      if (isLikelyBankCard(digitsOnly(m[0]), today))
        found.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
