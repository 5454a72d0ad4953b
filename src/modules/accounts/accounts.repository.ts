/** All SQL of agencies, users, roles and sessions. The caller owns the transaction. */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { AgencyTable, SessionTable, UserTable } from './accounts.table.js';

type Db = Kysely<Database> | Transaction<Database>;

export function findAgency(db: Db, id: string) {
  return db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findAgencyByCode(db: Db, code: string) {
  return db.selectFrom('agencies').selectAll().where('code', '=', code).executeTakeFirst();
}

export function listAgencies(db: Db) {
  return db.selectFrom('agencies').selectAll().orderBy('sort_order').orderBy('code').execute();
}

export async function insertAgency(db: Db, row: AgencyTable) {
  await db.insertInto('agencies').values(row).execute();
}

export async function updateAgency(db: Db, id: string, patch: Partial<AgencyTable>) {
  await db.updateTable('agencies').set(patch).where('id', '=', id).execute();
}

export async function insertNameHistory(db: Db, row: Database['agency_name_history']) {
  await db.insertInto('agency_name_history').values(row).execute();
}

export function nameHistory(db: Db, agencyId: string) {
  return db
    .selectFrom('agency_name_history')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('valid_until', 'desc')
    .execute();
}

/** The agency and everything below it (departments, lower governments, their departments). */
export async function subtreeIds(db: Db, rootId: string): Promise<string[]> {
  const rows = await db
    .withRecursive('sub(id)', (qb) =>
      qb
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', rootId)
        .unionAll((q) =>
          q.selectFrom('agencies').innerJoin('sub', 'sub.id', 'agencies.parent_id').select('agencies.id'),
        ),
    )
    .selectFrom('sub')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Agencies merged (directly or through a chain of mergers) into this one. */
export async function predecessorIds(db: Db, agencyId: string): Promise<string[]> {
  const rows = await db
    .withRecursive('pred(id)', (qb) =>
      qb
        .selectFrom('agencies')
        .select('id')
        .where('successor_id', '=', agencyId)
        .unionAll((q) =>
          q
            .selectFrom('agencies')
            .innerJoin('pred', 'pred.id', 'agencies.successor_id')
            .select('agencies.id'),
        ),
    )
    .selectFrom('pred')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

export function findUser(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export function listUsers(db: Db, agencyIds: string[] | 'all') {
  let q = db.selectFrom('users').selectAll();
  if (agencyIds !== 'all') {
    if (agencyIds.length === 0) return Promise.resolve([]);
    q = q.where('agency_id', 'in', agencyIds);
  }
  return q.orderBy('username').execute();
}

export async function insertUser(db: Db, row: UserTable) {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Db, id: string, patch: Partial<UserTable>) {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function rolesOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('user_roles').select('role').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role);
}

export async function rolesOfMany(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db.selectFrom('user_roles').selectAll().where('user_id', 'in', userIds).execute();
  for (const r of rows) map.set(r.user_id, [...(map.get(r.user_id) ?? []), r.role]);
  return map;
}

export async function setRoles(db: Db, userId: string, roles: string[]) {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length > 0)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute();
}

export async function insertSession(db: Db, row: SessionTable) {
  await db.insertInto('sessions').values(row).execute();
}

export function findLiveSession(db: Db, id: string, now: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, lastSeen: string, expiresAt: string) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeen, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function updateSession(db: Db, id: string, patch: Partial<SessionTable>) {
  await db.updateTable('sessions').set(patch).where('id', '=', id).execute();
}

export function liveSessionsOf(db: Db, userId: string, now: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export async function revokeSessions(db: Db, userId: string, now: string, exceptId?: string) {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
