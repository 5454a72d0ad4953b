import { describe, expect, it } from 'vitest';
import { findIdNumbers, idNumberCheckChar, isValidIdNumber } from './id-number.js';
import { foldWidth } from './normalize.js';

const TODAY = '2026-11-22';

describe('isValidIdNumber (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', 'the example of GB 11643-1999, check character X'],
    ['11010519491231002x', 'lower-case x'],
    ['510100200002291238', 'born on 29 February of a leap year'],
    ['511802198506153711', 'ordinary number'],
    ['320106199912310458', 'ordinary number'],
    ['510100190001010012', 'born on the first day of 1900'],
    ['810000198001010014', 'Hong Kong resident (area code 81)'],
    ['110105202509260015', 'born in 2025'],
  ])('%s is valid (%s)', (value) => {
    expect(isValidIdNumber(value, TODAY)).toBe(true);
  });

  it.each([
    ['110105194912310021', 'wrong check digit'],
    ['11010519491231002Y', 'check character not a digit or X'],
    ['510100200002291239', 'wrong check digit'],
    ['199902301234567890', 'area code cannot start with 9 (and no real date)'],
    ['440524188001010014', 'checksum right, but born in 1880 (before 1900)'],
    ['510100199902300003', 'impossible date 19990230'],
    ['510100200013010003', 'month 13'],
    ['510100202701010003', 'birth date after today'],
    ['010105194912310021', 'area code starting with 0'],
    ['1101051949123100', '16 digits'],
    ['1101051949123100211', '19 digits'],
  ])('%s is not valid (%s)', (value) => {
    expect(isValidIdNumber(value, TODAY)).toBe(false);
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('44052418800101001')).toBe('4');
    expect(idNumberCheckChar('1101051949123100')).toBeNull();
  });

  it('accepts a birth date of today but not tomorrow', () => {
    const first17 = '11010520261122001';
    const id = first17 + idNumberCheckChar(first17);
    expect(isValidIdNumber(id, '2026-11-22')).toBe(true);
    expect(isValidIdNumber(id, '2026-11-21')).toBe(false);
  });
});

describe('findIdNumbers', () => {
  const find = (text: string) => findIdNumbers(foldWidth(text), TODAY).map((r) => text.slice(r.start, r.end));

  it.each([
    ['身份证号：11010519491231002X。', ['11010519491231002X']],
    ['申请人张三（身份证号码320106199912310458）', ['320106199912310458']],
    ['ID 11010519491231002x end', ['11010519491231002x']],
    ['511802198506153711\n510100200002291238', ['511802198506153711', '510100200002291238']],
    ['全角：５１１８０２１９８５０６１５３７１１', ['５１１８０２１９８５０６１５３７１１']],
    ['No.511802198506153711', ['511802198506153711']],
  ])('finds %j', (text, expected) => {
    expect(find(text)).toEqual(expected);
  });

  it.each([
    ['invalid checksum', '身份证号110105194912310021'],
    ['impossible date', '身份证号510100199902300003'],
    ['17 digits', '编号51180219850615371'],
    ['19 digits', '编号5118021985061537110'],
    ['a valid number inside a longer digit run', '流水号9511802198506153711'],
    ['a valid number followed by more digits', '流水号5118021985061537112'],
    ['a valid number glued to letters', 'ID511802198506153711'],
    ['a valid number followed by letters', '511802198506153711AB'],
    ['a valid number joined by a hyphen to more digits', '2026-511802198506153711'],
    ['a valid number followed by a decimal part', '511802198506153711.5'],
  ])('ignores %s', (_label, text) => {
    expect(find(text)).toEqual([]);
  });
});
