/**
 * Counts per agency for the oversight table and the 待办提醒 panel (one grouped query each), and the
 * published versions behind a timeliness figure. The lists themselves come from register.repository.ts
 * and interpretation.repository.ts; each count here keeps exactly the conditions of its list (the tests
 * compare them).
 */
import { sql } from 'kysely';
import type { Db } from '../../../platform/services.js';
import { awaitingInterpretationQuery } from '../interpretation.repository.js';

export type Counts = Map<string, number>;

const scoped = (ids: readonly string[]) => (ids.length ? [...ids] : ['-']);
const toCounts = (rows: { agencyId: string; n: unknown }[]): Counts =>
  new Map(rows.map((r) => [r.agencyId, Number(r.n)]));

/** 三项清单 entries whose re-review is due on or before `today` (as `registerDue`). */
export async function registerDueCounts(
  db: Db,
  agencyIds: readonly string[],
  today: string,
): Promise<Counts> {
  const rows = await db
    .selectFrom('publications')
    .where('agency_id', 'in', scoped(agencyIds))
    .where('state', '=', 'registered')
    .where('next_review_on', '<=', today)
    .groupBy('agency_id')
    .select((eb) => ['agency_id as agencyId', eb.fn.countAll().as('n')])
    .execute();
  return toCounts(rows);
}

/** 待解读 policies (as `policiesAwaitingInterpretation`). */
export async function awaitingInterpretationCounts(db: Db, agencyIds: readonly string[]): Promise<Counts> {
  const rows = await awaitingInterpretationQuery(db, agencyIds)
    .groupBy('p.agency_id')
    .select((eb) => ['p.agency_id as agencyId', eb.fn.countAll().as('n')])
    .execute();
  return toCounts(rows);
}

/**
 * Supervision notes still unanswered after their due date (the supervision list's 逾期 filter and
 * `isOverdue`: status open, due_on before today).
 */
export async function overdueNoteCounts(
  db: Db,
  agencyIds: readonly string[],
  today: string,
): Promise<Counts> {
  const rows = await db
    .selectFrom('supervision_notes')
    .where('agency_id', 'in', scoped(agencyIds))
    .where('status', '=', 'open')
    .where('due_on', 'is not', null)
    .where('due_on', '<', today)
    .groupBy('agency_id')
    .select((eb) => ['agency_id as agencyId', eb.fn.countAll().as('n')])
    .execute();
  return toCounts(rows);
}

export const sumOf = (counts: Counts, ids: readonly string[]) =>
  ids.reduce((n, id) => n + (counts.get(id) ?? 0), 0);

/** A published version behind the timeliness figure. */
export interface PublishedVersionRow {
  publicationId: string;
  agencyId: string;
  version: number;
  title: string;
  formedOn: string | null;
  dueOn: string | null;
  publishedOn: string;
  docNoPrefix: string | null;
  docNoYear: number | null;
  docNoNumber: number | null;
}

/**
 * The versions counted by `timeliness` (authored items, published from `from` to `to`), late ones first,
 * then newest first; `lateOnly` keeps the late ones.
 */
export async function publishedVersionsIn(
  db: Db,
  agencyIds: readonly string[],
  range: { from: string; to: string; lateOnly?: boolean; limit: number },
): Promise<PublishedVersionRow[]> {
  const late = sql<boolean>`(v.due_on is not null and v.published_on > v.due_on)`;
  let q = db
    .selectFrom('publication_versions as v')
    .innerJoin('publications as p', 'p.id', 'v.publication_id')
    .where('v.agency_id', 'in', scoped(agencyIds))
    .where('p.source', '=', 'authored')
    .where('v.published_on', '>=', range.from)
    .where('v.published_on', '<=', range.to);
  if (range.lateOnly) q = q.where(late);
  const rows = await q
    .select([
      'v.publication_id as publicationId',
      'v.agency_id as agencyId',
      'v.version',
      'v.title',
      'v.formed_on as formedOn',
      'v.due_on as dueOn',
      'v.published_on as publishedOn',
      'p.doc_no_prefix as docNoPrefix',
      'p.doc_no_year as docNoYear',
      'p.doc_no_number as docNoNumber',
    ])
    .orderBy(sql`case when ${late} then 0 else 1 end`)
    .orderBy('v.published_on', 'desc')
    .orderBy('v.id')
    .limit(range.limit)
    .execute();
  return rows.map((r) => ({
    ...r,
    version: Number(r.version),
    docNoYear: r.docNoYear === null ? null : Number(r.docNoYear),
    docNoNumber: r.docNoNumber === null ? null : Number(r.docNoNumber),
  }));
}
