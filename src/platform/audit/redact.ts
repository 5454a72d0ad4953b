/**
 * Personal data never enters the audit trail in clear (ADR 0006): a field
 * declared personal is replaced by its name's marker and a keyed SM3 hash, so
 * an auditor can still tell "changed / unchanged" and match a known value.
 */
import { hmacSm3 } from './audit-mac.js';

export type AuditRecord = Record<string, unknown>;

/**
 * Field names that are personal data wherever they appear. A module passes more
 * for its own targets (an application's `name` is personal; an agency's is not).
 */
export const PERSONAL_FIELDS = new Set([
  'realName',
  'idNumber',
  'idType',
  'phone',
  'mobile',
  'email',
  'address',
  'postcode',
  'fax',
  'password',
  'passwordHash',
  'totpSecret',
  'contactName',
  'contactPhone',
  'legalRepresentative',
]);

/** Secrets are dropped entirely; hashing a low-entropy secret would leak it. */
const SECRET_FIELDS = new Set(['password', 'passwordHash', 'totpSecret', 'token', 'csrfToken']);

export function redact(
  record: AuditRecord | null | undefined,
  piiKey: string,
  extraPersonal: Iterable<string> = [],
): AuditRecord | null {
  if (!record) return null;
  const personal = new Set([...PERSONAL_FIELDS, ...extraPersonal]);
  const out: AuditRecord = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    if (SECRET_FIELDS.has(k)) out[k] = '[secret]';
    else if (personal.has(k) && v !== null && v !== '')
      out[k] = {
        redacted: true,
        sm3: hmacSm3(piiKey, `${k}:${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).slice(0, 32),
      };
    else out[k] = v;
  }
  return out;
}
