import { describe, expect, it } from 'vitest';
import {
  validateCreditCode,
  validateDocumentNumber,
  validateEmail,
  validateIdNumber,
  validateLandline,
  validateMobile,
  validatePhone,
  validatePostalCode,
} from './identity.js';

const TODAY = '2026-11-22';

// --- independent check-character helpers, written from the standards' definitions --------------------------

/**
 * ISO 7064 MOD 11-2 as GB 11643-1999 uses it: the check character a1 makes Σ a_i·W_i ≡ 1 (mod 11) over
 * all 18 positions, counted from the right (i = 18 … 1), with W_i = 2^(i-1) mod 11; a value of 10 is X.
 */
function mod11_2(first17: string): string {
  let sum = 0;
  for (let k = 0; k < 17; k++) {
    const i = 18 - k; // position counted from the right, the check character being position 1
    sum += Number(first17[k]) * (2 ** (i - 1) % 11);
  }
  const a1 = (((1 - sum) % 11) + 11) % 11;
  return a1 === 10 ? 'X' : String(a1);
}

/**
 * GB 32100-2015: characters are valued 0–30 in the set 0-9, A-H, J-N, P-R, T, U, W-Y; with weights
 * W_i = 3^(i-1) mod 31 (i = 1 … 17 from the left), C18 = 31 − (Σ C_i·W_i mod 31), where 31 means 0.
 */
const GB32100_SET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function gb32100Check(first17: string): string {
  let sum = 0;
  for (let i = 1; i <= 17; i++) sum += GB32100_SET.indexOf(first17[i - 1]!) * (3 ** (i - 1) % 31);
  return GB32100_SET[(31 - (sum % 31)) % 31]!;
}

/** Synthetic numbers (sequence code 000, not issued to anyone) with their computed check character. */
const id = (first17: string) => first17 + mod11_2(first17);

describe('the test helpers agree with hand-computed vectors', () => {
  // 1·7+1·9+0·10+1·5+0·8+1·4+2·2+0·1+0·6+0·3+0·7+2·9+2·10+9·5+0+0+0 = 112; 112 mod 11 = 2 → X.
  it('11010120000229000 → X', () => expect(mod11_2('11010120000229000')).toBe('X'));
  // 3·7+2·9+0+1·5+0+2·4+1·2+9·1+8·6+5·3+1·7+2·9+3·10+1·5+0+0+0 = 186; 186 mod 11 = 10 → 2.
  it('32010219851231000 → 2', () => expect(mod11_2('32010219851231000')).toBe('2'));
  // 9·1+1·3+1·9+1·27+0·19+1·26+0·16+8·17 = 210; 210 mod 31 = 24; 31 − 24 = 7.
  it('91110108000000000 → 7', () => expect(gb32100Check('91110108000000000')).toBe('7'));
  // 9+3+36+108+0+78+0+0+M(21)·20+A(10)·29+5·25+F(15)·13+0+0+0+0+1·28 = 1292; 1292 mod 31 = 21; 31 − 21 = 10 → A.
  it('91440300MA5F00001 → A', () => expect(gb32100Check('91440300MA5F00001')).toBe('A'));
});

