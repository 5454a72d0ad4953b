/** Domain types of agencies and staff, and the explicit row → domain mapping. */
import type { AgencyTable, UserTable } from './accounts.table.js';

export const ROLES = [
  'editor',
  'firstReviewer',
  'secrecyReviewer',
  'signer',
  'officeHead',
  'caseHandler',
  'agencyAdmin',
  'supervisor',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  editor: '编辑',
  firstReviewer: '初审',
  secrecyReviewer: '保密审查',
  signer: '审签领导',
  officeHead: '公开办负责人',
  caseHandler: '依申请办理',
  agencyAdmin: '单位管理员',
  supervisor: '主管部门（政务公开办）',
};

export const AGENCY_KINDS = ['government', 'department'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  government: '人民政府',
  department: '政府部门',
};

export const AGENCY_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];
export const AGENCY_LEVEL_LABELS: Record<AgencyLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡级',
};

export type AgencyStatus = 'active' | 'merged' | 'abolished';
export const AGENCY_STATUS_LABELS: Record<AgencyStatus, string> = {
  active: '正常',
  merged: '已合并',
  abolished: '已撤销',
};

export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: AgencyKind;
  level: AgencyLevel;
  parentId: string | null;
  status: AgencyStatus;
  successorId: string | null;
  endedOn: string | null;
  sortOrder: number;
  createdAt: string;
  updatedAt: string;
}

export function toAgency(row: AgencyTable): Agency {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind as AgencyKind,
    level: row.level as AgencyLevel,
    parentId: row.parent_id,
    status: row.status as AgencyStatus,
    successorId: row.successor_id,
    endedOn: row.ended_on,
    sortOrder: Number(row.sort_order),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  agencyId: string | null;
  isPlatformAdmin: boolean;
  roles: Role[];
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export function toUser(row: UserTable, roles: string[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    agencyId: row.agency_id,
    isPlatformAdmin: Number(row.is_platform_admin) === 1,
    roles: ROLES.filter((r) => roles.includes(r)),
    status: row.status as User['status'],
    mustChangePassword: Number(row.must_change_password) === 1,
    totpEnabled: Number(row.totp_enabled) === 1,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

/** The signed-in person, as every policy and command sees them. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  agencyId: string | null;
  roles: ReadonlySet<Role>;
  isPlatformAdmin: boolean;
}

export function actorLabel(p: Pick<Principal, 'displayName' | 'username'>): string {
  return `${p.displayName}（${p.username}）`;
}

/** A new staff account's row: every security field starts clean. */
export function newUserRow(u: {
  id: string;
  username: string;
  displayName: string;
  agencyId: string | null;
  isPlatformAdmin?: boolean;
  passwordHash: string;
  mustChangePassword: boolean;
  now: string;
}): UserTable {
  return {
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    agency_id: u.agencyId,
    is_platform_admin: u.isPlatformAdmin ? 1 : 0,
    password_hash: u.passwordHash,
    must_change_password: u.mustChangePassword ? 1 : 0,
    totp_secret: null,
    totp_enabled: 0,
    totp_last_step: null,
    failed_logins: 0,
    locked_until: null,
    status: 'active',
    password_changed_at: u.now,
    created_at: u.now,
    updated_at: u.now,
  };
}
