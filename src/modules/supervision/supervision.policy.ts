/**
 * Who may do what with supervision notes (ADR 0007).
 * - Post: a supervisor, on an agency of its supervised subtree.
 * - Answer: the supervised agency's own agencyAdmin or officeHead, never the note's author.
 * - Close: a supervisor who supervises both the agency and the note's author agency,
 *   so a lower supervisor cannot close a 督办 sent from above.
 * - Read: whoever reads the supervised agency.
 */

import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/services.js';
import type { Principal } from '../accounts/accounts.js';
import { canAct, canRead, canSupervise, supervisedRoot } from '../accounts/accounts.policy.js';
import { subtreeIds } from '../accounts/accounts.repository.js';
import { ANSWER_ROLES, type SupervisionNote, toNote } from './supervision.js';
import { findNote } from './supervision.repository.js';

/** The agencies this person may post notes to (all of its subtree, whatever their status). */
export async function supervisableAgencies(db: Db, p: Principal): Promise<string[]> {
  if (!p.roles.has('supervisor') || !p.agencyId) return [];
  const root = await supervisedRoot(db, p.agencyId);
  return root ? subtreeIds(db, root) : [];
}

export function canAnswer(p: Principal, note: Pick<SupervisionNote, 'agencyId'>): boolean {
  return canAct(p, note.agencyId, ANSWER_ROLES);
}

export async function canClose(
  db: Db,
  p: Principal,
  note: Pick<SupervisionNote, 'agencyId' | 'authorAgencyId'>,
): Promise<boolean> {
  return (await canSupervise(db, p, note.agencyId)) && (await canSupervise(db, p, note.authorAgencyId));
}

/** A note the person may read; anything else is 404, like its agency's other data (no existence oracle). */
export async function readableNote(db: Db, p: Principal, noteId: string): Promise<SupervisionNote> {
  const row = await findNote(db, noteId);
  if (!row || !(await canRead(db, p, row.agency_id))) throw new AppError('not_found');
  return toNote(row);
}