describe('validateIdNumber (居民身份证, GB 11643-1999)', () => {
  it.each([
    ['11010120000229000X', '11010120000229000X', 'born on 29 February 2000, check X'],
    ['11010120000229000x', '11010120000229000X', 'lower-case x'],
    ['320102198512310002', '320102198512310002', 'check digit 2'],
    [' 320102 19851231 0002 ', '320102198512310002', 'spaces between groups'],
    ['３２０１０２１９８５１２３１０００２', '320102198512310002', 'full-width digits'],
    [id('65010019000101000'), id('65010019000101000'), 'born on 1900-01-01'],
    [id('81000020261122000'), id('81000020261122000'), 'born today, 香港 address code'],
  ])('%s is valid (%s)', (raw, value) => {
    expect(validateIdNumber(raw, { today: TODAY })).toEqual({ ok: true, value });
  });

  it.each([
    ['', '请填写公民身份号码'],
    ['32010219851231000', '公民身份号码应为18位：前17位为数字，最后1位为数字或字母X'],
    ['3201021985123100021', '公民身份号码应为18位：前17位为数字，最后1位为数字或字母X'],
    ['32010219851231000Y', '公民身份号码应为18位：前17位为数字，最后1位为数字或字母X'],
    [id('99010219851231000'), '公民身份号码的前6位地址码不正确'],
    [id('01010219851231000'), '公民身份号码的前6位地址码不正确'],
    [id('16010219851231000'), '公民身份号码的前6位地址码不正确'],
    [id('83000019851231000'), '公民身份号码的前6位地址码不正确'], // 830000 only on 居住证
    [id('32010219850230000'), '公民身份号码中的出生日期（第7至14位）不是有效日期'],
    [id('32010219851301000'), '公民身份号码中的出生日期（第7至14位）不是有效日期'],
    [id('32010218991231000'), '公民身份号码中的出生日期（第7至14位）不在有效范围内'],
    [id('32010220261123000'), '公民身份号码中的出生日期（第7至14位）不在有效范围内'],
    ['320102198512310003', '公民身份号码的校验码（最后1位）不正确，请核对'],
    ['110101200002290001', '公民身份号码的校验码（最后1位）不正确，请核对'],
  ])('%s → %s', (raw, message) => {
    expect(validateIdNumber(raw, { today: TODAY })).toEqual({ ok: false, message });
  });

  it('every wrong check character is refused, the right one accepted', () => {
    const first17 = '44030119991231000';
    for (const c of '0123456789X') {
      const r = validateIdNumber(first17 + c, { today: TODAY });
      expect(r.ok, c).toBe(c === mod11_2(first17));
    }
  });

  it('names the field it is given, and never repeats the number', () => {
    const r = validateIdNumber('320102198512310003', { today: TODAY, label: '证件号码' });
    expect(r).toEqual({ ok: false, message: '证件号码的校验码（最后1位）不正确，请核对' });
    if (!r.ok) expect(r.message).not.toContain('3201');
  });

  it('refuses what is not a string', () => {
    expect(validateIdNumber(12345, { today: TODAY })).toEqual({
      ok: false,
      message: '请填写公民身份号码',
    });
  });
});

describe('validateCreditCode (统一社会信用代码, GB 32100-2015)', () => {
  it.each([
    ['911101080000000007', '911101080000000007'],
    ['91440300MA5F00001A', '91440300MA5F00001A'],
    ['91440300ma5f00001a', '91440300MA5F00001A'],
    ['9144 0300 MA5F 0000 1A', '91440300MA5F00001A'],
  ])('%s is valid', (raw, value) => {
    expect(validateCreditCode(raw)).toEqual({ ok: true, value });
  });

  it.each([
    ['', '请填写统一社会信用代码'],
    ['91110108000000000', '统一社会信用代码应为18位'],
    ['91440300MI5F00001A', '统一社会信用代码只能由数字和大写字母组成（不含字母I、O、Z、S、V）'],
    ['91440300MO5F00001A', '统一社会信用代码只能由数字和大写字母组成（不含字母I、O、Z、S、V）'],
    ['9144030OMA5F00001A', '统一社会信用代码只能由数字和大写字母组成（不含字母I、O、Z、S、V）'],
    ['91440300MA5F0000#A', '统一社会信用代码只能由数字和大写字母组成（不含字母I、O、Z、S、V）'],
    ['911101080000000008', '统一社会信用代码的校验码（最后1位）不正确，请核对'],
  ])('%s → %s', (raw, message) => {
    expect(validateCreditCode(raw)).toEqual({ ok: false, message });
  });

  it('accepts exactly one check character for generated bodies', () => {
    const bodies = ['12100000400000000', '5132000050000000Y', '91310115MA1H00000', 'Y1110000000000000'];
    for (const body of bodies)
      for (const c of GB32100_SET)
        expect(validateCreditCode(body + c).ok, body + c).toBe(c === gb32100Check(body));
  });

  it('uses the label it is given', () => {
    expect(validateCreditCode('x', '申请单位统一社会信用代码')).toEqual({
      ok: false,
      message: '申请单位统一社会信用代码应为18位',
    });
  });
});

