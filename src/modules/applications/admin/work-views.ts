/**
 * The work views of GET /admin/applications: which tabs a person has for an agency, the cases of a tab
 * (from queries.ts — lists without personal data), the handlers to filter by, one page of the list, and the
 * reminder counts of the back-office home.
 */
import type { Principal } from '../../accounts/accounts.js';
import { listUsers, rolesOfMany } from '../../accounts/accounts.repository.js';
import type { CommandContext } from '../../accounts/commands/context.js';
import {
  type CaseListItem,
  casesByHandler,
  casesOfAgency,
  dueWithin,
  myCases,
  overdueCases,
  unconfirmedCases,
} from '../queries.js';

export const VIEWS = ['mine', 'due3', 'due5', 'overdue', 'unconfirmed', 'open', 'handler', 'all'] as const;
export type WorkView = (typeof VIEWS)[number];

export const VIEW_LABELS: Record<WorkView, string> = {
  mine: '我的案件',
  due3: '3个工作日内到期',
  due5: '5个工作日内到期',
  overdue: '已逾期',
  unconfirmed: '待确认的网上申请',
  open: '全部未办结',
  handler: '按承办人',
  all: '全部案件（含已办结）',
};

export const VIEW_HINTS: Record<WorkView, string> = {
  mine: '由您承办、尚未办结的申请。',
  due3: '答复期限在今天至第3个工作日之间的未办结申请。',
  due5: '答复期限在今天至第5个工作日之间的未办结申请。',
  overdue: '已超过答复期限仍未办结的申请。',
  unconfirmed:
    '网上、平信、传真、电子邮件提交，到达后超过1个工作日仍未确认收到的申请（第三十一条：以双方确认之日为收到申请之日）。',
  open: '待确认和办理中的全部申请。',
  handler: '某一承办人（或尚未分办）的未办结申请。',
  all: '本单位的全部申请，含已办结、已撤回和已归档的。',
};

/** The tabs this person has for this agency: 我的案件 only in their own agency, for those who handle cases. */
export function viewsFor(p: Principal, agencyId: string): WorkView[] {
  const own = p.agencyId === agencyId;
  const handles = own && (p.roles.has('caseHandler') || p.roles.has('officeHead'));
  return VIEWS.filter((v) => v !== 'mine' || handles);
}

export interface HandlerOption {
  id: string;
  label: string;
}

/** The agency's staff who may handle cases (依申请办理, 公开办负责人), active ones first. */
export async function handlersOf(ctx: CommandContext, agencyId: string): Promise<HandlerOption[]> {
  const db = ctx.services.db;
  const users = await listUsers(db, [agencyId]);
  const roles = await rolesOfMany(
    db,
    users.map((u) => u.id),
  );
  return users
    .filter((u) => u.status === 'active')
    .filter((u) => (roles.get(u.id) ?? []).some((r) => r === 'caseHandler' || r === 'officeHead'))
    .map((u) => ({ id: u.id, label: u.display_name }));
}

/** `handler`: a user id, or 'none' for cases not yet assigned. */
export async function casesOfView(
  ctx: CommandContext,
  agencyId: string,
  view: WorkView,
  handler: string,
): Promise<CaseListItem[]> {
  switch (view) {
    case 'mine':
      return myCases(ctx);
    case 'due3':
      return dueWithin(ctx, agencyId, 3);
    case 'due5':
      return dueWithin(ctx, agencyId, 5);
    case 'overdue':
      return overdueCases(ctx, agencyId);
    case 'unconfirmed':
      return unconfirmedCases(ctx, agencyId);
    case 'handler':
      return handler ? casesByHandler(ctx, agencyId, handler === 'none' ? null : handler) : [];
    case 'all':
      return casesOfAgency(ctx, agencyId, { all: true });
    default:
      return casesOfAgency(ctx, agencyId);
  }
}

/** The queries stop at this many cases per list (queries.ts `listCases`). */
export const LIST_CAP = 500;

export interface ReminderLine {
  key: string;
  text: string;
  href: string;
}

/**
 * 待办提醒 of 依申请公开 for the back-office home: in the person's own agency, for its case staff, the open
 * cases due within 3 working days, the overdue ones and the unconfirmed online applications — counts with a
 * link each, nothing listed.
 */
export async function applicationReminders(ctx: CommandContext): Promise<ReminderLine[]> {
  const p = ctx.principal;
  const agencyId = p.agencyId;
  if (
    !agencyId ||
    !['caseHandler', 'officeHead', 'signer', 'agencyAdmin'].some((r) => p.roles.has(r as never))
  )
    return [];
  const [due, overdue, unconfirmed] = await Promise.all([
    dueWithin(ctx, agencyId, 3),
    overdueCases(ctx, agencyId),
    unconfirmedCases(ctx, agencyId),
  ]);
  const out: ReminderLine[] = [];
  if (overdue.length > 0)
    out.push({
      key: 'applicationsOverdue',
      text: `已逾期未答复的政府信息公开申请：${overdue.length}件`,
      href: '/admin/applications?view=overdue',
    });
  if (due.length > 0)
    out.push({
      key: 'applicationsDueSoon',
      text: `3个工作日内到期的政府信息公开申请：${due.length}件`,
      href: '/admin/applications?view=due3',
    });
  if (unconfirmed.length > 0)
    out.push({
      key: 'applicationsUnconfirmed',
      text: `到达超过1个工作日仍未确认的申请：${unconfirmed.length}件`,
      href: '/admin/applications?view=unconfirmed',
    });
  return out;
}
