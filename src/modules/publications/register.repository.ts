/**
 * 三项清单 and supervision figures: documents decided 依申请公开/不予公开 with their next 第十八条
 * re-review, and each agency's 第二十六条 timeliness rate.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/services.js';

const scoped = (ids: string[]) => (ids.length ? ids : ['-']);

/** Register entries (state registered) whose re-review is due on or before `today`, most overdue first. */
export function registerDue(db: Db, agencyIds: string[], today: string) {
  return db
    .selectFrom('publications')
    .selectAll()
    .where('agency_id', 'in', scoped(agencyIds))
    .where('state', '=', 'registered')
    .where('next_review_on', '<=', today)
    .orderBy('next_review_on')
    .orderBy('id')
    .execute();
}

/** The whole register of the agencies, by next review date. */
export function registerEntries(db: Db, agencyIds: string[]) {
  return db
    .selectFrom('publications')
    .selectAll()
    .where('agency_id', 'in', scoped(agencyIds))
    .where('state', '=', 'registered')
    .orderBy('next_review_on')
    .orderBy('id')
    .execute();
}

export interface Timeliness {
  agencyId: string;
  /** Versions published in the period (first publications and amendments). */
  published: number;
  /** Of those, published on or before their due date (publishedOn ≤ addWorkdays(formedOn, 20)). */
  onTime: number;
  /** onTime / published, or null when nothing was published. */
  rate: number | null;
}

/**
 * 第二十六条 timeliness per agency over publication dates from `from` to `to` (inclusive): one query
 * on the stored dates. Every published version counts (an amendment's clock runs from its 变更日期);
 * imported items do not, their dates belong to the system they came from.
 */
export async function timeliness(
  db: Db,
  agencyIds: string[],
  from: string,
  to: string,
): Promise<Timeliness[]> {
  const rows = await db
    .selectFrom('publication_versions as v')
    .innerJoin('publications as p', 'p.id', 'v.publication_id')
    .where('v.agency_id', 'in', scoped(agencyIds))
    .where('p.source', '=', 'authored')
    .where('v.published_on', '>=', from)
    .where('v.published_on', '<=', to)
    .groupBy('v.agency_id')
    .select((eb) => [
      'v.agency_id as agencyId',
      eb.fn.countAll().as('published'),
      eb.fn
        .sum(sql<number>`case when v.due_on is null or v.published_on <= v.due_on then 1 else 0 end`)
        .as('onTime'),
    ])
    .execute();
  const byAgency = new Map(rows.map((r) => [r.agencyId, r]));
  return agencyIds.map((agencyId) => {
    const r = byAgency.get(agencyId);
    const published = Number(r?.published ?? 0);
    const onTime = Number(r?.onTime ?? 0);
    return { agencyId, published, onTime, rate: published ? onTime / published : null };
  });
}
