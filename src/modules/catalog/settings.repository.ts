/** SQL of the disclosure settings. The caller owns the transaction. */
import type { Db } from '../../platform/services.js';
import { findGuide } from './catalog.repository.js';
import type { DisclosureSettingsTable } from './catalog.table.js';
import { guideContacts, parseGuideFields } from './guide.js';
import { type DisclosureSettings, toDisclosureSettings } from './settings.js';

export function findSettingsRow(db: Db, agencyId: string): Promise<DisclosureSettingsTable | undefined> {
  return db
    .selectFrom('disclosure_settings')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .executeTakeFirst();
}

export async function upsertSettingsRow(db: Db, row: DisclosureSettingsTable): Promise<void> {
  const { agency_id: _, ...rest } = row;
  await db
    .insertInto('disclosure_settings')
    .values(row)
    .onConflict((oc) => oc.column('agency_id').doUpdateSet(rest))
    .execute();
}

/** The agency's settings, the platform defaults where it has saved none; contacts include the 指南's. */
export async function getDisclosureSettings(db: Db, agencyId: string): Promise<DisclosureSettings> {
  const row = await findSettingsRow(db, agencyId);
  const guide = await findGuide(db, agencyId);
  const contacts = guide ? guideContacts(parseGuideFields(guide.fields_json)) : [];
  return toDisclosureSettings(agencyId, row, contacts);
}
