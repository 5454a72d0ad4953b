/**
 * Who may do what with a catalogue, its 指南 and its disclosure settings.
 * - Reading: anyone whose read scope holds the agency (its staff, supervisors above it, the platform
 *   admin); enforced by the routes' access rule `read`.
 * - Changing: the agency's own 单位管理员 (agencyAdmin) only. Supervisors read but never edit
 *   (ADR 0007); the platform admin runs the platform, not an agency's section.
 */

import { AppError } from '../../platform/errors.js';
import type { Db } from '../../platform/services.js';
import type { Principal, Role } from '../accounts/accounts.js';
import { canAct, canRead } from '../accounts/accounts.policy.js';

export const CATALOG_EDITORS: readonly Role[] = ['agencyAdmin'];

export function canEditCatalog(p: Principal, agencyId: string): boolean {
  return canAct(p, agencyId, CATALOG_EDITORS);
}

/** 404 outside the read scope, 403 inside it without the role (ADR 0007). */
export async function assertCanEditCatalog(db: Db, p: Principal, agencyId: string): Promise<void> {
  if (canEditCatalog(p, agencyId)) return;
  if (await canRead(db, p, agencyId))
    throw new AppError('forbidden', '只有本单位的单位管理员可以修改政府信息公开目录、指南和设置。');
  throw new AppError('not_found');
}
