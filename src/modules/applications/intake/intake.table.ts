/** Tables of intake aids: publications from cases, retention, imports (migration 2026-12-07-110). */

/** A case whose reply's information became a proactive publication (第四十四条). */
export interface ApplicationPublicationLinkTable {
  id: string;
  case_id: string;
  publication_id: string;
  agency_id: string;
  /** repeatedRequests | publicInterest */
  ground: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

/** An agency's retention period of applicants' personal data after archiving (absent: the default). */
export interface ApplicationRetentionSettingsTable {
  agency_id: string;
  retention_years: number;
  updated_by: string | null;
  updated_at: string;
}

/** One erasure of a case's personal data at the end of its retention period (no personal data here). */
export interface ApplicationPersonalDataErasureTable {
  case_id: string;
  agency_id: string;
  archived_on: string;
  retention_years: number;
  erased_on: string;
  attachments_deleted: number;
  letter_files_deleted: number;
  erased_at: string;
}

/** One go-live import of cases from an old system. */
export interface ApplicationImportTable {
  id: string;
  agency_id: string;
  file_name: string;
  file_sha256: string;
  encoding: string;
  cases: number;
  imported_by: string | null;
  imported_at: string;
}

export interface ApplicationImportedCaseTable {
  case_id: string;
  import_id: string;
  agency_id: string;
  legacy_no: string;
  line: number;
}

export interface ApplicationIntakeTables {
  application_publication_links: ApplicationPublicationLinkTable;
  application_retention_settings: ApplicationRetentionSettingsTable;
  application_personal_data_erasures: ApplicationPersonalDataErasureTable;
  application_imports: ApplicationImportTable;
  application_imported_cases: ApplicationImportedCaseTable;
}
