/** All SQL of the audit trail. */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AuditEventTable } from './audit.table.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Takes the chain's head for update. The no-op UPDATE takes a row lock on
 * PostgreSQL and the write lock on SQLite, so concurrent writers to one chain
 * queue up instead of racing for the same seq — without dialect-specific SQL.
 */
export async function lockHead(trx: Transaction<Database>, chain: string, genesisMac: string, now: string) {
  await trx
    .insertInto('audit_chain_heads')
    .values({ chain, seq: 0, mac: genesisMac, head_mac: '', updated_at: now })
    .onConflict((oc) => oc.column('chain').doNothing())
    .execute();
  await trx
    .updateTable('audit_chain_heads')
    .set((eb) => ({ seq: eb.ref('seq') }))
    .where('chain', '=', chain)
    .execute();
  return trx.selectFrom('audit_chain_heads').selectAll().where('chain', '=', chain).executeTakeFirstOrThrow();
}

export async function insertEvent(trx: Transaction<Database>, row: AuditEventTable) {
  await trx.insertInto('audit_events').values(row).execute();
}

export async function updateHead(
  trx: Transaction<Database>,
  chain: string,
  seq: number,
  mac: string,
  headMac: string,
  now: string,
) {
  await trx
    .updateTable('audit_chain_heads')
    .set({ seq, mac, head_mac: headMac, updated_at: now })
    .where('chain', '=', chain)
    .execute();
}

export function listHeads(db: Db) {
  return db.selectFrom('audit_chain_heads').selectAll().orderBy('chain').execute();
}

export function listChains(db: Db) {
  return db.selectFrom('audit_events').select('chain').distinct().orderBy('chain').execute();
}

export function eventsOfChain(db: Db, chain: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('chain', '=', chain)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export function lastCheckpoints(db: Db) {
  return db.selectFrom('audit_checkpoints').selectAll().orderBy('chain').orderBy('seq').execute();
}

export async function insertCheckpoint(db: Db, row: Database['audit_checkpoints']) {
  await db.insertInto('audit_checkpoints').values(row).execute();
}

export function getHead(db: Db, chain: string) {
  return db.selectFrom('audit_chain_heads').selectAll().where('chain', '=', chain).executeTakeFirst();
}

/** The MACs of the events of one chain at the given seqs (those that exist). */
export function eventMacsAt(db: Db, chain: string, seqs: number[]) {
  return db
    .selectFrom('audit_events')
    .select(['seq', 'mac'])
    .where('chain', '=', chain)
    .where('seq', 'in', seqs)
    .execute();
}

/** The highest checkpointed seq of every chain that has a checkpoint in the database. */
export async function latestCheckpointSeqs(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('audit_checkpoints')
    .select((eb) => ['chain', eb.fn.max('seq').as('seq')])
    .groupBy('chain')
    .execute();
  return new Map(rows.map((r) => [r.chain, Number(r.seq)]));
}

export async function insertCheckpoints(db: Db, rows: Database['audit_checkpoints'][]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('audit_checkpoints')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Checkpoints in id order, one page after `afterId` (keyset paging). */
export function checkpointsPage(db: Db, afterId: string | null, limit: number) {
  let query = db.selectFrom('audit_checkpoints').selectAll();
  if (afterId !== null) query = query.where('id', '>', afterId);
  return query.orderBy('id').limit(limit).execute();
}

export interface AuditQuery {
  agencyIds: string[] | 'all';
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function searchEvents(db: Db, q: AuditQuery) {
  let query = db.selectFrom('audit_events');
  if (q.agencyIds !== 'all') {
    if (q.agencyIds.length === 0) return { rows: [], total: 0 };
    query = query.where('agency_id', 'in', q.agencyIds);
  }
  if (q.action) query = query.where('action', '=', q.action);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.from) query = query.where('occurred_at', '>=', q.from);
  if (q.to) query = query.where('occurred_at', '<', q.to);
  const totalRow = await query.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await query
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  return { rows, total: Number(totalRow?.n ?? 0) };
}
