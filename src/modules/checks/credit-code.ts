/**
 * 统一社会信用代码, GB 32100-2015: 18 characters from the 31-character set below, the last a check
 * character (weights 3^(i-1) mod 31). Agencies print theirs in every 索引号
 * (`11510100MB0123456X/2026-00012`); an all-digit one must not be taken for a bank card number.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function isValidCreditCode(value: string): boolean {
  const code = value.toUpperCase();
  if (code.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(code[i]!);
    if (v < 0) return false;
    sum += v * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CHARSET[check] === code[17];
}
