/**
 * Work views of the back office (read only): my cases, due within 3 or 5 working days, overdue, online
 * applications still unconfirmed one working day after they arrived, by handler, by agency; and an
 * applicant's count of applications this month (第三十五条, the 按件 fee). Lists carry no personal data: the
 * title of the information, dates and states; the applicant is opened on the case page (audited).
 */
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.js';
import { chinaToday, type LegalDate } from '../../platform/legal-date.js';
import type { Db, Services } from '../../platform/services.js';
import { canRead } from '../accounts/accounts.policy.js';
import type { CommandContext } from '../accounts/commands/context.js';
import type { WorkCalendar } from '../workdays/calendar.js';
import { type ApplicationCase, toCase } from './applications.js';
import { findCase } from './applications.repository.js';
import type { ApplicationCaseTable } from './applications.table.js';
import { CLOCK_STATE_LABELS, type ClockState } from './clock.js';
import { monthlyHistory } from './commands/fee.js';
import { itemsBeforeInMonth } from './fees.js';
import { OPEN_STATES, STATE_LABELS, UNFINISHED_STATES } from './workflow.js';

export interface CaseListItem {
  id: string;
  agencyId: string;
  trackingNo: string;
  state: ApplicationCase['state'];
  stateLabel: string;
  channel: ApplicationCase['channel'];
  applicantKind: ApplicationCase['applicantKind'];
  arrivedOn: LegalDate;
  receivedOn: LegalDate | null;
  dueOn: LegalDate | null;
  /** Working days from today to the due date (0 on the day itself, negative once overdue). */
  workdaysLeft: number | null;
  clockState: string | null;
  handlerId: string | null;
  handlerName: string | null;
  /** The name of the information asked for, or the start of its description. */
  title: string;
  possibleRepeat: boolean;
  provisional: boolean;
}

function workdaysLeft(cal: WorkCalendar, today: LegalDate, due: LegalDate | null): number | null {
  if (!due) return null;
  return due >= today ? cal.countWorkdays(today, due) : -cal.countWorkdays(due, today);
}

function toItem(
  row: ApplicationCaseTable & { handler_name: string | null },
  cal: WorkCalendar,
  today: LegalDate,
): CaseListItem {
  const c = toCase(row);
  const open = OPEN_STATES.includes(c.state);
  return {
    id: c.id,
    agencyId: c.agencyId,
    trackingNo: c.trackingNo,
    state: c.state,
    stateLabel: STATE_LABELS[c.state],
    channel: c.channel,
    applicantKind: c.applicantKind,
    arrivedOn: c.arrivedOn,
    receivedOn: c.receivedOn,
    dueOn: c.clock.dueOn,
    workdaysLeft: open ? workdaysLeft(cal, today, c.clock.dueOn) : null,
    clockState: c.clock.state ? CLOCK_STATE_LABELS[c.clock.state as ClockState] : null,
    handlerId: c.handlerId,
    handlerName: row.handler_name,
    title: c.info.title ?? [...c.info.description].slice(0, 40).join(''),
    possibleRepeat: c.possibleRepeatOf !== null,
    provisional: c.clock.provisional,
  };
}

export interface CaseFilter {
  agencyIds: string[];
  states?: readonly string[];
  handlerId?: string | null;
  dueFrom?: LegalDate;
  dueTo?: LegalDate;
  dueBefore?: LegalDate;
  limit?: number;
}

/** Cases matching the filter, by due date (none last), then tracking number. */
export async function listCases(db: Db, f: CaseFilter) {
  let q = db
    .selectFrom('application_cases')
    .leftJoin('users', 'users.id', 'application_cases.handler_id')
    .selectAll('application_cases')
    .select('users.display_name as handler_name')
    .where('application_cases.agency_id', 'in', f.agencyIds.length ? f.agencyIds : ['-'])
    // Cases without a due date last, on both engines (SQLite sorts nulls first, PostgreSQL last).
    .orderBy(sql`case when application_cases.due_on is null then 1 else 0 end`)
    .orderBy('application_cases.due_on')
    .orderBy('application_cases.tracking_no')
    .limit(f.limit ?? 500);
  if (f.states) q = q.where('application_cases.state', 'in', [...f.states]);
  if (f.handlerId !== undefined)
    q =
      f.handlerId === null
        ? q.where('application_cases.handler_id', 'is', null)
        : q.where('application_cases.handler_id', '=', f.handlerId);
  if (f.dueFrom) q = q.where('application_cases.due_on', '>=', f.dueFrom);
  if (f.dueTo) q = q.where('application_cases.due_on', '<=', f.dueTo);
  if (f.dueBefore) q = q.where('application_cases.due_on', '<', f.dueBefore);
  return q.execute();
}

