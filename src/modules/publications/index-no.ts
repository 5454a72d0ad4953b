/**
 * 索引号 (disclosure-rules.md §5.5): assigned at publication from the agency's pattern (platform
 * default `{code}/{YYYY}-{serial5}`), unique platform-wide and never reused — a withdrawn item keeps
 * its number and nothing published is ever deleted. The serial runs per agency, and per year when
 * the pattern has {YYYY}. Imported items keep their own numbers; the serial continues above them.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../platform/errors.js';
import type { LegalDate } from '../../platform/legal-date.js';
import { findAgency } from '../accounts/accounts.repository.js';
import { DEFAULT_INDEX_NO_PATTERN, formatIndexNo } from '../catalog/index-no.js';
import { getDisclosureSettings } from '../catalog/settings.repository.js';
import { lockCounter, raiseCounter } from './index-no.repository.js';
import { indexNoTaken } from './publications.repository.js';

type Trx = Transaction<Database>;

/** The counter a date draws from under a pattern: its year when the pattern has {YYYY}, else one counter. */
export function counterScope(pattern: string, date: LegalDate): string {
  return pattern.includes('{YYYY}') ? date.slice(0, 4) : '';
}

/** Draws the agency's next 索引号 for a publication on `date`. Call inside the publishing transaction. */
export async function reserveIndexNo(
  trx: Trx,
  agency: { id: string; code: string },
  pattern: string | null,
  date: LegalDate,
  now: string = new Date().toISOString(),
): Promise<string> {
  const p = pattern ?? DEFAULT_INDEX_NO_PATTERN;
  const scope = counterScope(p, date);
  let serial = await lockCounter(trx, agency.id, scope, now);
  const parts = { code: agency.code, year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
  // Skips numbers already taken (an import that did not match the pattern, a changed pattern).
  for (let tries = 0; tries < 1000; tries++) {
    serial += 1;
    const indexNo = formatIndexNo(p, { ...parts, serial });
    if (tries === 0 && indexNo === formatIndexNo(p, { ...parts, serial: serial + 1 }))
      throw new AppError(
        'refused',
        `索引号规则“${p}”不含流水号，无法生成不重复的索引号，请联系单位管理员修改。`,
      );
    if (!(await indexNoTaken(trx, indexNo))) {
      await raiseCounter(trx, agency.id, scope, serial, now);
      return indexNo;
    }
  }
  throw new AppError('conflict', '无法生成不重复的索引号，请联系平台管理员。');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Reads the year and serial back out of a number written under `pattern`; null when it does not match. */
export function parseIndexNo(
  pattern: string,
  code: string,
  indexNo: string,
): { year: number | null; serial: number } | null {
  const groups: ('year' | 'serial' | 'other')[] = [];
  let source = '';
  for (const part of pattern.split(/(\{[A-Za-z]+\d*\})/)) {
    const serial = /^\{serial(\d*)\}$/.exec(part);
    if (part === '{code}') source += escapeRegExp(code);
    else if (part === '{YYYY}') {
      groups.push('year');
      source += '(\\d{4})';
    } else if (part === '{MM}') {
      groups.push('other');
      source += '(\\d{2})';
    } else if (serial) {
      groups.push('serial');
      source += `(\\d{${serial[1] || 1},})`;
    } else source += escapeRegExp(part);
  }
  const m = new RegExp(`^${source}$`).exec(indexNo);
  if (!m || !groups.includes('serial')) return null;
  const at = (g: 'year' | 'serial') => (groups.includes(g) ? Number(m[groups.indexOf(g) + 1]) : null);
  return { year: at('year'), serial: at('serial')! };
}

/**
 * An imported item keeps its own 索引号: refuses one already in use anywhere on the platform, and when
 * the number follows the agency's pattern raises the agency's serial above it so it is never drawn again.
 */
export async function registerImportedIndexNo(
  trx: Trx,
  agencyId: string,
  indexNo: string,
  now: string = new Date().toISOString(),
): Promise<void> {
  const value = indexNo.trim();
  if (!value || [...value].length > 100)
    throw AppError.validation([{ field: 'indexNo', message: '索引号格式不正确' }]);
  if (await indexNoTaken(trx, value))
    throw new AppError('conflict', `索引号“${value}”已被使用，索引号不能重复。`, [
      { field: 'indexNo', message: `索引号“${value}”已被使用` },
    ]);
  const agency = await findAgency(trx, agencyId);
  if (!agency) throw new AppError('not_found', '单位不存在。');
  const pattern = (await getDisclosureSettings(trx, agencyId)).indexNoPattern ?? DEFAULT_INDEX_NO_PATTERN;
  const parsed = parseIndexNo(pattern, agency.code, value);
  if (!parsed) return;
  const scope = parsed.year === null ? '' : String(parsed.year);
  await lockCounter(trx, agencyId, scope, now);
  await raiseCounter(trx, agencyId, scope, parsed.serial, now);
}
