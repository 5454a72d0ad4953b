/**
 * The integer key that orders the index by date, and the hashed filter tokens of SQLite's FTS5
 * table (pure). Both databases sort by the same stored key, so date order and its tie-break are
 * the same everywhere.
 */
import { createHash } from 'node:crypto';
import { type LegalDate, toDayNumber } from '../../platform/legal-date.js';

const DAY = 2 ** 36;
const SECOND = 2 ** 19;
const MAX_SECOND = 2 ** 17 - 1;

/**
 * day of publication × 2^36 + second of that (Beijing) day × 2^19 + 19 bits of a hash of the id:
 * newest first under `ORDER BY sort_key DESC`, later in the day before earlier, then a fixed
 * pseudo-random order. Stays below 2^53 until the year 2328, so JavaScript numbers hold it exactly.
 */
export function baseSortKey(publishedOn: LegalDate, publishedAt: string, id: string): number {
  const midnight = Date.parse(`${publishedOn}T00:00:00+08:00`);
  const at = Date.parse(publishedAt);
  const second = Number.isFinite(at)
    ? Math.min(MAX_SECOND, Math.max(0, Math.floor((at - midnight) / 1000)))
    : 0;
  const hash = Number.parseInt(createHash('sha256').update(id).digest('hex').slice(0, 5), 16) % SECOND;
  return toDayNumber(publishedOn) * DAY + second * SECOND + hash;
}

/** The keys of items published from `from` to `to` (inclusive): [lowest, highest]. */
export function sortKeyRange(from: LegalDate | null, to: LegalDate | null): [number | null, number | null] {
  return [from ? toDayNumber(from) * DAY : null, to ? (toDayNumber(to) + 1) * DAY - 1 : null];
}

export type FacetKind =
  | 'agency'
  | 'column'
  | 'topic'
  | 'genre'
  | 'validity'
  /** Year of 成文日期: a 成文日期 range becomes the years it touches (then the exact range on the row). */
  | 'writtenYear'
  | 'docNoPrefix'
  | 'docNoYear';

const FACET_PREFIX: Record<FacetKind, string> = {
  agency: 'fa',
  column: 'fc',
  topic: 'ft',
  genre: 'fg',
  validity: 'fv',
  writtenYear: 'fw',
  docNoPrefix: 'fp',
  docNoYear: 'fy',
};

/** A filter value as one FTS5 token (letters and digits only, so the tokenizer keeps it whole). */
export function facetToken(kind: FacetKind, value: string): string {
  return FACET_PREFIX[kind] + createHash('sha256').update(value).digest('hex').slice(0, 16);
}
