/** All SQL of supervision notes. The caller owns the transaction. */
import type { LegalDate } from '../../platform/legal-date.js';
import type { Db } from '../../platform/services.js';
import type { NoteStatus } from './supervision.js';
import type { SupervisionNoteTable } from './supervision.table.js';

export function findNote(db: Db, id: string) {
  return db.selectFrom('supervision_notes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertNote(db: Db, row: SupervisionNoteTable): Promise<void> {
  await db.insertInto('supervision_notes').values(row).execute();
}

/**
 * Updates a note only while it is still in `from` (so two people acting at once
 * cannot both move it); returns whether it did.
 */
export async function updateNoteFrom(
  db: Db,
  id: string,
  from: readonly NoteStatus[],
  patch: Partial<SupervisionNoteTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('supervision_notes')
    .set(patch)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface NoteFilter {
  /** The agencies whose notes to list ('all' for the platform admin). */
  agencyIds: readonly string[] | 'all';
  status?: NoteStatus | null;
  /** Only open notes due before this date (overdue as of that day). */
  overdueOn?: LegalDate | null;
  limit?: number;
}

/** A note with the names a page shows beside it. */
export type NoteListRow = SupervisionNoteTable & {
  agency_name: string;
  author_agency_name: string;
  author_name: string;
  answerer_name: string | null;
  closer_name: string | null;
};

function withNames(db: Db) {
  return db
    .selectFrom('supervision_notes as n')
    .innerJoin('agencies as a', 'a.id', 'n.agency_id')
    .innerJoin('agencies as aa', 'aa.id', 'n.author_agency_id')
    .innerJoin('users as au', 'au.id', 'n.author_id')
    .leftJoin('users as an', 'an.id', 'n.answered_by')
    .leftJoin('users as cl', 'cl.id', 'n.closed_by')
    .selectAll('n')
    .select([
      'a.name as agency_name',
      'aa.name as author_agency_name',
      'au.display_name as author_name',
      'an.display_name as answerer_name',
      'cl.display_name as closer_name',
    ]);
}

/** Newest first. */
export async function listNotes(db: Db, f: NoteFilter): Promise<NoteListRow[]> {
  if (f.agencyIds !== 'all' && f.agencyIds.length === 0) return [];
  let q = withNames(db);
  if (f.agencyIds !== 'all') q = q.where('n.agency_id', 'in', [...f.agencyIds]);
  if (f.status) q = q.where('n.status', '=', f.status);
  if (f.overdueOn)
    q = q
      .where('n.status', '=', 'open')
      .where('n.due_on', 'is not', null)
      .where('n.due_on', '<', f.overdueOn);
  return q
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(f.limit ?? 500)
    .execute();
}

export function findNoteWithNames(db: Db, id: string): Promise<NoteListRow | undefined> {
  return withNames(db).where('n.id', '=', id).executeTakeFirst();
}
