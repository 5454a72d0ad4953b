/** Row types of the publications tables, exactly as stored (ADR 0003 portable column types). */
export interface PublicationTable {
  id: string;
  agency_id: string;
  column_id: string | null;
  state: string;
  version: number;
  round: number;
  steps: string;
  published_version: number | null;
  title: string;
  summary: string;
  keywords: string;
  body_format: string;
  body_source: string;
  body_html: string;
  body_text: string;
  doc_no_prefix: string | null;
  doc_no_year: number | null;
  doc_no_number: number | null;
  written_on: string | null;
  formed_on: string | null;
  due_on: string | null;
  publisher_name: string;
  topic: string | null;
  genre: string | null;
  validity: string | null;
  validity_note: string | null;
  validity_changed_on: string | null;
  disclosure_attribute: string;
  withhold_ground: string | null;
  withhold_reason: string | null;
  decided_on: string | null;
  next_review_on: string | null;
  index_no: string | null;
  index_imported: number;
  scheduled_at: string | null;
  scheduled_by: string | null;
  first_published_at: string | null;
  published_at: string | null;
  published_on: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  source: string;
  created_by: string | null;
  updated_by: string | null;
  submitted_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface PublicationVersionTable {
  id: string;
  publication_id: string;
  agency_id: string;
  version: number;
  title: string;
  formed_on: string | null;
  due_on: string | null;
  published_on: string;
  published_at: string;
  published_by: string | null;
  snapshot_json: string;
}

export interface PublicationEventTable {
  id: string;
  publication_id: string;
  version: number;
  round: number;
  action: string;
  from_state: string;
  to_state: string;
  actor_id: string | null;
  actor_label: string;
  comment: string | null;
  at: string;
  seq: number;
}

export interface PublicationAttachmentTable {
  id: string;
  publication_id: string;
  sha256: string;
  file_name: string;
  type: string;
  size: number;
  text: string;
  extract_error: string | null;
  findings_json: string;
  sort_order: number;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface PublicationFindingOverrideTable {
  id: string;
  publication_id: string;
  finding_key: string;
  kind: string;
  reason: string;
  actor_id: string | null;
  actor_label: string;
  at: string;
}

export interface PublicationIndexCounterTable {
  agency_id: string;
  scope: string;
  last_serial: number;
  updated_at: string;
}

export interface PublicationInterpretationLinkTable {
  interpretation_id: string;
  policy_id: string;
  created_by: string | null;
  created_at: string;
}

export interface PublicationTables {
  publications: PublicationTable;
  publication_versions: PublicationVersionTable;
  publication_events: PublicationEventTable;
  publication_attachments: PublicationAttachmentTable;
  publication_finding_overrides: PublicationFindingOverrideTable;
  publication_index_counters: PublicationIndexCounterTable;
  publication_interpretation_links: PublicationInterpretationLinkTable;
}
