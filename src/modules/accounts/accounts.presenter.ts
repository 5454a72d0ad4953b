/** What leaves the server about agencies and staff. Password hashes and TOTP secrets never do. */
import type { Agency, User } from './accounts.js';

export function presentAgency(a: Agency) {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    level: a.level,
    parentId: a.parentId,
    status: a.status,
    successorId: a.successorId,
    endedOn: a.endedOn,
    sortOrder: a.sortOrder,
  };
}

export function presentUser(u: User) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    agencyId: u.agencyId,
    roles: u.roles,
    isPlatformAdmin: u.isPlatformAdmin,
    status: u.status,
    totpEnabled: u.totpEnabled,
    locked: u.lockedUntil !== null,
  };
}
