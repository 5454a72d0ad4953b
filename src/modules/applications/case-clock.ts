/**
 * The bridge between a case's stored timeline and the pure clock (clock.ts): the clock events are the
 * `application_events` rows with clock = 1, in the order recorded; every command evaluates the timeline with
 * its new event appended, refuses it when computeClock returns anything in `rejected` (the new event, or an
 * earlier one it would invalidate, e.g. a back-dated withdrawal before a recorded reply), and stores the
 * resulting due date and state on the case.
 *
 * The clock settings are the agency's when the application arrived (`clock_settings_json`): changing an
 * agency's settings later never moves the deadlines of cases already received.
 */
import { AppError } from '../../platform/errors.js';
import { chinaToday, type LegalDate } from '../../platform/legal-date.js';
import type { WorkCalendar } from '../workdays/calendar.js';
import type { CaseEvent } from './applications.js';
import type { ApplicationCaseTable } from './applications.table.js';
import {
  type ClockEvent,
  ClockInputError,
  type ClockResult,
  type ClockSettings,
  computeClock,
  DEFAULT_CLOCK_SETTINGS,
} from './clock.js';

/** The clock event a stored event row stands for. */
export function toClockEvent(e: Pick<CaseEvent, 'kind' | 'on' | 'data'>): ClockEvent {
  if (e.kind === 'received') return { ...e.data, kind: 'received' } as ClockEvent;
  return { ...e.data, kind: e.kind, on: e.on } as ClockEvent;
}

/** How a clock event is stored: its kind, its legal date, the rest as JSON (never personal data). */
export function fromClockEvent(e: ClockEvent): { kind: string; on: LegalDate | null; data: string } {
  if (e.kind === 'received') {
    const { kind, ...facts } = e;
    const on = (facts.confirmedOn ?? facts.signedForOn ?? facts.submittedOn ?? null) as LegalDate | null;
    return { kind, on, data: JSON.stringify(facts) };
  }
  const { kind, on, ...rest } = e;
  return { kind, on, data: JSON.stringify(rest) };
}

export function timelineOf(events: readonly CaseEvent[]): ClockEvent[] {
  return events.filter((e) => e.clock).map(toClockEvent);
}

export function settingsOf(row: Pick<ApplicationCaseTable, 'clock_settings_json'>): ClockSettings {
  try {
    return { ...DEFAULT_CLOCK_SETTINGS, ...(JSON.parse(row.clock_settings_json) as Partial<ClockSettings>) };
  } catch {
    return { ...DEFAULT_CLOCK_SETTINGS };
  }
}

/**
 * Evaluates the timeline; an input the clock cannot evaluate at all (no valid receipt) becomes a validation
 * error naming the field, and any rejected event a refusal with the clock's Chinese reason.
 */
export function evaluateTimeline(
  timeline: readonly ClockEvent[],
  calendar: WorkCalendar,
  asOf: LegalDate,
  settings: ClockSettings,
): ClockResult {
  let result: ClockResult;
  try {
    result = computeClock(timeline, calendar, asOf, settings);
  } catch (e) {
    if (e instanceof ClockInputError) throw AppError.validation([{ field: e.field, message: e.message }]);
    throw e;
  }
  if (result.rejected.length > 0) {
    const newest = timeline.length - 1;
    const own = result.rejected.filter((r) => r.index === newest);
    const others = result.rejected.filter((r) => r.index !== newest);
    const reasons = [
      ...own.map((r) => r.reason),
      ...others.map((r) => `此日期与已登记的办理记录冲突：${r.reason}`),
    ];
    throw new AppError(
      'refused',
      reasons.join('；'),
      reasons.map((message) => ({ field: 'on', message })),
    );
  }
  return result;
}

/** The stored clock columns for a result. */
export function clockColumns(
  r: ClockResult,
): Pick<
  ApplicationCaseTable,
  | 'clock_start_on'
  | 'due_on'
  | 'clock_state'
  | 'correction_deadline'
  | 'fee_payment_deadline'
  | 'clock_as_of'
  | 'clock_provisional'
> {
  return {
    clock_start_on: r.clockStartOn,
    due_on: r.dueOn,
    clock_state: r.state,
    correction_deadline: r.correctionDeadline,
    fee_payment_deadline: r.feePaymentDeadline,
    clock_as_of: r.asOf,
    clock_provisional: r.provisionalYears.length > 0 ? 1 : 0,
  };
}

/** Today in China for a clock's "now". */
export function todayOf(now: Date): LegalDate {
  return chinaToday(now);
}
