/** Row types of the accounts tables, exactly as stored (see ADR 0003 for the portable column types). */
export interface AgencyTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  level: string;
  parent_id: string | null;
  status: string;
  successor_id: string | null;
  ended_on: string | null;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface AgencyNameHistoryTable {
  id: string;
  agency_id: string;
  name: string;
  valid_until: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  agency_id: string | null;
  is_platform_admin: number;
  password_hash: string;
  must_change_password: number;
  totp_secret: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  failed_logins: number;
  locked_until: string | null;
  status: string;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: string;
  role: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  mfa_pending: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
}
