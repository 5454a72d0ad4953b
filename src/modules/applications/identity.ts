/**
 * Validators for an applicant's identity and contact fields (条例第二十九条第二款第（一）项: 姓名或者名称、身份证明、
 * 联系方式). Each takes the raw field and the field's Chinese label and returns either the normalised value or
 * a Chinese message naming the field. Messages never repeat the value: an applicant's numbers must not end up
 * in logs or error pages.
 *
 * What is checked, and how sure we are of it:
 *   居民身份证 (GB 11643-1999)         18 characters; address code: a province-level code of GB/T 2260 (first two
 *                                      digits), no full region table; birth date a real date from 1900-01-01 to
 *                                      today; check character ISO 7064 MOD 11-2. The check algorithm is the
 *                                      checks module's (one implementation in the code base).
 *   统一社会信用代码 (GB 32100-2015)   18 characters from the 31-character set (digits and capital letters without
 *                                      I O Z S V), last one the check character (weights 3^(i-1) mod 31). The
 *                                      registration-authority and organisation-type codes (positions 1–2) and
 *                                      the embedded 组织机构代码 are not checked [M: their value lists].
 *   港澳台居民居住证                   like 居民身份证, with address code 810000 (香港), 820000 (澳门) or 830000 (台湾) [M]
 *   护照, 港澳/台湾通行证,             loose shape checks only, documented at each pattern [M]: a real document
 *   外国人永久居留身份证               must never be refused because our memory of its format is wrong.
 *   e-mail, 手机, 固定电话, 邮编       shapes (see each function).
 */
import { parseLegalDate } from '../../platform/legal-date.js';
import { isValidCreditCode } from '../checks/credit-code.js';
import { idNumberCheckChar } from '../checks/id-number.js';
import { foldWidth } from '../checks/normalize.js';
import { ID_DOCUMENT_KIND_LABELS, type IdDocumentKind } from './codes.js';

export type Validated = { ok: true; value: string } | { ok: false; message: string };

const ok = (value: string): Validated => ({ ok: true, value });
const fail = (message: string): Validated => ({ ok: false, message });

/** Full-width forms folded, surrounding blanks trimmed. */
function clean(raw: unknown): string {
  return typeof raw === 'string' ? foldWidth(raw).trim() : '';
}

/** Identity numbers are often typed with spaces or dashes between groups; they carry no meaning. */
function compact(raw: unknown): string {
  return clean(raw)
    .replace(/[\s-]+/g, '')
    .toUpperCase();
}

/**
 * Province-level codes of GB/T 2260 (the first two digits of an address code): 11–15 华北, 21–23 东北,
 * 31–37 华东, 41–46 中南, 50–54 西南, 61–65 西北, 71 台湾, 81 香港, 82 澳门. (83 appears only on 台湾居民's
 * 居住证, 830000 [M]: see RESIDENCE_PERMIT_ADDRESS_CODES.)
 */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** 居住证 for residents of 香港, 澳门, 台湾 carry these address codes [M]. */
const RESIDENCE_PERMIT_ADDRESS_CODES = new Set(['810000', '820000', '830000']);

/**
 * 公民身份号码 as printed on a 居民身份证 (and on a 港澳台居民居住证). `today` (YYYY-MM-DD, China time) bounds
 * the birth date. A lower-case x is accepted and returned upper-case.
 */
export function validateIdNumber(raw: unknown, opts: { today: string; label?: string }): Validated {
  return checkIdNumber(raw, opts.today, opts.label ?? '公民身份号码', (v) =>
    PROVINCE_CODES.has(v.slice(0, 2)),
  );
}

function checkIdNumber(
  raw: unknown,
  today: string,
  label: string,
  addressOk: (v: string) => boolean,
): Validated {
  const v = compact(raw);
  if (!v) return fail(`请填写${label}`);
  if (!/^[0-9]{17}[0-9X]$/.test(v)) return fail(`${label}应为18位：前17位为数字，最后1位为数字或字母X`);
  if (!addressOk(v)) return fail(`${label}的前6位地址码不正确`);
  const birth = `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`;
  const outOfRange = fail(`${label}中的出生日期（第7至14位）不在有效范围内`);
  if (birth < '1900-01-01') return outOfRange;
  if (!parseLegalDate(birth)) return fail(`${label}中的出生日期（第7至14位）不是有效日期`);
  if (birth > today) return outOfRange;
  if (idNumberCheckChar(v.slice(0, 17)) !== v[17]) return fail(`${label}的校验码（最后1位）不正确，请核对`);
  return ok(v);
}

/** 统一社会信用代码 of a 法人或其他组织 (GB 32100-2015). Lower-case letters are accepted and returned upper-case. */
export function validateCreditCode(raw: unknown, label = '统一社会信用代码'): Validated {
  const v = compact(raw);
  if (!v) return fail(`请填写${label}`);
  if (v.length !== 18) return fail(`${label}应为18位`);
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(v))
    return fail(`${label}只能由数字和大写字母组成（不含字母I、O、Z、S、V）`);
  if (!isValidCreditCode(v)) return fail(`${label}的校验码（最后1位）不正确，请核对`);
  return ok(v);
}

/**
 * Loose shapes of the other identity documents [M: from memory of the current documents, not verified]:
 *   护照                           5–17 letters or digits (Chinese passports: E/G + 8 digits or E + letter + 7
 *                                   digits; foreign passports vary)
 *   港澳居民来往内地通行证          H (香港) or M (澳门) then 8–10 digits (card: 8; older booklet: 10)
 *   台湾居民来往大陆通行证          8–10 digits, optionally one trailing letter (card: 8 digits)
 *   外国人永久居留身份证            3 letters + 12 digits (2004/2017 cards), or 18 characters starting with 9 with
 *                                   the MOD 11-2 check character (2023 card)
 *   其他                           any text up to 50 characters
 */
