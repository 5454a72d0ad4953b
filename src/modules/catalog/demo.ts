/**
 * Demo contents of the 指南 for the demo platform (src/demo/seed.ts): plausible but plainly fictitious
 * contacts — area code 0000, the reserved `.invalid` mail domain, addresses marked 演示.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Services } from '../../platform/services.js';
import { systemActor } from '../accounts/commands/context.js';
import { findGuide, updateGuide } from './catalog.repository.js';
import { parseGuideFields } from './guide.js';

/** Fills the office part of an agency's 指南 (after ensureCatalog); `n` numbers the demo agency from 1. */
export async function fillDemoGuide(
  trx: Transaction<Database>,
  services: Pick<Services, 'audit' | 'clock'>,
  agency: { id: string; name: string },
  n: number,
): Promise<void> {
  const row = await findGuide(trx, agency.id);
  if (!row) return;
  const nn = String(n).padStart(2, '0');
  const office = {
    officeName: `${agency.name}办公室`,
    officeAddress: `示例市示例大道${100 + n}号（演示地址）`,
    officePostcode: '000000',
    officeHours: '工作日上午9:00—12:00，下午13:30—17:30（法定节假日除外）',
    officePhone: `0000-55501${nn}`,
    officeFax: `0000-55502${nn}`,
    officeEmail: `gk${nn}@demo.invalid`,
  };
  const now = services.clock.now().toISOString();
  await updateGuide(trx, agency.id, {
    fields_json: JSON.stringify({ ...parseGuideFields(row.fields_json), ...office }),
    updated_at: now,
    updated_by: null,
  });
  await services.audit.record(trx, systemActor(), {
    agencyId: agency.id,
    action: 'catalog.guide_update',
    targetType: 'catalogGuide',
    targetId: agency.id,
    after: { ...office, source: 'demo' },
  });
}
