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

/** A rendered item page kept in the database (120 migration, ADR 0014). */
export interface PortalPageStoreTable {
  url: string;
  agency_id: string;
  item_id: string;
  revision: number;
  render_key: string;
  status: number;
  etag: string;
  last_modified: string | null;
  cache_control: string;
  content_type: string;
  body: Buffer;
  stored_at: string;
}

/** What one raise of the content revision changed: the site, an agency's pages, or some items. */
export interface PortalPageChangeTable {
  revision: number;
  agency_id: string | null;
  scope: 'site' | 'agency' | 'items';
  at: string;
}

export interface PortalPageChangeItemTable {
  item_id: string;
  revision: number;
}

export interface PortalTables {
  portal_site_settings: PortalSiteSettingsTable;
  page_views: PageViewTable;
  portal_content_revision: PortalContentRevisionTable;
  portal_page_store: PortalPageStoreTable;
  portal_page_changes: PortalPageChangeTable;
  portal_page_change_items: PortalPageChangeItemTable;
}
