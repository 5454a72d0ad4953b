/**
 * Server-side sessions. The cookie holds a random token; the database holds
 * only its SHA-256, so a leaked database cannot be replayed as cookies.
 * Sessions slide on use, expire when idle, and can be revoked one by one.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Principal, Role } from '../../modules/accounts/accounts.js';
import { ROLES } from '../../modules/accounts/accounts.js';
import {
  findLiveSession,
  findUser,
  insertSession,
  rolesOf,
  touchSession,
} from '../../modules/accounts/accounts.repository.js';
import { isoNow } from '../clock.js';
import { newToken } from '../http/csrf.js';
import type { Db, Services } from '../services.js';

export const SESSION_COOKIE = 'gk_session';

export interface SessionInfo {
  id: string;
  csrfToken: string;
  mfaPending: boolean;
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  s: Pick<Services, 'clock' | 'config'>,
  userId: string,
  opts: { mfaPending: boolean; userAgent: string | null },
): Promise<{ token: string; session: SessionInfo }> {
  const token = randomBytes(32).toString('base64url');
  const id = sessionIdOf(token);
  const now = s.clock.now();
  const csrf = newToken();
  await insertSession(db, {
    id,
    user_id: userId,
    csrf_token: csrf,
    mfa_pending: opts.mfaPending ? 1 : 0,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: new Date(now.getTime() + s.config.sessionIdleMinutes * 60_000).toISOString(),
    user_agent: opts.userAgent?.slice(0, 200) ?? null,
    revoked_at: null,
  });
  return { token, session: { id, csrfToken: csrf, mfaPending: opts.mfaPending } };
}

export interface LoadedSession {
  session: SessionInfo;
  principal: Principal & { mustChangePassword: boolean };
}

/** Resolves a cookie token to its live session and person, sliding the expiry at most once a minute. */
export async function loadSession(s: Services, token: string | undefined): Promise<LoadedSession | null> {
  if (!token || token.length > 200) return null;
  const id = sessionIdOf(token);
  const now = s.clock.now();
  const row = await findLiveSession(s.db, id, now.toISOString());
  if (!row) return null;
  const user = await findUser(s.db, row.user_id);
  if (user?.status !== 'active') return null;
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    await touchSession(
      s.db,
      id,
      isoNow(s.clock),
      new Date(now.getTime() + s.config.sessionIdleMinutes * 60_000).toISOString(),
    );
  }
  const roles = (await rolesOf(s.db, user.id)).filter((r): r is Role =>
    (ROLES as readonly string[]).includes(r),
  );
  return {
    session: { id, csrfToken: row.csrf_token, mfaPending: Number(row.mfa_pending) === 1 },
    principal: {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      agencyId: user.agency_id,
      roles: new Set(roles),
      isPlatformAdmin: Number(user.is_platform_admin) === 1,
      mustChangePassword: Number(user.must_change_password) === 1,
    },
  };
}
