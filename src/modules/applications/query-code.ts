/**
 * Tracking numbers and query codes (申请编号 + 查询码, portal-and-letters.md §6, §8): with both, an applicant
 * follows and withdraws the application without an account.
 *
 * - A tracking number is `YSQ-2026-000123` (or the agency's prefix), unique on the platform, drawn from a
 *   locked counter per prefix and year. It is not a secret.
 * - A query code is 12 characters from a 32-character alphabet without look-alikes (60 bits). Only a keyed
 *   digest is stored ("kid:hex", HMAC-SM3 with the personal-data key, bound to the case id): a copy of the
 *   database alone does not allow guessing codes offline, and a check compares digests in constant time.
 * - Online, the code is derived from the form's idempotency key (keyed, so only the holder of the key gets
 *   it): a client that resubmits after a timeout receives the same code again, which a random code could not
 *   give without storing it. Other channels get a random code, printed once on the 回执.
 */
import { randomBytes } from 'node:crypto';
import { digestsEqual, type PersonalDataCipher } from '../../platform/crypto/personal-data.js';
import { foldWidth } from '../checks/normalize.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // 32 symbols: no I, O, 0, 1
export const QUERY_CODE_LENGTH = 12;

function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

export function randomQueryCode(): string {
  return encode(randomBytes(QUERY_CODE_LENGTH));
}

/**
 * The code of an online submission, from its idempotency key — with the key the case's code was made with
 * (`kid`, the prefix of its stored digest), so a resubmission after a key rotation still gets its code.
 */
export function derivedQueryCode(cipher: PersonalDataCipher, idempotencyKey: string, kid?: string): string {
  const digest = cipher.keyedDigest('query-code-from-idempotency-key', idempotencyKey, kid ?? cipher.keyId);
  if (!digest) throw new Error(`personal-data key ${kid} is not configured`);
  return encode(digest);
}

/** The key id a stored query-code digest was made with. */
export function queryCodeKeyId(stored: string): string {
  return stored.split(':')[0] ?? '';
}

/** ABCD-EFGH-JKLM, as printed. */
export function formatQueryCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

/** What the applicant typed, normalised: width folded, upper case, blanks and dashes removed. */
export function normaliseQueryCode(raw: unknown): string {
  return typeof raw === 'string'
    ? foldWidth(raw)
        .toUpperCase()
        .replace(/[\s-]+/g, '')
    : '';
}

const purpose = (caseId: string) => `query-code:${caseId}`;

export function hashQueryCode(cipher: PersonalDataCipher, caseId: string, code: string): string {
  return `${cipher.keyId}:${cipher.keyedDigest(purpose(caseId), code)!.toString('hex')}`;
}

/** Constant-time check of a presented code against the stored digest. */
export function checkQueryCode(
  cipher: PersonalDataCipher,
  caseId: string,
  stored: string,
  presented: string,
): boolean {
  const [kid, hex] = stored.split(':');
  const expected = Buffer.from(hex ?? '', 'hex');
  const actual = cipher.keyedDigest(purpose(caseId), normaliseQueryCode(presented), kid ?? '');
  // An unknown key id still spends a digest, so a failure takes the same time either way.
  const given = actual ?? cipher.keyedDigest(purpose(caseId), normaliseQueryCode(presented))!;
  return digestsEqual(given, expected) && actual !== null && expected.length === 32;
}

/** YSQ-2026-000123 */
export function formatTrackingNo(prefix: string, year: number, serial: number): string {
  return `${prefix}-${year}-${String(serial).padStart(6, '0')}`;
}

export const TRACKING_NO = /^[A-Z][A-Z0-9]{1,11}-\d{4}-\d{6,9}$/;

export function normaliseTrackingNo(raw: unknown): string {
  return typeof raw === 'string' ? foldWidth(raw).toUpperCase().replace(/\s+/g, '') : '';
}
