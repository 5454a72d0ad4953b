/**
 * Saves the platform's site identity (platform admins only): checks every field, writes the one
 * row and an audit event (before/after of the changed fields) in one transaction, then reloads the
 * cached settings of this process. Saving unchanged values writes nothing.
 */
import { diff } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { Input } from '../../platform/validate.js';
import { auditActor, type CommandContext } from '../accounts/commands/context.js';
import { readSiteSettings, type SiteSettings, type SiteSettingsRecord } from './site-settings.js';
import { getSiteSettings, saveSiteSettingsRow } from './site-settings.repository.js';
import { siteSettingsStore } from './site-settings.store.js';

const comparable = (s: SiteSettings): SiteSettings & Record<string, unknown> => ({
  siteName: s.siteName,
  baseUrl: s.baseUrl,
  siteIdCode: s.siteIdCode,
  siteDomain: s.siteDomain,
  icpNo: s.icpNo,
  psbNo: s.psbNo,
  conacId: s.conacId,
  hostOrg: s.hostOrg,
  operatorOrg: s.operatorOrg,
  contactPhone: s.contactPhone,
  address: s.address,
  footerLinks: s.footerLinks,
});

export async function saveSiteSettings(ctx: CommandContext, input: Input): Promise<SiteSettingsRecord> {
  if (!ctx.principal.isPlatformAdmin) throw new AppError('forbidden', '仅平台管理员可以修改站点设置。');
  const next = readSiteSettings(input);
  const { db, audit, clock } = ctx.services;
  const current = await getSiteSettings(db);
  const d = diff(comparable(current), comparable(next));
  if (Object.keys(d.after).length === 0) return current;
  await db.transaction().execute(async (trx) => {
    await saveSiteSettingsRow(trx, next, {
      updatedAt: clock.now().toISOString(),
      updatedBy: ctx.principal.userId,
    });
    await audit.record(trx, auditActor(ctx), {
      agencyId: null,
      action: 'portal.site_update',
      targetType: 'siteSettings',
      targetId: 'site',
      before: d.before,
      after: d.after,
    });
  });
  // After the commit (no cache ever holds uncommitted settings); this process's next page shows them.
  return siteSettingsStore(db, clock).refresh();
}
