/** SQL of the site identity settings: one row, id 'site'. */
import type { Db } from '../../platform/services.js';
import { bumpPortalRevision } from './page-cache/revision.js';
import type { PortalSiteSettingsTable } from './portal.table.js';
import {
  EMPTY_SITE_SETTINGS,
  type FooterLink,
  type SiteSettings,
  type SiteSettingsRecord,
} from './site-settings.js';

export const SITE_ROW_ID = 'site';

function parseLinks(json: string): FooterLink[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v)
      ? v.filter((l): l is FooterLink => typeof l?.label === 'string' && typeof l?.url === 'string')
      : [];
  } catch {
    return [];
  }
}

function toSettings(row: PortalSiteSettingsTable): SiteSettingsRecord {
  return {
    siteName: row.site_name,
    baseUrl: row.base_url,
    siteIdCode: row.site_id_code,
    siteDomain: row.site_domain,
    icpNo: row.icp_no,
    psbNo: row.psb_no,
    conacId: row.conac_id,
    hostOrg: row.host_org,
    operatorOrg: row.operator_org,
    contactPhone: row.contact_phone,
    address: row.address,
    footerLinks: parseLinks(row.footer_links_json),
    updatedAt: row.updated_at,
  };
}

/** The stored settings; all empty while a platform admin has saved none. */
export async function getSiteSettings(db: Db): Promise<SiteSettingsRecord> {
  const row = await db
    .selectFrom('portal_site_settings')
    .selectAll()
    .where('id', '=', SITE_ROW_ID)
    .executeTakeFirst();
  return row ? toSettings(row) : { ...EMPTY_SITE_SETTINGS };
}

/** What changes on every save: the cache of each process compares it (one small query). */
export async function siteSettingsVersion(db: Db): Promise<string> {
  const row = await db
    .selectFrom('portal_site_settings')
    .select('revision')
    .where('id', '=', SITE_ROW_ID)
    .executeTakeFirst();
  return row ? String(row.revision) : '';
}

/** Saves the one row; call it in the save's transaction (it raises the portal's content revision too). */
export async function saveSiteSettingsRow(
  db: Db,
  s: SiteSettings,
  meta: { updatedAt: string; updatedBy: string | null },
): Promise<void> {
  const values = {
    site_name: s.siteName,
    base_url: s.baseUrl,
    site_id_code: s.siteIdCode,
    site_domain: s.siteDomain,
    icp_no: s.icpNo,
    psb_no: s.psbNo,
    conac_id: s.conacId,
    host_org: s.hostOrg,
    operator_org: s.operatorOrg,
    contact_phone: s.contactPhone,
    address: s.address,
    footer_links_json: JSON.stringify(s.footerLinks),
    updated_at: meta.updatedAt,
    updated_by: meta.updatedBy,
  };
  await db
    .insertInto('portal_site_settings')
    .values({ id: SITE_ROW_ID, revision: 1, ...values })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({ ...values, revision: eb('portal_site_settings.revision', '+', 1) })),
    )
    .execute();
  // Every public page shows the site identity: rendered pages of every process are out of date.
  await bumpPortalRevision(db);
}
