/** SQL of the publication rows, their workflow events and published versions. The caller owns the transaction. */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/services.js';
import type {
  PublicationEventTable,
  PublicationTable,
  PublicationVersionTable,
} from './publications.table.js';

export function findPublication(db: Db, id: string) {
  return db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPublications(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('publications').selectAll().where('id', 'in', ids).execute();
}

export async function agencyOfPublication(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('publications').select('agency_id').where('id', '=', id).executeTakeFirst();
  return row?.agency_id ?? null;
}

export async function insertPublication(db: Db, row: PublicationTable): Promise<void> {
  await db.insertInto('publications').values(row).execute();
}

/**
 * Changes a publication only if it is still in `expectedState` (and at `expectedRound` when given): the
 * UPDATE takes the row's lock, so of two reviewers acting at once exactly one succeeds. Returns whether
 * the row was changed.
 */
export async function updatePublicationIf(
  db: Db,
  id: string,
  expected: { state: string; round?: number },
  patch: Partial<PublicationTable>,
): Promise<boolean> {
  let q = db.updateTable('publications').set(patch).where('id', '=', id).where('state', '=', expected.state);
  if (expected.round !== undefined) q = q.where('round', '=', expected.round);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function indexNoTaken(db: Db, indexNo: string): Promise<boolean> {
  const row = await db
    .selectFrom('publications')
    .select('id')
    .where('index_no', '=', indexNo)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertEvent(db: Db, row: Omit<PublicationEventTable, 'id' | 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('publication_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('publication_id', '=', row.publication_id)
    .executeTakeFirst();
  await db
    .insertInto('publication_events')
    .values({ ...row, id: randomUUID(), seq: Number(last?.seq ?? 0) + 1 })
    .execute();
}

export function listEvents(db: Db, publicationId: string) {
  return db
    .selectFrom('publication_events')
    .selectAll()
    .where('publication_id', '=', publicationId)
    .orderBy('seq')
    .execute();
}

/** Review approvals of one round: who approved which step (for one-person-one-step). */
export function approvalsInRound(db: Db, publicationId: string, round: number) {
  return db
    .selectFrom('publication_events')
    .select(['actor_id', 'from_state'])
    .where('publication_id', '=', publicationId)
    .where('round', '=', round)
    .where('action', 'in', ['approve', 'publish', 'schedule', 'register'])
    .execute();
}

export async function insertVersion(db: Db, row: PublicationVersionTable): Promise<void> {
  await db.insertInto('publication_versions').values(row).execute();
}

export function listVersions(db: Db, publicationId: string) {
  return db
    .selectFrom('publication_versions')
    .selectAll()
    .where('publication_id', '=', publicationId)
    .orderBy('version', 'desc')
    .execute();
}

export function findVersion(db: Db, publicationId: string, version: number) {
  return db
    .selectFrom('publication_versions')
    .selectAll()
    .where('publication_id', '=', publicationId)
    .where('version', '=', version)
    .executeTakeFirst();
}
