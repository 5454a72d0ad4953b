/**
 * The demo platform's site identity (src/demo/seed.ts): plainly fictitious values — all-zero
 * registration numbers, area code 0000, organisations marked 演示数据 — never a real agency's. The
 * public address is left unset: only the operator knows the address the public will use (set it at
 * /admin/site to see the QR code and share links).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Services } from '../../platform/services.js';
import { systemActor } from '../accounts/commands/context.js';
import { readSiteSettings } from './site-settings.js';
import { saveSiteSettingsRow } from './site-settings.repository.js';

/** `cityCode`: the demo city's 统一社会信用代码, whose 指南 and 申请 pages the footer links. */
export function demoSiteInput(cityCode: string) {
  return {
    siteIdCode: '0000000000',
    icpNo: '京ICP备00000000号',
    psbNo: '京公网安备00000000000000号',
    conacId: 'DEMO0000000000000000',
    hostOrg: '示例市人民政府办公室（演示数据）',
    operatorOrg: '示例市大数据中心（演示数据）',
    contactPhone: '0000-5550000',
    address: '示例市示例大道1号（演示地址）',
    footerLinks: [
      { label: '联系我们', url: `/gk/${cityCode}/zfxxgkzn` },
      { label: '依申请公开', url: `/gk/${cityCode}/zfxxgksq` },
    ],
  };
}

export async function fillDemoSite(
  trx: Transaction<Database>,
  services: Pick<Services, 'audit' | 'clock'>,
  cityCode: string,
): Promise<void> {
  const settings = readSiteSettings(demoSiteInput(cityCode));
  await saveSiteSettingsRow(trx, settings, {
    updatedAt: services.clock.now().toISOString(),
    updatedBy: null,
  });
  await services.audit.record(trx, systemActor(), {
    agencyId: null,
    action: 'portal.site_update',
    targetType: 'siteSettings',
    targetId: 'site',
    after: { ...settings, source: 'demo' },
  });
}
