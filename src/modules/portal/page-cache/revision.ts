/**
 * The public pages' content revision (table portal_content_revision, one row 'portal'): every
 * transaction that changes what a public page shows raises it (`bumpPortalRevision(trx)`, its last
 * statement), and every process's rendered-page cache compares it before serving (ADR 0010).
 *
 * Raising it inside the writer's transaction means a reader sees the new revision exactly when it
 * can see the new content: a cache that read revision R before rendering can only hold pages at
 * least as new as R. PostgreSQL locks the row until the commit, so writers that change public pages
 * take turns at that one statement; it is each transaction's last one, so nothing waits on it long.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Db } from '../../../platform/services.js';

const ID = 'portal';

/**
 * What a raise of the revision changed, for the pages kept in the database (page-store.ts, ADR 0014):
 * - `site`: anything may have changed (the default — always safe);
 * - `agency`: every page of that agency's section (its catalogue, its name, whether it has 失效文件);
 * - `items`: the pages of those items only — the items changed and every item whose page shows them
 *   (linked 解读 / policies), so the caller lists those too.
 * The in-process caches do not distinguish: any raise empties them (page-cache.ts).
 */
export type PortalChange =
  | { scope: 'site' }
  | { scope: 'agency'; agencyId: string }
  | { scope: 'items'; agencyId: string; itemIds: readonly string[] };

const SITE: PortalChange = { scope: 'site' };

/**
 * +1 on the revision, in the caller's transaction (call it last, after the writes), recording what
 * changed; returns the new revision.
 */
export async function bumpPortalRevision(trx: Db, change: PortalChange = SITE): Promise<number> {
  const at = new Date().toISOString();
  const row = await trx
    .updateTable('portal_content_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1), changed_at: at }))
    .where('id', '=', ID)
    .returning('revision')
    .executeTakeFirst();
  let revision = row ? Number(row.revision) : 0;
  if (!row) {
    // The row is the migration's; should it ever be missing, start it again above every revision
    // recorded anywhere, as a change of the whole site. Caches treat any other revision than the one
    // they hold as a change, a lower one too (page-cache.ts).
    const [changes, store] = await Promise.all([
      trx
        .selectFrom('portal_page_changes')
        .select((eb) => eb.fn.max('revision').as('r'))
        .executeTakeFirst(),
      trx
        .selectFrom('portal_page_store')
        .select((eb) => eb.fn.max('revision').as('r'))
        .executeTakeFirst(),
    ]);
    revision = Math.max(Number(changes?.r ?? 0), Number(store?.r ?? 0)) + 1;
    await trx.insertInto('portal_content_revision').values({ id: ID, revision, changed_at: at }).execute();
    change = SITE;
  }
  await trx
    .insertInto('portal_page_changes')
    .values({
      revision,
      agency_id: change.scope === 'site' ? null : change.agencyId,
      scope: change.scope,
      at,
    })
    .execute();
  if (change.scope === 'items') {
    const ids = [...new Set(change.itemIds)];
    if (ids.length > 0)
      await trx
        .insertInto('portal_page_change_items')
        .values(ids.map((item_id) => ({ item_id, revision })))
        .execute();
  }
  return revision;
}

/** A reader of the current revision: one compiled primary-key query (0 when the row is missing). */
export function revisionReader(db: Kysely<Database>): () => Promise<number> {
  const query = db.selectFrom('portal_content_revision').select('revision').where('id', '=', ID).compile();
  return async () => Number((await db.executeQuery(query)).rows[0]?.revision ?? 0);
}