const LOOSE_PATTERNS: Partial<Record<IdDocumentKind, { pattern: RegExp; hint: string }>> = {
  passport: { pattern: /^[A-Z0-9]{5,17}$/, hint: '应为5至17位字母或数字' },
  hkMacaoPermit: { pattern: /^[HM][0-9]{8,10}$/, hint: '应以字母H或M开头，后接8至10位数字' },
  taiwanPermit: { pattern: /^[0-9]{8,10}[A-Z]?$/, hint: '应为8至10位数字' },
};

/** The number of an identity document of the given kind (证件号码). */
export function validateDocumentNumber(
  kind: IdDocumentKind,
  raw: unknown,
  opts: { today: string; label?: string },
): Validated {
  const label = opts.label ?? `${ID_DOCUMENT_KIND_LABELS[kind]}号码`;
  switch (kind) {
    case 'residentIdCard':
      return validateIdNumber(raw, { today: opts.today, label });
    case 'residencePermit': {
      const r = checkIdNumber(raw, opts.today, label, (v) =>
        RESIDENCE_PERMIT_ADDRESS_CODES.has(v.slice(0, 6)),
      );
      if (!r.ok && r.message === `${label}的前6位地址码不正确`)
        return fail(`${label}的前6位应为810000、820000或830000`);
      return r;
    }
    case 'foreignPermanentResidentId': {
      const v = compact(raw);
      if (!v) return fail(`请填写${label}`);
      if (/^[A-Z]{3}[0-9]{12}$/.test(v)) return ok(v);
      if (/^9[0-9]{16}[0-9X]$/.test(v)) {
        if (idNumberCheckChar(v.slice(0, 17)) !== v[17])
          return fail(`${label}的校验码（最后1位）不正确，请核对`);
        return ok(v);
      }
      return fail(`${label}应为15位（3位字母加12位数字）或以9开头的18位号码`);
    }
    case 'other': {
      const v = clean(raw);
      if (!v) return fail(`请填写${label}`);
      if ([...v].length > 50) return fail(`${label}不能超过50个字`);
      return ok(v);
    }
    default: {
      const v = compact(raw);
      if (!v) return fail(`请填写${label}`);
      const p = LOOSE_PATTERNS[kind]!;
      return p.pattern.test(v) ? ok(v) : fail(`${label}${p.hint}`);
    }
  }
}

/**
 * An e-mail address: the common subset of RFC 5322 (unquoted local part of at most 64 characters, a dotted
 * domain of letters, digits and hyphens, an alphabetic top-level domain), at most 254 characters.
 */
export function validateEmail(raw: unknown, label = '电子邮箱'): Validated {
  const v = clean(raw);
  if (!v) return fail(`请填写${label}`);
  if (
    v.length > 254 ||
    !/^[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}$/.test(v) ||
    /^\.|\.\.|\.@/.test(v)
  )
    return fail(`${label}格式不正确，例如 name@example.cn`);
  return ok(v);
}

/**
 * A mainland mobile number, 11 digits 1[3-9]xxxxxxxxx; spaces and dashes between groups and a +86 / 0086 / 86
 * prefix are accepted. Returns the 11 digits.
 */
export function validateMobile(raw: unknown, label = '手机号码'): Validated {
  const v = clean(raw).replace(/[\s-]+/g, '');
  if (!v) return fail(`请填写${label}`);
  const m = /^(?:\+86|0086|86)?(1[3-9][0-9]{9})$/.exec(v);
  return m ? ok(m[1]!) : fail(`${label}应为11位手机号码，以13至19开头`);
}

/**
 * A landline number with its area code: 0 + 2 or 3 more digits (010, 02x; 0xxx elsewhere), then a local
 * number of 7 or 8 digits not starting with 0 or 1, optionally an extension (-, 转 or #, 1–6 digits). Written
 * with or without a dash, a space or parentheses around the area code. Returned as 区号-号码[-分机].
 */
export function validateLandline(raw: unknown, label = '固定电话'): Validated {
  const v = clean(raw).replace(/\s+/g, '');
  if (!v) return fail(`请填写${label}`);
  const m = /^\(?(0(?:10|2[0-9]|[3-9][0-9]{2}))\)?-?([2-9][0-9]{6,7})(?:(?:-|转|#)([0-9]{1,6}))?$/.exec(v);
  if (!m) return fail(`${label}格式不正确，请填写区号和号码，例如 010-12345678`);
  return ok(`${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}`);
}

/** 联系电话: a mobile or a landline number. */
export function validatePhone(raw: unknown, label = '联系电话'): Validated {
  const v = clean(raw);
  if (!v) return fail(`请填写${label}`);
  const mobile = validateMobile(v, label);
  if (mobile.ok) return mobile;
  const landline = validateLandline(v, label);
  if (landline.ok) return landline;
  return fail(`${label}应为11位手机号码，或带区号的固定电话（例如 010-12345678）`);
}

/** 邮政编码: 6 digits. */
export function validatePostalCode(raw: unknown, label = '邮政编码'): Validated {
  const v = clean(raw).replace(/\s+/g, '');
  if (!v) return fail(`请填写${label}`);
  return /^[0-9]{6}$/.test(v) ? ok(v) : fail(`${label}应为6位数字`);
}
