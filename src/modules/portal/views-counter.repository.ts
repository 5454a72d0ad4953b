/** SQL of the view counters: which ids may be counted, the aggregated upsert, an item's total. */
import type { Db } from '../../platform/services.js';

/** Of these ids, those of live items (published at least once, not withdrawn, not registered). */
export async function liveIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('publications')
      .select('id')
      .where('id', 'in', ids.slice(i, i + 500))
      .where('published_version', 'is not', null)
      .where('state', 'not in', ['withdrawn', 'registered'])
      .execute();
    for (const r of rows) found.add(r.id);
  }
  return found;
}

export interface ViewRow {
  publication_id: string;
  day: string;
  count: number;
}

/** Adds the counts to their (item, day) rows, creating rows as needed; one statement per 500 rows. */
export async function addViews(db: Db, rows: readonly ViewRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('page_views')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .columns(['publication_id', 'day'])
          .doUpdateSet((eb) => ({ count: eb('page_views.count', '+', eb.ref('excluded.count')) })),
      )
      .execute();
}

/** All views of an item counted so far. */
export async function totalViews(db: Db, publicationId: string): Promise<number> {
  const row = await db
    .selectFrom('page_views')
    .select((eb) => eb.fn.sum<string | number | null>('count').as('n'))
    .where('publication_id', '=', publicationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
