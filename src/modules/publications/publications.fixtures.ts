/**
 * Test factories for publications (tests only): command contexts for the demo staff, a complete
 * draft input, and items built through the real commands into named states —
 * draft, inReview (at a step), atSignOff, published, scheduled, registered.
 */

import { randomUUID } from 'node:crypto';
import type { Services } from '../../platform/services.js';
import { newUserRow, type Principal, type Role } from '../accounts/accounts.js';
import { insertUser, setRoles } from '../accounts/accounts.repository.js';
import type { CommandContext } from '../accounts/commands/context.js';
import { toCatalogNode } from '../catalog/catalog.js';
import { listNodes } from '../catalog/catalog.repository.js';
import { approvePublication } from './commands/approve-step.js';
import { createPublication } from './commands/create-publication.js';
import { publishNow } from './commands/publish-now.js';
import { registerWithheld } from './commands/register-withheld.js';
import { schedulePublication } from './commands/schedule-publication.js';
import { submitPublication } from './commands/submit-publication.js';
import type { Publication } from './publications.js';

export interface FixtureApp {
  services: Services;
  agencies: Record<string, string>;
}

export const MZ = '示例市民政局';
export const QH = '清河县民政局';
export const CZ = '示例市财政局';

/** A further staff member of an agency with the given roles (e.g. one person holding two review roles). */
export async function addStaff(
  t: FixtureApp,
  username: string,
  agencyName: string,
  roles: Role[],
): Promise<string> {
  const id = randomUUID();
  const now = t.services.clock.now().toISOString();
  await insertUser(
    t.services.db,
    newUserRow({
      id,
      username,
      displayName: username,
      agencyId: t.agencies[agencyName]!,
      passwordHash: 'x',
      mustChangePassword: false,
      now,
    }),
  );
  await setRoles(t.services.db, id, roles);
  return id;
}

/** A command context for a demo user, principal read from the database. */
export async function ctxOf(t: FixtureApp, username: string): Promise<CommandContext> {
  const db = t.services.db;
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
  const principal: Principal = {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    agencyId: user.agency_id,
    roles: new Set(roles.map((r) => r.role as Role)),
    isPlatformAdmin: Number(user.is_platform_admin) === 1,
  };
  return { services: t.services, principal, requestId: null };
}

/** The first active column of an agency's catalogue (the demo seed creates the default tree). */
export async function columnOf(t: FixtureApp, agencyName = MZ): Promise<string> {
  const nodes = (await listNodes(t.services.db, t.agencies[agencyName]!)).map(toCatalogNode);
  const column = nodes.find((n) => n.kind === 'column' && n.status === 'active');
  if (!column) throw new Error(`no column in ${agencyName}`);
  return column.id;
}

export function completeInput(
  columnId: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    title: '关于调整城乡居民最低生活保障标准的通知',
    body: '各区（县）民政局：\n\n经研究，自2026年1月1日起调整最低生活保障标准。',
    bodyFormat: 'markdown',
    summary: '调整城乡低保标准',
    keywords: ['低保', '社会救助'],
    columnId,
    docNoPrefix: '示民发',
    docNoYear: 2026,
    docNoNumber: 3,
    writtenOn: '2026-02-26',
    formedOn: '2026-02-27',
    topic: 'civilAffairsRelief',
    genre: 'notice',
    ...extra,
  };
}

type Extra = Record<string, unknown>;

export const buildPublication = {
  async draft(t: FixtureApp, extra: Extra = {}, editor = 'mz.editor', agency = MZ): Promise<Publication> {
    return createPublication(
      await ctxOf(t, editor),
      t.agencies[agency]!,
      completeInput(await columnOf(t, agency), extra),
    );
  },
  /** Submitted and approved up to `step` (default 3 steps: firstReview → secrecyReview → signOff). */
  async inReview(t: FixtureApp, step: 'firstReview' | 'secrecyReview' | 'signOff', extra: Extra = {}) {
    let p = await buildPublication.draft(t, extra);
    p = await submitPublication(await ctxOf(t, 'mz.editor'), p.id);
    if (step === 'firstReview') return p;
    p = await approvePublication(await ctxOf(t, 'mz.reviewer'), p.id);
    if (step === 'secrecyReview') return p;
    return approvePublication(await ctxOf(t, 'mz.secrecy'), p.id);
  },
  async atSignOff(t: FixtureApp, extra: Extra = {}) {
    return buildPublication.inReview(t, 'signOff', extra);
  },
  async published(t: FixtureApp, extra: Extra = {}) {
    const p = await buildPublication.atSignOff(t, extra);
    return publishNow(await ctxOf(t, 'mz.signer'), p.id);
  },
  async scheduled(t: FixtureApp, scheduledAt: string, extra: Extra = {}) {
    const p = await buildPublication.atSignOff(t, extra);
    return schedulePublication(await ctxOf(t, 'mz.signer'), p.id, { scheduledAt });
  },
  async registered(t: FixtureApp, extra: Extra = {}) {
    const p = await buildPublication.atSignOff(t, {
      disclosureAttribute: 'withheld',
      withholdGround: 'E6',
      withholdReason: '属于内部讨论稿',
      ...extra,
    });
    return registerWithheld(await ctxOf(t, 'mz.signer'), p.id);
  },
};
