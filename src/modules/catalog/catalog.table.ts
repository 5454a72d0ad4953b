/** Row types of the catalogue tables, exactly as stored (ADR 0003: text ids, ISO text instants, 0/1 flags). */

/** One node of an agency's 政府信息公开 section: a section, a column, the 指南, or an editable page. */
export interface CatalogNodeTable {
  id: string;
  agency_id: string;
  parent_id: string | null;
  /** URL segment, fixed at creation so portal addresses never change. */
  slug: string;
  /** The slugs from the root down, joined with '/': unique per agency. */
  slug_path: string;
  name: string;
  kind: string; // section | column | guide | page
  /** e.g. '20.1' … '20.15', '21.city.1' … '21.city.7', '21.township.1' … '21.township.8'. */
  statutory_item: string | null;
  /** Stable key of a node created from the default template (e.g. 'guide', '20.5'); null for custom nodes. */
  template_key: string | null;
  holds_documents: number;
  /** Plain text of a 'page' node (paragraphs separated by blank lines); null otherwise. */
  body: string | null;
  sort_order: number;
  status: string; // active | retired
  retired_reason: string | null;
  retired_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The 政府信息公开指南 of an agency (第十二条): one row, its fields as a JSON object. */
export interface CatalogGuideTable {
  agency_id: string;
  /** JSON object: GuideFieldKey → text. */
  fields_json: string;
  updated_at: string;
  updated_by: string | null;
}

/** Per-agency disclosure settings; no row means the platform defaults. */
export interface DisclosureSettingsTable {
  agency_id: string;
  index_no_pattern: string | null;
  /** JSON array of strings. */
  sensitive_words_json: string;
  /** JSON array of strings: contacts published besides those in the 指南. */
  extra_contacts_json: string;
  /** JSON array of 'firstReview' | 'secrecyReview' | 'signOff'. */
  workflow_steps_json: string;
  withheld_review_months: number;
  updated_at: string;
  updated_by: string | null;
}

export interface CatalogTables {
  catalog_nodes: CatalogNodeTable;
  catalog_guides: CatalogGuideTable;
  disclosure_settings: DisclosureSettingsTable;
}
