/**
 * The one way an existing case changes: load it (404 outside the reader's scope), check the policy, let the
 * command plan its change, evaluate the clock over the timeline with the command's clock event appended
 * (refusing an event the clock rejects, with its Chinese reason), then in one transaction update the case
 * (only if nobody changed it meanwhile), run the command's own writes, append the event to the timeline and
 * record the audit event. A refused or failed command writes nothing.
 *
 * Audit before/after values carry states, dates, codes and numbers only — never the applicant's personal
 * data (the personal field names are still declared to the trail, in case one slips in).
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/database.js';
import type { Actor } from '../../../platform/audit/audit.js';
import type { AuditRecord } from '../../../platform/audit/redact.js';
import { AppError } from '../../../platform/errors.js';
import { chinaToday, type LegalDate } from '../../../platform/legal-date.js';
import type { Services } from '../../../platform/services.js';
import { canRead } from '../../accounts/accounts.policy.js';
import { auditActor, type CommandContext } from '../../accounts/commands/context.js';
import type { WorkCalendar } from '../../workdays/calendar.js';
import {
  type ApplicationCase,
  type CaseEvent,
  toAppeal,
  toCase,
  toConsultation,
  toEvent,
  toFee,
  toLetter,
} from '../applications.js';
import { assertCan, type CaseFacts, isRedo } from '../applications.policy.js';
import {
  appendEvents,
  findCase,
  findFee,
  listAppeals,
  listConsultations,
  listEvents,
  listLetters,
  updateCaseIf,
} from '../applications.repository.js';
import type { ApplicationCaseTable } from '../applications.table.js';
import { clockColumns, evaluateTimeline, fromClockEvent, settingsOf, timelineOf } from '../case-clock.js';
import type { ClockEvent, ClockResult, ClockSettings } from '../clock.js';
import { APPLICANT_PERSONAL_FIELDS } from '../personal.js';
import { type ApplicationSettings, getApplicationSettings } from '../settings.js';
import { ACTION_SPECS, type CaseAction, type CaseState, nextState } from '../workflow.js';

export type { CommandContext };

export interface LoadedCase {
  row: ApplicationCaseTable;
  case: ApplicationCase;
  events: CaseEvent[];
  facts: CaseFacts;
}

export async function loadFacts(services: Services, c: ApplicationCase): Promise<CaseFacts> {
  const db = services.db;
  const [letters, fee, consultations, appeals] = await Promise.all([
    listLetters(db, c.id),
    findFee(db, c.id),
    listConsultations(db, c.id),
    listAppeals(db, c.id),
  ]);
  const reply =
    letters
      .map(toLetter)
      .filter(
        (l) => l.kind === 'reply' && l.replyRound === c.replyRound && !l.superseded && l.status !== 'sent',
      )
      .at(-1) ?? null;
  return {
    reply,
    fee: fee ? toFee(fee) : null,
    consultations: consultations.map(toConsultation),
    appeals: appeals.map(toAppeal),
  };
}

/** The case with its timeline and facts; 404 (no existence oracle) outside the reader's scope. */
export async function loadCase(ctx: CommandContext, id: string): Promise<LoadedCase> {
  const row = await findCase(ctx.services.db, id);
  if (!row || !(await canRead(ctx.services.db, ctx.principal, row.agency_id)))
    throw new AppError('not_found', '该申请不存在。');
  return loadRow(ctx.services, row);
}

export async function loadRow(services: Services, row: ApplicationCaseTable): Promise<LoadedCase> {
  const c = toCase(row);
  const [events, facts] = await Promise.all([listEvents(services.db, c.id), loadFacts(services, c)]);
  return { row, case: c, events: events.map(toEvent), facts };
}

/** What a command's plan sees besides the case. */
export interface PlanEnv {
  today: LegalDate;
  now: string;
  calendar: WorkCalendar;
  /** The clock settings the case was received under. */
  clockSettings: ClockSettings;
  /** The agency's current settings (letter prefix …). */
  settings: ApplicationSettings;
}

export interface WriteEnv {
  now: string;
  today: LegalDate;
  /** The clock after this command (null when the case has no receipt yet, or in a 重新答复 round). */
  clock: ClockResult | null;
  actor: Actor;
}

export interface WriteResult {
  audit?: AuditRecord;
  patch?: Partial<ApplicationCaseTable>;
}

