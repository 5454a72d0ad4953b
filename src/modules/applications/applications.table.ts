/** Row types of the 依申请公开 tables, exactly as stored (migration 050; ADR 0003 portable column types). */
export interface ApplicationCaseTable {
  id: string;
  agency_id: string;
  tracking_no: string;
  query_code_hash: string;
  idempotency_key: string | null;
  submission_hash: string | null;
  channel: string;
  applicant_kind: string;
  state: string;
  version: number;
  submitted_at: string;
  arrived_on: string;
  received_on: string | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  clock_start_on: string | null;
  due_on: string | null;
  clock_state: string | null;
  correction_deadline: string | null;
  fee_payment_deadline: string | null;
  clock_as_of: string | null;
  clock_provisional: number;
  clock_settings_json: string;
  outcome: string | null;
  outcome_basis: string | null;
  closed_on: string | null;
  closure_reason: string | null;
  handler_id: string | null;
  assigned_at: string | null;
  pii_envelope: string;
  pii_key_id: string;
  applicant_id_index: string | null;
  applicant_contact_index: string | null;
  info_title: string | null;
  info_doc_no: string | null;
  info_index_no: string | null;
  info_description: string;
  info_purpose: string | null;
  information_forms: string;
  delivery_methods: string;
  accept_other_form: number;
  items: number;
  possible_repeat_of: string | null;
  not_ours_agency_id: string | null;
  not_ours_agency_name: string | null;
  not_ours_agency_contact: string | null;
  forwarded_from_id: string | null;
  forwarded_to_id: string | null;
  reply_round: number;
  redo_due_on: string | null;
  archived_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationEventTable {
  id: string;
  case_id: string;
  seq: number;
  action: string;
  kind: string;
  clock: number;
  on_date: string | null;
  data_json: string;
  from_state: string | null;
  to_state: string | null;
  actor_id: string | null;
  actor_label: string;
  note: string | null;
  at: string;
}

export interface ApplicationLetterTable {
  id: string;
  case_id: string;
  agency_id: string;
  kind: string;
  status: string;
  reply_round: number;
  superseded: number;
  year: number | null;
  serial: number | null;
  number: string | null;
  outcome: string | null;
  legal_basis: string | null;
  content_json: string;
  drafted_by: string | null;
  drafted_at: string;
  approved_by: string | null;
  approved_at: string | null;
  sent_on: string | null;
  sent_by: string | null;
  delivered_on: string | null;
  delivery_channel: string | null;
  delivery_proof: string | null;
  delivery_recorded_by: string | null;
  file_sha256: string | null;
  updated_at: string;
}

export interface ApplicationLetterCounterTable {
  agency_id: string;
  year: number;
  last_serial: number;
  updated_at: string;
}

export interface ApplicationTrackingCounterTable {
  prefix: string;
  year: number;
  last_serial: number;
  updated_at: string;
}

export interface ApplicationConsultationTable {
  id: string;
  case_id: string;
  addressee_kind: string;
  addressee_name: string;
  letter_id: string | null;
  sent_on: string;
  reached_on: string | null;
  answered_on: string | null;
  answer_summary: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationFeeTable {
  id: string;
  case_id: string;
  mode: string;
  items_before: number | null;
  items: number | null;
  pages: number | null;
  amount: number;
  explanation_json: string;
  notice_letter_id: string | null;
  notice_sent_on: string;
  notice_received_on: string | null;
  payment_code: string | null;
  paid_on: string | null;
  receipt_no: string | null;
  refunded_amount: number;
  refunded_on: string | null;
  refund_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationAttachmentTable {
  id: string;
  case_id: string;
  purpose: string;
  sha256: string;
  file_name: string;
  type: string;
  size: number;
  sort_order: number;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface ApplicationAppealTable {
  id: string;
  case_id: string;
  agency_id: string;
  kind: string;
  after_reconsideration: number;
  body_name: string;
  case_no: string | null;
  filed_on: string;
  decided_on: string | null;
  result: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationSettingsTable {
  agency_id: string;
  correction_period_workdays: number;
  fee_payment_workdays: number;
  cap_opinion_pause: number;
  extension_notice_by: string;
  letter_prefix: string | null;
  tracking_prefix: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface ApplicationTables {
  application_cases: ApplicationCaseTable;
  application_events: ApplicationEventTable;
  application_letters: ApplicationLetterTable;
  application_letter_counters: ApplicationLetterCounterTable;
  application_tracking_counters: ApplicationTrackingCounterTable;
  application_consultations: ApplicationConsultationTable;
  application_fees: ApplicationFeeTable;
  application_attachments: ApplicationAttachmentTable;
  application_appeals: ApplicationAppealTable;
  application_settings: ApplicationSettingsTable;
}
