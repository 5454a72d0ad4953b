/** Row types of the supervision tables, exactly as stored (portable column types, ADR 0003). */
export interface SupervisionNoteTable {
  id: string;
  /** The supervised agency: the note is part of its data and its audit chain. */
  agency_id: string;
  author_id: string;
  author_agency_id: string;
  /** comment (意见) | urge (督办) */
  kind: string;
  subject: string;
  body: string;
  /** YYYY-MM-DD: by when the agency must answer; required for urge. */
  due_on: string | null;
  /** open | answered | closed */
  status: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  closed_by: string | null;
  closed_at: string | null;
  close_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionTables {
  supervision_notes: SupervisionNoteTable;
}
