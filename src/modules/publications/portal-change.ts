/**
 * What a change of one publication changes on the public pages kept in the database (ADR 0014): its
 * own page and the pages of the items linked to it either way (they show its title and whether it is
 * live), whatever their state; and every page of its agency's section when it is, or was, marked not
 * in force — the section's menu shows 失效文件 only while the agency has such items.
 */

import type { Db } from '../../platform/services.js';
import type { PortalChange } from '../portal/page-cache/revision.js';
import { NOT_IN_FORCE } from '../portal/portal.js';
import type { Validity } from './vocabulary.js';

const notInForce = (v: string | null | undefined) => v != null && NOT_IN_FORCE.includes(v as Validity);

/**
 * Call after the writes, in the same transaction; `validityBefore` is the publication's 有效性 before
 * them (a change of it may add or remove the agency's 失效文件).
 */
export async function publicationChange(
  trx: Db,
  id: string,
  validityBefore: string | null | undefined,
): Promise<PortalChange> {
  const row = await trx
    .selectFrom('publications')
    .select(['agency_id', 'validity'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return { scope: 'site' };
  if (notInForce(validityBefore) || notInForce(row.validity))
    return { scope: 'agency', agencyId: row.agency_id };
  const links = await trx
    .selectFrom('publication_interpretation_links')
    .select(['interpretation_id', 'policy_id'])
    .where((eb) => eb.or([eb('interpretation_id', '=', id), eb('policy_id', '=', id)]))
    .execute();
  const itemIds = [id, ...links.flatMap((l) => [l.interpretation_id, l.policy_id])];
  return { scope: 'items', agencyId: row.agency_id, itemIds };
}