describe('validateDocumentNumber', () => {
  it.each([
    ['residentIdCard', '320102198512310002', '320102198512310002'],
    ['residencePermit', id('81000019900101000'), id('81000019900101000')],
    ['residencePermit', id('83000019900101000'), id('83000019900101000')],
    ['passport', 'E12345678', 'E12345678'],
    ['passport', 'ea1234567', 'EA1234567'],
    ['hkMacaoPermit', 'H12345678', 'H12345678'],
    ['hkMacaoPermit', 'M1234567890', 'M1234567890'],
    ['taiwanPermit', '12345678', '12345678'],
    ['foreignPermanentResidentId', 'USA123456789012', 'USA123456789012'],
    ['foreignPermanentResidentId', id('91100019900101000'), id('91100019900101000')],
    ['other', '  军官证 第123号 ', '军官证 第123号'],
  ] as const)('%s %s is valid', (kind, raw, value) => {
    expect(validateDocumentNumber(kind, raw, { today: TODAY })).toEqual({ ok: true, value });
  });

  it.each([
    ['residentIdCard', '320102198512310003', '居民身份证号码的校验码（最后1位）不正确，请核对'],
    ['residencePermit', '320102198512310002', '港澳台居民居住证号码的前6位应为810000、820000或830000'],
    ['passport', 'E1', '护照号码应为5至17位字母或数字'],
    ['passport', 'E1234567#', '护照号码应为5至17位字母或数字'],
    ['hkMacaoPermit', 'C12345678', '港澳居民来往内地通行证号码应以字母H或M开头，后接8至10位数字'],
    ['taiwanPermit', '1234567', '台湾居民来往大陆通行证号码应为8至10位数字'],
    [
      'foreignPermanentResidentId',
      'US123456789012',
      '外国人永久居留身份证号码应为15位（3位字母加12位数字）或以9开头的18位号码',
    ],
    [
      'foreignPermanentResidentId',
      `${id('91100019900101000').slice(0, 17)}${mod11_2('91100019900101000') === '0' ? '1' : '0'}`,
      '外国人永久居留身份证号码的校验码（最后1位）不正确，请核对',
    ],
    ['other', '', '请填写其他号码'],
    ['other', '号'.repeat(51), '其他号码不能超过50个字'],
    ['passport', '   ', '请填写护照号码'],
  ] as const)('%s %s → %s', (kind, raw, message) => {
    expect(validateDocumentNumber(kind, raw, { today: TODAY })).toEqual({ ok: false, message });
  });
});

describe('contacts', () => {
  it.each([
    ['zhang.san@example.cn', true],
    ['a+b@mail.example.com.cn', true],
    ['ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ', true],
    ['zhang@example', false],
    ['zhang@@example.cn', false],
    ['zhang san@example.cn', false],
    ['.zhang@example.cn', false],
    ['zhang..san@example.cn', false],
    ['zhang.@example.cn', false],
    ['zhang@-example.cn', false],
    [`${'a'.repeat(65)}@example.cn`, false],
  ])('e-mail %s → %s', (raw, valid) => {
    expect(validateEmail(raw).ok).toBe(valid);
  });

  it('e-mail messages name the field', () => {
    expect(validateEmail('')).toEqual({ ok: false, message: '请填写电子邮箱' });
    expect(validateEmail('x', '联系人电子邮箱')).toEqual({
      ok: false,
      message: '联系人电子邮箱格式不正确，例如 name@example.cn',
    });
  });

  it.each([
    ['13800000000', '13800000000'],
    ['199-0000-0000', '19900000000'],
    ['+86 139 0000 0000', '13900000000'],
    ['008615000000000', '15000000000'],
    ['８６１７７００００００００', '17700000000'],
  ])('mobile %s is valid', (raw, value) => {
    expect(validateMobile(raw)).toEqual({ ok: true, value });
  });

  it.each(['12000000000', '1380000000', '138000000000', '23800000000', '+1 13800000000'])(
    'mobile %s is refused',
    (raw) => {
      expect(validateMobile(raw)).toEqual({ ok: false, message: '手机号码应为11位手机号码，以13至19开头' });
    },
  );

  it.each([
    ['010-62000000', '010-62000000'],
    ['(010)62000000', '010-62000000'],
    ['021 5000 0000', '021-50000000'],
    ['0571-8700000', '0571-8700000'],
    ['0755-80000000-123', '0755-80000000-123'],
    ['0755-80000000转8', '0755-80000000-8'],
  ])('landline %s is valid', (raw, value) => {
    expect(validateLandline(raw)).toEqual({ ok: true, value });
  });

  it.each(['62000000', '010-12000000', '010-620000', '1010-62000000', '0571-870000000'])(
    'landline %s is refused',
    (raw) => {
      expect(validateLandline(raw)).toEqual({
        ok: false,
        message: '固定电话格式不正确，请填写区号和号码，例如 010-12345678',
      });
    },
  );

  it('a phone is a mobile or a landline', () => {
    expect(validatePhone('13800000000')).toEqual({ ok: true, value: '13800000000' });
    expect(validatePhone('010-62000000')).toEqual({ ok: true, value: '010-62000000' });
    expect(validatePhone('12345')).toEqual({
      ok: false,
      message: '联系电话应为11位手机号码，或带区号的固定电话（例如 010-12345678）',
    });
    expect(validatePhone('  ')).toEqual({ ok: false, message: '请填写联系电话' });
  });

  it('postal codes are 6 digits', () => {
    expect(validatePostalCode('100000')).toEqual({ ok: true, value: '100000' });
    expect(validatePostalCode('10000')).toEqual({ ok: false, message: '邮政编码应为6位数字' });
    expect(validatePostalCode('')).toEqual({ ok: false, message: '请填写邮政编码' });
  });
});
