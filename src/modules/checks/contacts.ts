/**
 * Personal contact details: mainland mobile numbers and e-mail addresses. Both are warnings, not
 * blocking findings: a document may rightly print a contact person's number. The agency's own
 * published contacts (its 政府信息公开指南 lists phone, fax and e-mail) are never findings.
 * Landline numbers are not looked for: in published documents they are almost always an office's.
 */
import {
  digitsOnly,
  foldForMatching,
  LEFT_BOUNDARY,
  LEFT_GROUP_BOUNDARY,
  RIGHT_BOUNDARY,
  RIGHT_GROUP_BOUNDARY,
} from './normalize.js';

type Range = { start: number; end: number };

/**
 * Mainland mobile numbers, 11 digits `1[3-9]x xxxx xxxx` (the 13x–19x network numbers of the
 * national numbering plan), optionally after +86 / 0086 / 86, contiguous or written 3-4-4 with one
 * kind of separator ("138-1234-5678", "138 1234 5678").
 */
const PREFIX = '(?:(?:\\+|00)?86[ -]?)?';
const MOBILE_CONTIGUOUS = new RegExp(`${LEFT_BOUNDARY}${PREFIX}1[3-9][0-9]{9}${RIGHT_BOUNDARY}`, 'g');
const MOBILE_GROUPED = new RegExp(
  `${LEFT_GROUP_BOUNDARY}${PREFIX}1[3-9][0-9]([ -])[0-9]{4}\\1[0-9]{4}${RIGHT_GROUP_BOUNDARY}`,
  'g',
);

/**
 * E-mail addresses, the common subset of RFC 5322 addr-spec: an unquoted local part, a dotted domain
 * and an alphabetic top-level domain. Chinese text may touch it on either side ("请发送至a@b.cn。").
 */
const EMAIL =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/** The 11-digit national number of a mobile match (drops +86 / 0086 / 86 and separators). */
export function nationalMobile(match: string): string {
  return digitsOnly(match).slice(-11);
}

export function findMobiles(folded: string): Range[] {
  const found: Range[] = [];
  for (const pattern of [MOBILE_CONTIGUOUS, MOBILE_GROUPED]) {
    for (const m of folded.matchAll(pattern)) found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found.sort((a, b) => a.start - b.start);
}

export function findEmails(folded: string): Range[] {
  return [...folded.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The agency's own contacts, normalised: digits only for phones, lower case for e-mails. */
export interface OfficialContacts {
  phones: Set<string>;
  emails: Set<string>;
}

/**
 * Each entry may be a bare number or address, or a line such as "电话：028-12345678，邮箱：x@y.cn":
 * the e-mails and mobile numbers in it are taken, and so is the entry as a whole reduced to digits.
 */
export function normalizeOfficialContacts(entries: string[]): OfficialContacts {
  const phones = new Set<string>();
  const emails = new Set<string>();
  for (const entry of entries) {
    const folded = foldForMatching(entry.trim());
    for (const r of findEmails(folded)) emails.add(folded.slice(r.start, r.end));
    for (const r of findMobiles(folded)) phones.add(nationalMobile(folded.slice(r.start, r.end)));
    const digits = digitsOnly(folded.replace(EMAIL, ''));
    if (digits) phones.add(stripCountryCode(digits));
  }
  return { phones, emails };
}

function stripCountryCode(digits: string): string {
  if (/^(?:0086|86)1[3-9][0-9]{9}$/.test(digits)) return digits.slice(-11);
  return digits;
}

export function isOfficialMobile(match: string, official: OfficialContacts): boolean {
  return official.phones.has(nationalMobile(match));
}

export function isOfficialEmail(match: string, official: OfficialContacts): boolean {
  return official.emails.has(foldForMatching(match));
}