export interface CasePlan {
  /** The target state where the declaration offers several (registerOffline). */
  to?: CaseState;
  /** Appended to the clock timeline, evaluated, and stored as the command's event. */
  clockEvent?: ClockEvent;
  /** The legal date of the event when there is no clock event (default: today). */
  on?: LegalDate | null;
  note?: string | null;
  /** Data stored on a workflow (non-clock) event. Never personal data. */
  data?: Record<string, unknown>;
  patch?: Partial<ApplicationCaseTable>;
  /** Further writes after the case row is updated, in the same transaction. */
  write?: (trx: Transaction<Database>, env: WriteEnv) => Promise<WriteResult | undefined>;
  audit?: AuditRecord;
}

export async function planEnv(services: Services, row: ApplicationCaseTable): Promise<PlanEnv> {
  const now = services.clock.now();
  return {
    today: chinaToday(now),
    now: now.toISOString(),
    calendar: await services.calendar.get(services.db),
    clockSettings: settingsOf(row),
    settings: await getApplicationSettings(services.db, row.agency_id),
  };
}

/** Runs a staff action on a case: policy, plan, clock, one transaction. Returns the case as it is now. */
export async function runAction(
  ctx: CommandContext,
  id: string,
  action: CaseAction,
  plan: (lc: LoadedCase, env: PlanEnv) => CasePlan | Promise<CasePlan>,
): Promise<ApplicationCase> {
  const lc = await loadCase(ctx, id);
  assertCan(action, lc.case, ctx.principal, lc.facts);
  const env = await planEnv(ctx.services, lc.row);
  await applyAction(ctx.services, auditActor(ctx), lc, action, await plan(lc, env), env);
  return reloadCase(ctx.services, id);
}

export async function reloadCase(services: Services, id: string): Promise<ApplicationCase> {
  return toCase((await findCase(services.db, id))!);
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Applies an action already allowed (the applicant's withdrawal and the scheduled jobs check on their own). */
export async function applyAction(
  services: Services,
  actor: Actor,
  lc: LoadedCase,
  action: CaseAction,
  plan: CasePlan,
  env: PlanEnv,
): Promise<CaseState> {
  const c = lc.case;
  const to = nextState(action, c.state, plan.to);
  const outcomes = ACTION_SPECS[action].outcomes;
  if (outcomes && !(plan.patch?.outcome && outcomes.includes(plan.patch.outcome as never)))
    throw new Error(`terminal action ${action} must set exactly one of its outcomes`);

  // The clock over the timeline with the new event (a 重新答复 round adds no clock events).
  const timeline = [...timelineOf(lc.events), ...(plan.clockEvent ? [plan.clockEvent] : [])];
  const clock =
    timeline[0]?.kind === 'received' && !isRedo(c)
      ? evaluateTimeline(timeline, env.calendar, env.today, env.clockSettings)
      : null;

  const now = env.now;
  const stored = plan.clockEvent ? fromClockEvent(plan.clockEvent) : null;
  await services.db.transaction().execute(async (trx) => {
    const patch: Partial<ApplicationCaseTable> = {
      ...(clock ? clockColumns(clock) : {}),
      ...plan.patch,
      state: to,
      updated_at: now,
    };
    if (!(await updateCaseIf(trx, c.id, c.version, patch)))
      throw new AppError('conflict', '该申请刚刚已被他人处理，请刷新后重试。');
    const extra = (await plan.write?.(trx, { now, today: env.today, clock, actor })) ?? {};
    if (extra.patch)
      await trx.updateTable('application_cases').set(extra.patch).where('id', '=', c.id).execute();
    await appendEvents(trx, c.id, [
      {
        action,
        kind: stored?.kind ?? action,
        clock: stored ? 1 : 0,
        on_date: stored?.on ?? plan.on ?? env.today,
        data_json: stored?.data ?? JSON.stringify(plan.data ?? {}),
        from_state: c.state,
        to_state: to,
        actor_id: actor.actorId,
        actor_label: actor.actorLabel,
        note: plan.note || null,
        at: now,
      },
    ]);
    const dueOn = patch.due_on !== undefined ? patch.due_on : c.clock.dueOn;
    await services.audit.record(trx, actor, {
      agencyId: c.agencyId,
      action: `application.${snake(action)}`,
      targetType: 'application',
      targetId: c.id,
      before: { state: c.state, dueOn: c.clock.dueOn },
      after: {
        trackingNo: c.trackingNo,
        state: to,
        dueOn,
        ...(stored ? { event: stored.kind, on: stored.on } : {}),
        ...plan.audit,
        ...extra.audit,
      },
      personalFields: APPLICANT_PERSONAL_FIELDS,
    });
  });
  return to;
}
