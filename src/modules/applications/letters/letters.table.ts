/** Tables of letter templates, letter settings and applicant notifications (migration 2026-12-07-100). */

export interface ApplicationLetterTemplateTable {
  agency_id: string;
  template_key: string;
  title: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
}

export interface ApplicationLetterSettingsTable {
  agency_id: string;
  reconsideration_body: string | null;
  contact_line: string | null;
  address: string | null;
  remedies_json: string;
  updated_by: string | null;
  updated_at: string;
}

export interface ApplicationNotificationTable {
  id: string;
  case_id: string;
  agency_id: string;
  event_id: string;
  kind: string;
  channel: string | null;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  provider: string | null;
  created_at: string;
  sent_at: string | null;
  updated_at: string;
}

export interface ApplicationNotifyStateTable {
  id: string;
  cursor_at: string;
  updated_at: string;
}

export interface ApplicationLetterTables {
  application_letter_templates: ApplicationLetterTemplateTable;
  application_letter_settings: ApplicationLetterSettingsTable;
  application_notifications: ApplicationNotificationTable;
  application_notify_state: ApplicationNotifyStateTable;
}
