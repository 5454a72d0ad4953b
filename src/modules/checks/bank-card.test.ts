import { describe, expect, it } from 'vitest';
import { findBankCards, isLikelyBankCard, passesLuhn } from './bank-card.js';
import { isValidCreditCode } from './credit-code.js';
import { foldWidth } from './normalize.js';

const TODAY = '2026-11-22';
const find = (text: string) => findBankCards(foldWidth(text), TODAY).map((r) => text.slice(r.start, r.end));

describe('passesLuhn', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['6222021234567890128', true],
    ['6222021234567890127', false],
    ['79927398713', true],
    ['', false],
    ['12a4', false],
  ])('%s → %s', (digits, expected) => {
    expect(passesLuhn(digits)).toBe(expected);
  });
});

describe('isLikelyBankCard', () => {
  it.each([
    ['4111111111111111', '16 digits, Visa'],
    ['6212341234123411', '16 digits, UnionPay'],
    ['62170000123456786', '17 digits'],
    ['622848001234567894', '18 digits'],
    ['6222021234567890128', '19 digits'],
    ['9558801234567890128', '19 digits, domestic (MII 9)'],
    ['2221000000000009', 'Mastercard 2-series'],
    ['5555555555554444', 'Mastercard'],
  ])('%s is a card (%s)', (digits) => {
    expect(isLikelyBankCard(digits, TODAY)).toBe(true);
  });

  it.each([
    ['4111111111111112', 'Luhn fails'],
    ['6222021234567890127', 'Luhn fails'],
    ['2025092612345672', 'Luhn passes but starts with a date (MII 2 outside 2221–2720)'],
    ['1234567812345670', 'Luhn passes but MII 1 (airlines)'],
    ['0123456789012347', 'Luhn passes but MII 0'],
    ['411111111111111', '15 digits'],
    ['62220202001122334455660', '23 digits'],
  ])('%s is not a card (%s)', (digits) => {
    expect(isLikelyBankCard(digits, TODAY)).toBe(false);
  });

  it.each(['510104199001010019', '440305198808080354'])(
    '%s passes Luhn but is a valid 身份证号, so it is not a card',
    (id) => {
      expect(passesLuhn(id)).toBe(true);
      expect(isLikelyBankCard(id, TODAY)).toBe(false);
    },
  );

  it('an all-digit 统一社会信用代码 is not a card', () => {
    const code = findDigitCreditCodePassingLuhn();
    expect(isValidCreditCode(code)).toBe(true);
    expect(passesLuhn(code)).toBe(true);
    expect(isLikelyBankCard(code, TODAY)).toBe(false);
  });
});

describe('findBankCards', () => {
  it.each([
    ['卡号：6222021234567890128。', ['6222021234567890128']],
    ['开户行账号6212341234123411，', ['6212341234123411']],
    ['卡号 6222 0212 3456 7890 128', ['6222 0212 3456 7890 128']],
    ['卡号 4111-1111-1111-1111 （测试）', ['4111-1111-1111-1111']],
    ['卡号 ６２１２３４１２３４１２３４１１', ['６２１２３４１２３４１２３４１１']],
    ['No.4111111111111111', ['4111111111111111']],
  ])('finds %j', (text, expected) => {
    expect(find(text)).toEqual(expected);
  });

  it.each([
    ['Luhn-invalid number', '卡号6222021234567890127'],
    ['grouped, Luhn-invalid', '卡号 4111 1111 1111 1112'],
    ['a card inside a longer digit run', '流水号64111111111111111'],
    ['a card followed by digits', '4111111111111111222'.padEnd(21, '0')],
    ['grouped card with a fifth group of four', '4111 1111 1111 1111 2025'],
    ['mixed separators', '4111 1111-1111 1111'],
    ['a 身份证号', '身份证号511802198506153711'],
    ['索引号', '索引号：11510100DEMO00001X/2026-00012'],
    ['date-prefixed order number', '订单号2025092612345672'],
    ['a date', '2025年09月26日 20250926'],
    ['a 20-digit serial', '序列号62220202001122334455'],
  ])('ignores %s', (_label, text) => {
    expect(find(text)).toEqual([]);
  });
});

/** Searches deterministically for an all-digit credit code that also passes Luhn (about 1 in 10 do). */
function findDigitCreditCodePassingLuhn(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  for (let n = 0; n < 10_000; n++) {
    const body = `91510100${String(n).padStart(9, '0')}`;
    const sum = [...body].reduce((s, c, i) => s + charset.indexOf(c) * weights[i]!, 0);
    const check = charset[(31 - (sum % 31)) % 31]!;
    const code = body + check;
    if (/^[0-9]{18}$/.test(code) && passesLuhn(code)) return code;
  }
  throw new Error('no such code found');
}
