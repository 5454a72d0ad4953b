/** SQL of the 索引号 serial counters: one row per agency (and year, when the pattern has {YYYY}). */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';

type Trx = Transaction<Database>;

/**
 * Takes the counter row for update and returns its last serial. As with the audit chain head
 * (audit.repository.ts lockHead), a no-op UPDATE takes the row lock on PostgreSQL and the write
 * lock on SQLite, so concurrent publications of one agency queue up instead of drawing the same
 * serial; the INSERT … ON CONFLICT DO NOTHING creates the row on first use without a race.
 */
export async function lockCounter(trx: Trx, agencyId: string, scope: string, now: string): Promise<number> {
  await trx
    .insertInto('publication_index_counters')
    .values({ agency_id: agencyId, scope, last_serial: 0, updated_at: now })
    .onConflict((oc) => oc.columns(['agency_id', 'scope']).doNothing())
    .execute();
  await trx
    .updateTable('publication_index_counters')
    .set((eb) => ({ last_serial: eb.ref('last_serial') }))
    .where('agency_id', '=', agencyId)
    .where('scope', '=', scope)
    .execute();
  const row = await trx
    .selectFrom('publication_index_counters')
    .select('last_serial')
    .where('agency_id', '=', agencyId)
    .where('scope', '=', scope)
    .executeTakeFirstOrThrow();
  return Number(row.last_serial);
}

/** Sets the counter (after lockCounter in the same transaction); never lowers it. */
export async function raiseCounter(
  trx: Trx,
  agencyId: string,
  scope: string,
  serial: number,
  now: string,
): Promise<void> {
  await trx
    .updateTable('publication_index_counters')
    .set({ last_serial: serial, updated_at: now })
    .where('agency_id', '=', agencyId)
    .where('scope', '=', scope)
    .where('last_serial', '<', serial)
    .execute();
}
