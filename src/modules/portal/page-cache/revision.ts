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

/** +1 on the revision, in the caller's transaction (call it last, after the writes). */
export async function bumpPortalRevision(trx: Db): Promise<void> {
  const r = await trx
    .updateTable('portal_content_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1), changed_at: new Date().toISOString() }))
    .where('id', '=', ID)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0)
    // The row is the migration's; should it ever be missing, start it again. Caches treat any other
    // revision than the one they hold as a change, a lower one too (page-cache.ts).
    await trx
      .insertInto('portal_content_revision')
      .values({ id: ID, revision: 1, changed_at: new Date().toISOString() })
      .execute();
}

/** A reader of the current revision: one compiled primary-key query (0 when the row is missing). */
export function revisionReader(db: Kysely<Database>): () => Promise<number> {
  const query = db.selectFrom('portal_content_revision').select('revision').where('id', '=', ID).compile();
  return async () => Number((await db.executeQuery(query)).rows[0]?.revision ?? 0);
}
