/**
 * Supervision notes (督办/意见): what a supervisor (主管部门) sends to an agency of
 * its subtree, and the agency's answer. Supervisors comment and 督办 but never
 * edit the agency's own data (ADR 0007); the note is the only thing they write.
 *
 * The workflow is a small state machine: open → answered → closed, or
 * open → closed with a reason. Each transition first lists, in plain Chinese,
 * why it cannot proceed, so the back office can say why a button is missing.
 */

import type { LegalDate } from '../../platform/legal-date.js';
import type { Role } from '../accounts/accounts.js';
import type { NoteListRow } from './supervision.repository.js';
import type { SupervisionNoteTable } from './supervision.table.js';

export const NOTE_KINDS = ['comment', 'urge'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = { comment: '意见', urge: '督办' };

export const NOTE_STATUSES = ['open', 'answered', 'closed'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];
export const NOTE_STATUS_LABELS: Record<NoteStatus, string> = {
  open: '待答复',
  answered: '已答复',
  closed: '已办结',
};

/** Who answers for the supervised agency, in that very agency. */
export const ANSWER_ROLES: readonly Role[] = ['agencyAdmin', 'officeHead'];

export const LIMITS = { subject: 100, body: 2000, answer: 2000, reason: 500 } as const;

export interface SupervisionNote {
  id: string;
  agencyId: string;
  authorId: string;
  authorAgencyId: string;
  kind: NoteKind;
  subject: string;
  body: string;
  dueOn: LegalDate | null;
  status: NoteStatus;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  closeReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toNote(row: SupervisionNoteTable): SupervisionNote {
  return {
    id: row.id,
    agencyId: row.agency_id,
    authorId: row.author_id,
    authorAgencyId: row.author_agency_id,
    kind: row.kind as NoteKind,
    subject: row.subject,
    body: row.body,
    dueOn: (row.due_on as LegalDate | null) ?? null,
    status: row.status as NoteStatus,
    answer: row.answer,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A note with the names shown beside it (agency, author, who answered and closed). */
export interface NoteView extends SupervisionNote {
  agencyName: string;
  authorAgencyName: string;
  authorName: string;
  answererName: string | null;
  closerName: string | null;
}

export function toNoteView(row: NoteListRow): NoteView {
  return {
    ...toNote(row),
    agencyName: row.agency_name,
    authorAgencyName: row.author_agency_name,
    authorName: row.author_name,
    answererName: row.answerer_name,
    closerName: row.closer_name,
  };
}

/** Overdue: still waiting for the agency's answer after its due date (China's calendar date). */
export function isOverdue(note: Pick<SupervisionNote, 'status' | 'dueOn'>, today: LegalDate): boolean {
  return note.status === 'open' && note.dueOn !== null && note.dueOn < today;
}

/** Why the agency cannot answer this note now (empty: it can). */
export function answerBlockers(note: Pick<SupervisionNote, 'status'>): string[] {
  if (note.status === 'answered') return ['该事项已经答复，等待主管部门办结。'];
  if (note.status === 'closed') return ['该事项已办结，不能再答复。'];
  return [];
}

/** Why the supervisor cannot close this note now (empty: it can, given a reason when unanswered). */
export function closeBlockers(note: Pick<SupervisionNote, 'status'>): string[] {
  if (note.status === 'closed') return ['该事项已经办结。'];
  return [];
}

/** An unanswered note needs a reason to be closed; an answered one may be closed without. */
export function closeNeedsReason(note: Pick<SupervisionNote, 'status'>): boolean {
  return note.status === 'open';
}
