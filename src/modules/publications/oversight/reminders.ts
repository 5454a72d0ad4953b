/**
 * 待办提醒 on the back-office home: what waits for the signed-in person, as counts with a link each —
 * items at their review step, 三项清单 re-reviews due (第十八条), 待解读 policies, overdue 督办; for
 * supervisors the same across their scope. Only counts are queried; nothing is listed here.
 */
import { chinaToday } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import type { Principal, Role } from '../../accounts/accounts.js';
import { predecessorIds } from '../../accounts/accounts.repository.js';
import { awaitingMyReview } from '../queries.repository.js';
import { isOverseer, oversightScope } from './figures.js';
import {
  awaitingInterpretationCounts,
  overdueNoteCounts,
  registerDueCounts,
  sumOf,
} from './oversight.repository.js';

export interface Reminder {
  /** Stable key, for tests and styling. */
  key: string;
  text: string;
  href: string;
}

const has = (p: Principal, roles: readonly Role[]) => roles.some((r) => p.roles.has(r));

async function agencyReminders(services: Services, p: Principal, agencyId: string): Promise<Reminder[]> {
  const { db } = services;
  const today = chinaToday(services.clock.now());
  const ids = [agencyId, ...(await predecessorIds(db, agencyId))];
  const out: Reminder[] = [];
  const review = (await awaitingMyReview(db, p, { limit: 1, offset: 0 })).total;
  if (review > 0)
    out.push({
      key: 'review',
      text: `待我审核的信息：${review}件`,
      href: '/admin/publications?queue=review',
    });
  if (has(p, ['officeHead', 'signer'])) {
    const n = sumOf(await registerDueCounts(db, ids, today), ids);
    if (n > 0)
      out.push({
        key: 'registerDue',
        text: `三项清单到期待复核：${n}项（第十八条）`,
        href: '/admin/publications/register?filter=due',
      });
  }
  if (p.roles.has('editor')) {
    const n = sumOf(await awaitingInterpretationCounts(db, ids), ids);
    if (n > 0)
      out.push({
        key: 'awaitingInterpretation',
        text: `待解读的政策文件：${n}件`,
        href: '/admin/oversight/interpretations',
      });
  }
  if (has(p, ['agencyAdmin', 'officeHead'])) {
    const n = (await overdueNoteCounts(db, [agencyId], today)).get(agencyId) ?? 0;
    if (n > 0)
      out.push({
        key: 'overdueNotes',
        text: `逾期未答复的督办：${n}项`,
        href: '/admin/supervision?overdue=1',
      });
  }
  return out;
}

async function scopeReminders(services: Services, p: Principal): Promise<Reminder[]> {
  const { db } = services;
  const today = chinaToday(services.clock.now());
  const ids = (await oversightScope(db, p)).agencies.flatMap((a) => a.ids);
  const [overdue, due, awaiting] = await Promise.all([
    overdueNoteCounts(db, ids, today),
    registerDueCounts(db, ids, today),
    awaitingInterpretationCounts(db, ids),
  ]);
  const out: Reminder[] = [];
  const n = { overdue: sumOf(overdue, ids), due: sumOf(due, ids), awaiting: sumOf(awaiting, ids) };
  if (n.overdue > 0)
    out.push({
      key: 'scopeOverdueNotes',
      text: `监督范围内逾期未答复的督办：${n.overdue}项`,
      href: '/admin/supervision?overdue=1',
    });
  if (n.due > 0)
    out.push({
      key: 'scopeRegisterDue',
      text: `监督范围内三项清单到期未复核：${n.due}项`,
      href: '/admin/oversight',
    });
  if (n.awaiting > 0)
    out.push({
      key: 'scopeAwaitingInterpretation',
      text: `监督范围内待解读的政策文件：${n.awaiting}件`,
      href: '/admin/oversight/interpretations',
    });
  out.push({ key: 'oversight', text: '查看各单位政务公开监督统计', href: '/admin/oversight' });
  return out;
}

export async function remindersFor(services: Services, p: Principal): Promise<Reminder[]> {
  const own = p.agencyId ? await agencyReminders(services, p, p.agencyId) : [];
  return isOverseer(p) ? [...own, ...(await scopeReminders(services, p))] : own;
}
