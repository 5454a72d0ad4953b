/** What leaves the server about a supervision note: the note, the names beside it, and whether it is overdue. */
import type { LegalDate } from '../../platform/legal-date.js';
import { isOverdue, type NoteView } from './supervision.js';

export function presentNote(n: NoteView, today: LegalDate) {
  return {
    id: n.id,
    agencyId: n.agencyId,
    agencyName: n.agencyName,
    authorId: n.authorId,
    authorName: n.authorName,
    authorAgencyId: n.authorAgencyId,
    authorAgencyName: n.authorAgencyName,
    kind: n.kind,
    subject: n.subject,
    body: n.body,
    dueOn: n.dueOn,
    createdAt: n.createdAt,
    status: n.status,
    overdue: isOverdue(n, today),
    answer: n.answer,
    answeredBy: n.answeredBy,
    answeredAt: n.answeredAt,
    closedBy: n.closedBy,
    closedAt: n.closedAt,
    closeReason: n.closeReason,
  };
}