async function assertReadable(ctx: CommandContext, agencyId: string): Promise<void> {
  if (!(await canRead(ctx.services.db, ctx.principal, agencyId))) throw new AppError('not_found');
}

async function items(services: Services, f: CaseFilter): Promise<CaseListItem[]> {
  const today = chinaToday(services.clock.now());
  const cal = await services.calendar.get(services.db);
  return (await listCases(services.db, f)).map((r) => toItem(r, cal, today));
}

/** The signed-in person's unfinished cases. */
export async function myCases(ctx: CommandContext): Promise<CaseListItem[]> {
  if (!ctx.principal.agencyId) return [];
  return items(ctx.services, {
    agencyIds: [ctx.principal.agencyId],
    states: OPEN_STATES,
    handlerId: ctx.principal.userId,
  });
}

/** Open cases due from today to the n-th working day after it (3 and 5 in the back office). */
export async function dueWithin(
  ctx: CommandContext,
  agencyId: string,
  workdays: number,
): Promise<CaseListItem[]> {
  await assertReadable(ctx, agencyId);
  const today = chinaToday(ctx.services.clock.now());
  const cal = await ctx.services.calendar.get(ctx.services.db);
  return items(ctx.services, {
    agencyIds: [agencyId],
    states: OPEN_STATES,
    dueFrom: today,
    dueTo: cal.addWorkdays(today, workdays),
  });
}

/** Open cases past their due date. */
export async function overdueCases(ctx: CommandContext, agencyId: string): Promise<CaseListItem[]> {
  await assertReadable(ctx, agencyId);
  return items(ctx.services, {
    agencyIds: [agencyId],
    states: OPEN_STATES,
    dueBefore: chinaToday(ctx.services.clock.now()),
  });
}

/**
 * Applications awaiting 双方确认 (online, plain letter, fax, e-mail) for more than one working day after they
 * arrived: the day after the first working day following the arrival has come.
 */
export async function unconfirmedCases(ctx: CommandContext, agencyId: string): Promise<CaseListItem[]> {
  await assertReadable(ctx, agencyId);
  const today = chinaToday(ctx.services.clock.now());
  const cal = await ctx.services.calendar.get(ctx.services.db);
  const all = await items(ctx.services, { agencyIds: [agencyId], states: ['submitted'] });
  return all.filter((c) => cal.addWorkdays(c.arrivedOn, 1) < today);
}

/** Unfinished cases of one handler (null: not yet assigned). */
export async function casesByHandler(
  ctx: CommandContext,
  agencyId: string,
  handlerId: string | null,
): Promise<CaseListItem[]> {
  await assertReadable(ctx, agencyId);
  return items(ctx.services, { agencyIds: [agencyId], states: UNFINISHED_STATES, handlerId });
}

/** An agency's cases, unfinished only by default. */
export async function casesOfAgency(
  ctx: CommandContext,
  agencyId: string,
  opts: { all?: boolean } = {},
): Promise<CaseListItem[]> {
  await assertReadable(ctx, agencyId);
  return items(ctx.services, { agencyIds: [agencyId], ...(opts.all ? {} : { states: UNFINISHED_STATES }) });
}

/** Open cases with their due dates, for the command line (no person: the operator runs it). */
export async function openCasesByDueDate(services: Services, agencyId: string): Promise<CaseListItem[]> {
  return items(services, { agencyIds: [agencyId], states: OPEN_STATES, limit: 100_000 });
}

/**
 * How many applications (件) the case's applicant made to the agency in the month of its receipt, by receipt
 * date — and how many before this one — as the 按件 fee counts them.
 */
export async function applicantMonthCount(
  ctx: CommandContext,
  caseId: string,
): Promise<{ month: string; total: number; before: number } | null> {
  const row = await findCase(ctx.services.db, caseId);
  if (!row) throw new AppError('not_found');
  await assertReadable(ctx, row.agency_id);
  if (!row.received_on) return null;
  const month = row.received_on.slice(0, 7);
  const history = (await monthlyHistory(ctx.services, row)).filter((h) => h.receivedOn.startsWith(month));
  return {
    month,
    total: history.reduce((n, h) => n + h.items, 0),
    before: itemsBeforeInMonth(history, caseId),
  };
}
