/**
 * The demo platform: one city government with three departments, one county
 * government below it with two departments, and a staff account for every role.
 * Idempotent: does nothing when agencies already exist.
 */
import { randomUUID } from 'node:crypto';
import { newUserRow, type Role } from '../modules/accounts/accounts.js';
import { insertAgency, insertUser, setRoles } from '../modules/accounts/accounts.repository.js';
import { systemActor } from '../modules/accounts/commands/context.js';
import { ensureCatalog } from '../modules/catalog/commands/ensure-catalog.js';
import { fillDemoGuide } from '../modules/catalog/demo.js';
import { fillDemoSite } from '../modules/portal/site-settings.demo.js';
import { rebuildSearchIndex } from '../modules/search/indexer.js';
import { hashPassword } from '../platform/auth/passwords.js';
import type { Services } from '../platform/services.js';

export const DEMO_PASSWORD = 'Demo-2026-gongkai';

interface DemoAgency {
  key: string;
  code: string;
  name: string;
  kind: 'government' | 'department';
  level: 'city' | 'county';
  parent?: string;
}

const AGENCIES: DemoAgency[] = [
  { key: 'city', code: '11510100DEMO00001X', name: '示例市人民政府', kind: 'government', level: 'city' },
  {
    key: 'city-mz',
    code: '11510100DEMO00002X',
    name: '示例市民政局',
    kind: 'department',
    level: 'city',
    parent: 'city',
  },
  {
    key: 'city-cz',
    code: '11510100DEMO00003X',
    name: '示例市财政局',
    kind: 'department',
    level: 'city',
    parent: 'city',
  },
  {
    key: 'city-jy',
    code: '11510100DEMO00004X',
    name: '示例市教育局',
    kind: 'department',
    level: 'city',
    parent: 'city',
  },
  {
    key: 'county',
    code: '11510121DEMO00001X',
    name: '示例市清河县人民政府',
    kind: 'government',
    level: 'county',
    parent: 'city',
  },
  {
    key: 'county-mz',
    code: '11510121DEMO00002X',
    name: '清河县民政局',
    kind: 'department',
    level: 'county',
    parent: 'county',
  },
  {
    key: 'county-zr',
    code: '11510121DEMO00003X',
    name: '清河县自然资源局',
    kind: 'department',
    level: 'county',
    parent: 'county',
  },
];

export interface DemoUser {
  username: string;
  displayName: string;
  agency: string | null;
  roles: Role[];
  platformAdmin?: boolean;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '平台管理员', agency: null, roles: [], platformAdmin: true },
  { username: 'city.supervisor', displayName: '周政务', agency: 'city', roles: ['supervisor'] },
  { username: 'mz.editor', displayName: '李编辑', agency: 'city-mz', roles: ['editor'] },
  { username: 'mz.reviewer', displayName: '王初审', agency: 'city-mz', roles: ['firstReviewer'] },
  { username: 'mz.secrecy', displayName: '赵保密', agency: 'city-mz', roles: ['secrecyReviewer'] },
  { username: 'mz.signer', displayName: '陈局长', agency: 'city-mz', roles: ['signer'] },
  { username: 'mz.office', displayName: '刘主任', agency: 'city-mz', roles: ['officeHead'] },
  { username: 'mz.handler', displayName: '孙办理', agency: 'city-mz', roles: ['caseHandler'] },
  { username: 'mz.admin', displayName: '吴管理', agency: 'city-mz', roles: ['agencyAdmin'] },
  { username: 'county.supervisor', displayName: '郑督导', agency: 'county', roles: ['supervisor'] },
  { username: 'qh.editor', displayName: '冯编辑', agency: 'county-mz', roles: ['editor', 'caseHandler'] },
];

export async function seedDemo(s: Services): Promise<boolean> {
  const existing = await s.db.selectFrom('agencies').select('id').limit(1).execute();
  if (existing.length > 0) return false;
  const now = s.clock.now().toISOString();
  const ids = new Map<string, string>();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await s.db.transaction().execute(async (trx) => {
    for (const [i, a] of AGENCIES.entries()) {
      const id = randomUUID();
      ids.set(a.key, id);
      await insertAgency(trx, {
        id,
        code: a.code,
        name: a.name,
        kind: a.kind,
        level: a.level,
        parent_id: a.parent ? ids.get(a.parent)! : null,
        status: 'active',
        successor_id: null,
        ended_on: null,
        sort_order: i,
        created_at: now,
        updated_at: now,
      });
      await s.audit.record(trx, systemActor(), {
        agencyId: id,
        action: 'agency.create',
        targetType: 'agency',
        targetId: id,
        after: { code: a.code, name: a.name, kind: a.kind, level: a.level, source: 'demo' },
      });
      await ensureCatalog(trx, s, { id, name: a.name, level: a.level, kind: a.kind });
      await fillDemoGuide(trx, s, { id, name: a.name }, i + 1);
    }
    await fillDemoSite(trx, s, AGENCIES[0]!.code);
    for (const u of DEMO_USERS) {
      const id = randomUUID();
      const agencyId = u.agency ? ids.get(u.agency)! : null;
      await insertUser(
        trx,
        newUserRow({
          id,
          username: u.username,
          displayName: u.displayName,
          agencyId,
          isPlatformAdmin: u.platformAdmin,
          passwordHash,
          mustChangePassword: false,
          now,
        }),
      );
      await setRoles(trx, id, u.roles);
      await s.audit.record(trx, systemActor(), {
        agencyId,
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        after: { username: u.username, roles: u.roles, isPlatformAdmin: !!u.platformAdmin, source: 'demo' },
      });
    }
  });
  // Whatever the demo publishes, the portal's search finds (commands index as they go; this catches the rest).
  await rebuildSearchIndex(s.db);
  return true;
}
