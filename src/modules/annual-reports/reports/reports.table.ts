/** The annual reports' tables (migration 2026-12-07-130). */

export interface AnnualReportTable {
  id: string;
  agency_id: string;
  year: number;
  /** draft | checked | submitted (see reports.ts). */
  state: string;
  table2_json: string;
  sections_json: string;
  prefilled_from: string | null;
  findings_json: string;
  errors: number;
  warnings: number;
  checked_at: string | null;
  publication_id: string | null;
  submitted_version: number | null;
  submitted_by: string | null;
  submitted_at: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

export interface AnnualReportOpeningBalanceTable {
  agency_id: string;
  year: number;
  carried_over_json: string;
  pending_appeals_json: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface AnnualReportTables {
  annual_reports: AnnualReportTable;
  annual_report_opening_balances: AnnualReportOpeningBalanceTable;
}
