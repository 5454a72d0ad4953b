/**
 * Authorization, tested from the route table: every route Fastify has is tried
 * by a user of every role in agency A against a resource of agency B, which
 * lies outside A's scope (and outside every demo supervisor's subtree). Each
 * must answer 403 or 404 and write nothing; routes that only act on the
 * caller's own account must not leak or touch B's data.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { newUserRow } from '../../src/modules/accounts/accounts.js';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import { type Client, type TestApp, testApp } from '../app.js';
import { dialects } from '../db.js';
import { resourcesOfB } from './authz-fixtures.js';

/** Every table except Kysely's own bookkeeping: a new module's tables are covered without editing this file. */
async function tablesOf(t: TestApp): Promise<string[]> {
  const tables = await t.handle.db.introspection.getTables();
  return tables
    .map((x) => x.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
}

/** A-side actors: one per role of 示例市民政局, both supervisors, a county editor. */
const ACTORS = [
  'mz.editor',
  'mz.reviewer',
  'mz.secrecy',
  'mz.signer',
  'mz.office',
  'mz.handler',
  'mz.admin',
  'city.supervisor',
  'county.supervisor',
  'qh.editor',
];

async function dump(t: TestApp): Promise<string> {
  const out: Record<string, unknown[]> = {};
  for (const table of await tablesOf(t)) {
    const rows = await t.handle.db
      .selectFrom(table as 'agencies')
      .selectAll()
      .execute();
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(out);
}

for (const dialect of dialects) {
  describe(`authorization from the route table [${dialect}]`, () => {
    let t: TestApp;
    const b = { agencyId: '', govId: '', userId: '', username: 'ws.editor', sessionId: '' };
    const clients = new Map<string, Client>();
    let params: Record<string, string> = {};

    beforeAll(async () => {
      t = await testApp(dialect);
      // Agency B: another city's department, outside every demo actor's scope.
      const now = t.clock.now().toISOString();
      b.govId = randomUUID();
      b.agencyId = randomUUID();
      b.userId = randomUUID();
      const base = {
        status: 'active',
        successor_id: null,
        ended_on: null,
        sort_order: 9,
        created_at: now,
        updated_at: now,
      };
      await t.handle.db
        .insertInto('agencies')
        .values({
          id: b.govId,
          code: 'WS-GOV-0001',
          name: '外市人民政府',
          kind: 'government',
          level: 'city',
          parent_id: null,
          ...base,
        })
        .execute();
      await t.handle.db
        .insertInto('agencies')
        .values({
          id: b.agencyId,
          code: 'WS-MZ-0001',
          name: '外市民政局',
          kind: 'department',
          level: 'city',
          parent_id: b.govId,
          ...base,
        })
        .execute();
      await t.handle.db
        .insertInto('users')
        .values(
          newUserRow({
            id: b.userId,
            username: b.username,
            displayName: '外市编辑',
            agencyId: b.agencyId,
            passwordHash: await hashPassword(DEMO_PASSWORD),
            mustChangePassword: false,
            now,
          }),
        )
        .execute();
      await t.handle.db
        .insertInto('user_roles')
        .values([
          { user_id: b.userId, role: 'editor' },
          { user_id: b.userId, role: 'agencyAdmin' },
        ])
        .execute();
      await t.login(b.username);
      b.sessionId = (
        await t.handle.db
          .selectFrom('sessions')
          .select('id')
          .where('user_id', '=', b.userId)
          .executeTakeFirstOrThrow()
      ).id;
      for (const u of ACTORS) clients.set(u, await t.login(u));
      params = await resourcesOfB(t, b);
    });
    afterAll(async () => t?.close());

    it('every route declares an access rule', () => {
      const missing = t.app.routeTable.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
      expect(missing).toEqual([]);
      expect(t.app.routeTable.length).toBeGreaterThan(20);
    });

    function urlFor(url: string): string {
      const filled = url.replace(/:(\w+)/g, (_m, name: string) => {
        const value = params[name];
        if (!value)
          throw new Error(
            `no resource of agency B for route parameter :${name}: add one in authz-fixtures.ts`,
          );
        return value;
      });
      return `${filled}${filled.includes('?') ? '&' : '?'}agencyId=${b.agencyId}`;
    }

    const bPayload = () => ({
      agencyId: b.agencyId,
      successorId: b.agencyId,
      code: 'HIJACK-0001',
      name: '被篡改',
      kind: 'department',
      level: 'city',
      parentId: b.govId,
      username: 'hijacker',
      displayName: '劫持',
      roles: ['agencyAdmin'],
      status: 'disabled',
      year: 2026,
      noticeTitle: 'x',
    });

    it('no role of agency A can read or change agency B through any route', async () => {
      const failures: string[] = [];
      const bMarkers = [b.agencyId, b.userId, '外市民政局', b.username];
      for (const route of t.app.routeTable) {
        if (!route.access || route.access.kind === 'public') continue;
        for (const username of ACTORS) {
          const c = clients.get(username)!;
          const before = await dump(t);
          const res = await c.inject({
            method: route.method as 'GET',
            url: urlFor(route.url),
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: bPayload() }),
          });
          const after = await dump(t);
          const where = `${route.method} ${route.url} as ${username} → ${res.statusCode}`;
          if (route.access.kind === 'signedIn') {
            // Acts on the caller's own account or filters by scope: B must be neither shown nor touched.
            const leaked = bMarkers.filter((m) => res.body.includes(m));
            if (leaked.length) failures.push(`${where}: response shows agency B (${leaked.join(', ')})`);
            const touched = (s: string) => JSON.parse(s) as Record<string, string[]>;
            const bRows = (s: string) =>
              Object.values(touched(s))
                .flat()
                .filter((row) => bMarkers.some((m) => row.includes(m)))
                .join('\n');
            if (bRows(before) !== bRows(after)) failures.push(`${where}: changed agency B's rows`);
            if (res.statusCode >= 500) failures.push(`${where}: server error`);
            // Sign-out routes end the caller's own session: sign in again for the next route.
            if ((await c.inject({ url: '/api/v1/me' })).statusCode === 401)
              clients.set(username, await t.login(username));
          } else {
            if (res.statusCode !== 403 && res.statusCode !== 404)
              failures.push(`${where}: expected 403 or 404`);
            if (before !== after) failures.push(`${where}: wrote to the database`);
          }
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);
  });
}
