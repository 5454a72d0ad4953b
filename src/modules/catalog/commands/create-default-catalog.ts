/** The back-office button for an agency created without a catalogue: builds the default one. */
import { AppError } from '../../../platform/errors.js';
import { findAgency } from '../../accounts/accounts.repository.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import { bumpPortalRevision } from '../../portal/page-cache/revision.js';
import { assertCanEditCatalog } from '../catalog.policy.js';
import { ensureCatalog } from './ensure-catalog.js';

export async function createDefaultCatalog(ctx: CommandContext, agencyId: string): Promise<void> {
  const db = ctx.services.db;
  await assertCanEditCatalog(db, ctx.principal, agencyId);
  const agency = await findAgency(db, agencyId);
  if (!agency) throw new AppError('not_found');
  if (agency.status !== 'active') throw new AppError('refused', '已合并或撤销的单位不能再建立目录。');
  await db.transaction().execute(async (trx) => {
    await ensureCatalog(trx, ctx.services, agency, auditActor(ctx));
    await bumpPortalRevision(trx);
  });
}
