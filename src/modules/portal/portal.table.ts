/** Row types of the portal's own tables: site identity settings, view counters (040 migration),
 * the content revision (090). */

/** The platform's site identity: one row, id 'site'; null columns are not shown. */
export interface PortalSiteSettingsTable {
  id: string;
  site_name: string | null;
  base_url: string | null;
  site_id_code: string | null;
  site_domain: string | null;
  icp_no: string | null;
  psb_no: string | null;
  conac_id: string | null;
  host_org: string | null;
  operator_org: string | null;
  contact_phone: string | null;
  address: string | null;
  /** JSON array of { label, url }. */
  footer_links_json: string;
  /** +1 on every save. */
  revision: number;
  updated_at: string;
  updated_by: string | null;
}

/** Views of one published item on one legal day (aggregated; no reader data). */
export interface PageViewTable {
  publication_id: string;
  day: string;
  count: number;
}

/**
 * The public pages' content revision (090 migration): one row, id 'portal', raised in the same
 * transaction as every change that affects a public page; rendered-page caches compare it (ADR 0010).
 */
export interface PortalContentRevisionTable {
  id: string;
  revision: number;
  changed_at: string;
}

export interface PortalTables {
  portal_site_settings: PortalSiteSettingsTable;
  page_views: PageViewTable;
  portal_content_revision: PortalContentRevisionTable;
}
